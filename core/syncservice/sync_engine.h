#pragma once

#include "common/result.h"
#include "swarm/swarm_types.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace stratus::syncservice {

struct FolderSpec {
    QString label; // its top-level directory in the account's tree
    QString path;  // the local directory
};

struct SyncEngineOptions {
    QString dataDir;
    QString networkFile;
    QString swarmAddress = QStringLiteral("127.0.0.1");
    QString deviceName; // empty: the host name
    QList<FolderSpec> folders;
    int tickMs = 250;     // how often the engine looks at what changed
    int settleMs = 300;   // a burst of file events settles this long before a scan
    int pollMs = 1000;    // how often other devices' log heads are read
    int rescanMs = 30000; // a full rescan for events the watcher missed
    // How often stored content is checked and repaired (engine_repair.cpp);
    // 0: never. The first pass starts min(this, 2 min) after start().
    qint64 repairIntervalMs = qint64(10) * 60 * 1000;
    // Older versions kept, in the folders (.stratus/versions) and in the
    // account's history: the newest keepVersions, none replaced more than
    // keepDays ago (0: no limit).
    int keepVersions = 10;
    int keepDays = 30;
    // How often expired versions are dropped from the history and the
    // segments they leave dead are deleted or repacked (engine_compact.cpp);
    // also the grace period before a retired segment is deleted. 0: never.
    qint64 compactIntervalMs = qint64(3600) * 1000;
};

// A synced folder as the UI shows it.
struct FolderStatus {
    QString label;
    QString path;
    bool paused = false;
    QString activity;      // idle, scanning, uploading, publishing, downloading, applying
    qint64 lastSyncMs = 0; // when it last matched the account's log
    int files = 0;
    int conflicts = 0;
    QStringList problems; // "path: reason", newest last
    // While uploading: the file being stored now (relative to the folder)
    // and its bytes done of its size.
    QString uploadingPath;
    qint64 uploadingDone = 0;
    qint64 uploadingSize = 0;
    // While a large file is read directly from the device that changed it
    // (SYNCSERVICE.md "Large files, device to device"): which, and how far.
    QString receivingPath;
    qint64 receivingDone = 0;
    qint64 receivingSize = 0;
};

// What the engine did or could not do, for a status line, a UI or a test.
// Stored: one file's current content is on the network and recorded (path
// set; one event per file of a scan, for a UI waiting on a file it copied).
struct SyncEvent {
    enum class Kind { Scanned, Uploaded, Stored, Published, Applied, Conflict, Problem, Repaired, Compacted };
    Kind kind = Kind::Scanned;
    QString folder;
    QString path;
    QString message;
};

// The sync engine (SYNCSERVICE.md): keeps folders in sync with the account's
// other devices through the network. Local changes are scanned (a watcher
// and a periodic rescan), their content stored through the pipeline, and
// the changes published as sealed, signed account-log entries in batches
// whose newest one a signed pointer on the storage nodes names. Other
// devices' heads are polled; their new entries are fetched, checked and
// applied with batched durability, concurrent edits kept as conflict copies.
//
// Everything runs on the thread that owns the engine (its databases belong
// to it); the network has its own thread. Blocking calls happen on the
// engine's thread only.
class SyncEngine : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<SyncEngine>> open(const SyncEngineOptions &options);
    ~SyncEngine() override;

    // Registers the device, recovers interrupted applies, and starts the
    // watcher and the tick timer on this thread's event loop.
    Status start();
    void stop();
    // One full pass (scan every folder, publish, pull and apply).
    Status syncOnce();
    // Reads every device's log into this device's history (the client's
    // index) without touching any folder: what a restore brings back.
    // Returns how many entries were read.
    Result<int> pullHistory();

    QString deviceId() const;

    // Safe from any thread.
    QList<FolderStatus> status() const;
    void setPaused(const QString &label, bool paused);
    void setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    // Shard bytes the engine has sent and received (for transfer rates).
    swarm::PayloadTotals transferred() const;

Q_SIGNALS:
    void event(const stratus::syncservice::SyncEvent &event);

private:
    class Private;
    SyncEngine();
    std::unique_ptr<Private> d;
};

} // namespace stratus::syncservice
