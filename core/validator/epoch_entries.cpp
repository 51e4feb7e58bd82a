#include "validator/epoch_entries.h"

#include "common/int128.h"
#include "node/cbor_strict.h"

#include <QCborArray>
#include <QCborMap>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxBodyBytes = 12 * 1024;
constexpr qint64 kMaxCount = std::numeric_limits<qint64>::max() / 2;
constexpr qint64 kPpm = 1000000;

struct IntField {
    const char16_t *key;
    qint64 *out;
    qint64 max;
};

Status readInts(const QCborMap &m, std::initializer_list<IntField> fields, const QString &what)
{
    for (const IntField &f : fields) {
        const auto v = cbor::uintField(m, QString::fromUtf16(f.key), f.max);
        if (!v)
            return cbor::malformed(what, u"\"%1\" is missing or out of range"_s.arg(QString::fromUtf16(f.key)));
        *f.out = *v;
    }
    return {};
}

} // namespace

qint64 EpochSummary::utilizationPpm() const
{
    if (capacityBytes <= 0)
        return 0;
    return static_cast<qint64>(static_cast<Int128>(std::min(usedBytes, capacityBytes)) * kPpm / capacityBytes);
}

EpochSummary summarize(const crypto::NodeId &validator, qint64 epoch, qint64 timeMs, QList<qint64> scoresPpm,
                       const QList<NodeCapacity> &capacities)
{
    EpochSummary s;
    s.validator = validator;
    s.epoch = epoch;
    s.timeMs = timeMs;
    std::sort(scoresPpm.begin(), scoresPpm.end());
    const qsizetype n = scoresPpm.size();
    s.nodes = n;
    if (n > 0)
        s.medianScorePpm = n % 2 ? scoresPpm[n / 2] : (scoresPpm[n / 2 - 1] + scoresPpm[n / 2]) / 2;
    for (const NodeCapacity &c : capacities) {
        s.capacityBytes += c.capacityBytes;
        s.usedBytes += c.usedBytes;
    }
    return s;
}

QByteArray encodeEpochSummary(const EpochSummary &s)
{
    return QCborMap{{u"v"_s, EpochSummary::kVersion},
                    {u"type"_s, u"summary"_s},
                    {u"validator"_s, s.validator.bytes()},
                    {u"epoch"_s, s.epoch},
                    {u"time"_s, s.timeMs},
                    {u"nodes"_s, s.nodes},
                    {u"median_score_ppm"_s, s.medianScorePpm},
                    {u"capacity"_s, s.capacityBytes},
                    {u"used"_s, s.usedBytes}}
        .toCborValue()
        .toCbor();
}

Result<EpochSummary> decodeEpochSummary(const QByteArray &bytes)
{
    const QString what = u"epoch summary"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, EpochSummary::kVersion, u"summary"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(m,
                                    {u"v"_s, u"type"_s, u"validator"_s, u"epoch"_s, u"time"_s, u"nodes"_s,
                                     u"median_score_ppm"_s, u"capacity"_s, u"used"_s},
                                    {}, what);
        !st)
        return st.error();
    EpochSummary s;
    const auto validator = cbor::idField(m, u"validator"_s);
    if (!validator)
        return cbor::malformed(what, u"bad validator id"_s);
    s.validator = *validator;
    if (Status st = readInts(m,
                             {{u"epoch", &s.epoch, kMaxCount},
                              {u"time", &s.timeMs, kMaxCount},
                              {u"nodes", &s.nodes, kMaxCount},
                              {u"median_score_ppm", &s.medianScorePpm, kPpm},
                              {u"capacity", &s.capacityBytes, kMaxCount},
                              {u"used", &s.usedBytes, kMaxCount}},
                             what);
        !st)
        return st.error();
    if (Status st = cbor::checkCanonical(bytes, encodeEpochSummary(s), what); !st)
        return st.error();
    return s;
}

QByteArray encodeStatementCheck(const StatementCheck &c)
{
    return QCborMap{{u"v"_s, StatementCheck::kVersion},
                    {u"type"_s, u"statement"_s},
                    {u"validator"_s, c.validator.bytes()},
                    {u"node"_s, c.node.bytes()},
                    {u"epoch"_s, c.epoch},
                    {u"time"_s, c.timeMs},
                    {u"statement"_s, c.statementHash},
                    {u"total"_s, c.total},
                    {u"receipts"_s, c.receipts},
                    {u"sampled"_s, c.sampled},
                    {u"ok"_s, c.ok},
                    {u"reason"_s, c.reason}}
        .toCborValue()
        .toCbor();
}

Result<StatementCheck> decodeStatementCheck(const QByteArray &bytes)
{
    const QString what = u"statement check"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, StatementCheck::kVersion, u"statement"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(m,
                                    {u"v"_s, u"type"_s, u"validator"_s, u"node"_s, u"epoch"_s, u"time"_s,
                                     u"statement"_s, u"total"_s, u"receipts"_s, u"sampled"_s, u"ok"_s, u"reason"_s},
                                    {}, what);
        !st)
        return st.error();
    StatementCheck c;
    const auto validator = cbor::idField(m, u"validator"_s);
    const auto node = cbor::idField(m, u"node"_s);
    const auto hash = cbor::bytesField(m, u"statement"_s, 32, 32);
    if (!validator || !node || !hash || !m.value(u"ok"_s).isBool() || !m.value(u"reason"_s).isString() ||
        m.value(u"reason"_s).toString().size() > 1024)
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    c.validator = *validator;
    c.node = *node;
    c.statementHash = *hash;
    c.ok = m.value(u"ok"_s).toBool();
    c.reason = m.value(u"reason"_s).toString();
    if (Status st = readInts(m,
                             {{u"epoch", &c.epoch, kMaxCount},
                              {u"time", &c.timeMs, kMaxCount},
                              {u"total", &c.total, kMaxCount},
                              {u"receipts", &c.receipts, kMaxCount},
                              {u"sampled", &c.sampled, kMaxCount}},
                             what);
        !st)
        return st.error();
    if (Status st = cbor::checkCanonical(bytes, encodeStatementCheck(c), what); !st)
        return st.error();
    return c;
}

QByteArray encodeCreditsEntry(const CreditsEntry &e)
{
    QCborArray grants, accounts;
    for (const QByteArray &g : e.grants)
        grants.append(g);
    for (const CreditsEntry::Account &a : e.accounts)
        accounts.append(QCborArray{a.account.bytes(), a.granted, a.spent});
    return QCborMap{{u"v"_s, CreditsEntry::kVersion},
                    {u"type"_s, u"credits"_s},
                    {u"validator"_s, e.validator.bytes()},
                    {u"epoch"_s, e.epoch},
                    {u"time"_s, e.timeMs},
                    {u"grants"_s, grants},
                    {u"accounts"_s, accounts}}
        .toCborValue()
        .toCbor();
}

Result<CreditsEntry> decodeCreditsEntry(const QByteArray &bytes)
{
    const QString what = u"credits entry"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, CreditsEntry::kVersion, u"credits"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            m, {u"v"_s, u"type"_s, u"validator"_s, u"epoch"_s, u"time"_s, u"grants"_s, u"accounts"_s}, {}, what);
        !st)
        return st.error();
    CreditsEntry e;
    const auto validator = cbor::idField(m, u"validator"_s);
    if (!validator || !m.value(u"grants"_s).isArray() || !m.value(u"accounts"_s).isArray())
        return cbor::malformed(what, u"bad validator, grants or accounts"_s);
    e.validator = *validator;
    if (Status st = readInts(m, {{u"epoch", &e.epoch, kMaxCount}, {u"time", &e.timeMs, kMaxCount}}, what); !st)
        return st.error();
    for (const QCborValue &g : m.value(u"grants"_s).toArray()) {
        if (!g.isByteArray())
            return cbor::malformed(what, u"a grant is not bytes"_s);
        e.grants.append(g.toByteArray());
    }
    for (const QCborValue &v : m.value(u"accounts"_s).toArray()) {
        const QCborArray row = v.toArray();
        auto id = crypto::NodeId::fromBytes(row.at(0).toByteArray());
        if (row.size() != 3 || !id || !row.at(1).isInteger() || !row.at(2).isInteger() || row.at(1).toInteger() < 0 ||
            row.at(2).toInteger() < 0)
            return cbor::malformed(what, u"a malformed account"_s);
        e.accounts.append({id.value(), row.at(1).toInteger(), row.at(2).toInteger()});
    }
    if (Status st = cbor::checkCanonical(bytes, encodeCreditsEntry(e), what); !st)
        return st.error();
    return e;
}

} // namespace stratus::validator
