#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/network_file.h"
#include "discovery/node_keys.h"
#include "ledger/economics.h"
#include "net/responder.h"
#include "node/contract.h"
#include "object/merkle.h"

#include <QCborMap>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <chrono>
#include <memory>
#include <optional>

class QTimer;

namespace stratus::net {
class ControlServer;
class Responder;
} // namespace stratus::net
namespace stratus::swarm {
class SwarmSession;
struct FetchResult;
} // namespace stratus::swarm
namespace stratus::node {
class ShardStore;
class NodeDatabase;
} // namespace stratus::node
namespace stratus::object {
struct ShardId;
}

namespace stratus::nodeservice {

class CreditGate;
class PeerClients;
class EpochCloser;

struct NodeServiceConfig {
    QString dataDir;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 controlPort = 7400;
    quint16 swarmPort = 0; // 0: controlPort + 1
    qint64 capacity = qint64(1) << 30;
    // false: no storage role (a paper node alone); the process still answers
    // ping/status/nodes/record and whatever else is installed on server().
    bool storage = true;
    QString networkName;
    // Nodes of the network file: the DHT is joined through them, and this
    // node announces itself under the network's topic.
    QList<discovery::BootstrapNode> bootstrap;
    // The whole network file, when the node runs in one (epochs, economics,
    // validators): the node then closes its epochs into signed statements.
    std::optional<discovery::NetworkFile> network;
    std::chrono::milliseconds gcInterval{std::chrono::minutes(1)};
    std::chrono::milliseconds gcGrace{std::chrono::hours(1)};
    std::chrono::milliseconds idleUnload{std::chrono::minutes(2)};
    std::chrono::milliseconds storeTimeout{std::chrono::minutes(2)};
};

// A running storage node: its shard store and database, its control-plane
// server and its swarm session, and the handlers that tie them together
// (DESIGN.md "Storage node"). Lives on the thread that starts it (the node
// thread), which must run an event loop.
//
// Control-plane requests served (see core/nodeservice/SERVICE.md):
//   ping, status, nodes, record, store, open, prove, claims, delete, earnings,
//   statement
class NodeService : public QObject {
    Q_OBJECT

public:
    static Result<std::unique_ptr<NodeService>> start(const NodeServiceConfig &config);
    ~NodeService() override;

    const crypto::NodeId &id() const { return m_keys.id; }
    QHostAddress address() const;
    quint16 controlPort() const;
    quint16 swarmPort() const;
    qint64 capacity() const;
    qint64 usedBytes() const;
    qint64 freeBytes() const;
    qint64 shardCount() const;
    // Of usedBytes(): shards no contract keeps any more, waiting for garbage
    // collection (node::NodeDatabase::collectibleShards without a grace period).
    qint64 trashBytes() const;

    bool storesShards() const { return m_store != nullptr; }
    // The control-plane server, for other roles of this process (the paper
    // node) to install their handlers on. Null after stop().
    net::ControlServer *server() const { return m_server.get(); }
    // Stops serving: closes the control port, finishes the swarm session.
    void stop();

private:
    explicit NodeService(NodeServiceConfig config);
    Status open();
    void installHandlers();
    void onFetchFinished(const swarm::FetchResult &result);
    // Answers the store requests waiting for shard `key` (stored or not).
    void finishStore(const QString &key, const Status &stored);
    void acceptStore(const crypto::NodeId &peer, const node::SignedContract &contract, const node::ContractTerms &terms,
                     const QCborMap &body, net::Responder r);
    void collectGarbage();
    // Hands freed memory back to the kernel once the swarm has gone quiet
    // after moving shards (common/freed_memory.h).
    void returnMemoryWhenQuiet();
    void askToBeAudited();
    void joinDht();

    NodeServiceConfig m_config;
    discovery::NodeKeys m_keys;
    std::unique_ptr<node::ShardStore> m_store;
    std::unique_ptr<node::NodeDatabase> m_db;
    std::unique_ptr<swarm::SwarmSession> m_swarm;
    std::unique_ptr<net::ControlServer> m_server;
    std::unique_ptr<PeerClients> m_peers; // outgoing connections to the validators (before its users)
    std::unique_ptr<EpochCloser> m_closer;
    std::unique_ptr<CreditGate> m_credits;
    ledger::Economics m_economics;
    qint64 m_minPrice = 0; // µcr per GiB-month: the network's storage price
    QTimer *m_gcTimer = nullptr;
    QTimer *m_announceTimer = nullptr;
    QTimer *m_registerTimer = nullptr; // askToBeAudited()
    QTimer *m_memoryTimer = nullptr;   // returnMemoryWhenQuiet()
    qint64 m_payloadSeen = 0;          // shard bytes sent + received at its last tick
    bool m_payloadMoved = false;       // and whether they had grown since the one before
    quint64 m_recordSequence = 0;

    struct PendingStore; // a store request waiting for its shard to arrive
    QHash<QString, QList<std::shared_ptr<PendingStore>>> m_pendingStores; // by ShardId text
    // Merkle leaves the uploader sent with a store request (checked against
    // the root), used to store the fetched shard without hashing it again.
    QHash<QString, std::vector<object::Hash32>> m_offeredLeaves; // by ShardId text
    // Fetched shards being written into the store (ShardStore::put) on
    // m_adoptPool (tens of ms each: not on this thread, which serves).
    QSet<QString> m_adopting; // by ShardId text
    QThreadPool m_adoptPool;
    struct PendingOpen;
    QHash<QString, QList<std::shared_ptr<PendingOpen>>> m_pendingOpens;
};

} // namespace stratus::nodeservice
