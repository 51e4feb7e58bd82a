#include "syncservice/sync_engine.h"

#include "common/freed_memory.h"

#include "client/credits_client.h"
#include "discovery/network_file.h"
#include "sync/apply_batch.h"
#include "sync/conflict_name.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHostInfo>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

SyncEngine::SyncEngine() : d(std::make_unique<Private>(this)) {}

SyncEngine::~SyncEngine()
{
    {
        QMutexLocker lock(&d->statusMutex);
        d->statusChannel = nullptr;
    }
    stop();
    d->hashPool.waitForDone();
    d->store.reset();
    d->network.reset();
}

QString SyncEngine::Private::remotePath(const QString &label, const QString &path)
{
    return u'/' + label + u'/' + path;
}

void SyncEngine::Private::setActivity(const QString &label, const QString &activity)
{
    QMutexLocker lock(&statusMutex);
    if (label.isEmpty()) {
        for (FolderStatus &s : statusOf)
            s.activity = activity;
    } else {
        statusOf[label].activity = activity;
    }
}

void SyncEngine::Private::setUploading(const QString &label, const QString &path, qint64 done, qint64 size)
{
    QMutexLocker lock(&statusMutex);
    FolderStatus &s = statusOf[label];
    s.uploadingPath = path;
    s.uploadingDone = done;
    s.uploadingSize = size;
}

void SyncEngine::Private::noteProblem(const QString &label, const QString &path, const QString &reason)
{
    QMutexLocker lock(&statusMutex);
    QStringList &problems = statusOf[label].problems;
    problems.append(path.isEmpty() ? reason : path + u": "_s + reason);
    while (problems.size() > 100)
        problems.removeFirst();
}

void SyncEngine::Private::noteSynced(EngineFolder &f)
{
    // Counted again only after a scan or an apply changed the index.
    int count = -1, conflicts = 0;
    if (f.countsStale) {
        auto entries = index->entriesUnder(f.info.id, QString());
        if (entries) {
            count = 0;
            for (const sync::FileEntry &e : entries.value())
                if (!e.deleted && e.type == sync::EntryType::File) {
                    ++count;
                    conflicts += sync::isConflictName(e.path) ? 1 : 0;
                }
            f.countsStale = false;
        }
    }
    QMutexLocker lock(&statusMutex);
    FolderStatus &s = statusOf[f.info.label];
    if (count >= 0) {
        s.files = count;
        s.conflicts = conflicts;
    }
    s.lastSyncMs = nowMs();
    s.activity = f.info.paused ? u"paused"_s : u"idle"_s;
}

QList<FolderStatus> SyncEngine::status() const
{
    QMutexLocker lock(&d->statusMutex);
    // statusChannel is set and cleared under statusMutex (any thread may ask).
    const std::optional<DeviceChannel::ActiveRead> reading =
        d->statusChannel ? d->statusChannel->activeRead() : std::optional<DeviceChannel::ActiveRead>();
    QList<FolderStatus> out;
    for (const auto &f : d->folders) {
        FolderStatus s = d->statusOf.value(f->info.label);
        if (reading && reading->folder == f->info.label) {
            s.receivingPath = reading->path;
            s.receivingDone = reading->done;
            s.receivingSize = reading->size;
            if (s.activity == u"idle"_s)
                s.activity = u"downloading 1 files"_s;
        }
        out.append(s);
    }
    return out;
}

void SyncEngine::setPaused(const QString &label, bool paused)
{
    QMetaObject::invokeMethod(this, [this, label, paused] {
        for (auto &f : d->folders)
            if (f->info.label == label) {
                f->info.paused = paused;
                f->dirty = true;
                (void)d->index->putFolder(f->info);
                QMutexLocker lock(&d->statusMutex);
                d->statusOf[label].paused = paused;
                d->statusOf[label].activity = paused ? u"paused"_s : u"idle"_s;
            }
    });
}

void SyncEngine::setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    d->network->setRateLimits(uploadBytesPerSecond, downloadBytesPerSecond);
    d->rateLimited = uploadBytesPerSecond > 0 || downloadBytesPerSecond > 0;
}

swarm::PayloadTotals SyncEngine::transferred() const { return d->network->transferred(); }

void SyncEngine::Private::emitEvent(SyncEvent::Kind kind, const QString &folder, const QString &path,
                                    const QString &message)
{
    if (kind == SyncEvent::Kind::Problem && !folder.isEmpty())
        noteProblem(folder, path, message);
    if (kind == SyncEvent::Kind::Problem || kind == SyncEvent::Kind::Conflict)
        qCWarning(lcSyncEngine).noquote() << folder << path << message;
    else
        qCInfo(lcSyncEngine).noquote() << folder << path << message;
    Q_EMIT q->event(SyncEvent{kind, folder, path, message});
}

Result<std::unique_ptr<SyncEngine>> SyncEngine::open(const SyncEngineOptions &options)
{
    std::unique_ptr<SyncEngine> engine(new SyncEngine());
    Private &p = *engine->d;
    p.options = options;
    auto account = client::openOrCreateAccount(options.dataDir);
    if (!account)
        return account.error();
    p.account = std::move(account.value());
    p.accountKey = std::make_unique<crypto::SigningKey>(p.account.keys.signingSeed);
    if (p.options.deviceName.isEmpty())
        p.options.deviceName = QHostInfo::localHostName();

    auto network = discovery::NetworkFile::load(options.networkFile);
    if (!network)
        return network.error();
    const QByteArray dbKey = p.account.databaseKey.toByteArray();
    auto files = client::FileIndex::open(p.account.dataDir + u"/client.db"_s, dbKey);
    if (!files)
        return makeError(u"cannot open the client database: %1"_s.arg(files.message()));
    p.files = std::move(files.value());
    auto index = sync::LocalIndex::open(p.account.dataDir + u"/sync-index.db"_s, dbKey);
    if (!index)
        return makeError(u"cannot open the sync index: %1"_s.arg(index.message()));
    p.index = std::move(index.value());
    auto state = SyncState::open(p.account.dataDir + u"/sync-state.db"_s, dbKey);
    if (!state)
        return makeError(u"cannot open the sync state: %1"_s.arg(state.message()));
    p.state = std::move(state.value());

    QStringList labels;
    for (const FolderSpec &spec : options.folders) {
        const QFileInfo root(spec.path);
        if (!root.isDir())
            return makeError(u"%1 is not a directory (create it first)"_s.arg(spec.path));
        const QString label = spec.label.isEmpty() ? root.fileName() : spec.label;
        if (label.isEmpty() || label.contains(u'/') || label.startsWith(u'.'))
            return makeError(u"%1 is not a folder label: a name without '/' that does not start with '.'"_s.arg(label));
        if (labels.contains(label))
            return makeError(u"two folders are labelled %1; give one another label (--folder LABEL=PATH)"_s.arg(label));
        labels.append(label);
        auto f = std::make_unique<EngineFolder>();
        auto known = p.index->folder(label);
        if (!known)
            return known.error();
        if (!known->has_value())
            // New on this device: what other devices wrote into it before
            // is applied at the first pull, not only what comes after.
            if (Status st = p.state->addCatchUp(label); !st)
                return st.error();
        f->info = known->value_or(sync::FolderInfo{});
        f->info.id = label;
        f->info.label = label;
        f->info.rootPath = root.canonicalFilePath();
        if (Status st = p.index->putFolder(f->info); !st)
            return st.error();
        f->versioner = std::make_unique<sync::Versioner>(f->info.rootPath,
                                                         sync::VersionPolicy{options.keepVersions, options.keepDays});
        FolderStatus st;
        st.label = label;
        st.path = f->info.rootPath;
        st.paused = f->info.paused;
        st.activity = f->info.paused ? u"paused"_s : u"starting"_s;
        p.statusOf.insert(label, st);
        p.folders.push_back(std::move(f));
    }

    auto context = client::NetworkContext::start(network.value(), *p.account.device, options.swarmAddress);
    if (!context)
        return context.error();
    p.network = std::move(context.value());
    p.store = std::make_unique<client::RemoteStore>(p.account, *p.files, *p.network, p.workDir());
    // A network with a treasury: this device's credits (the faucet's grant on
    // a devnet), handed to the validators, before the first contract.
    if (Status st = client::ensureCredits(*p.network, p.account.dataDir); !st)
        qCWarning(lcSyncEngine).noquote() << "credits:" << st.message();
    p.pointers = std::make_unique<client::PointerClient>(*p.network);
    p.registry = std::make_unique<DeviceRegistry>(*p.pointers, *p.accountKey);
    return engine;
}

QString SyncEngine::deviceId() const { return d->account.deviceId.toString(); }

Status SyncEngine::Private::ensureRegistered()
{
    if (registered)
        return {};
    auto list = registry->ensure(account.device->publicKey(), options.deviceName, nowMs());
    if (!list)
        return makeError(u"cannot register this device with the account: %1"_s.arg(list.message()));
    devices = list.value();
    devicesReadMs = nowMs();
    registered = true;
    return {};
}

Status SyncEngine::start()
{
    if (Status st = d->ensureRegistered(); !st)
        return st;
    for (auto &f : d->folders)
        if (auto r = sync::ApplyBatch::recover(*d->index, f->info); !r)
            return makeError(u"cannot recover %1: %2"_s.arg(f->info.rootPath, r.message()));
    d->watcher = new QFileSystemWatcher(this);
    connect(d->watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString &p) { d->onPathChanged(p); });
    connect(d->watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &p) { d->onPathChanged(p); });
    for (auto &f : d->folders)
        d->watch(*f);
    d->startChannel();
    d->timer = new QTimer(this);
    connect(d->timer, &QTimer::timeout, this, [this] { d->tick(); });
    d->timer->start(d->options.tickMs);
    d->settleTimer = new QTimer(this);
    d->settleTimer->setSingleShot(true);
    d->settleTimer->setTimerType(Qt::PreciseTimer); // a coarse one may fire before the burst counts as settled
    d->settleTimer->setInterval(d->options.settleMs);
    connect(d->settleTimer, &QTimer::timeout, this, [this] { d->tick(); });
    QTimer::singleShot(0, this, [this] { d->tick(); });
    return {};
}

void SyncEngine::stop()
{
    if (d->timer)
        d->timer->stop();
    if (d->settleTimer) {
        d->settleTimer->stop();
        d->settleTimer = nullptr; // file events no longer start it (it stays a child of this)
    }
}

Status SyncEngine::syncOnce()
{
    if (Status st = d->ensureRegistered(); !st)
        return st;
    Status result;
    for (auto &f : d->folders)
        if (Status st = d->scanFolder(*f); !st && result)
            result = st;
    if (Status st = d->publishPending(); !st && result)
        result = st;
    if (Status st = d->pullPeers(false); !st && result)
        result = st;
    return result;
}

Result<int> SyncEngine::pullHistory()
{
    if (Status st = d->ensureRegistered(); !st)
        return st.error();
    int entries = 0;
    if (Status st = d->pullPeers(true, &entries); !st)
        return st.error();
    return entries;
}

void SyncEngine::Private::onPathChanged(const QString &path)
{
    for (auto &f : folders)
        if (path == f->info.rootPath || path.startsWith(f->info.rootPath + u'/')) {
            if (path.contains(u"/.stratus"_s))
                continue;
            f->dirty = true;
            f->lastEventMs = nowMs();
            if (settleTimer)
                settleTimer->start(); // again: from this event on
        }
}

void SyncEngine::Private::watch(EngineFolder &f)
{
    QStringList dirs{f.info.rootPath};
    auto entries = index->entriesUnder(f.info.id, QString());
    if (entries)
        for (const sync::FileEntry &e : entries.value())
            if (e.type == sync::EntryType::Directory && !e.deleted)
                dirs.append(f.info.rootPath + u'/' + e.path);
    const QStringList watched = watcher->directories();
    QStringList add;
    for (const QString &dir : dirs)
        if (!watched.contains(dir))
            add.append(dir);
    if (!add.isEmpty())
        watcher->addPaths(add); // paths that vanished meanwhile are skipped by Qt
}

void SyncEngine::Private::tick()
{
    if (busy)
        return;
    busy = true;
    const qint64 now = nowMs();
    for (auto &f : folders) {
        if (f->info.paused)
            continue;
        const bool settled = f->dirty && now - f->lastEventMs >= options.settleMs;
        if (settled || now - f->lastScanMs >= options.rescanMs) {
            setActivity(f->info.label, u"scanning"_s);
            if (Status st = scanFolder(*f); !st)
                emitEvent(SyncEvent::Kind::Problem, f->info.label, QString(), st.message());
            watch(*f);
        }
    }
    // Old versions and trash past the policy (10 versions / 30 days), hourly.
    if (now - lastPurgeMs >= 3600 * 1000) {
        lastPurgeMs = now;
        for (auto &f : folders)
            if (auto purged = f->versioner->purge(now); !purged)
                emitEvent(SyncEvent::Kind::Problem, f->info.label, u".stratus/versions"_s, purged.message());
    }
    if (now >= publishRetryMs) {
        if (Status st = publishPending(); !st) {
            emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                      u"cannot publish changes (trying again in 5 s): %1"_s.arg(st.message()));
            publishRetryMs = now + 5000;
        }
    }
    devicesStep(nowMs());
    directStep(nowMs());
    if (nowMs() - lastPullMs >= pollInterval()) {
        if (Status st = pullPeers(false); !st)
            emitEvent(SyncEvent::Kind::Problem, QString(), QString(), st.message());
        lastPullMs = nowMs();
        for (auto &f : folders)
            if (!f->dirty)
                noteSynced(*f);
    }
    if (options.repairIntervalMs > 0)
        repairStep(nowMs());
    if (options.compactIntervalMs > 0)
        compactStep(nowMs());
    if (transferred) {
        transferred = false;
        returnFreedMemory(); // kept during the transfer (api/process_tuning.h), not after it
    }
    busy = false;
}

} // namespace stratus::syncservice
