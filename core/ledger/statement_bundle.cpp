#include "ledger/statement_bundle.h"

#include "ledger/receipt.h"
#include "translog/merkle_tree.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QSet>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace {

constexpr qsizetype kMaxBundleBytes = 512 * 1024 * 1024;

QCborArray bytesArray(const QList<QByteArray> &list)
{
    QCborArray a;
    for (const QByteArray &b : list)
        a.append(b);
    return a;
}

Result<QList<QByteArray>> readBytesArray(const QCborValue &v, const QString &what)
{
    if (!v.isArray())
        return makeError(u"statement file: \"%1\" must be a list"_s.arg(what));
    QList<QByteArray> out;
    for (const QCborValue &item : v.toArray()) {
        if (!item.isByteArray())
            return makeError(u"statement file: an item of \"%1\" is not bytes"_s.arg(what));
        out.append(item.toByteArray());
    }
    return out;
}

// "label: the statement says X, recomputed Y" when they differ.
Status same(const QString &label, qint64 stated, qint64 recomputed)
{
    if (stated == recomputed)
        return {};
    return makeError(u"%1: the statement says %2, recomputed %3"_s.arg(label).arg(stated).arg(recomputed));
}

} // namespace

QByteArray StatementBundle::toCbor() const
{
    return QCborMap{{u"format"_s, u"stratus-statement"_s},
                    {u"v"_s, 1},
                    {u"statement"_s, statement},
                    {u"receipts"_s, bytesArray(receipts)},
                    {u"evidence"_s, bytesArray(evidence)},
                    {u"validators"_s, encodeValidatorKeys(validators)},
                    {u"economics"_s, economics}}
        .toCborValue()
        .toCbor();
}

Result<StatementBundle> StatementBundle::fromCbor(const QByteArray &bytes)
{
    if (bytes.size() > kMaxBundleBytes)
        return makeError(u"statement file: larger than 512 MiB"_s);
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(bytes, &err);
    if (err.error != QCborError::NoError || !v.isMap())
        return makeError(u"statement file: not a Stratus statement (%1)"_s.arg(
            err.error != QCborError::NoError ? err.errorString() : u"not a CBOR map"_s));
    const QCborMap m = v.toMap();
    if (m.value(u"format"_s).toString() != u"stratus-statement"_s || m.value(u"v"_s).toInteger(-1) != 1)
        return makeError(u"statement file: not a Stratus statement of version 1"_s);
    StatementBundle b;
    if (!m.value(u"statement"_s).isByteArray() || !m.value(u"economics"_s).isByteArray())
        return makeError(u"statement file: \"statement\" and \"economics\" must be bytes"_s);
    b.statement = m.value(u"statement"_s).toByteArray();
    b.economics = m.value(u"economics"_s).toByteArray();
    auto receipts = readBytesArray(m.value(u"receipts"_s), u"receipts"_s);
    if (!receipts)
        return receipts.error();
    b.receipts = receipts.value();
    auto evidence = readBytesArray(m.value(u"evidence"_s), u"evidence"_s);
    if (!evidence)
        return evidence.error();
    b.evidence = evidence.value();
    if (!m.value(u"validators"_s).isArray())
        return makeError(u"statement file: \"validators\" must be a list"_s);
    auto keys = decodeValidatorKeys(m.value(u"validators"_s).toArray());
    if (!keys)
        return makeError(u"statement file: %1"_s.arg(keys.message()));
    b.validators = keys.value();
    return b;
}

QByteArray receiptsRoot(const QList<QByteArray> &leaves)
{
    translog::MerkleTree tree;
    tree.reserve(static_cast<quint64>(leaves.size()));
    for (const QByteArray &leaf : leaves)
        tree.append(translog::leafHash(leaf));
    return translog::toByteArray(tree.root());
}

Result<VerifiedStatement> verifyBundle(const StatementBundle &bundle, const QList<crypto::NodeId> &trusted)
{
    VerifiedStatement out;
    auto statement = SignedStatement::fromCbor(bundle.statement);
    if (!statement)
        return statement.error();
    out.statement = statement.value();
    const EpochStatement &s = out.statement.statement;

    auto economics = Economics::parse(bundle.economics);
    if (!economics)
        return economics.error();
    out.economics = economics.value();
    if (out.economics.digest() != s.economics)
        return makeError(u"the economics in the file are not the ones the statement was computed under"_s);

    for (const ValidatorKey &k : bundle.validators)
        if (!trusted.isEmpty() && !trusted.contains(k.id))
            return makeError(u"validator %1 is not counted by the network file"_s.arg(k.id.shortString()));
    auto evidence = combineEvidence(bundle.evidence, bundle.validators, s.node, s.epoch);
    if (!evidence)
        return evidence.error();
    out.evidence = evidence.value();
    const EvidenceInputs &ev = out.evidence;
    for (const Status &st :
         {same(u"validators"_s, s.validators, ev.validators), same(u"uptime (ppm)"_s, s.inputs.uptimePpm, ev.uptimePpm),
          same(u"audit score (ppm)"_s, s.inputs.auditScorePpm, ev.auditScorePpm),
          same(u"score (ppm)"_s, s.inputs.scorePpm, ev.scorePpm),
          same(u"failed audits"_s, s.inputs.auditsFailed, ev.auditsFailed),
          same(u"network median score (ppm)"_s, s.inputs.networkMedianScorePpm, ev.networkMedianScorePpm),
          same(u"network utilization (ppm)"_s, s.inputs.networkUtilizationPpm, ev.networkUtilizationPpm)})
        if (!st)
            return st.error();
    if (s.inputs.audited != ev.audited)
        return makeError(u"the statement says the node was %1audited; the evidence says otherwise"_s.arg(
            s.inputs.audited ? QString() : u"not "_s));

    if (bundle.receipts.size() != s.receipts())
        return makeError(u"the statement lists %1 receipts, the file has %2 (a receipt is %3)"_s.arg(s.receipts())
                             .arg(bundle.receipts.size())
                             .arg(bundle.receipts.size() < s.receipts() ? u"missing"_s : u"extra"_s));
    qint64 storageCount = 0;
    QSet<QByteArray> seen;
    for (qsizetype i = 0; i < bundle.receipts.size(); ++i) {
        auto r = decodeReceipt(bundle.receipts[i]);
        if (!r)
            return makeError(u"receipt %1: %2"_s.arg(i + 1).arg(r.message()));
        auto facts = checkReceipt(r.value(), s.node, s.startMs, s.endMs, out.economics);
        if (!facts)
            return makeError(u"receipt %1: %2"_s.arg(i + 1).arg(facts.message()));
        if (seen.contains(facts->uniqueKey))
            return makeError(u"receipt %1: its contract or order is counted twice"_s.arg(i + 1));
        seen.insert(facts->uniqueKey);
        if (r->kind == ReceiptKind::Storage) {
            ++storageCount;
            out.storage += r->amount;
        } else {
            out.egress += r->amount;
        }
    }
    if (Status st = same(u"storage receipts"_s, s.storageReceipts, storageCount); !st)
        return st.error();
    if (receiptsRoot(bundle.receipts) != s.receiptsRoot)
        return makeError(u"the receipts do not hash to the statement's receipts root (one was changed, "
                         u"dropped, added or reordered)"_s);
    for (const Status &st : {same(u"storage before the multiplier (µcr)"_s, s.inputs.storage, out.storage),
                             same(u"egress before the multiplier (µcr)"_s, s.inputs.egress, out.egress)})
        if (!st)
            return st.error();

    const EpochEarnings e = computeEarnings(out.economics, s.inputs);
    for (const Status &st :
         {same(u"base fee (µcr)"_s, s.earnings.base, e.base),
          same(u"multiplier (ppm)"_s, s.earnings.multiplierPpm, e.multiplierPpm),
          same(u"storage paid (µcr)"_s, s.earnings.storagePaid, e.storagePaid),
          same(u"egress paid (µcr)"_s, s.earnings.egressPaid, e.egressPaid),
          same(u"penalty (µcr)"_s, s.earnings.penalty, e.penalty), same(u"total (µcr)"_s, s.earnings.total, e.total)})
        if (!st)
            return st.error();
    return out;
}

} // namespace stratus::ledger
