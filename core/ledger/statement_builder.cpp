#include "ledger/statement_builder.h"

#include "common/cbor_parse.h"
#include "db/database.h"
#include "db/transaction.h"
#include "ledger/receipt.h"
#include "ledger/statement_bundle.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

Result<QList<QByteArray>> collectReceipts(node::NodeDatabase &db, const crypto::NodeId &node, qint64 startMs,
                                          qint64 endMs, const Economics &economics, qint64 *storage, qint64 *egress,
                                          qint64 *storageCount)
{
    QList<QByteArray> leaves;
    *storage = *egress = *storageCount = 0;
    auto contracts = db.contractsStoredDuring(startMs, endMs);
    if (!contracts)
        return contracts.error();
    for (const node::ContractRecord &c : *contracts) {
        Receipt r;
        r.kind = ReceiptKind::Storage;
        r.signedObject = node::encodeSignedContract(c.contract);
        r.fromMs = std::max({startMs, c.terms.startMs, c.storedMs});
        const qint64 ended = c.state == node::ContractState::Active ? std::numeric_limits<qint64>::max() : c.stateMs;
        r.toMs = std::min({endMs, c.terms.expiryMs, ended});
        if (r.toMs <= r.fromMs)
            continue;
        r.bytes = c.terms.size();
        r.amount = storageAmount(r.bytes, r.toMs - r.fromMs, c.terms.price);
        *storage += r.amount;
        ++*storageCount;
        leaves.append(encodeReceipt(r));
    }
    auto orders = db.ordersReceivedDuring(startMs, endMs);
    if (!orders)
        return orders.error();
    for (const node::OrderRecord &o : *orders) {
        if (!node::verifyBandwidthOrder(o.order, node))
            continue; // cannot happen for what the database accepted; never count what does not verify
        Receipt r;
        r.kind = ReceiptKind::Egress;
        r.signedObject = node::encodeSignedOrder(o.order);
        r.fromMs = r.toMs = o.receivedMs;
        r.bytes = o.bytes;
        r.amount = egressAmount(o.bytes, economics.egressPrice);
        *egress += r.amount;
        leaves.append(encodeReceipt(r));
    }
    return leaves;
}

QByteArray encodeEvidence(const QList<QByteArray> &entries, const QList<ValidatorKey> &validators)
{
    QCborArray e;
    for (const QByteArray &entry : entries)
        e.append(entry);
    return QCborMap{{u"entries"_s, e}, {u"validators"_s, encodeValidatorKeys(validators)}}.toCborValue().toCbor();
}

Result<StoredEvidence> decodeEvidence(const QByteArray &cbor)
{
    const QCborMap m = parseCbor(cbor).toMap();
    StoredEvidence out;
    for (const QCborValue &e : m.value(u"entries"_s).toArray())
        out.entries.append(e.toByteArray());
    auto keys = decodeValidatorKeys(m.value(u"validators"_s).toArray());
    if (!keys)
        return makeError(u"stored evidence: %1"_s.arg(keys.message()));
    out.validators = keys.value();
    return out;
}

QList<QByteArray> decodeLeaves(const QByteArray &cbor)
{
    QList<QByteArray> out;
    for (const QCborValue &v : parseCbor(cbor).toArray())
        out.append(v.toByteArray());
    return out;
}

Result<node::StatementRow> buildStatement(node::NodeDatabase &db, const crypto::SigningKey &key,
                                          const EpochClose &close)
{
    const crypto::NodeId self = crypto::NodeId::fromPublicKey(key.publicKey());
    EpochStatement s;
    s.node = self;
    s.epoch = close.epoch;
    s.startMs = close.startMs;
    s.endMs = close.endMs;
    s.economics = close.economics.digest();
    s.timeMs = close.nowMs;
    qint64 storageCount = 0;
    auto leaves = collectReceipts(db, self, close.startMs, close.endMs, close.economics, &s.inputs.storage,
                                  &s.inputs.egress, &storageCount);
    if (!leaves)
        return leaves.error();
    s.storageReceipts = storageCount;
    s.egressReceipts = leaves->size() - storageCount;
    s.receiptsRoot = receiptsRoot(*leaves);

    // Keep only the evidence that checks out, one entry at a time, so one
    // bad answer does not cost the node the others.
    QList<QByteArray> used;
    for (const QByteArray &entry : close.evidence) {
        QList<QByteArray> trial = used;
        trial.append(entry);
        if (combineEvidence(trial, close.counted, self, close.epoch))
            used = trial;
    }
    const EvidenceInputs ev = combineEvidence(used, close.counted, self, close.epoch).value();
    s.validators = ev.validators;
    s.inputs.capacityBytes = close.capacityBytes;
    s.inputs.audited = ev.audited;
    s.inputs.uptimePpm = ev.uptimePpm;
    s.inputs.auditScorePpm = ev.auditScorePpm;
    s.inputs.scorePpm = ev.scorePpm;
    s.inputs.auditsFailed = ev.auditsFailed;
    s.inputs.networkMedianScorePpm = ev.networkMedianScorePpm;
    s.inputs.networkUtilizationPpm = ev.networkUtilizationPpm;
    s.earnings = computeEarnings(close.economics, s.inputs);

    node::StatementRow row;
    row.epoch = close.epoch;
    row.statement = SignedStatement::sign(s, key).toCbor();
    QCborArray receipts;
    for (const QByteArray &l : *leaves)
        receipts.append(l);
    row.receipts = QCborValue(receipts).toCbor();
    row.evidence = encodeEvidence(used, close.counted);
    row.total = s.earnings.total;
    row.createdMs = close.nowMs;
    return row;
}

Result<node::StatementRow> closeEpoch(node::NodeDatabase &db, const crypto::SigningKey &key, const EpochClose &close,
                                      const std::function<void()> &beforeCommit)
{
    auto existing = db.statement(close.epoch);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return existing->value();
    auto tx = db::Transaction::begin(db.database());
    if (!tx)
        return tx.error();
    auto row = buildStatement(db, key, close);
    if (!row)
        return row.error();
    if (Status st = db.addStatement(*row); !st)
        return st.error();
    if (beforeCommit)
        beforeCommit();
    if (Status st = tx->commit(); !st)
        return st.error();
    return row;
}

} // namespace stratus::ledger
