#include "wizard/first_run_wizard.h"

#include "api/desktop_account.h"
#include "engine/app_settings.h"
#include "wizard/account_choice_page.h"
#include "wizard/confirm_secret_page.h"
#include "wizard/contribute_page.h"
#include "wizard/folder_page.h"
#include "wizard/network_page.h"
#include "wizard/restore_page.h"
#include "wizard/secret_page.h"

#include <QDir>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr qint64 kGiB = qint64(1) << 30;

} // namespace

FirstRunWizard::FirstRunWizard(const AppPaths &paths, AppSettings &settings, QWidget *parent)
    : QWizard(parent), m_paths(paths), m_settings(settings), m_secret(api::generateRecoverySecret())
{
    setWindowTitle(tr("Welcome to Stratus"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    resize(680, 500);
    setPage(ChoicePage, new AccountChoicePage(this));
    setPage(SecretPage, new ShowSecretPage(m_secret, this));
    setPage(ConfirmPage, new ConfirmSecretPage(m_secret, this));
    setPage(RestorePage, new RestoreSecretPage(this));
    setPage(FolderPage, new SyncFolderPage(settings.syncFolder(), this));
    setPage(NetworkPage, new NetworkChoicePage(this));
    setPage(ContributionPage, new ContributePage(paths.dataDir, this));
    setStartId(ChoicePage);
}

QString FirstRunWizard::finish()
{
    const bool create = field(u"create"_s).toBool();
    const QString secret = create ? m_secret : field(u"restoreSecret"_s).toString();
    if (!api::hasAccount(m_paths.accountDir))
        if (Status st = api::restoreAccount(m_paths.accountDir, secret); !st)
            return st.message();
    const QString folder = field(u"folder"_s).toString().trimmed();
    if (!QDir().mkpath(folder))
        return tr("Cannot create the folder %1").arg(folder);
    m_settings.setSyncFolder(QDir(folder).absolutePath());
    m_settings.setNetworkFile(field(u"localNetwork"_s).toBool() ? QString()
                                                                : field(u"networkFile"_s).toString().trimmed());
    m_settings.setContributeStorage(field(u"contribute"_s).toBool());
    m_settings.setStorageBytes(qint64(field(u"storageGiB"_s).toInt()) * kGiB);
    m_settings.setPaperNode(field(u"paperNode"_s).toBool());
    m_settings.setConfigured(true);
    m_settings.sync();
    return {};
}

void FirstRunWizard::accept()
{
    if (const QString error = finish(); !error.isEmpty()) {
        QMessageBox::warning(this, tr("Stratus"), error);
        return;
    }
    QWizard::accept();
}

} // namespace stratus::ui
