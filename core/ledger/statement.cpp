#include "ledger/statement.h"

#include "crypto/hash.h"
#include "node/cbor_strict.h"

#include <QCborMap>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxStatementBytes = 4096;
constexpr qint64 kMax = std::numeric_limits<qint64>::max() / 2;

QByteArray signingMessage(const QByteArray &payload)
{
    return QByteArray("stratus epoch statement v1") + '\0' + payload;
}

struct IntField {
    const char16_t *key;
    qint64 EpochStatement::*top = nullptr;
    qint64 EpochInputs::*input = nullptr;
    qint64 EpochEarnings::*earning = nullptr;
    qint64 max = kMax;
};

const std::vector<IntField> &intFields()
{
    static const std::vector<IntField> f{
        {u"epoch", &EpochStatement::epoch},
        {u"start", &EpochStatement::startMs},
        {u"end", &EpochStatement::endMs},
        {u"validators", &EpochStatement::validators},
        {u"storage_receipts", &EpochStatement::storageReceipts},
        {u"egress_receipts", &EpochStatement::egressReceipts},
        {u"time", &EpochStatement::timeMs},
        {u"capacity", nullptr, &EpochInputs::capacityBytes},
        {u"uptime_ppm", nullptr, &EpochInputs::uptimePpm, nullptr, kPpm},
        {u"audit_score_ppm", nullptr, &EpochInputs::auditScorePpm, nullptr, kPpm},
        {u"score_ppm", nullptr, &EpochInputs::scorePpm, nullptr, kPpm},
        {u"audits_failed", nullptr, &EpochInputs::auditsFailed},
        {u"net_median_score_ppm", nullptr, &EpochInputs::networkMedianScorePpm, nullptr, kPpm},
        {u"net_utilization_ppm", nullptr, &EpochInputs::networkUtilizationPpm, nullptr, kPpm},
        {u"storage", nullptr, &EpochInputs::storage},
        {u"egress", nullptr, &EpochInputs::egress},
        {u"base", nullptr, nullptr, &EpochEarnings::base},
        {u"multiplier_ppm", nullptr, nullptr, &EpochEarnings::multiplierPpm, 100 * kPpm},
        {u"storage_paid", nullptr, nullptr, &EpochEarnings::storagePaid},
        {u"egress_paid", nullptr, nullptr, &EpochEarnings::egressPaid},
        {u"penalty", nullptr, nullptr, &EpochEarnings::penalty},
        {u"total", nullptr, nullptr, &EpochEarnings::total},
    };
    return f;
}

qint64 &fieldRef(EpochStatement &s, const IntField &f)
{
    if (f.top)
        return s.*f.top;
    if (f.input)
        return s.inputs.*f.input;
    return s.earnings.*f.earning;
}

} // namespace

QByteArray encodeStatement(const EpochStatement &s)
{
    QCborMap m{{u"v"_s, EpochStatement::kVersion},   {u"type"_s, u"epoch-statement"_s},
               {u"node"_s, s.node.bytes()},          {u"economics"_s, s.economics},
               {u"receipts_root"_s, s.receiptsRoot}, {u"audited"_s, s.inputs.audited}};
    EpochStatement copy = s;
    for (const IntField &f : intFields())
        m.insert(QString::fromUtf16(f.key), fieldRef(copy, f));
    return m.toCborValue().toCbor();
}

Result<EpochStatement> decodeStatement(const QByteArray &bytes)
{
    const QString what = u"epoch statement"_s;
    auto parsed = cbor::parseMap(bytes, kMaxStatementBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, EpochStatement::kVersion, u"epoch-statement"_s, what); !st)
        return st.error();
    if (m.size() != qsizetype(intFields().size()) + 6)
        return cbor::malformed(what, u"unexpected fields"_s);
    EpochStatement s;
    const auto node = cbor::bytesField(m, u"node"_s, 32, 32);
    const auto economics = cbor::bytesField(m, u"economics"_s, 32, 32);
    const auto root = cbor::bytesField(m, u"receipts_root"_s, 32, 32);
    if (!node || !economics || !root || !m.value(u"audited"_s).isBool())
        return cbor::malformed(what, u"bad node, economics, receipts_root or audited field"_s);
    auto id = crypto::NodeId::fromBytes(*node);
    if (!id)
        return cbor::malformed(what, u"bad node id"_s);
    s.node = id.value();
    s.economics = *economics;
    s.receiptsRoot = *root;
    s.inputs.audited = m.value(u"audited"_s).toBool();
    for (const IntField &f : intFields()) {
        const auto v = cbor::uintField(m, QString::fromUtf16(f.key), f.max);
        if (!v)
            return cbor::malformed(what, u"\"%1\" is missing or out of range"_s.arg(QString::fromUtf16(f.key)));
        fieldRef(s, f) = *v;
    }
    if (s.endMs <= s.startMs)
        return cbor::malformed(what, u"the epoch ends before it starts"_s);
    if (Status st = cbor::checkCanonical(bytes, encodeStatement(s), what); !st)
        return st.error();
    return s;
}

SignedStatement SignedStatement::sign(const EpochStatement &s, const crypto::SigningKey &key)
{
    SignedStatement out;
    out.payload = encodeStatement(s);
    out.publicKey = key.publicKey();
    out.signature = key.sign(signingMessage(out.payload));
    out.statement = s;
    return out;
}

QByteArray SignedStatement::toCbor() const
{
    return QCborMap{{u"p"_s, payload}, {u"k"_s, publicKey}, {u"s"_s, signature}}.toCborValue().toCbor();
}

Result<SignedStatement> SignedStatement::fromCbor(const QByteArray &bytes)
{
    const QString what = u"signed statement"_s;
    auto parsed = cbor::parseMap(bytes, kMaxStatementBytes + 256, what);
    if (!parsed)
        return parsed.error();
    if (Status st = cbor::checkKeys(*parsed, {u"p"_s, u"k"_s, u"s"_s}, {}, what); !st)
        return st.error();
    SignedStatement out;
    const auto p = cbor::bytesField(*parsed, u"p"_s, 1, kMaxStatementBytes);
    const auto k = cbor::bytesField(*parsed, u"k"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto s = cbor::bytesField(*parsed, u"s"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!p || !k || !s)
        return cbor::malformed(what, u"bad payload, key or signature field"_s);
    out.payload = *p;
    out.publicKey = *k;
    out.signature = *s;
    if (Status st = cbor::checkCanonical(bytes, out.toCbor(), what); !st)
        return st.error();
    auto statement = decodeStatement(out.payload);
    if (!statement)
        return statement.error();
    out.statement = statement.value();
    if (crypto::NodeId::fromPublicKey(out.publicKey) != out.statement.node)
        return makeError(u"the statement is signed with a key that is not its node's"_s);
    if (!crypto::verifySignature(out.publicKey, signingMessage(out.payload), out.signature))
        return makeError(u"the statement's signature does not verify (forged or altered)"_s);
    return out;
}

QByteArray SignedStatement::hash() const { return crypto::sha256(payload); }

} // namespace stratus::ledger
