#include "files/sync_folders_box.h"

#include "engine/app_settings.h"
#include "engine/core_words.h"
#include "engine/session.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

SyncFoldersBox::SyncFoldersBox(Session &session, QWidget *parent)
    : QGroupBox(tr("Synced folders"), parent), m_session(session)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(u"syncFolders"_s);
    m_list->setAccessibleName(tr("Synced folders"));
    m_list->setMaximumHeight(80);
    auto *add = new QPushButton(tr("A&dd…"), this);
    m_remove = new QPushButton(tr("Re&move"), this);
    m_remove->setToolTip(tr("Stops syncing the folder; its files stay on this computer and on the network"));
    auto *open = new QPushButton(tr("&Open"), this);
    m_pause = new QPushButton(this);
    m_pause->setObjectName(u"pauseFolder"_s);
    m_pause->setAccessibleName(tr("Pause or resume syncing the selected folder"));
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addWidget(open);
    buttons->addWidget(m_pause);
    buttons->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a folder to sync"), QDir::homePath());
        if (!dir.isEmpty())
            addFolder(dir);
    });
    connect(m_remove, &QPushButton::clicked, this, [this]() { removeFolder(currentFolder()); });
    connect(open, &QPushButton::clicked, this,
            [this]() { QDesktopServices::openUrl(QUrl::fromLocalFile(currentFolder())); });
    // The selected folder; while everything is paused (the tray), all of them.
    connect(m_pause, &QPushButton::clicked, this, [this]() {
        if (m_session.paused())
            m_session.setPaused(false);
        else
            m_session.setFolderPaused(currentFolder(), !m_session.folderPaused(currentFolder()));
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &SyncFoldersBox::updateTexts);
    connect(&session, &Session::pausedChanged, this, &SyncFoldersBox::updateTexts);
    connect(&session, &Session::syncStatusChanged, this, &SyncFoldersBox::updateTexts);
    reload();
}

void SyncFoldersBox::reload()
{
    const QString current = currentFolder();
    m_list->clear();
    for (const QString &folder : m_session.settings().syncFolders()) {
        auto *item = new QListWidgetItem(m_list);
        item->setData(Qt::UserRole, folder);
    }
    selectFolder(current);
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
    updateTexts();
}

QString SyncFoldersBox::currentFolder() const
{
    if (QListWidgetItem *item = m_list->currentItem())
        return item->data(Qt::UserRole).toString();
    return m_session.settings().syncFolder();
}

void SyncFoldersBox::selectFolder(const QString &folder)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == folder)
            m_list->setCurrentRow(i);
}

bool SyncFoldersBox::addFolder(const QString &folder)
{
    const QString path = QDir(folder).absolutePath();
    QStringList folders = m_session.settings().syncFolders();
    if (folders.contains(path) || !QDir().mkpath(path))
        return false;
    folders.append(path);
    m_session.settings().setSyncFolders(folders);
    m_session.restartSync();
    reload();
    selectFolder(path);
    return true;
}

bool SyncFoldersBox::removeFolder(const QString &folder)
{
    QStringList folders = m_session.settings().syncFolders();
    if (folders.size() < 2 || !folders.removeAll(folder))
        return false; // one folder always stays
    m_session.settings().setSyncFolders(folders);
    m_session.restartSync();
    reload();
    return true;
}

void SyncFoldersBox::setBusyFolder(const QString &folder, const QString &status)
{
    m_busyFolder = folder;
    m_busyStatus = status;
    updateTexts();
}

void SyncFoldersBox::updateTexts()
{
    const QList<api::SyncFolderStatus> status = m_session.syncStatus();
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QString folder = item->data(Qt::UserRole).toString();
        QString text = m_session.folderPaused(folder) ? tr("paused") : tr("up to date");
        QString tip;
        for (const api::SyncFolderStatus &s : status) {
            if (s.path != QDir::cleanPath(folder))
                continue;
            if (!s.paused && s.activity != u"idle"_s && !s.activity.isEmpty())
                text = syncActivityText(s.activity); // scanning, uploading N files, ...
            text += u" · "_s + tr("%n file(s)", nullptr, s.files);
            if (s.conflicts > 0)
                text += u" · "_s + tr("%n conflict(s)", nullptr, s.conflicts);
            if (!s.problems.isEmpty()) {
                text += u" · "_s + tr("%n problem(s)", nullptr, static_cast<int>(s.problems.size()));
                tip = s.problems.join(u'\n');
            }
        }
        if (folder == m_busyFolder && !m_busyStatus.isEmpty())
            text = m_busyStatus;
        item->setText(u"%1 — %2"_s.arg(QDir::toNativeSeparators(folder), text));
        item->setToolTip(tip);
    }
    m_remove->setEnabled(m_list->count() > 1);
    if (m_session.paused())
        m_pause->setText(tr("&Resume all"));
    else
        m_pause->setText(m_session.folderPaused(currentFolder()) ? tr("&Resume") : tr("&Pause"));
}

} // namespace stratus::ui
