#include "wizard/folder_page.h"

#include "wizard/first_run_wizard.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

SyncFolderPage::SyncFolderPage(const QString &folder, QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("The folder to sync"));
    setSubTitle(tr("What you put in this folder is encrypted and stored on the network."));
    m_folder = new QLineEdit(folder, this);
    m_folder->setObjectName(u"syncFolder"_s);
    m_folder->setAccessibleName(tr("Folder to sync"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addStretch(1);
    registerField(u"folder"_s, m_folder);
    connect(m_folder, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("The folder to sync"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
}

int SyncFolderPage::nextId() const { return FirstRunWizard::NetworkPage; }

bool SyncFolderPage::isComplete() const { return !m_folder->text().trimmed().isEmpty(); }

} // namespace stratus::ui
