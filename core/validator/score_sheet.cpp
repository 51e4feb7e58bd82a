#include "validator/score_sheet.h"

#include "node/cbor_strict.h"

#include <QCborArray>
#include <QCborMap>

#include <algorithm>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxSheetBytes = 8 * 1024 * 1024;
constexpr qsizetype kMaxNodes = 20000;
constexpr qint64 kMaxCount = std::numeric_limits<qint64>::max() / 2;
constexpr qint64 kPpm = 1000000;

QByteArray signingMessage(const QByteArray &payload)
{
    QByteArray m("stratus score sheet v1");
    m.append('\0').append(payload);
    return m;
}

QCborMap nodeToCbor(const NodeScore &n)
{
    return QCborMap{
        {u"id"_s, n.id.bytes()},        {u"score_ppm"_s, n.scorePpm},          {u"audit_ppm"_s, n.auditScorePpm},
        {u"uptime_ppm"_s, n.uptimePpm}, {u"latency_p95_us"_s, n.latencyP95Us}, {u"throughput"_s, n.throughput},
        {u"passed"_s, n.auditsPassed},  {u"failed"_s, n.auditsFailed},         {u"online"_s, n.online},
        {u"vetted"_s, n.vetted},        {u"eligible"_s, n.eligible},           {u"record"_s, n.record}};
}

QByteArray payloadOf(const ScoreSheet &s)
{
    QCborArray nodes;
    for (const NodeScore &n : s.nodes)
        nodes.append(nodeToCbor(n));
    return QCborMap{{u"v"_s, ScoreSheet::kVersion},
                    {u"type"_s, u"scores"_s},
                    {u"validator"_s, s.validator.bytes()},
                    {u"key"_s, s.publicKey},
                    {u"time"_s, s.timeMs},
                    {u"epoch"_s, s.epoch},
                    {u"nodes"_s, nodes}}
        .toCborValue()
        .toCbor();
}

Result<NodeScore> nodeFromCbor(const QCborValue &value)
{
    const QString what = u"score sheet entry"_s;
    if (!value.isMap())
        return cbor::malformed(what, u"not a map"_s);
    const QCborMap m = value.toMap();
    if (Status st = cbor::checkKeys(m,
                                    {u"id"_s, u"score_ppm"_s, u"audit_ppm"_s, u"uptime_ppm"_s, u"latency_p95_us"_s,
                                     u"throughput"_s, u"passed"_s, u"failed"_s, u"online"_s, u"vetted"_s, u"eligible"_s,
                                     u"record"_s},
                                    {}, what);
        !st)
        return st.error();
    NodeScore n;
    const auto id = cbor::bytesField(m, u"id"_s, 32, 32);
    if (!id)
        return cbor::malformed(what, u"bad node id"_s);
    auto nodeId = crypto::NodeId::fromBytes(*id);
    if (!nodeId)
        return nodeId.error();
    n.id = nodeId.value();
    struct Field {
        const char16_t *key;
        qint64 *out;
        qint64 max;
    };
    const Field fields[] = {{u"score_ppm", &n.scorePpm, kPpm},         {u"audit_ppm", &n.auditScorePpm, kPpm},
                            {u"uptime_ppm", &n.uptimePpm, kPpm},       {u"latency_p95_us", &n.latencyP95Us, kMaxCount},
                            {u"throughput", &n.throughput, kMaxCount}, {u"passed", &n.auditsPassed, kMaxCount},
                            {u"failed", &n.auditsFailed, kMaxCount}};
    for (const Field &f : fields) {
        const auto v = cbor::uintField(m, QString::fromUtf16(f.key), f.max);
        if (!v)
            return cbor::malformed(what, u"\"%1\" is missing or out of range"_s.arg(QString::fromUtf16(f.key)));
        *f.out = *v;
    }
    for (const QString &key : {u"online"_s, u"vetted"_s, u"eligible"_s})
        if (!m.value(key).isBool())
            return cbor::malformed(what, u"\"%1\" must be true or false"_s.arg(key));
    n.online = m.value(u"online"_s).toBool();
    n.vetted = m.value(u"vetted"_s).toBool();
    n.eligible = m.value(u"eligible"_s).toBool();
    const auto record = cbor::bytesField(m, u"record"_s, 0, 4096);
    if (!record)
        return cbor::malformed(what, u"bad record"_s);
    n.record = *record;
    return n;
}

} // namespace

QByteArray ScoreSheet::sign(const crypto::SigningKey &key) const
{
    const QByteArray payload = payloadOf(*this);
    return QCborMap{{u"p"_s, payload}, {u"s"_s, key.sign(signingMessage(payload))}}.toCborValue().toCbor();
}

Result<ScoreSheet> ScoreSheet::verify(const QByteArray &signedSheet)
{
    const QString what = u"score sheet"_s;
    auto outer = cbor::parseMap(signedSheet, kMaxSheetBytes, what);
    if (!outer)
        return outer.error();
    if (Status st = cbor::checkKeys(*outer, {u"p"_s, u"s"_s}, {}, what); !st)
        return st.error();
    const auto payload = cbor::bytesField(*outer, u"p"_s, 1, kMaxSheetBytes);
    const auto signature =
        cbor::bytesField(*outer, u"s"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!payload || !signature)
        return cbor::malformed(what, u"bad payload or signature"_s);
    auto m = cbor::parseMap(*payload, kMaxSheetBytes, what);
    if (!m)
        return m.error();
    if (Status st = cbor::checkHeader(*m, kVersion, u"scores"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            *m, {u"v"_s, u"type"_s, u"validator"_s, u"key"_s, u"time"_s, u"epoch"_s, u"nodes"_s}, {}, what);
        !st)
        return st.error();
    ScoreSheet s;
    const auto validator = cbor::bytesField(*m, u"validator"_s, 32, 32);
    const auto key = cbor::bytesField(*m, u"key"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto time = cbor::uintField(*m, u"time"_s, kMaxCount);
    const auto epoch = cbor::uintField(*m, u"epoch"_s, kMaxCount);
    if (!validator || !key || !time || !epoch || !m->value(u"nodes"_s).isArray())
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    auto id = crypto::NodeId::fromBytes(*validator);
    if (!id)
        return id.error();
    if (crypto::NodeId::fromPublicKey(*key) != id.value())
        return makeError(u"the score sheet's key is not the key of validator %1"_s.arg(id->shortString()));
    if (!crypto::verifySignature(*key, signingMessage(*payload), *signature))
        return makeError(u"the score sheet of validator %1 has a bad signature"_s.arg(id->shortString()));
    s.validator = id.value();
    s.publicKey = *key;
    s.timeMs = *time;
    s.epoch = *epoch;
    const QCborArray nodes = m->value(u"nodes"_s).toArray();
    if (nodes.size() > kMaxNodes)
        return cbor::malformed(what, u"too many nodes"_s);
    for (const QCborValue &v : nodes) {
        auto n = nodeFromCbor(v);
        if (!n)
            return n.error();
        s.nodes.append(n.value());
    }
    if (Status st = cbor::checkCanonical(*payload, payloadOf(s), what); !st)
        return st.error();
    return s;
}

QHash<crypto::NodeId, CombinedScore> combineSheets(const QList<ScoreSheet> &sheets)
{
    QHash<crypto::NodeId, QList<NodeScore>> byNode;
    for (const ScoreSheet &s : sheets)
        for (const NodeScore &n : s.nodes)
            byNode[n.id].append(n);
    QHash<crypto::NodeId, CombinedScore> out;
    for (auto it = byNode.cbegin(); it != byNode.cend(); ++it) {
        const QList<NodeScore> &all = it.value();
        auto median = [&](qint64 NodeScore::*field) {
            std::vector<qint64> v;
            for (const NodeScore &n : all)
                v.push_back(n.*field);
            std::sort(v.begin(), v.end());
            const std::size_t mid = v.size() / 2;
            return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
        };
        auto most = [&](bool NodeScore::*field) {
            const auto yes = std::count_if(all.begin(), all.end(), [&](const NodeScore &n) { return n.*field; });
            return yes * 2 > all.size();
        };
        CombinedScore c;
        c.validators = static_cast<int>(all.size());
        c.median.id = it.key();
        c.median.scorePpm = median(&NodeScore::scorePpm);
        c.median.auditScorePpm = median(&NodeScore::auditScorePpm);
        c.median.uptimePpm = median(&NodeScore::uptimePpm);
        c.median.latencyP95Us = median(&NodeScore::latencyP95Us);
        c.median.throughput = median(&NodeScore::throughput);
        c.median.auditsPassed = median(&NodeScore::auditsPassed);
        c.median.auditsFailed = median(&NodeScore::auditsFailed);
        c.median.online = most(&NodeScore::online);
        c.median.vetted = most(&NodeScore::vetted);
        c.median.eligible = most(&NodeScore::eligible);
        for (const NodeScore &n : all)
            if (!n.record.isEmpty()) {
                c.median.record = n.record;
                break;
            }
        out.insert(it.key(), c);
    }
    return out;
}

} // namespace stratus::validator
