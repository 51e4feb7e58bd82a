#pragma once

// Running a node in this process (`stratus node run`, and the desktop app's
// "contribute storage" and "run a paper node" switches): a storage node, a
// paper node (validator), or both behind one control port.

#include "common/result.h"

#include <QList>
#include <QString>

#include <memory>

namespace stratus::api {

struct NodeOptions {
    QString dataDir;
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 controlPort = 7400;
    quint16 swarmPort = 0; // 0: controlPort + 1
    bool storage = true;   // the storage role
    qint64 storageBytes = qint64(1) << 30;
    QString networkFile; // optional for storage alone; a paper node needs one
    bool validator = false;
    qint64 auditIntervalMs = 0; // 0: the default (5 minutes; see VALIDATOR.md)
    QString faucetKeyFile;      // the treasury's seed: the paper node also runs the faucet
};

struct NodeInfo {
    QString id;
    QString address;
    quint16 controlPort = 0;
    quint16 swarmPort = 0;
    bool storage = false;
    qint64 capacityBytes = 0;
    qint64 usedBytes = 0;  // shards on disk, trash included
    qint64 trashBytes = 0; // of usedBytes: no longer kept by any contract, removed at the next collection
    qint64 shards = 0;
    QString network;
    bool validator = false;
};

// What the paper node sees (the desktop's paper-node page).
struct AuditRecord {
    QString node; // NodeId text
    QString kind; // ping, proof, throughput
    bool ok = false;
    double ms = 0;
    QString detail;
    qint64 timeMs = 0;
};

struct AuditedNode {
    QString id;
    QString name;
    double score = 0;
    double auditScore = 0;
    double uptime = 0;
    double latencyP50Ms = 0;
    double latencyP95Ms = 0;
    double throughputBytesPerSecond = 0;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    bool online = false;
    bool vetted = false;
    bool eligible = false;
};

struct ValidatorStatus {
    bool running = false;
    bool counted = false; // the network file names it: its attestations count
    int rounds = 0;
    qint64 auditsDone = 0;
    qint64 epoch = 0;
    qint64 logSize = 0;
    QString logRoot;              // hex of the latest signed tree head's root
    qint64 logHeadTimeMs = 0;     // when it was signed
    QString logHeadSignature;     // hex, Ed25519 over the head (translog/TRANSLOG.md)
    QString logKey;               // hex of the key that signed it (the paper node's)
    bool logHeadVerified = false; // the signature checks out against that key
    QList<AuditedNode> nodes;
    QList<AuditRecord> recentAudits; // newest last
    QStringList problems;            // forks and disagreements seen in other validators' logs
};

// A node running on its own thread (the node thread). Destroying it stops
// the node cleanly.
class RunningNode {
public:
    virtual ~RunningNode() = default;
    virtual NodeInfo info() const = 0;
    // The one-click switch: starts or stops the paper node in this process
    // (it needs the node to have been started with a network file).
    virtual Status setValidatorEnabled(bool enabled) = 0;
    virtual ValidatorStatus validatorStatus() const = 0;
};

Result<std::unique_ptr<RunningNode>> startNode(const NodeOptions &options);

} // namespace stratus::api
