#include "syncservice/sync_wire.h"

#include "node/cbor_strict.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QHostAddress>

#include <cstring>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace cbor = node::cbor;

namespace {

constexpr qint64 kMaxSeq = (qint64(1) << 53) - 1;
constexpr qint64 kMaxMs = qint64(1) << 50;

QCborMap header(const QString &type)
{
    QCborMap m;
    m.insert(u"v"_s, 1);
    m.insert(u"type"_s, type);
    return m;
}

Result<QCborMap> open(const QByteArray &bytes, qsizetype max, const QString &type, const QString &what,
                      std::initializer_list<QString> keys)
{
    auto map = cbor::parseMap(bytes, max, what);
    if (!map)
        return map.error();
    if (Status st = cbor::checkKeys(*map, keys, {}, what); !st)
        return st.error();
    if (Status st = cbor::checkHeader(*map, 1, type, what); !st)
        return st.error();
    return map;
}

Status canonical(const QByteArray &in, const QByteArray &out, const QString &what)
{
    return cbor::checkCanonical(in, out, what);
}

// {"v": 1, "type": "stratus.object-ref", "manifest": ..., "placements": ...}:
// written and read byte by byte (one per file a sync pass records or
// applies); the general reader only explains what is wrong with anything
// else. The bytes are exactly what QCborValue writes for the same map.
const QByteArray kObjectRefHead = [] {
    QByteArray head = cbor::mapHeader(4, QLatin1StringView("stratus.object-ref"));
    cbor::appendText(head, QLatin1StringView("manifest"));
    return head;
}();
const QByteArray kPlacementsKey = [] {
    QByteArray key;
    cbor::appendText(key, QLatin1StringView("placements"));
    return key;
}();

// A shard id exactly as ShardId::toString() writes it (parse() also takes
// upper-case hex), or nothing.
std::optional<object::ShardId> canonicalShardId(const unsigned char *p, std::size_t n)
{
    const QString text = QString::fromLatin1(reinterpret_cast<const char *>(p), static_cast<qsizetype>(n));
    Result<object::ShardId> shard = object::ShardId::parse(text);
    if (!shard || shard->toString() != text)
        return std::nullopt;
    return shard.value();
}

} // namespace

QByteArray ObjectRef::encode() const
{
    QByteArray out;
    out.reserve(64 + sealedManifest.size() + placements.size() * 120);
    out.append(kObjectRefHead);
    cbor::appendHead(out, 2, static_cast<quint64>(sealedManifest.size()));
    out.append(sealedManifest);
    out.append(kPlacementsKey);
    cbor::appendHead(out, 4, static_cast<quint64>(placements.size()));
    for (const auto &[shard, node] : placements) {
        out.append(char(0x82));
        cbor::appendText(out, QLatin1StringView(shard.toString().toLatin1()));
        cbor::appendHead(out, 2, static_cast<quint64>(node.bytes().size()));
        out.append(node.bytes());
    }
    return out;
}

std::optional<ObjectRef> ObjectRef::decodeCanonical(const QByteArray &bytes)
{
    if (bytes.size() > kMaxBytes || !bytes.startsWith(kObjectRefHead))
        return std::nullopt;
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData()) + kObjectRefHead.size();
    const qsizetype keySize = kPlacementsKey.size();
    const auto *end = reinterpret_cast<const unsigned char *>(bytes.constData()) + bytes.size();
    const std::optional<quint64> manifestSize = cbor::readHead(p, end, 2);
    if (!manifestSize || *manifestSize == 0 || *manifestSize > quint64(end - p))
        return std::nullopt;
    ObjectRef ref;
    ref.sealedManifest = QByteArray(reinterpret_cast<const char *>(p), static_cast<qsizetype>(*manifestSize));
    p += *manifestSize;
    if (end - p < keySize || std::memcmp(p, kPlacementsKey.constData(), static_cast<std::size_t>(keySize)) != 0)
        return std::nullopt;
    p += keySize;
    const std::optional<quint64> count = cbor::readHead(p, end, 4);
    if (!count || *count > quint64(end - p))
        return std::nullopt;
    ref.placements.reserve(static_cast<qsizetype>(*count));
    for (quint64 i = 0; i < *count; ++i) {
        if (p >= end || *p++ != 0x82)
            return std::nullopt;
        const std::optional<quint64> textSize = cbor::readHead(p, end, 3);
        if (!textSize || *textSize > quint64(end - p))
            return std::nullopt;
        const std::optional<object::ShardId> shard = canonicalShardId(p, static_cast<std::size_t>(*textSize));
        p += *textSize;
        const std::optional<quint64> idSize = cbor::readHead(p, end, 2);
        if (!shard || !idSize || *idSize != 32 || end - p < 32)
            return std::nullopt;
        auto node = crypto::NodeId::fromBytes(QByteArray(reinterpret_cast<const char *>(p), 32));
        p += 32;
        if (!node)
            return std::nullopt;
        ref.placements.append({*shard, node.value()});
    }
    if (p != end)
        return std::nullopt;
    return ref;
}

Result<ObjectRef> ObjectRef::decode(const QByteArray &bytes)
{
    if (std::optional<ObjectRef> fast = decodeCanonical(bytes))
        return std::move(*fast);
    const QString what = u"object reference"_s;
    auto m = open(bytes, kMaxBytes, u"stratus.object-ref"_s, what, {u"v"_s, u"type"_s, u"manifest"_s, u"placements"_s});
    if (!m)
        return m.error();
    const auto manifest = cbor::bytesField(*m, u"manifest"_s, 1, kMaxBytes);
    if (!manifest || !m->value(u"placements"_s).isArray())
        return cbor::malformed(what, u"manifest or placements missing"_s);
    ObjectRef ref;
    ref.sealedManifest = *manifest;
    for (const QCborValue &v : m->value(u"placements"_s).toArray()) {
        const QCborArray pair = v.toArray();
        if (!v.isArray() || pair.size() != 2 || !pair[0].isString() || !pair[1].isByteArray() ||
            pair[1].toByteArray().size() != 32)
            return cbor::malformed(what, u"a placement is not [shard, node]"_s);
        auto shard = object::ShardId::parse(pair[0].toString());
        if (!shard)
            return cbor::malformed(what, shard.message());
        auto node = crypto::NodeId::fromBytes(pair[1].toByteArray());
        if (!node)
            return cbor::malformed(what, node.message());
        ref.placements.append({shard.value(), node.value()});
    }
    if (Status st = canonical(bytes, ref.encode(), what); !st)
        return st.error();
    return ref;
}

QByteArray MovedObject::encode() const
{
    QCborMap m = header(u"stratus.moved-object"_s);
    m.insert(u"old"_s, oldManifest);
    m.insert(u"moved"_s, moved.encode());
    return m.toCborValue().toCbor();
}

Result<MovedObject> MovedObject::decode(const QByteArray &bytes)
{
    const QString what = u"moved object"_s;
    auto m = open(bytes, kMaxBytes, u"stratus.moved-object"_s, what, {u"v"_s, u"type"_s, u"old"_s, u"moved"_s});
    if (!m)
        return m.error();
    const auto old = cbor::bytesField(*m, u"old"_s, 1, ObjectRef::kMaxBytes);
    const auto moved = cbor::bytesField(*m, u"moved"_s, 1, ObjectRef::kMaxBytes);
    if (!old || !moved)
        return cbor::malformed(what, u"the old manifest or the moved object is missing"_s);
    auto ref = ObjectRef::decode(*moved);
    if (!ref)
        return cbor::malformed(what, ref.message());
    MovedObject out{*old, ref.value()};
    if (Status st = canonical(bytes, out.encode(), what); !st)
        return st.error();
    return out;
}

QByteArray DeviceEndpoint::saltFor(const crypto::NodeId &device) { return "endpoint:" + device.bytes(); }

QByteArray DeviceEndpoint::encode() const
{
    QCborMap m = header(u"stratus.device-endpoint"_s);
    m.insert(u"device"_s, device);
    m.insert(u"address"_s, address);
    m.insert(u"port"_s, port);
    return m.toCborValue().toCbor();
}

Result<DeviceEndpoint> DeviceEndpoint::decode(const QByteArray &bytes)
{
    const QString what = u"device endpoint"_s;
    auto m = open(bytes, kMaxBytes, u"stratus.device-endpoint"_s, what,
                  {u"v"_s, u"type"_s, u"device"_s, u"address"_s, u"port"_s});
    if (!m)
        return m.error();
    const auto device = cbor::bytesField(*m, u"device"_s, 32, 32);
    const auto port = cbor::uintField(*m, u"port"_s, 65535);
    const QCborValue address = m->value(u"address"_s);
    if (!device || !port || *port == 0 || !address.isString())
        return cbor::malformed(what, u"a device key, an address and a port are needed"_s);
    const QHostAddress ip(address.toString());
    if (ip.isNull() || ip.toString() != address.toString())
        return cbor::malformed(what, u"the address is not an IP address in its usual form"_s);
    DeviceEndpoint e{*device, address.toString(), static_cast<quint16>(*port)};
    if (Status st = canonical(bytes, e.encode(), what); !st)
        return st.error();
    return e;
}

QByteArray LogBatch::encode() const
{
    QCborMap m = header(u"stratus.log-batch"_s);
    m.insert(u"device"_s, device);
    m.insert(u"first"_s, first);
    QCborArray list;
    for (const QByteArray &e : entries)
        list.append(e);
    m.insert(u"entries"_s, list);
    QCborArray b;
    for (const auto &[hash, ref] : blobs)
        b.append(QCborArray{hash, ref});
    m.insert(u"blobs"_s, b);
    m.insert(u"prev"_s, previous);
    return m.toCborValue().toCbor();
}

Result<LogBatch> LogBatch::decode(const QByteArray &bytes)
{
    const QString what = u"log batch"_s;
    auto m = open(bytes, kMaxBytes, u"stratus.log-batch"_s, what,
                  {u"v"_s, u"type"_s, u"device"_s, u"first"_s, u"entries"_s, u"blobs"_s, u"prev"_s});
    if (!m)
        return m.error();
    const auto device = cbor::bytesField(*m, u"device"_s, 32, 32);
    const auto first = cbor::uintField(*m, u"first"_s, kMaxSeq);
    const auto prev = cbor::bytesField(*m, u"prev"_s, 0, ObjectRef::kMaxBytes);
    const QCborValue entries = m->value(u"entries"_s);
    const QCborValue blobs = m->value(u"blobs"_s);
    if (!device || !first || *first < 1 || !prev || !entries.isArray() || !blobs.isArray() ||
        entries.toArray().size() > kMaxEntries || blobs.toArray().size() > kMaxEntries)
        return cbor::malformed(what, u"a field is missing, of the wrong type or out of range"_s);
    LogBatch batch;
    batch.device = *device;
    batch.first = *first;
    batch.previous = *prev;
    for (const QCborValue &e : entries.toArray()) {
        if (!e.isByteArray())
            return cbor::malformed(what, u"an entry is not a byte string"_s);
        batch.entries.append(e.toByteArray());
    }
    for (const QCborValue &v : blobs.toArray()) {
        const QCborArray pair = v.toArray();
        if (!v.isArray() || pair.size() != 2 || !pair[0].isByteArray() || pair[0].toByteArray().size() != 32 ||
            !pair[1].isByteArray())
            return cbor::malformed(what, u"a content reference is not [hash, object]"_s);
        batch.blobs.append({pair[0].toByteArray(), pair[1].toByteArray()});
    }
    if (Status st = canonical(bytes, batch.encode(), what); !st)
        return st.error();
    return batch;
}

QByteArray LogHead::encode() const
{
    QCborMap m = header(u"stratus.log-head"_s);
    m.insert(u"device"_s, device);
    m.insert(u"seq"_s, sequence);
    m.insert(u"hash"_s, hash);
    m.insert(u"batch"_s, batch);
    m.insert(u"batch-first"_s, batchFirst);
    return m.toCborValue().toCbor();
}

Result<LogHead> LogHead::decode(const QByteArray &bytes)
{
    const QString what = u"log head"_s;
    auto m = open(bytes, 64 * 1024, u"stratus.log-head"_s, what,
                  {u"v"_s, u"type"_s, u"device"_s, u"seq"_s, u"hash"_s, u"batch"_s, u"batch-first"_s});
    if (!m)
        return m.error();
    const auto device = cbor::bytesField(*m, u"device"_s, 32, 32);
    const auto seq = cbor::uintField(*m, u"seq"_s, kMaxSeq);
    const auto hash = cbor::bytesField(*m, u"hash"_s, 32, 32);
    const auto batch = cbor::bytesField(*m, u"batch"_s, 1, 64 * 1024);
    const auto first = cbor::uintField(*m, u"batch-first"_s, kMaxSeq);
    if (!device || !seq || !hash || !batch || !first || *first < 1 || *first > *seq)
        return cbor::malformed(what, u"a field is missing, of the wrong type or out of range"_s);
    LogHead head{*device, *seq, *hash, *batch, *first};
    if (Status st = canonical(bytes, head.encode(), what); !st)
        return st.error();
    return head;
}

QList<QByteArray> DeviceList::authorisedKeys() const
{
    QList<QByteArray> out;
    for (const DeviceRecord &d : devices)
        if (d.revokedMs == 0)
            out.append(d.key);
    return out;
}

const DeviceRecord *DeviceList::find(const QByteArray &key) const
{
    for (const DeviceRecord &d : devices)
        if (d.key == key)
            return &d;
    return nullptr;
}

QByteArray DeviceList::encode() const
{
    QCborMap m = header(u"stratus.devices"_s);
    QCborArray list;
    for (const DeviceRecord &d : devices)
        list.append(QCborArray{d.key, d.name, d.addedMs, d.revokedMs});
    m.insert(u"devices"_s, list);
    return m.toCborValue().toCbor();
}

Result<DeviceList> DeviceList::decode(const QByteArray &bytes)
{
    const QString what = u"device list"_s;
    auto m = open(bytes, 64 * 1024, u"stratus.devices"_s, what, {u"v"_s, u"type"_s, u"devices"_s});
    if (!m)
        return m.error();
    const QCborValue list = m->value(u"devices"_s);
    if (!list.isArray() || list.toArray().size() > kMaxDevices)
        return cbor::malformed(what, u"devices: a list of at most 200"_s);
    DeviceList out;
    for (const QCborValue &v : list.toArray()) {
        const QCborArray d = v.toArray();
        if (!v.isArray() || d.size() != 4 || !d[0].isByteArray() || d[0].toByteArray().size() != 32 ||
            !d[1].isString() || d[1].toString().size() > 200 || !d[2].isInteger() || !d[3].isInteger() ||
            d[2].toInteger() < 0 || d[2].toInteger() > kMaxMs || d[3].toInteger() < 0 || d[3].toInteger() > kMaxMs)
            return cbor::malformed(what, u"a device is not [key, name, added, revoked]"_s);
        if (out.find(d[0].toByteArray()))
            return cbor::malformed(what, u"a device is listed twice"_s);
        out.devices.append(DeviceRecord{d[0].toByteArray(), d[1].toString(), d[2].toInteger(), d[3].toInteger()});
    }
    if (Status st = canonical(bytes, out.encode(), what); !st)
        return st.error();
    return out;
}

} // namespace stratus::syncservice
