#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/network_file.h"
#include "ledger/statement.h"
#include "ledger/statement_bundle.h"

#include <QList>
#include <QString>

namespace stratus::client {

class NetworkContext;

// What one storage node reports of its earnings (request "earnings"):
// its signed statements, each checked (signature, the node's own key), and
// its estimate of the running epoch.
struct NodeEarningsReport {
    discovery::BootstrapNode node;
    bool reachable = false;
    QString error;
    QList<ledger::SignedStatement> statements; // newest first
    qint64 estimateEpoch = 0;
    qint64 estimateElapsedMs = 0;
    ledger::EpochEarnings estimate;
    qint64 estimateMonth = 0;
};

// Asks each of `nodes` at once.
QList<NodeEarningsReport> readEarnings(NetworkContext &network, const QList<discovery::BootstrapNode> &nodes,
                                       int epochs);

// One statement of `node` with its receipts (all pages), evidence, the
// validators' keys and the economics: the self-contained file that
// `stratus earnings verify` checks.
Result<ledger::StatementBundle> fetchStatementBundle(NetworkContext &network, const crypto::NodeId &node, qint64 epoch);

} // namespace stratus::client
