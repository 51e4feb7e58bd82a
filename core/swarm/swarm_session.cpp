#include "swarm/session_private.h"

#include "swarm/log.h"
#include "swarm/shard_torrent.h"

#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/ip_filter.hpp>
#include <libtorrent/kademlia/ed25519.hpp>
#include <libtorrent/mmap_disk_io.hpp>
#include <libtorrent/posix_disk_io.hpp>
#include <libtorrent/session_params.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

namespace {

// libtorrent's internal tick. It opens queued peer connections (those of
// connect_peer() too) only in its once-a-second part, checked on each tick:
// with the default 500 ms a fetch waited up to 1.5 s for its connection,
// with 100 ms at most ~1.1 s (see SWARM.md).
constexpr int kTickIntervalMs = 100;
// DHT packets accepted per second from one IP (libtorrent's default is 5;
// several nodes behind one address, as on a devnet, need more).
constexpr int kDhtPacketsPerIpPerSecond = 200;

lt::settings_pack makeSettings(const SwarmSettings &s, const Endpoint &listen)
{
    lt::settings_pack pack = lt::high_performance_seed();
    pack.set_str(lt::settings_pack::listen_interfaces, listen.toString().toStdString());
    pack.set_str(lt::settings_pack::outgoing_interfaces, s.listenAddress.toStdString());
    // uTP on loopback runs at 7–13 MB/s, TCP at 150–270 MB/s (STACK.md).
    pack.set_bool(lt::settings_pack::enable_outgoing_utp, false);
    pack.set_bool(lt::settings_pack::enable_incoming_utp, false);
    pack.set_bool(lt::settings_pack::enable_lsd, false);
    pack.set_bool(lt::settings_pack::enable_upnp, false);
    pack.set_bool(lt::settings_pack::enable_natpmp, false);
    pack.set_int(lt::settings_pack::tick_interval, kTickIntervalMs);

    pack.set_bool(lt::settings_pack::enable_dht, s.enableDht);
    // Known nodes are added with add_dht_node(); listed as bootstrap routers
    // they would never enter the routing table.
    pack.set_str(lt::settings_pack::dht_bootstrap_nodes, std::string());
    pack.set_bool(lt::settings_pack::dht_restrict_routing_ips, false);
    pack.set_bool(lt::settings_pack::dht_restrict_search_ips, false);
    pack.set_int(lt::settings_pack::dht_block_ratelimit, kDhtPacketsPerIpPerSecond);

    pack.set_int(lt::settings_pack::alert_queue_size, 10000);
    pack.set_int(lt::settings_pack::alert_mask,
                 static_cast<int>(static_cast<std::uint32_t>(lt::alert_category::error | lt::alert_category::status |
                                                             lt::alert_category::storage | lt::alert_category::peer |
                                                             lt::alert_category::connect | lt::alert_category::dht |
                                                             lt::alert_category::dht_operation)));
    return pack;
}

std::chrono::milliseconds housekeepingIntervalFor(const SwarmSettings &s)
{
    using std::chrono::milliseconds;
    if (s.housekeepingInterval.count() > 0)
        return s.housekeepingInterval;
    const milliseconds shortest = std::min(s.idleUnloadAfter, s.fetchStallTimeout);
    return std::clamp(shortest / 4, milliseconds(50), milliseconds(1000));
}

QString withFile(const lt::error_code &error, const char *file)
{
    const QString message = QString::fromStdString(error.message());
    if (!file || !*file)
        return message;
    return message + u" ("_s + QString::fromUtf8(file) + u")"_s;
}

} // namespace

QString toQString(const std::string &text) { return QString::fromStdString(text); }

Endpoint toEndpoint(const lt::tcp::endpoint &endpoint)
{
    return Endpoint{toQString(endpoint.address().to_string()), endpoint.port()};
}

Result<lt::tcp::endpoint> toTcpEndpoint(const Endpoint &endpoint)
{
    lt::error_code ec;
    const lt::address address = lt::make_address(endpoint.address.toStdString(), ec);
    if (ec || endpoint.port == 0)
        return makeError(u"\"%1\" is not a peer endpoint (IP:port)"_s.arg(endpoint.toString()));
    return lt::tcp::endpoint(address, endpoint.port);
}

lt::sha256_hash toSha256(const QByteArray &bytes)
{
    Q_ASSERT(bytes.size() == 32);
    return lt::sha256_hash(bytes.constData());
}

lt::sha1_hash toSha1(const QByteArray &bytes)
{
    Q_ASSERT(bytes.size() == 20);
    return lt::sha1_hash(bytes.constData());
}

QByteArray toBytes(lt::span<const char> bytes)
{
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

SwarmSession::Private::Private(SwarmSession *owner, const SwarmSettings &config) : q(owner), settings(config) {}

SwarmSession::SwarmSession(QObject *parent) : QObject(parent) {}

SwarmSession::~SwarmSession()
{
    if (!d || !d->session)
        return;
    // After this returns libtorrent calls no notify function of ours (it
    // swaps the function under the alert queue's lock), so no queued call
    // can target a destroyed object.
    d->session->set_alert_notify([] {});
    d->housekeeping.stop();
    // Blocks until libtorrent has stopped its threads and closed its sockets.
    QElapsedTimer timer;
    timer.start();
    d->session.reset();
    qCDebug(lcSwarm) << "swarm session on" << d->listen.toString() << "stopped in" << timer.elapsed() << "ms";
}

Result<std::unique_ptr<SwarmSession>> SwarmSession::create(const SwarmSettings &settings, QObject *parent)
{
    lt::error_code ec;
    lt::make_address(settings.listenAddress.toStdString(), ec);
    if (ec)
        return makeError(u"swarm: listen address \"%1\" is not an IP address"_s.arg(settings.listenAddress));
    if (settings.idleUnloadAfter.count() <= 0 || settings.fetchStallTimeout.count() <= 0)
        return makeError(u"swarm: the idle and stall timeouts must be positive"_s);

    std::unique_ptr<SwarmSession> self(new SwarmSession(parent));
    self->d = std::make_unique<Private>(self.get(), settings);
    Private &d = *self->d;
    const Endpoint requested{settings.listenAddress, settings.listenPort};

    lt::session_params params(makeSettings(settings, requested));
    // Plain pread/pwrite by default: RSS does not count mapped shard pages.
    // mmap saves a copy per block (faster on a busy devnet; see SWARM.md).
    // Shards kept in memory (memory_disk_io.h) bypass it.
    params.disk_io_constructor =
        memoryDiskIoConstructor(d.memory, d.payload,
                                settings.mmapDiskIo ? lt::disk_io_constructor_type(lt::mmap_disk_io_constructor)
                                                    : lt::posix_disk_io_constructor);
    try {
        d.session = std::make_unique<lt::session>(std::move(params));
    } catch (const std::exception &e) {
        return makeError(u"swarm: cannot start the BitTorrent session: %1"_s.arg(QString::fromUtf8(e.what())));
    }
    const unsigned short port = d.session->listen_port();
    if (port == 0 || (settings.listenPort != 0 && port != settings.listenPort))
        return makeError(u"swarm: cannot listen on %1 (is the address on this machine and the port free?)"_s.arg(
            requested.toString()));
    d.listen = Endpoint{settings.listenAddress, port};

    SwarmSession *raw = self.get();
    d.session->set_alert_notify([raw] {
        QMetaObject::invokeMethod(
            raw, [raw] { raw->d->drainAlerts(); }, Qt::QueuedConnection);
    });

    d.housekeeping.setInterval(housekeepingIntervalFor(settings));
    QObject::connect(&d.housekeeping, &QTimer::timeout, raw, [raw] { raw->d->housekeepingTick(); });
    d.housekeeping.start();
    qCInfo(lcSwarm) << "swarm session listening on" << d.listen.toString();
    return self;
}

Endpoint SwarmSession::listenEndpoint() const { return d->listen; }

int SwarmSession::loadedCount() const { return static_cast<int>(d->shards.size()); }

PayloadTotals SwarmSession::payloadTotals() const
{
    return PayloadTotals{d->payload->sent.load(std::memory_order_relaxed),
                         d->payload->received.load(std::memory_order_relaxed)};
}

void SwarmSession::setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    lt::settings_pack pack;
    const auto clamp = [](qint64 v) {
        return static_cast<int>(std::clamp<qint64>(v, 0, std::numeric_limits<int>::max()));
    };
    pack.set_int(lt::settings_pack::upload_rate_limit, clamp(uploadBytesPerSecond));
    pack.set_int(lt::settings_pack::download_rate_limit, clamp(downloadBytesPerSecond));
    d->session->apply_settings(std::move(pack));
    // libtorrent exempts peers on local networks (and loopback) from the
    // limits: they are in its "local" peer class only. A limit the user set
    // holds for every peer (nodes on the same network too), so every
    // address range gets the global class as well (keeping its others);
    // this reaches connections made from now on.
    if (uploadBytesPerSecond <= 0 && downloadBytesPerSecond <= 0)
        return;
    const lt::ip_filter current = d->session->get_peer_class_filter();
    const auto [v4, v6] = current.export_filter();
    const std::uint32_t global = 1u << static_cast<std::uint32_t>(lt::session_handle::global_peer_class_id);
    lt::ip_filter classes;
    for (const auto &r : v4)
        classes.add_rule(lt::address(r.first), lt::address(r.last), r.flags | global);
    for (const auto &r : v6)
        classes.add_rule(lt::address(r.first), lt::address(r.last), r.flags | global);
    d->session->set_peer_class_filter(classes);
}

bool SwarmSession::isLoaded(const object::ShardId &id) const { return d->findById(id) != nullptr; }

bool SwarmSession::isServing(const object::ShardId &id) const
{
    const LoadedShard *shard = d->findById(id);
    return shard && shard->role == ShardRole::Seed && shard->ready;
}

LoadedShard *SwarmSession::Private::findByHandle(const lt::torrent_handle &handle)
{
    const auto it = byHandle.find(handle);
    if (it == byHandle.end())
        return nullptr;
    const auto shard = shards.find(it->second);
    return shard == shards.end() ? nullptr : &shard->second;
}

LoadedShard *SwarmSession::Private::findById(const object::ShardId &id)
{
    const auto hash = infoHashFor(id);
    if (!hash)
        return nullptr;
    const auto it = shards.find(toSha256(*hash));
    return it == shards.end() ? nullptr : &it->second;
}

void SwarmSession::Private::removeShard(lt::sha256_hash key, bool deleteFiles)
{
    const auto it = shards.find(key);
    if (it == shards.end())
        return;
    const lt::torrent_handle handle = it->second.handle;
    if (it->second.memory)
        memory->remove(key); // libtorrent's storage keeps its own reference until it is done
    shards.erase(it);
    if (!handle.is_valid()) {
        // libtorrent has not confirmed the add yet: remove it when it does.
        pendingRemovals[key] = deleteFiles;
        return;
    }
    byHandle.erase(handle);
    session->remove_torrent(handle, deleteFiles ? lt::session_handle::delete_files : lt::remove_flags_t{});
}

void SwarmSession::Private::drainAlerts()
{
    std::vector<lt::alert *> alerts;
    session->pop_alerts(&alerts);
    // The alerts stay valid until the next pop_alerts(); handlers copy what
    // they need into value types before emitting anything.
    for (const lt::alert *alert : alerts)
        dispatch(alert);
}

void SwarmSession::Private::dispatch(const lt::alert *alert)
{
    if (const auto *a = lt::alert_cast<lt::add_torrent_alert>(alert))
        return onTorrentAdded(*a);
    if (const auto *a = lt::alert_cast<lt::state_changed_alert>(alert))
        return onStateChanged(*a);
    if (const auto *a = lt::alert_cast<lt::torrent_finished_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle))
            onTorrentFinished(*shard);
        return;
    }
    if (const auto *a = lt::alert_cast<lt::cache_flushed_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle))
            onCacheFlushed(*shard);
        return;
    }
    if (const auto *a = lt::alert_cast<lt::file_renamed_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle))
            onFileRenamed(*shard, QString());
        return;
    }
    if (const auto *a = lt::alert_cast<lt::file_rename_failed_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle))
            onFileRenamed(*shard, toQString(a->error.message()));
        return;
    }
    if (const auto *a = lt::alert_cast<lt::hash_failed_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle)) {
            ++shard->hashFailures;
            if (shard->role == ShardRole::Fetch)
                qCWarning(lcSwarm) << "shard" << shard->id.toString() << "piece" << static_cast<int>(a->piece_index)
                                   << "failed the hash check: a peer sent bad data";
            else
                qCWarning(lcSwarm) << "our copy of shard" << shard->id.toString() << "failed the check of piece"
                                   << static_cast<int>(a->piece_index);
        }
        return;
    }
    if (const auto *a = lt::alert_cast<lt::peer_error_alert>(alert)) {
        if (LoadedShard *shard = findByHandle(a->handle))
            onPeerProblem(*shard, u"%1: %2"_s.arg(toEndpoint(a->endpoint).toString(), toQString(a->error.message())));
        return;
    }
    if (const auto *a = lt::alert_cast<lt::peer_connect_alert>(alert)) {
        LoadedShard *shard = findByHandle(a->handle);
        if (shard && shard->role == ShardRole::Fetch && shard->connectSeconds < 0)
            shard->connectSeconds = static_cast<double>(shard->started.nsecsElapsed()) / 1e9;
        return;
    }
    if (const auto *a = lt::alert_cast<lt::peer_disconnected_alert>(alert)) {
        LoadedShard *shard = findByHandle(a->handle);
        if (shard && a->error)
            onPeerProblem(*shard, u"%1: %2"_s.arg(toEndpoint(a->endpoint).toString(), toQString(a->error.message())));
        return;
    }
    if (const auto *a = lt::alert_cast<lt::torrent_error_alert>(alert))
        return onTorrentError(a->handle, withFile(a->error, a->filename()));
    if (const auto *a = lt::alert_cast<lt::file_error_alert>(alert))
        return onTorrentError(a->handle, withFile(a->error, a->filename()));
    if (lt::alert_cast<lt::alerts_dropped_alert>(alert)) {
        qCWarning(lcSwarm) << "libtorrent dropped alerts (queue full); a fetch may end by its stall timeout";
        return;
    }
    if (const auto *a = lt::alert_cast<lt::dht_get_peers_reply_alert>(alert))
        return onDhtPeers(*a);
    if (const auto *a = lt::alert_cast<lt::dht_mutable_item_alert>(alert))
        return onMutableItem(*a);
    if (const auto *a = lt::alert_cast<lt::dht_put_alert>(alert))
        return onMutablePut(*a);
    if (const auto *a = lt::alert_cast<lt::dht_stats_alert>(alert))
        return onDhtStats(*a);
    if (const auto *a = lt::alert_cast<lt::listen_failed_alert>(alert)) {
        qCWarning(lcSwarm) << "swarm: listening failed:" << toQString(a->message());
        return;
    }
    if (alert->category() & lt::alert_category::error)
        qCDebug(lcSwarm) << "libtorrent:" << toQString(alert->message());
}

void SwarmSession::Private::onTorrentAdded(const lt::add_torrent_alert &alert)
{
    if (!alert.params.ti)
        return;
    const lt::sha256_hash key = alert.params.ti->info_hashes().v2;
    const auto pending = pendingRemovals.find(key);
    if (pending != pendingRemovals.end()) {
        if (!alert.error && alert.handle.is_valid())
            session->remove_torrent(alert.handle,
                                    pending->second ? lt::session_handle::delete_files : lt::remove_flags_t{});
        pendingRemovals.erase(pending);
        return;
    }
    const auto it = shards.find(key);
    if (it == shards.end()) {
        if (!alert.error && alert.handle.is_valid())
            session->remove_torrent(alert.handle); // not ours (cannot happen): do not leak it
        return;
    }
    LoadedShard &shard = it->second;
    if (alert.error) {
        const QString why = toQString(alert.error.message());
        if (shard.role == ShardRole::Fetch)
            return failFetch(key, u"libtorrent did not add the torrent: %1"_s.arg(why));
        return failSeed(shard, u"libtorrent did not add the torrent: %1"_s.arg(why));
    }
    shard.handle = alert.handle;
    byHandle.emplace(alert.handle, key);
    if (shard.role == ShardRole::Fetch)
        startFetchPeers(shard);
}

void SwarmSession::Private::onTorrentError(const lt::torrent_handle &handle, const QString &error)
{
    LoadedShard *shard = findByHandle(handle);
    if (!shard)
        return;
    if (shard->role == ShardRole::Fetch)
        return failFetch(byHandle.at(handle), u"disk or torrent error: %1"_s.arg(error));
    failSeed(*shard, u"disk or torrent error: %1"_s.arg(error));
}

Result<std::shared_ptr<lt::torrent_info>> parseShardTorrent(const QByteArray &torrent, const object::ShardId &id,
                                                            const QString &verb)
{
    lt::error_code ec;
    auto info = std::make_shared<lt::torrent_info>(lt::span<const char>(torrent.constData(), torrent.size()), ec,
                                                   lt::from_span);
    if (ec)
        return makeError(u"cannot %1 shard %2: libtorrent rejects its torrent: %3"_s.arg(verb, id.toString(),
                                                                                         toQString(ec.message())));
    return info;
}

} // namespace stratus::swarm
