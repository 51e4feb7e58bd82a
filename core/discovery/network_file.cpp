#include "discovery/network_file.h"

#include "common/files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::discovery {

static constexpr qint64 kMaxNetworkFile = 4 * 1024 * 1024;
static constexpr qsizetype kMaxBootstrap = 10000;

QByteArray NetworkFile::toJson() const
{
    auto list = [](const QList<BootstrapNode> &in) {
        QJsonArray out;
        for (const BootstrapNode &b : in) {
            QJsonObject o = b.endpoint.toJson();
            o.insert(u"id"_s, b.id.toString());
            if (!b.name.isEmpty())
                o.insert(u"name"_s, b.name);
            out.append(o);
        }
        return out;
    };
    QJsonObject root{{u"format"_s, u"stratus-network"_s},
                     {u"version"_s, kVersion},
                     {u"name"_s, name},
                     {u"genesis_ms"_s, genesisMs},
                     {u"erasure"_s, QJsonObject{{u"k"_s, k}, {u"m"_s, m}}},
                     {u"epoch_ms"_s, epochMs},
                     {u"bootstrap"_s, list(bootstrap)},
                     {u"validators"_s, list(validators)},
                     {u"local"_s, local}};
    if (!economics.isEmpty())
        root.insert(u"economics"_s, economics);
    if (!treasuryKey.isEmpty())
        root.insert(u"treasury"_s, QString::fromLatin1(treasuryKey.toHex()));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

static Result<int> smallInt(const QJsonObject &o, const QString &key, int min, int max, const QString &where)
{
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < min || d > max || d != static_cast<double>(static_cast<int>(d)))
        return makeError(u"%1: \"%2\" must be a whole number from %3 to %4"_s.arg(where, key).arg(min).arg(max));
    return static_cast<int>(d);
}

Result<NetworkFile> NetworkFile::parse(const QByteArray &json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(u"not valid JSON (%1 at byte %2)"_s.arg(err.errorString()).arg(err.offset));
    if (!doc.isObject())
        return makeError(u"the top level must be a JSON object"_s);
    const QJsonObject root = doc.object();
    if (root.value(u"format"_s).toString() != u"stratus-network"_s)
        return makeError(u"not a Stratus network file (\"format\" must be \"stratus-network\")"_s);
    if (root.value(u"version"_s).toInt(-1) != kVersion)
        return makeError(u"network file version %1 is not supported (this Stratus reads version %2)"_s
                             .arg(root.value(u"version"_s).toVariant().toString())
                             .arg(kVersion));
    NetworkFile f;
    f.name = root.value(u"name"_s).toString();
    if (f.name.isEmpty() || f.name.size() > 64)
        return makeError(u"\"name\" must be a text of 1 to 64 characters"_s);
    const QJsonValue genesis = root.value(u"genesis_ms"_s);
    if (!genesis.isDouble() || genesis.toDouble() < 0)
        return makeError(u"\"genesis_ms\" must be a time in ms since 1970"_s);
    f.genesisMs = static_cast<qint64>(genesis.toDouble());
    const QJsonObject erasure = root.value(u"erasure"_s).toObject();
    auto k = smallInt(erasure, u"k"_s, 1, 128, u"erasure"_s);
    auto m = smallInt(erasure, u"m"_s, 0, 127, u"erasure"_s);
    if (!k)
        return k.error();
    if (!m)
        return m.error();
    f.k = k.value();
    f.m = m.value();
    const QJsonValue epoch = root.value(u"epoch_ms"_s);
    if (!epoch.isUndefined()) {
        const double e = epoch.toDouble(-1);
        if (!epoch.isDouble() || e < 1000 || e > 366.0 * 86400 * 1000 ||
            e != static_cast<double>(static_cast<qint64>(e)))
            return makeError(u"\"epoch_ms\" must be a whole number of ms from 1000 (a second) to a year"_s);
        f.epochMs = static_cast<qint64>(e);
    }
    auto readNodes = [](const QJsonArray &nodes, const QString &kind, QList<BootstrapNode> &out) -> Status {
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const QString where = u"%1 %2"_s.arg(kind).arg(i + 1);
            auto endpoint = Endpoint::fromJson(nodes[i], where);
            if (!endpoint)
                return endpoint.error();
            const QJsonObject o = nodes[i].toObject();
            auto id = crypto::NodeId::parse(o.value(u"id"_s).toString());
            if (!id)
                return makeError(u"%1: %2"_s.arg(where, id.message()));
            out.append(BootstrapNode{id.value(), endpoint.value(), o.value(u"name"_s).toString()});
        }
        return {};
    };
    const QJsonValue boot = root.value(u"bootstrap"_s);
    if (!boot.isArray() || boot.toArray().isEmpty() || boot.toArray().size() > kMaxBootstrap)
        return makeError(u"\"bootstrap\" must list at least one node"_s);
    if (Status st = readNodes(boot.toArray(), u"bootstrap node"_s, f.bootstrap); !st)
        return st.error();
    const QJsonValue vals = root.value(u"validators"_s);
    if (!vals.isUndefined() && (!vals.isArray() || vals.toArray().size() > kMaxBootstrap))
        return makeError(u"\"validators\" must be a list of nodes (id, address, control_port, swarm_port)"_s);
    if (Status st = readNodes(vals.toArray(), u"validator"_s, f.validators); !st)
        return st.error();
    f.local = root.value(u"local"_s).toBool(false);
    const QJsonValue economics = root.value(u"economics"_s);
    if (!economics.isUndefined() && !economics.isObject())
        return makeError(u"\"economics\" must be an object (see core/ledger/ECONOMICS.md)"_s);
    f.economics = economics.toObject();
    const QJsonValue treasury = root.value(u"treasury"_s);
    if (!treasury.isUndefined()) {
        f.treasuryKey = QByteArray::fromHex(treasury.toString().toLatin1());
        if (!treasury.isString() || f.treasuryKey.size() != 32 ||
            f.treasuryKey.toHex() != treasury.toString().toLower().toLatin1())
            return makeError(u"\"treasury\" must be the treasury's Ed25519 public key: 64 hex digits"_s);
    }
    return f;
}

Result<NetworkFile> NetworkFile::load(const QString &path)
{
    auto bytes = readFileLimited(path, kMaxNetworkFile);
    if (!bytes)
        return bytes.error();
    auto f = parse(bytes.value());
    if (!f)
        return makeError(u"%1: %2"_s.arg(path, f.message()));
    return f;
}

Status NetworkFile::save(const QString &path) const { return writeFileAtomic(path, toJson()); }

qint64 NetworkFile::epochAt(qint64 timeMs) const
{
    if (timeMs < genesisMs || epochMs <= 0)
        return 0;
    return (timeMs - genesisMs) / epochMs;
}

bool NetworkFile::isCountedValidator(const crypto::NodeId &id) const
{
    return std::any_of(validators.begin(), validators.end(), [&](const BootstrapNode &v) { return v.id == id; });
}

} // namespace stratus::discovery
