#include "discovery/node_record.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>

using namespace Qt::StringLiterals;

namespace stratus::discovery {

namespace {

const QByteArray kDomain("stratus/node-record/v1");
constexpr qsizetype kMaxRecord = 4096;

QCborValue oneItem(const QByteArray &bytes, QString &error)
{
    QCborStreamReader reader(bytes);
    QCborValue v = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        error = reader.lastError().toString();
    else if (reader.currentOffset() != bytes.size())
        error = u"trailing bytes"_s;
    return v;
}

QByteArray encode(const NodeRecord &r)
{
    return QCborMap{{u"v"_s, 1},
                    {u"id"_s, r.id.bytes()},
                    {u"key"_s, r.publicKey},
                    {u"seq"_s, static_cast<qint64>(r.sequence)},
                    {u"addr"_s, r.endpoint.address.toString()},
                    {u"cport"_s, r.endpoint.controlPort},
                    {u"sport"_s, r.endpoint.swarmPort},
                    {u"cap"_s, static_cast<qint64>(r.capacityBytes)},
                    {u"free"_s, static_cast<qint64>(r.freeBytes)},
                    {u"region"_s, r.region},
                    {u"ver"_s, r.version},
                    {u"time"_s, r.timeMs}}
        .toCborValue()
        .toCbor();
}

Result<NodeRecord> decode(const QByteArray &payload)
{
    if (payload.size() > kMaxRecord)
        return makeError(u"node record is too large"_s);
    QString error;
    const QCborValue v = oneItem(payload, error);
    if (!error.isEmpty() || !v.isMap())
        return makeError(u"node record is not valid CBOR: %1"_s.arg(error.isEmpty() ? u"not a map"_s : error));
    const QCborMap m = v.toMap();
    if (m.size() != 12 || m.value(u"v"_s).toInteger(-1) != 1)
        return makeError(u"node record has an unknown version or fields"_s);
    NodeRecord r;
    auto id = crypto::NodeId::fromBytes(m.value(u"id"_s).toByteArray());
    if (!id)
        return makeError(u"node record: %1"_s.arg(id.message()));
    r.id = id.value();
    r.publicKey = m.value(u"key"_s).toByteArray();
    auto integer = [&](const QString &key, quint64 &out) {
        const QCborValue x = m.value(key);
        if (!x.isInteger() || x.toInteger() < 0)
            return false;
        out = static_cast<quint64>(x.toInteger());
        return true;
    };
    quint64 cport = 0, sport = 0;
    if (!integer(u"seq"_s, r.sequence) || !integer(u"cap"_s, r.capacityBytes) || !integer(u"free"_s, r.freeBytes) ||
        !integer(u"cport"_s, cport) || !integer(u"sport"_s, sport) || cport == 0 || cport > 65535 || sport == 0 ||
        sport > 65535 || !m.value(u"time"_s).isInteger())
        return makeError(u"node record has invalid numbers"_s);
    r.endpoint.controlPort = static_cast<quint16>(cport);
    r.endpoint.swarmPort = static_cast<quint16>(sport);
    if (!m.value(u"addr"_s).isString() || !r.endpoint.address.setAddress(m.value(u"addr"_s).toString()))
        return makeError(u"node record has an invalid address"_s);
    if (!m.value(u"region"_s).isString() || !m.value(u"ver"_s).isString())
        return makeError(u"node record has invalid text fields"_s);
    r.region = m.value(u"region"_s).toString().left(64);
    r.version = m.value(u"ver"_s).toString().left(64);
    r.timeMs = m.value(u"time"_s).toInteger();
    return r;
}

} // namespace

SignedNodeRecord SignedNodeRecord::sign(NodeRecord record, const crypto::SigningKey &key)
{
    record.publicKey = key.publicKey();
    record.id = crypto::NodeId::fromPublicKey(record.publicKey);
    SignedNodeRecord s;
    s.payload = encode(record);
    s.signature = key.sign(kDomain + s.payload);
    s.record = std::move(record);
    return s;
}

Result<SignedNodeRecord> SignedNodeRecord::verify(const QByteArray &payload, const QByteArray &signature)
{
    auto record = decode(payload);
    if (!record)
        return record.error();
    if (crypto::NodeId::fromPublicKey(record->publicKey) != record->id)
        return makeError(u"node record: the key does not belong to the node id"_s);
    if (!crypto::verifySignature(record->publicKey, kDomain + payload, signature))
        return makeError(u"node record of %1: bad signature"_s.arg(record->id.shortString()));
    return SignedNodeRecord{payload, signature, std::move(record.value())};
}

QByteArray SignedNodeRecord::toCbor() const
{
    return QCborMap{{u"p"_s, payload}, {u"s"_s, signature}}.toCborValue().toCbor();
}

Result<SignedNodeRecord> SignedNodeRecord::fromCbor(const QByteArray &bytes)
{
    if (bytes.size() > kMaxRecord + 128)
        return makeError(u"signed node record is too large"_s);
    QString error;
    const QCborValue v = oneItem(bytes, error);
    const QCborMap m = v.toMap();
    if (!error.isEmpty() || !v.isMap() || m.size() != 2 || !m.value(u"p"_s).isByteArray() ||
        !m.value(u"s"_s).isByteArray())
        return makeError(u"not a signed node record"_s);
    return verify(m.value(u"p"_s).toByteArray(), m.value(u"s"_s).toByteArray());
}

Status NodeDirectory::offer(const SignedNodeRecord &r)
{
    const QByteArray key = r.record.id.bytes();
    auto it = m_records.find(key);
    if (it != m_records.end() && it->record.sequence >= r.record.sequence)
        return makeError(u"record %1 of %2 is not newer than %3"_s.arg(r.record.sequence)
                             .arg(r.record.id.shortString())
                             .arg(it->record.sequence));
    m_records.insert(key, r);
    return {};
}

const SignedNodeRecord *NodeDirectory::find(const crypto::NodeId &id) const
{
    auto it = m_records.constFind(id.bytes());
    return it == m_records.constEnd() ? nullptr : &it.value();
}

QList<SignedNodeRecord> NodeDirectory::all() const { return m_records.values(); }

} // namespace stratus::discovery
