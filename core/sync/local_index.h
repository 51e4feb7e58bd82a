#pragma once

#include "common/result.h"
#include "db/database.h"
#include "sync/version_vector.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace stratus::sync {

enum class EntryType { File = 0, Directory = 1, Symlink = 2 };

// What the device knows of one path of a synced folder.
struct FileEntry {
    QString path; // relative to the folder root, '/'-separated, no leading '/'
    EntryType type = EntryType::File;
    qint64 size = 0;
    qint64 mtimeNs = 0; // nanoseconds since the Unix epoch
    qint64 inode = 0;   // lets a rescan trust (size, mtime) only for the same file
    int mode = 0;       // permission bits; only the executable bit syncs
    QByteArray hash;    // SHA-256 of the content for files, empty otherwise
    VersionVector version;
    bool deleted = false; // kept as a tombstone so the deletion itself syncs
    qint64 sequence = 0;  // set by the index on every write; see changedSince()

    bool executable() const { return (mode & 0100) != 0; }
    friend bool operator==(const FileEntry &, const FileEntry &) = default;
};

// A synced folder as this device sees it.
struct FolderInfo {
    QString id;       // stable id of the folder in the account
    QString rootPath; // absolute local path
    QString label;    // its name in the account's tree
    qint64 lastScanMs = 0;
    bool paused = false;
    qint64 sequence = 0; // the highest sequence written in this folder (read-only)
};

// The device's local index (DESIGN.md "Sync engine"), in SQLCipher: per path
// of each synced folder its size, mtime, inode, mode, hash, version vector and
// deleted flag, plus per-folder metadata.
//
// Every write gets the next sequence number of its folder, so "what changed
// since I last looked" (the account log writer, a peer catching up) is one
// indexed query. A batch is one transaction: after a crash either all of it
// or none of it is there, never half a scan.
//
// Like every Database, an index belongs to one thread at a time.
class LocalIndex {
public:
    static Result<std::unique_ptr<LocalIndex>> open(const QString &path, const QByteArray &key32);

    // Adds or updates a folder (its files and sequence are kept).
    Status putFolder(const FolderInfo &folder);
    Result<std::optional<FolderInfo>> folder(const QString &id);
    Result<QList<FolderInfo>> folders();
    // Forgets a folder and everything indexed in it.
    Status removeFolder(const QString &id);

    // Writes `entries` into `folderId` in one transaction, giving each the
    // next sequence number (stored back into `entries`). Returns the folder's
    // new highest sequence. The folder must exist.
    Result<qint64> writeBatch(const QString &folderId, QList<FileEntry> &entries);

    Result<std::optional<FileEntry>> entry(const QString &folderId, const QString &path);
    // `prefix` itself and everything below it, by path; "" gives the folder.
    Result<QList<FileEntry>> entriesUnder(const QString &folderId, const QString &prefix);
    // Every entry written after `sequence`, in sequence order.
    Result<QList<FileEntry>> changedSince(const QString &folderId, qint64 sequence);

    // A relative path the index accepts: non-empty, '/'-separated, no leading
    // or trailing '/', no empty, "." or ".." parts.
    static bool isValidPath(const QString &path);

private:
    explicit LocalIndex(std::unique_ptr<db::Database> db);

    std::unique_ptr<db::Database> m_db;
};

} // namespace stratus::sync
