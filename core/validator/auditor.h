#pragma once

#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "discovery/endpoint.h"
#include "object/shard_id.h"
#include "validator/reputation.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace stratus::net {
class ControlClient;
struct TlsCredentials;
} // namespace stratus::net
namespace stratus::swarm {
class SwarmSession;
struct FetchResult;
} // namespace stratus::swarm

namespace stratus::validator {

struct AuditSettings {
    std::chrono::milliseconds interval{std::chrono::minutes(5)};
    // A ping or a proof answered later than this is a failure.
    std::chrono::milliseconds pingTimeout{std::chrono::seconds(5)};
    std::chrono::milliseconds proofDeadline{std::chrono::seconds(5)};
    // Proof-of-storage challenges per node and round, each for a random
    // block of a randomly picked claimed contract.
    int challengesPerRound = 4;
    // Every this many rounds a node's throughput is probed by fetching one of
    // its shards (at most throughputMaxBytes) over the swarm. 0: never.
    int throughputEvery = 12;
    qint64 throughputMaxBytes = 16 * 1024 * 1024;
    // Nodes audited at the same time (each keeps its control connection
    // open while there are at most keepConnections nodes).
    int maxConcurrentNodes = 64;
    int keepConnections = 512;
    // Outgoing control connections are made from this address (null: any).
    QHostAddress bindAddress;
};

// One thing the auditor did, for logs and the desktop's live table.
struct AuditEvent {
    crypto::NodeId node;
    QString kind; // "ping", "proof", "throughput"
    bool ok = false;
    double ms = 0;  // round trip, answer time, or transfer time
    QString detail; // why it failed, or what was measured
    qint64 timeMs = 0;
};

struct AuditTarget {
    crypto::NodeId id;
    discovery::Endpoint endpoint;
    QString name;
};

// Audits storage nodes (DESIGN.md "Paper node"), on the thread that makes
// it: every round, per node, a ping (uptime, RTT); then `claims` with random
// picks, and for each claimed contract (verified: signed by its client and
// countersigned by the node) a `prove` challenge for a random 16 KiB block
// with a fresh nonce, checked against the shard id's merkle root and the
// node's key, within the deadline; now and then a throughput probe over the
// swarm. Results go into each node's NodeReputation.
class Auditor : public QObject {
    Q_OBJECT
public:
    // `tls`: this process's certificate (net::makeTlsCredentials()), for every connection.
    Auditor(const crypto::SigningKey &identity, std::shared_ptr<const net::TlsCredentials> tls, AuditSettings settings,
            swarm::SwarmSession *swarm, QString scratchDir, ReputationParams params = {}, QObject *parent = nullptr);
    ~Auditor() override;

    const AuditSettings &settings() const { return m_settings; }

    // The nodes to audit (others are forgotten, with their connections; their
    // reputation stays).
    void setTargets(const QList<AuditTarget> &targets);
    QList<AuditTarget> targets() const;

    // Starts a round for every target not still busy with the last one.
    void runRound();
    int round() const { return m_round; }
    bool busy() const;

    const QHash<crypto::NodeId, NodeReputation> &reputations() const { return m_reputations; }
    QHash<crypto::NodeId, NodeReputation> &reputations() { return m_reputations; }
    // The node's latest signed record (CBOR), if it gave one.
    QByteArray recordOf(const crypto::NodeId &id) const;

    qint64 auditsDone() const { return m_auditsDone; }

Q_SIGNALS:
    void audited(const stratus::validator::AuditEvent &event);
    void nodeFinished(const stratus::crypto::NodeId &node);

private:
    struct NodeState;
    void startNode(NodeState &n);
    void pumpQueue();
    void pingNode(const crypto::NodeId &id);
    void requestClaims(const crypto::NodeId &id);
    void challenge(const crypto::NodeId &id, const QList<QByteArray> &contracts);
    void probeThroughput(const crypto::NodeId &id, const object::ShardId &shard);
    void onFetchFinished(const swarm::FetchResult &result);
    void finishNode(const crypto::NodeId &id);
    void dropConnection(NodeState &n);
    NodeState *state(const crypto::NodeId &id);
    void emitEvent(const crypto::NodeId &id, const QString &kind, bool ok, double ms, const QString &detail);

    crypto::SigningKey m_identity;
    std::shared_ptr<const net::TlsCredentials> m_tls;
    AuditSettings m_settings;
    ReputationParams m_params;
    swarm::SwarmSession *m_swarm = nullptr;
    QString m_scratchDir;
    QHash<crypto::NodeId, std::shared_ptr<NodeState>> m_nodes;
    QHash<crypto::NodeId, NodeReputation> m_reputations;
    QList<crypto::NodeId> m_queue;
    int m_running = 0;
    int m_round = 0;
    qint64 m_auditsDone = 0;
    struct Probe;
    QHash<QString, std::shared_ptr<Probe>> m_probes; // by ShardId text
    // Set first thing in the destructor: a request failed by it (its
    // connection closed) must not reach into a half-destroyed auditor,
    // whatever thread or order its continuation runs in.
    bool m_closing = false;
};

} // namespace stratus::validator
