// The client's view of the storage nodes' earnings (`stratus earnings`).

#include "api/earnings_private.h"
#include "client/earnings_reader.h"
#include "client/network_context.h"

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

// The nodes `node` names: one by its name in the network file or its id, or
// (empty) every storage node known.
Result<QList<discovery::BootstrapNode>> pickNodes(client::NetworkContext &network, const QString &node)
{
    const QList<discovery::BootstrapNode> known = network.nodes();
    if (node.isEmpty())
        return known;
    for (const discovery::BootstrapNode &n : known)
        if (n.name == node)
            return QList<discovery::BootstrapNode>{n};
    auto id = crypto::NodeId::parse(node);
    if (id) {
        discovery::BootstrapNode found;
        if (network.findNode(id.value(), found))
            return QList<discovery::BootstrapNode>{found};
        return makeError(u"node %1 is not a storage node of this network"_s.arg(node));
    }
    return makeError(u"no storage node is named \"%1\" in the network file (give a name such as node1, or a node "
                     u"id)"_s.arg(node));
}

} // namespace

Result<QList<NodeEarnings>> readNodeEarnings(client::NetworkContext &network, const QString &node, int epochs)
{
    auto nodes = pickNodes(network, node);
    if (!nodes)
        return nodes.error();
    QList<NodeEarnings> out;
    for (const client::NodeEarningsReport &r : client::readEarnings(network, nodes.value(), epochs)) {
        NodeEarnings n;
        n.id = r.node.id.toString();
        n.name = r.node.name;
        n.reachable = r.reachable;
        n.error = r.error;
        for (const ledger::SignedStatement &s : r.statements)
            n.epochs.append(earningsInfo(s));
        n.estimate.epoch = r.estimateEpoch;
        n.estimate.elapsedMs = r.estimateElapsedMs;
        n.estimate.base = r.estimate.base;
        n.estimate.storagePaid = r.estimate.storagePaid;
        n.estimate.egressPaid = r.estimate.egressPaid;
        n.estimate.penalty = r.estimate.penalty;
        n.estimate.total = r.estimate.total;
        n.estimate.month = r.estimateMonth;
        out.append(n);
    }
    return out;
}

Result<QByteArray> exportNodeStatement(client::NetworkContext &network, const QString &node, qint64 epoch)
{
    if (node.isEmpty())
        return makeError(u"a statement is one node's: say which with --node NAME|ID"_s);
    auto nodes = pickNodes(network, node);
    if (!nodes)
        return nodes.error();
    auto bundle = client::fetchStatementBundle(network, nodes->front().id, epoch);
    if (!bundle)
        return makeError(u"%1: %2"_s.arg(nodes->front().name.isEmpty() ? node : nodes->front().name, bundle.message()));
    return bundle->toCbor();
}

} // namespace stratus::api
