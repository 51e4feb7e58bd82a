#include "ledger/economics.h"

#include "common/files.h"
#include "crypto/hash.h"

#include <QCborArray>
#include <QCborValue>
#include <QFile>
#include <QJsonDocument>

#include <algorithm>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace {

constexpr qint64 kMaxJsonBytes = 1024 * 1024;
// JSON numbers are doubles: integers are exact up to 2^53.
constexpr qint64 kMaxAmount = qint64(1) << 53;

// Every integer field, in the order of the canonical encoding. A field's
// bounds are part of the rules: a file outside them is refused.
struct Field {
    const char *key;
    qint64 Economics::*member;
    qint64 min;
    qint64 max;
};

const std::vector<Field> &fields()
{
    static const std::vector<Field> f{
        {"storage_price", &Economics::storagePrice, 0, qint64(1) << 40},
        {"egress_price", &Economics::egressPrice, 0, qint64(1) << 40},
        {"base_fee_per_gib", &Economics::baseFeePerGiB, 0, qint64(1) << 40},
        {"base_floor_ppm", &Economics::baseFloorPpm, 0, kPpm},
        {"subsidy_end_utilization_ppm", &Economics::subsidyEndUtilizationPpm, 1, kPpm},
        {"max_base_capacity_bytes", &Economics::maxBaseCapacityBytes, 0, qint64(1) << 52},
        {"min_uptime_ppm", &Economics::minUptimePpm, 0, kPpm},
        {"min_audit_score_ppm", &Economics::minAuditScorePpm, 0, kPpm},
        {"multiplier_slope_ppm", &Economics::multiplierSlopePpm, 0, 100 * kPpm},
        {"min_multiplier_ppm", &Economics::minMultiplierPpm, 0, 10 * kPpm},
        {"max_multiplier_ppm", &Economics::maxMultiplierPpm, 0, 10 * kPpm},
        {"audit_penalty", &Economics::auditPenalty, 0, kMaxAmount},
        {"faucet_grant", &Economics::faucetGrant, 0, kMaxAmount},
        {"warn_months", &Economics::warnMonths, 0, 120},
    };
    return f;
}

} // namespace

QJsonObject Economics::toJson() const
{
    QJsonObject o{{u"format"_s, u"stratus-economics"_s}, {u"version"_s, kVersion}, {u"name"_s, name}};
    for (const Field &f : fields())
        o.insert(QString::fromLatin1(f.key), static_cast<double>(this->*f.member));
    return o;
}

Result<Economics> Economics::fromJson(const QJsonObject &json)
{
    if (json.value(u"format"_s).toString() != u"stratus-economics"_s)
        return makeError(u"economics: \"format\" must be \"stratus-economics\""_s);
    if (json.value(u"version"_s).toDouble(-1) != kVersion)
        return makeError(u"economics: unsupported version (this build reads version %1)"_s.arg(kVersion));
    Economics e;
    if (!json.value(u"name"_s).isString() || json.value(u"name"_s).toString().size() > 64)
        return makeError(u"economics: \"name\" must be a text of at most 64 characters"_s);
    e.name = json.value(u"name"_s).toString();
    QStringList known{u"format"_s, u"version"_s, u"name"_s};
    for (const Field &f : fields()) {
        const QString key = QString::fromLatin1(f.key);
        known.append(key);
        const QJsonValue v = json.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != static_cast<double>(static_cast<qint64>(d)) || d < static_cast<double>(f.min) ||
            d > static_cast<double>(f.max))
            return makeError(
                u"economics: \"%1\" must be a whole number from %2 to %3"_s.arg(key).arg(f.min).arg(f.max));
        e.*f.member = static_cast<qint64>(d);
    }
    for (const QString &key : json.keys())
        if (!known.contains(key))
            return makeError(u"economics: unknown field \"%1\""_s.arg(key));
    if (e.minMultiplierPpm > e.maxMultiplierPpm)
        return makeError(u"economics: \"min_multiplier_ppm\" is above \"max_multiplier_ppm\""_s);
    return e;
}

Result<Economics> Economics::parse(const QByteArray &json)
{
    if (json.size() > kMaxJsonBytes)
        return makeError(u"economics: the file is larger than 1 MiB"_s);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(u"economics: not valid JSON (%1 at byte %2)"_s.arg(err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return makeError(u"economics: the top level must be a JSON object"_s);
    return fromJson(doc.object());
}

Result<Economics> Economics::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    auto e = parse(f.read(kMaxJsonBytes + 1));
    if (!e)
        return makeError(u"%1: %2"_s.arg(path, e.message()));
    return e;
}

QByteArray Economics::encode() const
{
    QCborArray a{QCborValue(QStringLiteral("stratus-economics")), QCborValue(kVersion), QCborValue(name)};
    for (const Field &f : fields())
        a.append(QCborValue(this->*f.member));
    return QCborValue(a).toCbor();
}

QByteArray Economics::digest() const { return crypto::sha256(encode()); }

Economics Economics::defaults()
{
    Economics e;
    e.name = u"stratus-2026"_s;
    return e;
}

Result<Economics> Economics::ofNetwork(const QJsonObject &networkEconomics)
{
    if (networkEconomics.isEmpty())
        return defaults();
    auto e = fromJson(networkEconomics);
    if (!e)
        return makeError(u"the network file's %1"_s.arg(e.message()));
    return e;
}

Economics Economics::devnet(qint64 epochMs)
{
    // A devnet's epoch lasts seconds where a real one lasts a day; prices
    // and fees are scaled by day/epoch so amounts look like a real day's
    // on a few MiB. The rest of the rules are the real network's.
    Economics e = defaults();
    e.name = u"devnet"_s;
    const qint64 scale = std::max<qint64>(1, qint64(86400000) / std::max<qint64>(1, epochMs));
    e.storagePrice = std::min<qint64>(e.storagePrice * scale * 1024, qint64(1) << 40);
    e.egressPrice = std::min<qint64>(e.egressPrice * 1024, qint64(1) << 40);
    e.baseFeePerGiB = std::min<qint64>(e.baseFeePerGiB * 1024, qint64(1) << 40);
    e.auditPenalty = 2000;
    // Devnet prices are a day's per epoch while contracts still run 30
    // real days: grant enough to store a few GiB for one.
    e.faucetGrant = 1000000 * kMicroPerCredit;
    return e;
}

} // namespace stratus::ledger
