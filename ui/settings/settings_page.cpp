#include "settings/settings_page.h"

#include "engine/app_settings.h"
#include "engine/session.h"
#include "settings/autostart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr qint64 kGiB = qint64(1) << 30;

QSpinBox *rateBox(int value, const QString &name, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 10000000);
    box->setSuffix(SettingsPage::tr(" KiB/s"));
    box->setSpecialValueText(SettingsPage::tr("unlimited"));
    box->setValue(value);
    box->setAccessibleName(name);
    return box;
}

} // namespace

SettingsPage::SettingsPage(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    AppSettings &s = session.settings();
    auto *network = new QGroupBox(tr("Network"), this);
    m_local = new QRadioButton(tr("A &local network on this computer (for trying out; no backup)"), network);
    m_file = new QRadioButton(tr("The network of a &network file:"), network);
    m_networkFile = new QLineEdit(s.networkFile(), network);
    m_networkFile->setAccessibleName(tr("Network file"));
    auto *browse = new QPushButton(tr("&Browse…"), network);
    (s.networkFile().isEmpty() ? m_local : m_file)->setChecked(true);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file);
    fileRow->addWidget(m_networkFile, 1);
    fileRow->addWidget(browse);
    auto *networkLayout = new QVBoxLayout(network);
    networkLayout->addWidget(m_local);
    networkLayout->addLayout(fileRow);

    m_up = rateBox(s.uploadLimitKiB(), tr("Upload limit"), this);
    m_down = rateBox(s.downloadLimitKiB(), tr("Download limit"), this);
    m_storage = new QSpinBox(this);
    m_storage->setRange(1, 100000);
    m_storage->setSuffix(tr(" GiB"));
    m_storage->setValue(static_cast<int>(std::max<qint64>(1, s.storageBytes() / kGiB)));
    m_storage->setAccessibleName(tr("Storage allocation"));
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Deutsch"_s, u"de"_s);
    m_language->addItem(u"Français"_s, u"fr"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(s.language())));
    m_autostart = new QCheckBox(tr("Start Stratus when I log in"), this);
    m_autostart->setChecked(autostartEnabled());
    for (QWidget *w : std::initializer_list<QWidget *>{m_up, m_down, m_storage, m_language})
        w->setMaximumWidth(260);
    auto *form = new QFormLayout;
    form->addRow(tr("Upload limit:"), m_up);
    form->addRow(tr("Download limit:"), m_down);
    form->addRow(tr("Storage to contribute:"), m_storage);
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), m_autostart);
    auto *saveButton = new QPushButton(tr("&Save"), this);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(network);
    layout->addLayout(form);
    layout->addWidget(saveButton, 0, Qt::AlignLeft);
    layout->addWidget(m_note);
    layout->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Network file"), m_networkFile->text(), tr("Network files (*.json)"));
        if (!f.isEmpty()) {
            m_networkFile->setText(f);
            m_file->setChecked(true);
        }
    });
    connect(saveButton, &QPushButton::clicked, this, &SettingsPage::save);
    connect(m_autostart, &QCheckBox::toggled, this, [this](bool on) {
        const QString error = setAutostart(on, QCoreApplication::applicationFilePath());
        m_note->setText(error.isEmpty() ? QString() : tr("Start at login: %1").arg(error));
    });
}

void SettingsPage::save()
{
    AppSettings &s = m_session.settings();
    const QString network = m_file->isChecked() ? m_networkFile->text().trimmed() : QString();
    const bool networkChanged = network != s.networkFile();
    const QString language = m_language->currentData().toString();
    const bool languageChangedNow = language != s.language();
    s.setNetworkFile(network);
    s.setUploadLimitKiB(m_up->value());
    s.setDownloadLimitKiB(m_down->value());
    m_session.applyRateLimits(); // the sync engine's swarm, at once
    s.setLanguage(language);
    const qint64 bytes = qint64(m_storage->value()) * kGiB;
    if (bytes != s.storageBytes() && s.contributeStorage())
        m_session.applyNodeRoles(true, bytes, s.paperNode());
    s.setStorageBytes(bytes);
    s.sync();
    QStringList notes{tr("Saved.")};
    if (networkChanged)
        notes.append(tr("The new network is used from the next start."));
    if (languageChangedNow) {
        // The window is rebuilt in the new language at once; while files are
        // being stored this page stays and says when it happens.
        notes.append(tr("The language changes once the files being stored are done, or at the next start."));
        Q_EMIT languageChanged(language);
    }
    m_note->setText(notes.join(u' '));
}

} // namespace stratus::ui
