#include "wizard/restore_page.h"

#include "api/desktop_account.h"
#include "wizard/first_run_wizard.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

RestoreSecretPage::RestoreSecretPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Restore your account"));
    setSubTitle(tr("Type your recovery secret: 13 groups of 5 characters, separated by dashes."));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(u"restoreSecret"_s);
    m_text->setAccessibleName(tr("Recovery secret"));
    m_text->setMaximumHeight(120);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"restoreProblem"_s);
    m_problem->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    registerField(u"restoreSecret"_s, this, "secret", SIGNAL(secretChanged()));
    connect(m_text, &QPlainTextEdit::textChanged, this, &RestoreSecretPage::check);
}

int RestoreSecretPage::nextId() const { return FirstRunWizard::FolderPage; }

bool RestoreSecretPage::isComplete() const { return m_valid; }

QString RestoreSecretPage::secret() const
{
    // Line breaks and spaces from copying are not part of the secret.
    QString s = m_text->toPlainText().toUpper();
    s.remove(u' ');
    s.remove(u'\n');
    s.remove(u'\t');
    return s;
}

QString RestoreSecretPage::problem() const { return m_problem->text(); }

void RestoreSecretPage::check()
{
    const QString s = secret();
    const Status st = api::checkRecoverySecret(s);
    m_valid = st.ok();
    m_problem->setText(s.isEmpty() ? QString() : st.ok() ? tr("The secret is valid.") : st.message());
    Q_EMIT secretChanged();
    Q_EMIT completeChanged();
}

} // namespace stratus::ui
