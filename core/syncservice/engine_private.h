#pragma once

#include "client/file_index.h"
#include "client/local_account.h"
#include "client/network_context.h"
#include "client/pointer_client.h"
#include "client/remote_store.h"
#include "sync/account_log.h"
#include "sync/local_index.h"
#include "sync/versioner.h"
#include "syncservice/device_channel.h"
#include "syncservice/device_registry.h"
#include "syncservice/sync_engine.h"
#include "syncservice/sync_state.h"
#include "syncservice/sync_wire.h"

#include <QFileSystemWatcher>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <vector>

namespace stratus::syncservice {

struct EngineFolder {
    sync::FolderInfo info;
    std::unique_ptr<sync::Versioner> versioner;
    bool dirty = true;
    qint64 lastEventMs = 0;
    qint64 lastScanMs = 0;
    bool countsStale = true; // the status's file and conflict counts need a recount
};

// An entry another device wrote, opened and checked, with its content.
struct RemoteChange {
    sync::LogEntry entry;
    QByteArray device;     // writer's public key
    QByteArray contentRef; // ObjectRef bytes for File entries
};

class SyncEngine::Private {
public:
    explicit Private(SyncEngine *owner) : q(owner) {}

    SyncEngine *q;
    SyncEngineOptions options;
    client::LocalAccount account;
    std::unique_ptr<crypto::SigningKey> accountKey;
    std::unique_ptr<client::FileIndex> files;
    std::unique_ptr<client::NetworkContext> network;
    std::unique_ptr<client::RemoteStore> store;
    std::unique_ptr<client::PointerClient> pointers;
    std::unique_ptr<DeviceRegistry> registry;
    std::unique_ptr<sync::LocalIndex> index;
    std::unique_ptr<SyncState> state;
    QThreadPool hashPool;
    std::vector<std::unique_ptr<EngineFolder>> folders;
    DeviceList devices;
    qint64 devicesReadMs = 0;
    qint64 lastPullMs = 0;
    qint64 publishRetryMs = 0;
    QFileSystemWatcher *watcher = nullptr;
    QTimer *timer = nullptr;
    // Fires settleMs after the last file event, so a scan starts as soon as
    // a burst has settled, not up to a tick later.
    QTimer *settleTimer = nullptr;
    bool transferred = false; // this tick moved file content (its buffers are handed back after it)
    bool busy = false;
    bool registered = false;
    qint64 lastPurgeMs = 0;
    // BEP 44 lookups of other devices' heads (a hint beside the nodes').
    QHash<QByteArray, QFuture<Result<client::NetworkContext::DhtItem>>> dhtLookups;
    QHash<QByteArray, qint64> dhtLookupMs;
    QHash<QByteArray, qint64> dhtSequence;
    static QByteArray dhtHint(qint64 sequence, const QByteArray &hash, const QByteArray &batch);
    void checkDht(const DeviceRecord &device, qint64 nodesSequence);

    mutable QMutex statusMutex;
    QHash<QString, FolderStatus> statusOf; // by label
    void setActivity(const QString &label, const QString &activity);
    void setUploading(const QString &label, const QString &path, qint64 done, qint64 size);
    void noteProblem(const QString &label, const QString &path, const QString &reason);
    void noteSynced(EngineFolder &f);

    QString workDir() const { return account.dataDir + QStringLiteral("/work"); }
    static QString remotePath(const QString &label, const QString &path);
    void emitEvent(SyncEvent::Kind kind, const QString &folder, const QString &path, const QString &message);

    void tick();
    void onPathChanged(const QString &path);
    void watch(EngineFolder &f);
    Status ensureRegistered();

    // engine_publish.cpp
    Status scanFolder(EngineFolder &f);
    // Stores the new content of `changes` (a slice of a scan's), then
    // records them in the indexes.
    Status storeChanges(EngineFolder &f, const QList<sync::FileEntry> &changes);
    Status publishPending();

    // engine_pull.cpp
    Status pullPeers(bool historyOnly, int *entriesRead = nullptr);
    qint64 lastRetryMs = 0;
    // The device's entries after the applied head (`fromStart`: all of them).
    // File changes whose content a later Relocate of the list moved get
    // the new place.
    static void followMoves(QList<RemoteChange> &changes);
    Result<QList<RemoteChange>> readDevice(const DeviceRecord &device, const LogHead &head, bool fromStart = false);

    // engine_apply.cpp
    void keepForRetry(EngineFolder &f, const RemoteChange &c, const QString &reason);
    void retryFailed(EngineFolder &f);
    Status applyChanges(EngineFolder &f, const QList<RemoteChange> &changes, bool retryConflicts);
    // Downloads the content of File changes into the folder's
    // .stratus/incoming (one result per change, in order).
    QList<Result<QString>> downloadAll(EngineFolder &f, const QList<RemoteChange> &changes);

    // engine_devices.cpp: devices online at the same time.
    std::unique_ptr<DeviceChannel> channel;
    DeviceChannel *statusChannel = nullptr; // channel, for status() on any thread (under statusMutex)
    qint64 endpointPublishedMs = 0;
    qint64 peersRefreshMs = 0;
    QHash<QString, DevicePeer> endpoints; // by device id text
    void startChannel();
    void devicesStep(qint64 now);
    qint64 pollInterval() const;

    // engine_direct.cpp: large files read directly from the device that
    // changed them, while it stores them.
    std::atomic<bool> rateLimited{false}; // direct reads would pass the limits by
    qint64 stagedSweepMs = 0;
    void offerDirect(const EngineFolder &f, const sync::FileEntry &e);
    void considerOffer(const crypto::NodeId &from, const ContentOffer &offer);
    // Moves the copy of c's content read from its device to `file`, if
    // there is one (waiting for a read still under way).
    bool takeDirect(const EngineFolder &f, const RemoteChange &c, const QString &file);
    void directStep(qint64 now);

    // engine_compact.cpp: expiring old versions and compacting segments.
    qint64 nextCompactMs = 0; // 0: not scheduled yet (the first tick schedules it)
    void compactStep(qint64 now);
    // Another device moved an object's chunks: this device's copy follows.
    Status applyMove(const MovedObject &move);
    // Content recorded (SyncState blobs) under a moved manifest gets the
    // new place; `moved`: old sealed manifest -> ObjectRef bytes.
    Status followMovesInBlobs(const QHash<QByteArray, QByteArray> &moved);

    // engine_repair.cpp: the periodic repair pass, in bounded slices.
    qint64 nextRepairMs = 0;    // 0: not scheduled yet (the first tick schedules it)
    bool repairRunning = false; // a pass is under way
    QString repairResumeAfter;  // where its next slice starts
    client::RepairReport repairTotals;
    QSet<QByteArray> repairSeen;  // segments checked in this pass
    QSet<QString> repairReported; // failures the last pass reported (not repeated as problems)
    void repairStep(qint64 now);
};

} // namespace stratus::syncservice
