#pragma once

// The data plane: one libtorrent session that seeds and fetches shards over
// BitTorrent v2 and talks to the BitTorrent DHT (peer discovery by topic,
// BEP 44 mutable items). Only Qt and std value types cross this header; the
// libtorrent types live in the private implementation.
//
// Threading: a SwarmSession lives on the thread that creates it and must be
// used from that thread only. libtorrent runs its own threads; its alerts
// are pumped into this thread (notify → queued call → pop_alerts), copied
// into value types and emitted as the signals below. Handlers may call back
// into the session, but must not delete it (use deleteLater()).

#include "common/result.h"
#include "crypto/secret.h"
#include "object/merkle.h"
#include "object/shard_id.h"
#include "swarm/endpoint.h"
#include "swarm/swarm_types.h"

#include <QObject>

#include <chrono>
#include <memory>
#include <vector>

namespace stratus::swarm {

class SwarmSession : public QObject {
    Q_OBJECT

public:
    // Starts a session listening on settings.listenAddress (TCP + UDP).
    static Result<std::unique_ptr<SwarmSession>> create(const SwarmSettings &settings, QObject *parent = nullptr);
    ~SwarmSession() override;

    // Where peers reach this session (TCP for shards, UDP for the DHT).
    Endpoint listenEndpoint() const;

    // ----- shards ---------------------------------------------------------
    // Loads the shard at `filePath` (any name) for seeding; seedReady or
    // seedFailed follows. Without `leaves`, libtorrent first hashes the whole
    // file against the ShardId root. With the shard's merkle `leaves` (kept
    // beside each shard by storage nodes, and trusted) the torrent carries
    // its piece layer and starts at once in seed mode: each piece is checked
    // the first time a peer asks for it. A file that turns out not to match
    // is never served: the seed ends with seedFailed (also after it was
    // ready). `SeedCheck::Skip` (with leaves only) skips even that check: for
    // a file this process has just written from data it hashed itself (an
    // uploader's staged shards), where checking it again as it is sent only
    // costs CPU; the receiver verifies every piece anyway. Loading a shard
    // that is already seeding only refreshes it.
    enum class SeedCheck { OnSend, Skip };
    Status seedShard(const object::ShardId &id, const QString &filePath, const std::vector<object::Hash32> &leaves = {},
                     SeedCheck check = SeedCheck::OnSend);

    // Serves a shard this process made and hashed (`leaves`) from memory:
    // the id.size bytes of `buffer` at `offset` (shared, never copied or
    // written). Nothing goes to disk and no piece is checked before it is
    // sent (the receiver checks every piece). seedReady follows as for
    // seedShard(); unload() lets go of the buffer.
    Status seedShardFromMemory(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                               const std::vector<object::Hash32> &leaves);

    // Downloads a shard into `destDir` from `peers` (connected directly, no
    // tracker or DHT lookup). The data goes to "<id>.part" and is renamed to
    // "<id>" (and fsync'ed) only after libtorrent verified every piece
    // against the v2 tree and the whole file was hashed again against the
    // id. Then the torrent leaves the session: the file is the caller's to
    // move, import or seedShard(). Exactly one fetchFinished follows an ok
    // return (also on cancel and on stall); a failed fetch leaves no file.
    Status fetchShard(const object::ShardId &id, const QString &destDir, const EndpointList &peers);
    // The same into memory: fetchFinished carries the verified bytes in
    // FetchResult::data (for a shard that is used at once, like a restore's).
    Status fetchShardToMemory(const object::ShardId &id, const EndpointList &peers);
    // Adds peers to a running fetch.
    Status addFetchPeers(const object::ShardId &id, const EndpointList &peers);
    // Stops a fetch and deletes its partial file; fetchFinished reports it.
    void cancelFetch(const object::ShardId &id);

    // Removes a shard from the session (files stay). Cancels a fetch.
    // Unloading what is not loaded does nothing.
    void unload(const object::ShardId &id);
    bool isLoaded(const object::ShardId &id) const;
    // Loaded as a seed and ready: a peer that connects now is served (a seed
    // still being added would drop it).
    bool isServing(const object::ShardId &id) const;
    // Shards in the libtorrent session, seeding or being fetched.
    int loadedCount() const;
    // Bandwidth limits for the whole session, bytes per second; 0: none.
    void setRateLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    // Shard bytes sent to and received from peers since the session started
    // (any thread may ask).
    PayloadTotals payloadTotals() const;

    // ----- DHT --------------------------------------------------------------
    // Tells the DHT about a node (IP literal, UDP port). Do this for known
    // nodes instead of listing them as bootstrap routers (see SWARM.md).
    Status addDhtNode(const Endpoint &node);
    // Asks for the DHT routing table size; dhtNodeCount follows.
    void requestDhtNodeCount();
    // Announces this node under a 20-byte topic with `port` (the source IP
    // of the announce is recorded). Announces expire on the DHT after about
    // 30 minutes: repeat them.
    Status announce(const QByteArray &topic, quint16 port);
    // Looks up peers under a topic. dhtPeersFound reports peers as they come;
    // dhtLookupFinished reports all of them after `timeout` (an empty
    // result produces no libtorrent alert, so the deadline ends it).
    Status getPeers(const QByteArray &topic, std::chrono::milliseconds timeout);

    // BEP 44: stores `value` (at most ~990 bytes) under the Ed25519 key made
    // from `seed` and `salt`, with sequence number `seq` (must grow with every
    // change). mutablePutFinished follows.
    Status putMutable(const crypto::Key256 &seed, const QByteArray &salt, const QByteArray &value, qint64 seq);
    // Reads the item under `publicKey` and `salt`; mutableGetFinished follows
    // when the lookup ends or at `timeout`. Signatures are checked again here.
    Status getMutable(const QByteArray &publicKey, const QByteArray &salt, std::chrono::milliseconds timeout);

    // The 32-byte public key libtorrent's DHT derives from `seed` (the same as
    // crypto::SigningKey's).
    static QByteArray dhtPublicKey(const crypto::Key256 &seed);

Q_SIGNALS:
    void seedReady(const stratus::object::ShardId &id);
    // The file does not match the shard or cannot be read; it is not served.
    void seedFailed(const stratus::object::ShardId &id, const QString &error);
    void fetchFinished(const stratus::swarm::FetchResult &result);
    // A seeding shard left the session: idle, unload(), or seedFailed.
    void unloaded(const stratus::object::ShardId &id);

    void dhtNodeCount(int nodes);
    void dhtPeersFound(const QByteArray &topic, const stratus::swarm::EndpointList &peers);
    void dhtLookupFinished(const QByteArray &topic, const stratus::swarm::EndpointList &peers);
    void mutablePutFinished(const stratus::swarm::MutablePutResult &result);
    void mutableGetFinished(const stratus::swarm::MutableItem &item);

private:
    class Private;
    explicit SwarmSession(QObject *parent);

    std::unique_ptr<Private> d;
};

} // namespace stratus::swarm
