#include "swarm/session_private.h"

#include "common/files.h"
#include "swarm/log.h"
#include "swarm/shard_torrent.h"

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

Status SwarmSession::fetchShard(const object::ShardId &id, const QString &destDir, const EndpointList &peers)
{
    Q_ASSERT(QThread::currentThread() == thread());
    const QFileInfo dir(destDir);
    if (!dir.isDir())
        return makeError(u"cannot fetch shard %1: %2 is not a directory"_s.arg(id.toString(), destDir));
    return d->startFetch(id, dir.absoluteFilePath(), peers);
}

Status SwarmSession::fetchShardToMemory(const object::ShardId &id, const EndpointList &peers)
{
    Q_ASSERT(QThread::currentThread() == thread());
    return d->startFetch(id, QString(), peers);
}

Status SwarmSession::Private::startFetch(const object::ShardId &id, const QString &destDir, const EndpointList &peers)
{
    auto hash = infoHashFor(id);
    if (!hash)
        return hash.error();
    const bool inMemory = destDir.isEmpty();
    const QDir dest(destDir);
    const QString finalPath = inMemory ? QString() : dest.filePath(id.toString());
    if (!inMemory && QFileInfo::exists(finalPath))
        return makeError(u"cannot fetch shard %1: %2 already exists"_s.arg(id.toString(), finalPath));
    const lt::sha256_hash key = toSha256(*hash);
    if (const LoadedShard *shard = findById(id)) {
        if (shard->role == ShardRole::Fetch)
            return makeError(u"shard %1 is already being fetched"_s.arg(id.toString()));
        return makeError(u"shard %1 is loaded here, seeding from %2"_s.arg(id.toString(), shard->filePath));
    }
    if (pendingRemovals.count(key))
        return makeError(u"cannot fetch shard %1 yet: it is still being unloaded; try again"_s.arg(id.toString()));
    for (const Endpoint &peer : peers) {
        if (auto ep = toTcpEndpoint(peer); !ep)
            return makeError(u"cannot fetch shard %1: %2"_s.arg(id.toString(), ep.message()));
    }

    // Whatever a crashed earlier attempt left is not trusted: without the
    // piece layer libtorrent could not check its pieces one by one anyway.
    const QString partName = id.toString() + u".part"_s;
    if (!inMemory && QFileInfo::exists(dest.filePath(partName)) && !QFile::remove(dest.filePath(partName)))
        return makeError(
            u"cannot fetch shard %1: cannot remove the stale %2"_s.arg(id.toString(), dest.filePath(partName)));

    auto torrent = bareTorrentFileFor(id);
    if (!torrent)
        return torrent.error();
    auto info = parseShardTorrent(torrent.value(), id, u"fetch"_s);
    if (!info)
        return info.error();
    lt::add_torrent_params atp;
    atp.ti = std::move(info.value());
    std::shared_ptr<MemoryShard> buffer;
    if (inMemory) {
        buffer = std::make_shared<MemoryShard>();
        buffer->bytes = QByteArray(static_cast<qsizetype>(id.size), Qt::Uninitialized);
        buffer->size = buffer->bytes.size();
        buffer->writable = buffer->bytes.data();
        memory->add(key, buffer);
        atp.save_path = memoryPathFor(key);
    } else {
        atp.save_path = dest.absolutePath().toStdString();
        atp.renamed_files[lt::file_index_t(0)] = partName.toStdString();
    }
    atp.flags &= ~lt::torrent_flags::auto_managed;
    atp.flags |= lt::torrent_flags::paused | lt::torrent_flags::duplicate_is_error | lt::torrent_flags::disable_dht |
                 lt::torrent_flags::disable_lsd | lt::torrent_flags::disable_pex;
    // Peers known up front are in the torrent's peer list when it starts,
    // which connects to them at once (connect_peer() afterwards waits for
    // libtorrent's once-a-second connection scheduler).
    for (const Endpoint &peer : peers)
        if (auto ep = toTcpEndpoint(peer))
            atp.peers.push_back(*ep);

    LoadedShard shard;
    shard.id = id;
    shard.role = ShardRole::Fetch;
    shard.memory = std::move(buffer);
    shard.filePath = inMemory ? u"(memory)"_s : finalPath;
    shard.destDir = inMemory ? QString() : dest.absolutePath();
    shard.partName = partName;
    shard.peers = peers;
    shard.started.start();
    shard.lastActive = shard.lastProgress = Clock::now();
    shards.emplace(key, std::move(shard));
    session->async_add_torrent(std::move(atp));
    return {};
}

Status SwarmSession::addFetchPeers(const object::ShardId &id, const EndpointList &peers)
{
    Q_ASSERT(QThread::currentThread() == thread());
    LoadedShard *shard = d->findById(id);
    if (!shard || shard->role != ShardRole::Fetch)
        return makeError(u"shard %1 is not being fetched"_s.arg(id.toString()));
    for (const Endpoint &peer : peers) {
        auto ep = toTcpEndpoint(peer);
        if (!ep)
            return ep.error();
        shard->peers.append(peer);
        if (shard->handle.is_valid())
            shard->handle.connect_peer(*ep);
    }
    return {};
}

void SwarmSession::cancelFetch(const object::ShardId &id)
{
    Q_ASSERT(QThread::currentThread() == thread());
    const LoadedShard *shard = d->findById(id);
    if (!shard || shard->role != ShardRole::Fetch)
        return;
    d->failFetch(toSha256(*infoHashFor(id)), u"cancelled"_s);
}

void SwarmSession::Private::startFetchPeers(LoadedShard &shard)
{
    for (const Endpoint &peer : std::as_const(shard.peers)) {
        if (auto ep = toTcpEndpoint(peer))
            shard.handle.connect_peer(*ep);
    }
}

void SwarmSession::Private::onTorrentFinished(LoadedShard &shard)
{
    if (shard.role != ShardRole::Fetch || shard.stage != FetchStage::Downloading)
        return;
    if (shard.memory) {
        // Every piece passed libtorrent's check against the v2 tree, and was
        // copied into the buffer before it was hashed.
        FetchResult result;
        result.id = shard.id;
        result.data = shard.memory->bytes;
        result.stats = statsOf(shard);
        removeShard(byHandle.at(shard.handle), false);
        qCDebug(lcSwarm) << "fetched shard" << result.id.toString() << "into memory in" << result.stats.seconds
                         << "s (connected after" << result.stats.connectSeconds << "s)";
        Q_EMIT q->fetchFinished(result);
        return;
    }
    // Every piece passed libtorrent's check against the v2 tree. Make sure
    // every byte it wrote has reached the file before we read it back.
    shard.stage = FetchStage::Flushing;
    shard.handle.flush_cache();
}

void SwarmSession::Private::onCacheFlushed(LoadedShard &shard)
{
    if (shard.role != ShardRole::Fetch || shard.stage != FetchStage::Flushing)
        return;
    shard.stage = FetchStage::Verifying;
    const lt::sha256_hash key = byHandle.at(shard.handle);
    const bool rehash = settings.rehashFetched;
    const bool sync = settings.syncFetched;
    if (!rehash && !sync)
        return onVerified(key, QString());
    // Hash the whole file again against the id and/or fsync it, on the
    // worker pool (not on this thread), before it is renamed into place.
    const QString partPath = QDir(shard.destDir).filePath(shard.partName);
    const object::ShardId id = shard.id;
    auto *watcher = new QFutureWatcher<QString>(q);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, q, [this, watcher, key] {
        const QString error = watcher->result();
        watcher->deleteLater();
        onVerified(key, error);
    });
    watcher->setFuture(QtConcurrent::run([partPath, id, rehash, sync] {
        if (!rehash) {
            QFile file(partPath);
            if (!file.open(QIODevice::ReadOnly))
                return u"cannot open %1: %2"_s.arg(partPath, file.errorString());
            Status synced = syncFileDescriptor(file.handle(), partPath);
            return synced ? QString() : synced.message();
        }
        auto leaves = verifyShardFile(partPath, id, sync);
        return leaves ? QString() : leaves.message();
    }));
}

void SwarmSession::Private::onVerified(const lt::sha256_hash &key, const QString &error)
{
    const auto it = shards.find(key);
    if (it == shards.end() || it->second.role != ShardRole::Fetch || it->second.stage != FetchStage::Verifying)
        return; // cancelled meanwhile
    LoadedShard &shard = it->second;
    if (!error.isEmpty())
        return failFetch(key, u"the downloaded data does not verify: %1"_s.arg(error));
    shard.stage = FetchStage::Renaming;
    shard.handle.rename_file(lt::file_index_t(0), shard.id.toString().toStdString());
}

void SwarmSession::Private::onFileRenamed(LoadedShard &shard, const QString &error)
{
    if (shard.role != ShardRole::Fetch || shard.stage != FetchStage::Renaming)
        return;
    if (!error.isEmpty())
        return failFetch(byHandle.at(shard.handle),
                         u"cannot rename the verified file to %1: %2"_s.arg(shard.filePath, error));
    if (Status synced = settings.syncFetched ? syncDirectory(shard.destDir) : Status(); !synced)
        qCWarning(lcSwarm).noquote() << "shard" << shard.id.toString() << "is in place, but" << synced.message();
    FetchResult result;
    result.id = shard.id;
    result.path = shard.filePath;
    result.stats = statsOf(shard);
    // The file is the caller's now (to move, import or seed): nothing of it
    // stays in the session.
    removeShard(byHandle.at(shard.handle), false);
    qCDebug(lcSwarm) << "fetched shard" << result.id.toString() << "in" << result.stats.seconds << "s (connected after"
                     << result.stats.connectSeconds << "s)";
    Q_EMIT q->fetchFinished(result);
}

void SwarmSession::Private::onPeerProblem(LoadedShard &shard, const QString &what)
{
    shard.lastPeerError = what;
    qCDebug(lcSwarm).noquote() << "shard" << shard.id.toString() << "peer:" << what;
}

void SwarmSession::Private::checkFetchProgress(LoadedShard &shard, const lt::torrent_status &status,
                                               Clock::time_point now)
{
    shard.payloadBytes = status.total_payload_download;
    if (shard.stage != FetchStage::Downloading)
        return;
    if (status.total_wanted_done > shard.verifiedBytes) {
        shard.verifiedBytes = status.total_wanted_done;
        shard.lastProgress = now;
        return;
    }
    if (now - shard.lastProgress < settings.fetchStallTimeout)
        return;
    QStringList peerNames;
    for (const Endpoint &peer : std::as_const(shard.peers))
        peerNames << peer.toString();
    const double seconds = std::chrono::duration<double>(settings.fetchStallTimeout).count();
    QString error = peerNames.isEmpty()
                        ? u"no peers to fetch from"_s
                        : u"no peer sent verified data for %1 s (peers: %2)"_s.arg(seconds).arg(peerNames.join(u", "));
    error += u"; %1 of %2 bytes verified"_s.arg(shard.verifiedBytes).arg(shard.id.size);
    if (!shard.lastPeerError.isEmpty())
        error += u"; last peer error: %1"_s.arg(shard.lastPeerError);
    if (shard.hashFailures > 0)
        error += u"; %1 pieces failed the hash check (a peer sent corrupted data)"_s.arg(shard.hashFailures);
    failFetch(byHandle.at(status.handle), error);
}

FetchStats SwarmSession::Private::statsOf(const LoadedShard &shard) const
{
    FetchStats stats;
    stats.bytes = shard.id.size;
    stats.payloadBytes = shard.payloadBytes;
    stats.seconds = static_cast<double>(shard.started.nsecsElapsed()) / 1e9;
    stats.hashFailures = shard.hashFailures;
    stats.connectSeconds = shard.connectSeconds;
    return stats;
}

void SwarmSession::Private::failFetch(lt::sha256_hash key, const QString &error)
{
    const auto it = shards.find(key);
    if (it == shards.end() || it->second.role != ShardRole::Fetch)
        return;
    FetchResult result;
    result.id = it->second.id;
    result.error = u"could not fetch shard %1: %2"_s.arg(result.id.toString(), error);
    result.stats = statsOf(it->second);
    if (error == u"cancelled"_s)
        qCInfo(lcSwarm).noquote() << result.error;
    else
        qCWarning(lcSwarm).noquote() << result.error;
    // The partial file goes with the torrent: a failed fetch leaves nothing.
    removeShard(key, true);
    Q_EMIT q->fetchFinished(result);
}

} // namespace stratus::swarm
