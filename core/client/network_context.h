#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/secret.h"
#include "crypto/signing_key.h"
#include "discovery/network_file.h"
#include "discovery/node_record.h"
#include "object/merkle.h"
#include "object/shard_id.h"
#include "swarm/swarm_types.h"

#include <QCborMap>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QThread>

#include <memory>

namespace stratus::net {
class ControlClient;
}
namespace stratus::swarm {
class SwarmSession;
struct FetchResult;
} // namespace stratus::swarm

namespace stratus::client {

// The client's view of the network, living on its own thread (the network
// thread): a swarm session to serve and fetch shards, and one control-plane
// connection per node, opened on first use. Every method may be called from
// any thread and returns a future that always finishes, so the pipeline's
// worker threads can wait on the network without ever blocking it.
class NetworkContext {
public:
    // Starts the network thread. `swarmAddress` is the loopback (or other)
    // address the client's swarm session listens on.
    static Result<std::unique_ptr<NetworkContext>> start(const discovery::NetworkFile &network,
                                                         const crypto::SigningKey &device, const QString &swarmAddress);
    ~NetworkContext();

    const discovery::NetworkFile &network() const { return m_network; }
    const crypto::NodeId &deviceId() const { return m_deviceId; }
    QString swarmAddress() const { return m_swarmAddress; }
    quint16 swarmPort() const { return m_swarmPort; }

    // BEP 44 mutable items in the swarm DHT (at most ~990 bytes), signed
    // with the Ed25519 key made from `seed`.
    struct DhtItem {
        bool found = false;
        qint64 seq = 0;
        QByteArray value;
    };
    QFuture<Status> putDhtItem(const crypto::Key256 &seed, const QByteArray &salt, const QByteArray &value, qint64 seq);
    QFuture<Result<DhtItem>> getDhtItem(const QByteArray &publicKey, const QByteArray &salt, int timeoutMs);

    // Bandwidth limits of this client's swarm session (bytes per second; 0: none).
    void setRateLimits(qint64 upload, qint64 download);
    // Shard bytes this client's swarm session has sent and received (any
    // thread).
    swarm::PayloadTotals transferred() const;

    // A control-plane request to a node of the network file.
    QFuture<Result<QCborMap>> request(const crypto::NodeId &node, const QString &type, const QCborMap &body = {},
                                      int timeoutMs = 10000);
    // Serves a shard file to the swarm; finishes when it is ready to serve.
    QFuture<Status> seed(const object::ShardId &id, const QString &path);
    // Serves a shard this client made, from memory (`leaves`: the merkle
    // leaves it computed from `bytes`); nothing is checked before it is sent.
    // (The shard: id.size bytes of `buffer` at `offset`, shared, not copied.)
    QFuture<Status> seed(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                         const std::vector<object::Hash32> &leaves);
    void unload(const object::ShardId &id);
    // Ends a running fetch of `id` (its future finishes with an error).
    void cancelFetch(const object::ShardId &id);
    // Fetches a shard from `node` (asking it to open the shard first) into
    // memory; finishes with its bytes, every piece checked against the
    // shard's merkle root on the way.
    // `order` (optional): a signed bandwidth order that pays the node.
    QFuture<Result<QByteArray>> fetch(const object::ShardId &id, const crypto::NodeId &node,
                                      const QByteArray &order = {});

    // The nodes known: those of the network file and those found through
    // the DHT (discover()).
    QList<discovery::BootstrapNode> nodes() const;
    bool findNode(const crypto::NodeId &id, discovery::BootstrapNode &out) const;

    // Looks up the network's nodes in the DHT (they announce their control
    // port under the network's topic), asks each unknown one for its signed
    // node record over the control plane (the TLS channel proves the id),
    // and adds those that check out; the known nodes are also asked whom they
    // know. Ends early once `enough` nodes are known. Returns how many were
    // added.
    Result<int> discover(int timeoutMs = 3000, int enough = 1 << 30);

private:
    class Worker;
    bool addDiscovered(const discovery::NodeRecord &record);
    NetworkContext() = default;

    discovery::NetworkFile m_network;
    crypto::NodeId m_deviceId;
    QString m_swarmAddress;
    quint16 m_swarmPort = 0;
    mutable QMutex m_nodesMutex;
    QList<discovery::BootstrapNode> m_discovered;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

} // namespace stratus::client
