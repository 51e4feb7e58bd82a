#include "validator/log_entry.h"

#include "node/cbor_strict.h"

#include <QCborMap>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxEntryBytes = 16 * 1024;
constexpr qsizetype kMaxBodyBytes = 12 * 1024;
constexpr qint64 kMaxCount = std::numeric_limits<qint64>::max() / 2;
constexpr qint64 kPpm = 1000000;

QByteArray signingMessage(EntryKind kind, const QByteArray &body)
{
    QByteArray m("stratus log entry v1");
    m.append('\0').append(entryKindName(kind).toLatin1()).append('\0').append(body);
    return m;
}

} // namespace

QString entryKindName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Attestation:
        return u"attestation"_s;
    case EntryKind::Disagreement:
        return u"disagreement"_s;
    case EntryKind::Summary:
        return u"summary"_s;
    case EntryKind::StatementCheck:
        return u"statement"_s;
    case EntryKind::Credits:
        return u"credits"_s;
    case EntryKind::Fork:
        break;
    }
    return u"fork"_s;
}

QByteArray signEntry(EntryKind kind, const QByteArray &body, const crypto::SigningKey &key)
{
    return QCborMap{{u"v"_s, 1},
                    {u"kind"_s, entryKindName(kind)},
                    {u"body"_s, body},
                    {u"sig"_s, key.sign(signingMessage(kind, body))}}
        .toCborValue()
        .toCbor();
}

Result<LogEntry> decodeEntry(const QByteArray &bytes)
{
    const QString what = u"log entry"_s;
    auto parsed = cbor::parseMap(bytes, kMaxEntryBytes, what);
    if (!parsed)
        return parsed.error();
    if (Status st = cbor::checkKeys(*parsed, {u"v"_s, u"kind"_s, u"body"_s, u"sig"_s}, {}, what); !st)
        return st.error();
    if (parsed->value(u"v"_s).toInteger(-1) != 1)
        return cbor::malformed(what, u"unknown version"_s);
    LogEntry e;
    const QString kind = parsed->value(u"kind"_s).toString();
    if (kind == u"attestation"_s)
        e.kind = EntryKind::Attestation;
    else if (kind == u"disagreement"_s)
        e.kind = EntryKind::Disagreement;
    else if (kind == u"fork"_s)
        e.kind = EntryKind::Fork;
    else if (kind == u"summary"_s)
        e.kind = EntryKind::Summary;
    else if (kind == u"statement"_s)
        e.kind = EntryKind::StatementCheck;
    else if (kind == u"credits"_s)
        e.kind = EntryKind::Credits;
    else
        return cbor::malformed(what, u"unknown kind \"%1\""_s.arg(kind.left(32)));
    const auto body = cbor::bytesField(*parsed, u"body"_s, 1, kMaxBodyBytes);
    const auto sig = cbor::bytesField(*parsed, u"sig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!body || !sig)
        return cbor::malformed(what, u"bad body or signature field"_s);
    e.body = *body;
    e.signature = *sig;
    const QByteArray again =
        QCborMap{{u"v"_s, 1}, {u"kind"_s, kind}, {u"body"_s, e.body}, {u"sig"_s, e.signature}}.toCborValue().toCbor();
    if (Status st = cbor::checkCanonical(bytes, again, what); !st)
        return st.error();
    return e;
}

Status verifyEntry(const LogEntry &entry, const QByteArray &publicKey)
{
    if (!crypto::verifySignature(publicKey, signingMessage(entry.kind, entry.body), entry.signature))
        return makeError(
            u"the %1's signature does not verify with the validator's key"_s.arg(entryKindName(entry.kind)));
    return {};
}

QByteArray encodeAttestation(const Attestation &a)
{
    return QCborMap{{u"v"_s, Attestation::kVersion},
                    {u"type"_s, u"attestation"_s},
                    {u"validator"_s, a.validator.bytes()},
                    {u"node"_s, a.node.bytes()},
                    {u"epoch"_s, a.epoch},
                    {u"time"_s, a.timeMs},
                    {u"pings"_s, a.pings},
                    {u"pings_answered"_s, a.pingsAnswered},
                    {u"uptime_ppm"_s, a.uptimePpm},
                    {u"audits_passed"_s, a.auditsPassed},
                    {u"audits_failed"_s, a.auditsFailed},
                    {u"latency_p50_us"_s, a.latencyP50Us},
                    {u"latency_p95_us"_s, a.latencyP95Us},
                    {u"throughput"_s, a.throughput},
                    {u"audit_score_ppm"_s, a.auditScorePpm},
                    {u"score_ppm"_s, a.scorePpm},
                    {u"vetted"_s, a.vetted}}
        .toCborValue()
        .toCbor();
}

Result<Attestation> decodeAttestation(const QByteArray &bytes)
{
    const QString what = u"attestation"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, Attestation::kVersion, u"attestation"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(m,
                                    {u"v"_s, u"type"_s, u"validator"_s, u"node"_s, u"epoch"_s, u"time"_s, u"pings"_s,
                                     u"pings_answered"_s, u"uptime_ppm"_s, u"audits_passed"_s, u"audits_failed"_s,
                                     u"latency_p50_us"_s, u"latency_p95_us"_s, u"throughput"_s, u"audit_score_ppm"_s,
                                     u"score_ppm"_s, u"vetted"_s},
                                    {}, what);
        !st)
        return st.error();
    Attestation a;
    const auto validator = cbor::idField(m, u"validator"_s);
    const auto node = cbor::idField(m, u"node"_s);
    if (!validator || !node)
        return cbor::malformed(what, u"bad validator or node id"_s);
    a.validator = *validator;
    a.node = *node;
    struct Field {
        const char16_t *key;
        qint64 *out;
        qint64 max;
    };
    const Field fields[] = {{u"epoch", &a.epoch, kMaxCount},
                            {u"time", &a.timeMs, kMaxCount},
                            {u"pings", &a.pings, kMaxCount},
                            {u"pings_answered", &a.pingsAnswered, kMaxCount},
                            {u"uptime_ppm", &a.uptimePpm, kPpm},
                            {u"audits_passed", &a.auditsPassed, kMaxCount},
                            {u"audits_failed", &a.auditsFailed, kMaxCount},
                            {u"latency_p50_us", &a.latencyP50Us, kMaxCount},
                            {u"latency_p95_us", &a.latencyP95Us, kMaxCount},
                            {u"throughput", &a.throughput, kMaxCount},
                            {u"audit_score_ppm", &a.auditScorePpm, kPpm},
                            {u"score_ppm", &a.scorePpm, kPpm}};
    for (const Field &f : fields) {
        const auto v = cbor::uintField(m, QString::fromUtf16(f.key), f.max);
        if (!v)
            return cbor::malformed(what, u"\"%1\" is missing or out of range"_s.arg(QString::fromUtf16(f.key)));
        *f.out = *v;
    }
    if (!m.value(u"vetted"_s).isBool())
        return cbor::malformed(what, u"\"vetted\" must be true or false"_s);
    a.vetted = m.value(u"vetted"_s).toBool();
    if (a.pingsAnswered > a.pings)
        return cbor::malformed(what, u"more pings answered than sent"_s);
    if (Status st = cbor::checkCanonical(bytes, encodeAttestation(a), what); !st)
        return st.error();
    return a;
}

QByteArray encodeDisagreement(const Disagreement &d)
{
    return QCborMap{{u"v"_s, Disagreement::kVersion},
                    {u"type"_s, u"disagreement"_s},
                    {u"reporter"_s, d.reporter.bytes()},
                    {u"validator"_s, d.validator.bytes()},
                    {u"node"_s, d.node.bytes()},
                    {u"epoch"_s, d.epoch},
                    {u"their_score_ppm"_s, d.theirScorePpm},
                    {u"our_score_ppm"_s, d.ourScorePpm},
                    {u"their_entry"_s, d.theirEntry},
                    {u"reason"_s, d.reason}}
        .toCborValue()
        .toCbor();
}

Result<Disagreement> decodeDisagreement(const QByteArray &bytes)
{
    const QString what = u"disagreement"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, Disagreement::kVersion, u"disagreement"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(m,
                                    {u"v"_s, u"type"_s, u"reporter"_s, u"validator"_s, u"node"_s, u"epoch"_s,
                                     u"their_score_ppm"_s, u"our_score_ppm"_s, u"their_entry"_s, u"reason"_s},
                                    {}, what);
        !st)
        return st.error();
    Disagreement d;
    const auto reporter = cbor::idField(m, u"reporter"_s);
    const auto validator = cbor::idField(m, u"validator"_s);
    const auto node = cbor::idField(m, u"node"_s);
    const auto epoch = cbor::uintField(m, u"epoch"_s, kMaxCount);
    const auto theirs = cbor::uintField(m, u"their_score_ppm"_s, kPpm);
    const auto ours = cbor::uintField(m, u"our_score_ppm"_s, kPpm);
    const auto entry = cbor::bytesField(m, u"their_entry"_s, 0, 8192);
    if (!reporter || !validator || !node || !epoch || !theirs || !ours || !entry || !m.value(u"reason"_s).isString())
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    d.reporter = *reporter;
    d.validator = *validator;
    d.node = *node;
    d.epoch = *epoch;
    d.theirScorePpm = *theirs;
    d.ourScorePpm = *ours;
    d.theirEntry = *entry;
    d.reason = m.value(u"reason"_s).toString();
    if (Status st = cbor::checkCanonical(bytes, encodeDisagreement(d), what); !st)
        return st.error();
    return d;
}

QByteArray encodeForkReport(const ForkReport &f)
{
    return QCborMap{{u"v"_s, ForkReport::kVersion},
                    {u"type"_s, u"fork"_s},
                    {u"reporter"_s, f.reporter.bytes()},
                    {u"validator"_s, f.validator.bytes()},
                    {u"first_head"_s, f.firstHead},
                    {u"second_head"_s, f.secondHead},
                    {u"reason"_s, f.reason},
                    {u"time"_s, f.timeMs}}
        .toCborValue()
        .toCbor();
}

Result<ForkReport> decodeForkReport(const QByteArray &bytes)
{
    const QString what = u"fork report"_s;
    auto parsed = cbor::parseMap(bytes, kMaxBodyBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, ForkReport::kVersion, u"fork"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(m,
                                    {u"v"_s, u"type"_s, u"reporter"_s, u"validator"_s, u"first_head"_s,
                                     u"second_head"_s, u"reason"_s, u"time"_s},
                                    {}, what);
        !st)
        return st.error();
    ForkReport f;
    const auto reporter = cbor::idField(m, u"reporter"_s);
    const auto validator = cbor::idField(m, u"validator"_s);
    const auto first = cbor::bytesField(m, u"first_head"_s, 1, 1024);
    const auto second = cbor::bytesField(m, u"second_head"_s, 1, 1024);
    const auto time = cbor::uintField(m, u"time"_s, kMaxCount);
    if (!reporter || !validator || !first || !second || !time || !m.value(u"reason"_s).isString())
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    f.reporter = *reporter;
    f.validator = *validator;
    f.firstHead = *first;
    f.secondHead = *second;
    f.reason = m.value(u"reason"_s).toString();
    f.timeMs = *time;
    if (Status st = cbor::checkCanonical(bytes, encodeForkReport(f), what); !st)
        return st.error();
    return f;
}

} // namespace stratus::validator
