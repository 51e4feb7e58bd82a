#pragma once

// The account's tree on the network (api::Client::list), as folders and
// files with size, modified time, version and health.

#include "api/client.h"

#include <QHash>
#include <QStandardItemModel>

namespace stratus::ui {

class RemoteTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Column { Name, Size, Modified, Version, Health, Here, ColumnCount };
    // On a file's Name item: its path as stored ("/Stratus/a.txt").
    static constexpr int PathRole = Qt::UserRole + 1;
    // On a folder's Name item: its path ("/Stratus/Photos").
    static constexpr int FolderRole = Qt::UserRole + 2;

    // A file of the account's tree on this device.
    enum class LocalState {
        Unknown,
        Synced,        // in a synced folder here, as on the network
        Changed,       // in a synced folder here, different (syncing)
        Missing,       // its folder syncs here, the file is not there (yet)
        NotSyncedHere, // its folder does not sync to this device
    };
    static QString localStateText(LocalState state);
    // Compares each file with the synced folders here (label -> directory);
    // reads the disk: not on the GUI thread.
    static QHash<QString, LocalState> localStates(const QList<api::RemoteFileInfo> &files,
                                                  const QHash<QString, QString> &syncedFolders);

    explicit RemoteTreeModel(QObject *parent = nullptr);

    // Replaces the tree; a file listed without health keeps the health last
    // seen for the same version.
    void setFiles(const QList<api::RemoteFileInfo> &listed, const QHash<QString, LocalState> &local = {});
    const QList<api::RemoteFileInfo> &files() const { return m_files; }
    // Paths as stored ("/Stratus/a.txt").
    QStringList paths() const;

    static QString healthText(const api::RemoteFileInfo &file);

private:
    QStandardItem *folderItem(QHash<QString, QStandardItem *> &folders, const QString &path);

    QList<api::RemoteFileInfo> m_files;
};

} // namespace stratus::ui
