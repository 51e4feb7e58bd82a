#include "swarm/session_private.h"

#include "swarm/log.h"
#include "swarm/shard_torrent.h"

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

#include <QFileInfo>
#include <QThread>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

Status SwarmSession::seedShard(const object::ShardId &id, const QString &filePath,
                               const std::vector<object::Hash32> &leaves, SeedCheck check)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto hash = infoHashFor(id);
    if (!hash)
        return hash.error();
    const QFileInfo file(filePath);
    if (!file.isFile())
        return makeError(u"cannot seed shard %1: %2 is not a file"_s.arg(id.toString(), filePath));
    if (file.size() != id.size)
        return makeError(u"cannot seed shard %1: %2 has %3 bytes, the shard %4"_s.arg(id.toString(), filePath)
                             .arg(file.size())
                             .arg(id.size));
    const lt::sha256_hash key = toSha256(*hash);
    if (LoadedShard *shard = d->findById(id)) {
        if (shard->role == ShardRole::Fetch)
            return makeError(u"cannot seed shard %1: it is being fetched"_s.arg(id.toString()));
        if (shard->filePath != file.absoluteFilePath())
            return makeError(u"cannot seed shard %1 from %2: it is already seeding from %3"_s.arg(
                id.toString(), filePath, shard->filePath));
        d->refreshSeed(*shard);
        return {};
    }
    if (d->pendingRemovals.count(key))
        return makeError(u"cannot seed shard %1 yet: it is still being unloaded; try again"_s.arg(id.toString()));

    auto torrent = leaves.empty() ? bareTorrentFileFor(id) : torrentFileFor(id, leaves);
    if (!torrent)
        return torrent.error();
    auto info = parseShardTorrent(torrent.value(), id, u"seed"_s);
    if (!info)
        return info.error();
    lt::add_torrent_params atp;
    atp.ti = std::move(info.value());
    atp.save_path = file.absolutePath().toStdString();
    if (file.fileName() != id.toString())
        atp.renamed_files[lt::file_index_t(0)] = file.fileName().toStdString();
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    atp.flags |= lt::torrent_flags::duplicate_is_error | lt::torrent_flags::disable_dht |
                 lt::torrent_flags::disable_lsd | lt::torrent_flags::disable_pex;
    // With the piece layer, skip the up-front check: libtorrent verifies each
    // piece against it the first time a peer asks for it, and rechecks the
    // file (which ends this seed, see onStateChanged) when one fails.
    if (!leaves.empty()) {
        atp.flags |= lt::torrent_flags::seed_mode;
        // Pieces marked verified are sent without being hashed first.
        if (check == SeedCheck::Skip)
            atp.verified_pieces.resize(atp.ti->num_pieces(), true);
    }

    LoadedShard shard;
    shard.id = id;
    shard.role = ShardRole::Seed;
    shard.filePath = file.absoluteFilePath();
    shard.lastActive = Clock::now();
    d->shards.emplace(key, std::move(shard));
    d->session->async_add_torrent(std::move(atp));
    return {};
}

Status SwarmSession::seedShardFromMemory(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                                         const std::vector<object::Hash32> &leaves)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto hash = infoHashFor(id);
    if (!hash)
        return hash.error();
    if (offset < 0 || offset > buffer.size() || buffer.size() - offset < id.size)
        return makeError(u"cannot seed shard %1: %2 bytes given, the shard has %3"_s.arg(id.toString())
                             .arg(std::max<qsizetype>(0, buffer.size() - std::max<qsizetype>(0, offset)))
                             .arg(id.size));
    if (leaves.empty())
        return makeError(u"cannot seed shard %1 from memory without its merkle leaves"_s.arg(id.toString()));
    const lt::sha256_hash key = toSha256(*hash);
    if (LoadedShard *shard = d->findById(id)) {
        if (shard->role == ShardRole::Fetch)
            return makeError(u"cannot seed shard %1: it is being fetched"_s.arg(id.toString()));
        d->refreshSeed(*shard);
        return {};
    }
    if (d->pendingRemovals.count(key))
        return makeError(u"cannot seed shard %1 yet: it is still being unloaded; try again"_s.arg(id.toString()));
    auto torrent = torrentFileFor(id, leaves);
    if (!torrent)
        return torrent.error();
    auto info = parseShardTorrent(torrent.value(), id, u"seed"_s);
    if (!info)
        return info.error();
    auto memory = std::make_shared<MemoryShard>();
    memory->bytes = buffer; // shared, never written
    memory->offset = offset;
    memory->size = static_cast<qsizetype>(id.size);
    d->memory->add(key, memory);
    lt::add_torrent_params atp;
    atp.ti = std::move(info.value());
    atp.save_path = memoryPathFor(key);
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    atp.flags |= lt::torrent_flags::duplicate_is_error | lt::torrent_flags::disable_dht |
                 lt::torrent_flags::disable_lsd | lt::torrent_flags::disable_pex | lt::torrent_flags::seed_mode;
    atp.verified_pieces.resize(atp.ti->num_pieces(), true);

    LoadedShard shard;
    shard.id = id;
    shard.role = ShardRole::Seed;
    shard.memory = std::move(memory);
    shard.filePath = u"(memory)"_s;
    shard.lastActive = Clock::now();
    d->shards.emplace(key, std::move(shard));
    d->session->async_add_torrent(std::move(atp));
    return {};
}

void SwarmSession::Private::refreshSeed(LoadedShard &shard)
{
    shard.lastActive = Clock::now();
    if (shard.ready)
        QMetaObject::invokeMethod(
            q, [this, id = shard.id] { Q_EMIT q->seedReady(id); }, Qt::QueuedConnection);
}

void SwarmSession::unload(const object::ShardId &id)
{
    Q_ASSERT(QThread::currentThread() == thread());
    LoadedShard *shard = d->findById(id);
    if (!shard)
        return;
    if (shard->role == ShardRole::Fetch) {
        cancelFetch(id);
        return;
    }
    d->removeShard(toSha256(*infoHashFor(id)), false);
    Q_EMIT unloaded(id);
}

void SwarmSession::Private::onStateChanged(const lt::state_changed_alert &alert)
{
    LoadedShard *shard = findByHandle(alert.handle);
    if (shard && shard->role == ShardRole::Fetch)
        return resumeFetchWhenChecked(*shard, alert.state);
    if (!shard || shard->role != ShardRole::Seed)
        return;
    const bool complete = alert.state == lt::torrent_status::seeding || alert.state == lt::torrent_status::finished;
    if (complete && !shard->ready) {
        shard->ready = true;
        shard->lastActive = Clock::now();
        qCDebug(lcSwarm) << "seeding shard" << shard->id.toString();
        Q_EMIT q->seedReady(shard->id);
    } else if (alert.state == lt::torrent_status::downloading) {
        // A check ended without every piece (the first one, or the recheck
        // after a piece failed in seed mode): the file is not the shard. We
        // never let a seed download into a node's shard file.
        failSeed(*shard, u"the file %1 does not match the shard (pieces failed the check against its root)"_s.arg(
                             shard->filePath));
    }
}

void SwarmSession::Private::resumeFetchWhenChecked(LoadedShard &shard, lt::torrent_status::state_t state)
{
    if (shard.resumed || state == lt::torrent_status::checking_resume_data ||
        state == lt::torrent_status::checking_files)
        return;
    // Its check is done: resumed now, it connects to its peers at once
    // (libtorrent's connect boost; resumed while still checking, it would
    // wait for the once-a-second scheduler; see SWARM.md).
    shard.resumed = true;
    shard.handle.resume();
}

void SwarmSession::Private::failSeed(LoadedShard &shard, const QString &error)
{
    const object::ShardId id = shard.id;
    const QString message = u"cannot seed shard %1: %2"_s.arg(id.toString(), error);
    qCWarning(lcSwarm).noquote() << message;
    removeShard(toSha256(*infoHashFor(id)), false);
    Q_EMIT q->seedFailed(id, message);
    Q_EMIT q->unloaded(id);
}

void SwarmSession::Private::housekeepingTick()
{
    if (shards.empty())
        return;
    // One round trip to libtorrent for every torrent's status (no per-torrent
    // calls).
    const std::vector<lt::torrent_status> statuses =
        session->get_torrent_status([](const lt::torrent_status &) { return true; }, {});
    const Clock::time_point now = Clock::now();
    std::vector<lt::sha256_hash> idle;
    for (const lt::torrent_status &status : statuses) {
        const auto key = byHandle.find(status.handle);
        if (key == byHandle.end())
            continue;
        const auto entry = shards.find(key->second);
        if (entry == shards.end())
            continue;
        LoadedShard &shard = entry->second;
        if (status.num_peers > 0 || status.total_payload_upload != shard.seenUpload ||
            status.total_payload_download != shard.seenDownload)
            shard.lastActive = now;
        shard.seenUpload = status.total_payload_upload;
        shard.seenDownload = status.total_payload_download;
        if (shard.role == ShardRole::Fetch) {
            resumeFetchWhenChecked(shard, status.state); // in case its state change went unseen
            checkFetchProgress(shard, status, now);
        } else if (shard.ready && now - shard.lastActive >= settings.idleUnloadAfter)
            idle.push_back(key->second);
    }
    for (const lt::sha256_hash &key : idle) {
        const auto it = shards.find(key); // a signal handler above may have unloaded it
        if (it == shards.end())
            continue;
        const object::ShardId id = it->second.id;
        qCDebug(lcSwarm) << "unloading idle shard" << id.toString();
        removeShard(key, false);
        Q_EMIT q->unloaded(id);
    }
}

} // namespace stratus::swarm
