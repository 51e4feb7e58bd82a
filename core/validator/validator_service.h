#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "discovery/network_file.h"
#include "validator/auditor.h"
#include "validator/epoch_index.h"
#include "validator/log_entry.h"
#include "validator/reputation.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

class QTimer;

namespace stratus::net {
class ControlServer;
class ControlClient;
struct TlsCredentials;
} // namespace stratus::net
namespace stratus::swarm {
class SwarmSession;
}
namespace stratus::translog {
class LogStore;
struct SignedTreeHead;
} // namespace stratus::translog

namespace stratus::validator {

struct ValidatorConfig {
    QString dataDir; // the process's data dir; the paper node keeps DIR/validator/
    discovery::NetworkFile network;
    QHostAddress bindAddress = QHostAddress::LocalHost; // outgoing connections and the probe swarm
    quint16 swarmPort = 0;                              // 0: any free port
    AuditSettings audit;
    ReputationParams reputation;
};

// What the paper node shows (desktop, status).
struct ValidatorSnapshot {
    bool counted = false; // named by the network file: its attestations count
    int round = 0;
    qint64 auditsDone = 0;
    qint64 logSize = 0;
    QByteArray logHead; // SignedTreeHead CBOR
    qint64 epoch = 0;
    QList<AuditEvent> recent; // newest last
    struct Node {
        crypto::NodeId id;
        QString name;
        double score = 0;
        double auditScore = 0;
        double uptime = 0;
        double latencyP50Ms = 0;
        double latencyP95Ms = 0;
        double throughput = 0;
        qint64 passed = 0;
        qint64 failed = 0;
        bool online = false;
        bool vetted = false;
        bool eligible = false;
    };
    QList<Node> nodes;
    QStringList problems; // forks and disagreements seen
};

// The paper node (DESIGN.md "Paper node"): audits the network's storage
// nodes every interval, keeps their reputations, signs one attestation per
// node and epoch into its transparency log, serves its score sheet and log
// over the control plane, and watches the other validators' logs for forks
// (and, as an observer, for attestations that disagree with its own).
//
// Lives on the thread that starts it (the node thread); requests it serves
// on `server` (see VALIDATOR.md): scores, log-head, log-entries,
// log-inclusion, log-consistency.
class ValidatorService : public QObject {
    Q_OBJECT
public:
    static Result<std::unique_ptr<ValidatorService>>
    start(const ValidatorConfig &config, const crypto::SigningKey &identity, net::ControlServer &server);
    ~ValidatorService() override;

    const crypto::NodeId &id() const { return m_id; }
    bool counted() const;
    ValidatorSnapshot snapshot() const;
    // The signed score sheet as served (for tests and the API).
    QByteArray scoreSheet() const;
    // Runs an audit round now (also done by the timer).
    void auditNow();
    // Signs and appends one entry of `kind` to this paper node's log (for
    // the checks other services make in its name, e.g. of epoch statements).
    Status appendEntry(EntryKind kind, const QByteArray &body);
    // The network file it audits.
    const discovery::NetworkFile &network() const { return m_config.network; }
    // This paper node's own attestation of `node` for `epoch`, when it still
    // has it (the last EpochIndex::kKeptEpochs epochs).
    std::optional<Attestation> attestationOf(const crypto::NodeId &node, qint64 epoch) const;

Q_SIGNALS:
    void audited(const stratus::validator::AuditEvent &event);
    void logGrew(qint64 size);

private:
    ValidatorService(const ValidatorConfig &config, const crypto::SigningKey &identity, net::ControlServer &server);
    Status open();
    void installHandlers();
    void refreshTargets();
    // validator_enrol.cpp: storage nodes the network file does not name ask
    // to be audited ("audit-me"); each is checked by connecting back.
    void installEnrolHandler();
    void onRoundTimer();
    void closeEpoch(qint64 epoch);
    Status appendEntries(const std::vector<QByteArray> &entries);
    void saveState();
    void loadState();
    // Other validators' logs.
    void exchangeHeads();
    void checkPeerHead(const crypto::NodeId &validator, const translog::SignedTreeHead &head,
                       const crypto::NodeId &source);
    void reportFork(const crypto::NodeId &validator, const QByteArray &first, const QByteArray &second,
                    const QString &reason);
    void compareWithCounted(const crypto::NodeId &validator, quint64 size);
    // A connection to a counted validator (null for any other).
    net::ControlClient *peerClient(const crypto::NodeId &validator);

    ValidatorConfig m_config;
    crypto::SigningKey m_identity;
    crypto::NodeId m_id;
    net::ControlServer &m_server;
    QString m_dir;
    std::unique_ptr<swarm::SwarmSession> m_swarm;
    std::unique_ptr<Auditor> m_auditor;
    bool m_closing = false; // set first thing in the destructor (see Auditor::m_closing)
    std::unique_ptr<translog::LogStore> m_log;
    QTimer *m_roundTimer = nullptr;
    qint64 m_epoch = 0;
    std::deque<AuditEvent> m_recent;
    QHash<crypto::NodeId, QByteArray> m_seenHeads;       // latest verified SignedTreeHead CBOR per validator
    QHash<crypto::NodeId, quint64> m_compared;           // observer: entries of a counted log already compared
    QHash<crypto::NodeId, net::ControlClient *> m_peers; // control connections to other validators
    QHash<crypto::NodeId, AuditTarget> m_enrolled;       // nodes found through "audit-me"
    QSet<crypto::NodeId> m_enrolling;                    // being checked
    QSet<QByteArray> m_reportedForks;
    QStringList m_problems;
    QHash<QByteArray, Attestation> m_ours; // our recent attestations by node id + epoch (observer checks)
    std::shared_ptr<const net::TlsCredentials> m_tls;
    EpochIndex m_epochIndex{m_id}; // our recent attestations and summaries, for "attestations"
};

} // namespace stratus::validator
