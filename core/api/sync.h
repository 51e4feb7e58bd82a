#pragma once

// Accounts, devices and the sync engine (`stratus account`, `stratus sync`,
// `stratus versions`/`restore`, and the desktop app's Files page).

#include "api/desktop_account.h" // checkRecoverySecret
#include "common/result.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace stratus::api {

struct NewAccountInfo {
    QString dataDir;
    QString accountId;
    QString deviceId;
    QString recoverySecret; // as a person types it back
    int historyEntries = 0; // restore: log entries brought back
};

// Creates an account in `dataDir` (refused when it has one). With a network
// file, the device is also registered with the account on the network.
Result<NewAccountInfo> createAccount(const QString &dataDir, const QString &networkFile);
// Makes `dataDir` a new device of the account and brings back its whole
// file tree and history from the network (`stratus ls` shows it).
Result<NewAccountInfo> restoreAccount(const QString &dataDir, const QString &networkFile, const QString &secret);

struct DeviceInfo {
    QString id;
    QString name;
    qint64 addedMs = 0;
    qint64 revokedMs = 0;
    bool thisDevice = false;
};
Result<QList<DeviceInfo>> accountDevices(const QString &dataDir, const QString &networkFile);
// `which`: a device's name or (the start of) its id.
Result<DeviceInfo> revokeDevice(const QString &dataDir, const QString &networkFile, const QString &which);

struct SyncFolderOption {
    QString label; // empty: the directory's name
    QString path;
};

struct SyncOptions {
    QString dataDir;
    QString networkFile;
    QString swarmAddress = QStringLiteral("127.0.0.1");
    QString deviceName;
    QList<SyncFolderOption> folders;
    // How often the stored content is checked and lost shards rebuilt (and
    // contracts renewed); 0: never (SYNCSERVICE.md "Repair").
    qint64 repairIntervalMs = qint64(10) * 60 * 1000;
    // Older versions kept (in the folders and the account's history): the
    // newest keepVersions, none replaced more than keepDays ago; 0: no limit.
    int keepVersions = 10;
    int keepDays = 30;
    // How often expired versions are dropped and the segments they leave
    // dead deleted or repacked; 0: never (SYNCSERVICE.md "History").
    qint64 compactIntervalMs = qint64(3600) * 1000;
};

struct SyncEventInfo {
    QString kind; // scanned, uploaded, stored (one per file), published, applied, conflict, problem, repaired,
                  // compacted
    QString folder;
    QString path;
    QString message;
};

struct SyncFolderStatus {
    QString label;
    QString path;
    bool paused = false;
    QString activity; // idle, paused, scanning, uploading N files, downloading N files, ...
    qint64 lastSyncMs = 0;
    int files = 0;
    int conflicts = 0;
    QStringList problems; // "path: reason"
    // While uploading: the file being stored now (relative to the folder),
    // its bytes done and its size (per-file progress).
    QString uploadingPath;
    qint64 uploadingDone = 0;
    qint64 uploadingSize = 0;
    // While a large file is read directly from the device that changed it:
    // its path in the folder, bytes read and size.
    QString receivingPath;
    qint64 receivingDone = 0;
    qint64 receivingSize = 0;
};

// Bytes a sync engine has moved over the network since it started.
struct SyncTraffic {
    qint64 uploaded = 0;
    qint64 downloaded = 0;
};

// A sync engine. start() runs it on a thread of its own until the session
// is destroyed; events are delivered on that thread (a UI queues them to
// its own). status(), setPaused(), setRateLimits() and traffic() may be
// called from any thread. syncOnce() runs one pass on the calling thread
// instead (for scripts; not together with start()).
class SyncSession {
public:
    virtual ~SyncSession() = default;
    virtual QString deviceId() const = 0;
    virtual Status start() = 0;
    virtual Status syncOnce() = 0;
    virtual QList<SyncFolderStatus> status() const = 0;
    virtual void setPaused(const QString &label, bool paused) = 0;
    // Bytes per second; 0: no limit.
    virtual void setRateLimits(qint64 upload, qint64 download) = 0;
    // Any thread.
    virtual SyncTraffic traffic() const = 0;
};
// The name prefix of a file a UI is copying into a synced folder: the engine
// neither syncs such a file nor removes it as a leftover while it is fresh.
QString dropTempPrefix();

Result<std::unique_ptr<SyncSession>> openSync(const SyncOptions &options,
                                              std::function<void(const SyncEventInfo &)> onEvent = {});

struct ConflictInfo {
    QString folder;          // the folder's label
    QString folderPath;      // where it is on this device
    QString path;            // the conflict copy, relative to the folder
    QString original;        // the file it is a copy of
    QString device;          // short name of the device whose version the copy holds
    bool copyIsMine = false; // the copy holds this device's version
};
// Open conflicts: conflict copies present in the synced folders of `dataDir`.
Result<QList<ConflictInfo>> syncConflicts(const QString &dataDir);

// How an open conflict ends. "Mine" is this device's version, "theirs" the
// other device's: the kept one stays (or becomes) the original file, the
// other goes to the folder's trash (.stratus/trash, and it stays a version
// on the network). Both: the copy gets an ordinary name beside the original.
// The sync engine then syncs the result like any local edit.
enum class ConflictChoice { KeepMine, KeepTheirs, KeepBoth };
// Returns what is left, relative to the folder (the original, or with
// KeepBoth the copy's new name).
Result<QString> resolveConflict(const QString &dataDir, const ConflictInfo &conflict, ConflictChoice choice);

// A file deleted from a synced folder whose content is still on the network.
struct TrashedFileInfo {
    QString folder;  // the folder's label
    QString path;    // its account path, "/Label/dir/name"
    qint64 size = 0; // of the last version with content
    int version = 0; // that version (restoreFileVersion brings it back)
    qint64 deletedMs = 0;
};
Result<QList<TrashedFileInfo>> syncTrash(const QString &dataDir);

struct FileVersionInfo {
    int version = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    qint64 recordedMs = 0;
    bool deleted = false;
};
// Every version of an account path ("/Docs/a.txt", or a file inside a
// synced folder) this device knows: its own edits and other devices', also
// of deleted files. Newest first.
Result<QList<FileVersionInfo>> fileVersions(const QString &dataDir, const QString &path);
// Brings version `version` back: into the synced folder (as a new edit,
// which then syncs) or into `outFile` when given. Returns where it went.
Result<QString> restoreFileVersion(const QString &dataDir, const QString &networkFile, const QString &path, int version,
                                   const QString &outFile);

} // namespace stratus::api
