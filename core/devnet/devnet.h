#pragma once

#include "common/result.h"
#include "devnet/devnet_layout.h"

#include <functional>

namespace stratus::devnet {

struct DevnetSpec {
    QString dir;
    QString program; // the stratus binary that runs each node
    int nodes = 8;
    int validators = 0; // paper nodes paper1..paperN, besides the storage nodes
    // The paper nodes' audit interval and the network's epoch: short, so
    // that scores and attestations show within seconds.
    qint64 auditIntervalMs = 1000;
    qint64 epochMs = 10000;
    qint64 faucetCredits = -1; // µcr per new account; -1: Economics::devnet's
    // Capacity of each node in order; the last entry applies to the rest.
    QList<quint64> storage{1ull << 30};
    int k = 4;
    int m = 2;
    int readyTimeoutMs = 30000;
};

// What a node said when asked (over its control plane).
struct NodeAnswer {
    bool answered = false;
    quint64 usedBytes = 0;
    quint64 freeBytes = 0;
};
using NodeProbe = std::function<NodeAnswer(const DevnetNode &)>;

enum class NodeState { Running, Unresponsive, Stopped };
QString toString(NodeState s);

struct NodeStatus {
    DevnetNode node;
    NodeState state = NodeState::Stopped;
    NodeAnswer answer;
};

// A local network of real `stratus node run` processes on loopback
// (DESIGN.md "Local network"). Nothing restarts a node by itself.
class Devnet {
public:
    // Starts the nodes (reusing the identities and data of a stopped devnet
    // in the same directory), writes DIR/network.json and DIR/devnet.json,
    // and returns once every node answers `probe`.
    static Result<DevnetLayout> up(const DevnetSpec &spec, const NodeProbe &probe);
    static Result<QList<NodeStatus>> status(const QString &dir, const NodeProbe &probe);
    static Status kill(const QString &dir, const QString &name);
    static Status restart(const QString &dir, const QString &name, const QString &program, const NodeProbe &probe,
                          int readyTimeoutMs = 30000);
    static Status down(const QString &dir);

    // The command line that runs `node` of a devnet.
    static QStringList nodeArguments(const DevnetNode &node, const QString &networkFile);
};

} // namespace stratus::devnet
