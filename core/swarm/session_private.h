#pragma once

// PRIVATE to core/swarm: the libtorrent side of SwarmSession. Include it
// only from swarm/*.cpp, never from a public header.

#include "swarm/memory_disk_io.h"
#include "swarm/swarm_session.h"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/sha1_hash.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_info.hpp>

#include <QElapsedTimer>
#include <QTimer>

#include <atomic>
#include <memory>

#include <chrono>
#include <cstdint>
#include <map>
#include <unordered_map>

namespace stratus::swarm {

using Clock = std::chrono::steady_clock;

enum class ShardRole { Seed, Fetch };

// Where a fetch is after libtorrent has all pieces.
enum class FetchStage { Downloading, Flushing, Verifying, Renaming };

// One shard in the libtorrent session.
struct LoadedShard {
    object::ShardId id;
    ShardRole role = ShardRole::Seed;
    lt::torrent_handle handle; // invalid until add_torrent_alert
    bool removeWhenAdded = false;
    bool ready = false; // seed: checked and serving

    QString filePath;                    // seed: the file served; fetch: where it will be
    std::shared_ptr<MemoryShard> memory; // a shard kept in memory (no file)
    Clock::time_point lastActive;
    std::int64_t seenUpload = 0;
    std::int64_t seenDownload = 0;

    // Fetch only.
    QString destDir;
    QString partName;
    EndpointList peers;
    FetchStage stage = FetchStage::Downloading;
    bool resumed = false; // added paused; resumed once its check is done (see SWARM.md)
    QElapsedTimer started;
    Clock::time_point lastProgress;
    std::int64_t verifiedBytes = 0;
    std::int64_t payloadBytes = 0;
    int hashFailures = 0;
    double connectSeconds = -1;
    QString lastPeerError;
};

struct PeerLookup {
    Clock::time_point deadline;
    EndpointList peers;
};

struct PendingGet {
    Clock::time_point deadline;
    MutableItem best; // the highest valid sequence number seen so far
};

struct PendingPut {
    qint64 seq = 0;
    std::shared_ptr<std::atomic<std::int64_t>> seqInDht; // set from libtorrent's thread
};

class SwarmSession::Private {
public:
    Private(SwarmSession *owner, const SwarmSettings &config);

    SwarmSession *q;
    SwarmSettings settings;
    std::unique_ptr<lt::session> session;
    Endpoint listen;
    QTimer housekeeping;
    std::shared_ptr<MemoryShards> memory = std::make_shared<MemoryShards>();
    std::shared_ptr<PayloadCounters> payload = std::make_shared<PayloadCounters>();

    std::map<lt::sha256_hash, LoadedShard> shards; // by v2 info-hash
    std::unordered_map<lt::torrent_handle, lt::sha256_hash> byHandle;
    // Removed before libtorrent confirmed the add: value = delete the files.
    std::map<lt::sha256_hash, bool> pendingRemovals;

    std::map<lt::sha1_hash, PeerLookup> lookups;
    std::map<QByteArray, PendingGet> gets; // by public key + salt
    std::map<QByteArray, PendingPut> puts; // by public key + salt

    // swarm_session.cpp: the alert pump and the shard table. (Keys are
    // passed by value: the callers' often live in a map entry that goes.)
    void drainAlerts();
    void dispatch(const lt::alert *alert);
    LoadedShard *findByHandle(const lt::torrent_handle &handle);
    LoadedShard *findById(const object::ShardId &id);
    // Takes a shard out of the table and the libtorrent session.
    void removeShard(lt::sha256_hash key, bool deleteFiles);
    void onTorrentAdded(const lt::add_torrent_alert &alert);
    void onTorrentError(const lt::torrent_handle &handle, const QString &error);

    // swarm_seed.cpp
    // A seed asked for again: not idle, and ready (said again) if it is.
    void refreshSeed(LoadedShard &shard);
    void onStateChanged(const lt::state_changed_alert &alert);
    // A fetch is added paused and resumed once its check is done.
    void resumeFetchWhenChecked(LoadedShard &shard, lt::torrent_status::state_t state);
    void failSeed(LoadedShard &shard, const QString &error);
    void housekeepingTick();

    // swarm_fetch.cpp
    // An empty `destDir`: into memory.
    Status startFetch(const object::ShardId &id, const QString &destDir, const EndpointList &peers);
    void startFetchPeers(LoadedShard &shard);
    void onTorrentFinished(LoadedShard &shard);
    void onCacheFlushed(LoadedShard &shard);
    void onVerified(const lt::sha256_hash &key, const QString &error);
    void onFileRenamed(LoadedShard &shard, const QString &error);
    void onPeerProblem(LoadedShard &shard, const QString &what);
    void checkFetchProgress(LoadedShard &shard, const lt::torrent_status &status, Clock::time_point now);
    void failFetch(lt::sha256_hash key, const QString &error);
    FetchStats statsOf(const LoadedShard &shard) const;

    // swarm_dht.cpp
    void onDhtPeers(const lt::dht_get_peers_reply_alert &alert);
    void onMutableItem(const lt::dht_mutable_item_alert &alert);
    void onMutablePut(const lt::dht_put_alert &alert);
    void onDhtStats(const lt::dht_stats_alert &alert);
    void finishLookup(const lt::sha1_hash &topic);
    void finishGet(const QByteArray &key);
};

// Conversions between Qt values and libtorrent's.
QString toQString(const std::string &text);

// Parses a torrent we made for shard `id`; `verb` ("fetch", "seed") names
// the operation in the error.
Result<std::shared_ptr<lt::torrent_info>> parseShardTorrent(const QByteArray &torrent, const object::ShardId &id,
                                                            const QString &verb);
Endpoint toEndpoint(const lt::tcp::endpoint &endpoint);
Result<lt::tcp::endpoint> toTcpEndpoint(const Endpoint &endpoint);
lt::sha256_hash toSha256(const QByteArray &bytes); // exactly 32 bytes
lt::sha1_hash toSha1(const QByteArray &bytes);     // exactly 20 bytes
QByteArray toBytes(lt::span<const char> bytes);

} // namespace stratus::swarm
