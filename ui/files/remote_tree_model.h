#pragma once

// The account's tree on the network (api::Client::list), as folders and
// files with size, modified time, version and health.

#include "api/client.h"

#include <QStandardItemModel>

namespace stratus::ui {

class RemoteTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Column { Name, Size, Modified, Version, Health, ColumnCount };
    // On a file's Name item: its path as stored ("/Stratus/a.txt").
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit RemoteTreeModel(QObject *parent = nullptr);

    // Replaces the tree; a file listed without health keeps the health last
    // seen for the same version.
    void setFiles(const QList<api::RemoteFileInfo> &listed);
    const QList<api::RemoteFileInfo> &files() const { return m_files; }
    // Paths as stored ("/Stratus/a.txt").
    QStringList paths() const;

    static QString healthText(const api::RemoteFileInfo &file);

private:
    QStandardItem *folderItem(QHash<QString, QStandardItem *> &folders, const QString &path);

    QList<api::RemoteFileInfo> m_files;
};

} // namespace stratus::ui
