#include "files/remote_tree_model.h"

#include "engine/formatting.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace stratus::ui {

RemoteTreeModel::RemoteTreeModel(QObject *parent) : QStandardItemModel(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Name"), tr("Size"), tr("Modified"), tr("Version"), tr("Health")});
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
    QList<QStandardItem *> row{item};
    for (int c = 1; c < ColumnCount; ++c) {
        row.append(new QStandardItem);
        row.back()->setEditable(false);
    }
    parent->appendRow(row);
    folders.insert(path, item);
    return item;
}

void RemoteTreeModel::setFiles(const QList<api::RemoteFileInfo> &listed)
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
        QList<QStandardItem *> row{new QStandardItem(path.mid(slash + 1)), new QStandardItem(formatBytes(f.size)),
                                   new QStandardItem(formatTime(f.mtimeMs)),
                                   new QStandardItem(QString::number(f.version)), new QStandardItem(healthText(f))};
        row[Size]->setData(f.size, Qt::UserRole);
        row[Name]->setToolTip(f.path);
        row[Name]->setData(f.path, PathRole);
        for (QStandardItem *item : row)
            item->setEditable(false);
        parent->appendRow(row);
    }
}

} // namespace stratus::ui
