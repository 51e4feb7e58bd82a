#include "files/remote_tree_model.h"

#include "engine/formatting.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHash>

using namespace Qt::StringLiterals;

namespace stratus::ui {

RemoteTreeModel::RemoteTreeModel(QObject *parent) : QStandardItemModel(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels(
        {tr("Name"), tr("Size"), tr("Modified"), tr("Version"), tr("Health"), tr("On this device")});
}

QString RemoteTreeModel::localStateText(LocalState state)
{
    switch (state) {
    case LocalState::Unknown:
        return {};
    case LocalState::Synced:
        return tr("synced");
    case LocalState::Changed:
        return tr("changed here, syncing");
    case LocalState::Missing:
        return tr("not here (yet)");
    case LocalState::NotSyncedHere:
        return tr("only on the network");
    }
    return {};
}

QHash<QString, RemoteTreeModel::LocalState> RemoteTreeModel::localStates(const QList<api::RemoteFileInfo> &files,
                                                                         const QHash<QString, QString> &syncedFolders)
{
    QHash<QString, LocalState> out;
    for (const api::RemoteFileInfo &f : files) {
        const QString label = f.path.section(u'/', 1, 1);
        const QString rest = f.path.section(u'/', 2);
        const auto folder = syncedFolders.constFind(label);
        if (folder == syncedFolders.cend() || rest.isEmpty()) {
            out.insert(f.path, LocalState::NotSyncedHere);
            continue;
        }
        const QFileInfo local(folder.value() + u'/' + rest);
        if (!local.isFile())
            out.insert(f.path, LocalState::Missing);
        else if (local.size() == f.size && qAbs(local.lastModified().toMSecsSinceEpoch() - f.mtimeMs) < 2000)
            out.insert(f.path, LocalState::Synced);
        else
            out.insert(f.path, LocalState::Changed);
    }
    return out;
}

QString RemoteTreeModel::healthText(const api::RemoteFileInfo &file)
{
    if (file.healthyShards < 0)
        return tr("unknown");
    QString text = tr("%1 of %2 shards reachable").arg(file.healthyShards).arg(file.shardsPerSegment);
    if (file.healthyShards < file.shardsPerSegment)
        text += tr(" (repair pending)");
    return text;
}

QStringList RemoteTreeModel::paths() const
{
    QStringList out;
    for (const api::RemoteFileInfo &f : m_files)
        out.append(f.path);
    return out;
}

QStandardItem *RemoteTreeModel::folderItem(QHash<QString, QStandardItem *> &folders, const QString &path)
{
    if (path.isEmpty())
        return invisibleRootItem();
    if (QStandardItem *item = folders.value(path))
        return item;
    const qsizetype slash = path.lastIndexOf(u'/');
    QStandardItem *parent = folderItem(folders, slash > 0 ? path.left(slash) : QString());
    auto *item = new QStandardItem(path.mid(slash + 1));
    item->setEditable(false);
    item->setData(u'/' + path, FolderRole);
    QList<QStandardItem *> row{item};
    for (int c = 1; c < ColumnCount; ++c) {
        row.append(new QStandardItem);
        row.back()->setEditable(false);
    }
    parent->appendRow(row);
    folders.insert(path, item);
    return item;
}

void RemoteTreeModel::setFiles(const QList<api::RemoteFileInfo> &listed, const QHash<QString, LocalState> &local)
{
    // A listing without health keeps what the last check found for the same
    // version of a file.
    QHash<QString, api::RemoteFileInfo> before;
    for (const api::RemoteFileInfo &f : m_files)
        before.insert(f.path, f);
    QList<api::RemoteFileInfo> files = listed;
    for (api::RemoteFileInfo &f : files) {
        const api::RemoteFileInfo old = before.value(f.path);
        if (f.healthyShards < 0 && old.version == f.version && old.path == f.path) {
            f.healthyShards = old.healthyShards;
            f.shardsPerSegment = old.shardsPerSegment;
        }
    }
    m_files = files;
    removeRows(0, rowCount());
    QHash<QString, QStandardItem *> folders;
    for (const api::RemoteFileInfo &f : files) {
        QString path = f.path;
        while (path.startsWith(u'/'))
            path.remove(0, 1);
        const qsizetype slash = path.lastIndexOf(u'/');
        QStandardItem *parent = folderItem(folders, slash > 0 ? path.left(slash) : QString());
        QList<QStandardItem *> row{
            new QStandardItem(path.mid(slash + 1)),   new QStandardItem(formatBytes(f.size)),
            new QStandardItem(formatTime(f.mtimeMs)), new QStandardItem(QString::number(f.version)),
            new QStandardItem(healthText(f)),         new QStandardItem(localStateText(local.value(f.path)))};
        row[Here]->setData(static_cast<int>(local.value(f.path)), Qt::UserRole);
        row[Size]->setData(f.size, Qt::UserRole);
        row[Name]->setToolTip(f.path);
        row[Name]->setData(f.path, PathRole);
        for (QStandardItem *item : row)
            item->setEditable(false);
        parent->appendRow(row);
    }
}

} // namespace stratus::ui
