#include "client/earnings_reader.h"

#include "client/network_context.h"

#include <QCborArray>
#include <QCborMap>
#include <QFuture>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr int kTimeoutMs = 10000;
constexpr qint64 kPage = 100;
constexpr qint64 kMaxReceipts = 10'000'000;

ledger::EpochEarnings earningsOf(const QCborMap &m)
{
    ledger::EpochEarnings e;
    e.base = m.value(u"base"_s).toInteger();
    e.multiplierPpm = m.value(u"multiplier_ppm"_s).toInteger();
    e.storagePaid = m.value(u"storage_paid"_s).toInteger();
    e.egressPaid = m.value(u"egress_paid"_s).toInteger();
    e.penalty = m.value(u"penalty"_s).toInteger();
    e.total = m.value(u"total"_s).toInteger();
    return e;
}

} // namespace

QList<NodeEarningsReport> readEarnings(NetworkContext &network, const QList<discovery::BootstrapNode> &nodes,
                                       int epochs)
{
    QList<QFuture<Result<QCborMap>>> replies;
    for (const discovery::BootstrapNode &n : nodes)
        replies.append(network.request(n.id, u"earnings"_s, QCborMap{{u"epochs"_s, epochs}}, kTimeoutMs));
    QList<NodeEarningsReport> out;
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        NodeEarningsReport r;
        r.node = nodes[i];
        Result<QCborMap> reply = replies[i].result();
        if (!reply) {
            r.error = reply.message();
            out.append(r);
            continue;
        }
        r.reachable = true;
        for (const QCborValue &v : reply->value(u"statements"_s).toArray()) {
            auto s = ledger::SignedStatement::fromCbor(v.toByteArray());
            if (!s) {
                r.error = u"a statement does not check out: %1"_s.arg(s.message());
                continue;
            }
            if (s->statement.node != r.node.id) {
                r.error = u"the node sent a statement of another node"_s;
                continue;
            }
            r.statements.append(s.value());
        }
        const QCborMap est = reply->value(u"estimate"_s).toMap();
        r.estimateEpoch = est.value(u"epoch"_s).toInteger();
        r.estimateElapsedMs = est.value(u"elapsed_ms"_s).toInteger();
        r.estimate = earningsOf(est);
        r.estimateMonth = est.value(u"month"_s).toInteger();
        out.append(r);
    }
    return out;
}

Result<ledger::StatementBundle> fetchStatementBundle(NetworkContext &network, const crypto::NodeId &node, qint64 epoch)
{
    ledger::StatementBundle b;
    qint64 total = -1;
    for (qint64 offset = 0; total < 0 || offset < total; offset += kPage) {
        Result<QCborMap> reply =
            network
                .request(node, u"statement"_s,
                         QCborMap{{u"epoch"_s, epoch}, {u"offset"_s, offset}, {u"limit"_s, kPage}}, kTimeoutMs)
                .result();
        if (!reply)
            return reply.error();
        if (total < 0) {
            total = reply->value(u"receipts_total"_s).toInteger(-1);
            if (total < 0 || total > kMaxReceipts)
                return makeError(u"the node's answer is malformed (receipts_total)"_s);
            b.statement = reply->value(u"statement"_s).toByteArray();
            b.economics = reply->value(u"economics"_s).toByteArray();
            for (const QCborValue &e : reply->value(u"evidence"_s).toArray())
                b.evidence.append(e.toByteArray());
            auto keys = ledger::decodeValidatorKeys(reply->value(u"validators"_s).toArray());
            if (!keys)
                return makeError(u"the node's answer: %1"_s.arg(keys.message()));
            b.validators = keys.value();
        }
        const QCborArray page = reply->value(u"receipts"_s).toArray();
        if (page.isEmpty() && offset < total)
            return makeError(u"the node stopped sending receipts at %1 of %2"_s.arg(offset).arg(total));
        for (const QCborValue &r : page)
            b.receipts.append(r.toByteArray());
        if (total == 0)
            break;
    }
    return b;
}

} // namespace stratus::client
