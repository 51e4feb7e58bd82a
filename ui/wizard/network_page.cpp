#include "wizard/network_page.h"

#include "wizard/first_run_wizard.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

NetworkChoicePage::NetworkChoicePage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("The network"));
    setSubTitle(tr("Where your encrypted files are stored."));
    m_local = new QRadioButton(tr("A &local network on this computer"), this);
    auto *warning = new QLabel(tr("The app starts a small network of storage nodes itself. All of them live on "
                                  "this one machine: it is for trying Stratus out and is no backup. Files stored "
                                  "there are lost with this computer."),
                               this);
    warning->setObjectName(u"localNetworkWarning"_s);
    warning->setWordWrap(true);
    warning->setIndent(24);
    m_file = new QRadioButton(tr("The network of a network &file:"), this);
    m_path = new QLineEdit(this);
    m_path->setObjectName(u"networkFile"_s);
    m_path->setAccessibleName(tr("Network file"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    m_local->setChecked(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_local);
    layout->addWidget(warning);
    layout->addWidget(m_file);
    layout->addLayout(row);
    layout->addStretch(1);
    registerField(u"localNetwork"_s, m_local);
    registerField(u"networkFile"_s, m_path);
    connect(m_local, &QRadioButton::toggled, this, &QWizardPage::completeChanged);
    connect(m_path, &QLineEdit::textChanged, this, [this]() {
        if (!m_path->text().isEmpty())
            m_file->setChecked(true);
        Q_EMIT completeChanged();
    });
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Network file"), QString(), tr("Network files (*.json)"));
        if (!f.isEmpty())
            m_path->setText(f);
    });
}

int NetworkChoicePage::nextId() const { return FirstRunWizard::ContributionPage; }

bool NetworkChoicePage::isComplete() const
{
    return m_local->isChecked() || QFileInfo(m_path->text().trimmed()).isFile();
}

} // namespace stratus::ui
