#pragma once

// Value types that cross the swarm boundary: settings in, results out.

#include "object/shard_id.h"
#include "swarm/endpoint.h"

#include <QByteArray>
#include <QString>

#include <chrono>

namespace stratus::swarm {

struct SwarmSettings {
    // The session binds TCP (BitTorrent) and UDP (DHT) here and makes every
    // outgoing connection from this address. An IP, never an interface name.
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 listenPort = 0; // 0: any free port (see SwarmSession::listenEndpoint)

    bool enableDht = true;

    // A loaded shard with no peers and no transfer for this long is removed
    // from the libtorrent session (it stays on disk; load it again on demand).
    std::chrono::milliseconds idleUnloadAfter{std::chrono::minutes(2)};

    // A fetch that verifies no new data for this long fails.
    std::chrono::milliseconds fetchStallTimeout{std::chrono::seconds(30)};

    // What happens to a fetched shard after libtorrent has every piece (each
    // 16 KiB block already checked through the v2 merkle tree against the
    // ShardId root, see SWARM.md "Fetching"):
    // - rehashFetched: hash the whole file once more against the id. A
    //   caller that hashes it again anyway (the node's
    //   ShardStore::adoptFile, a client's restore) can turn this off.
    // - syncFetched: fsync the file and its directory before fetchFinished.
    //   A caller that fsyncs it itself (adoptFile) or reads it once and
    //   deletes it (a restore) can turn this off.
    bool rehashFetched = true;
    bool syncFetched = true;

    // libtorrent's memory-mapped disk I/O instead of pread/pwrite: one copy
    // less per block sent or received, but mapped shard pages count in the
    // process's RSS while a torrent is loaded (see SWARM.md "Session
    // settings").
    bool mmapDiskIo = false;

    // How often the session looks for idle torrents and stalled fetches.
    // 0: derived from the two timeouts above (at most 1 s).
    std::chrono::milliseconds housekeepingInterval{0};
};

// Shard bytes a session has moved (for transfer rates).
struct PayloadTotals {
    qint64 sent = 0;
    qint64 received = 0;
};

// Numbers for benchmarks and logs.
struct FetchStats {
    qint64 bytes = 0;           // the shard's size
    qint64 payloadBytes = 0;    // payload received, including data that was thrown away
    double seconds = 0;         // from fetchShard() to the verified file in place
    double connectSeconds = -1; // from fetchShard() to the first connection to a peer (-1: none)
    int hashFailures = 0;       // pieces that failed verification (a peer sent bad data)

    // Payload rate once connected (libtorrent opens connections only once a
    // second, which dominates small shards).
    double transferSeconds() const { return connectSeconds >= 0 ? seconds - connectSeconds : seconds; }
};

struct FetchResult {
    object::ShardId id;
    QString path;    // the verified file, when ok() (fetchShard)
    QByteArray data; // the verified bytes, when ok() (fetchShardToMemory)
    QString error;   // what went wrong, when not ok()
    FetchStats stats;

    bool ok() const { return error.isEmpty(); }
};

// The outcome of a BEP 44 mutable put.
struct MutablePutResult {
    QByteArray publicKey; // 32 bytes
    QByteArray salt;
    qint64 seq = 0;
    int storedOn = 0; // DHT nodes that accepted the item
    QString error;    // empty when storedOn > 0

    bool ok() const { return error.isEmpty(); }
};

// The outcome of a BEP 44 mutable get.
struct MutableItem {
    QByteArray publicKey; // 32 bytes
    QByteArray salt;
    QByteArray value;
    qint64 seq = 0;
    bool found = false;
    QString error; // set when an item was seen but could not be used

    bool ok() const { return found && error.isEmpty(); }
};

// Limits of BEP 44 items as libtorrent enforces them.
constexpr qsizetype kMaxMutableSaltSize = 64;
constexpr qsizetype kMaxMutableEncodedSize = 1000; // the bencoded value
constexpr qsizetype kDhtTopicSize = 20;

} // namespace stratus::swarm
