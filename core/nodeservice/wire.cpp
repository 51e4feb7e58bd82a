#include "nodeservice/wire.h"

#include "crypto/hash.h"

#include <QCborValue>

using namespace Qt::StringLiterals;

namespace stratus::nodeservice {

QCborMap shardToCbor(const object::ShardId &id) { return QCborMap{{u"root"_s, id.root}, {u"size"_s, id.size}}; }

Result<object::ShardId> shardFromCbor(const QCborValue &value)
{
    const QCborMap m = value.toMap();
    const QCborValue root = m.value(u"root"_s);
    const QCborValue size = m.value(u"size"_s);
    if (!value.isMap() || m.size() != 2 || !root.isByteArray() || root.toByteArray().size() != 32 ||
        !size.isInteger() || size.toInteger() <= 0 || size.toInteger() > (qint64(1) << 34))
        return makeError(u"malformed shard id"_s);
    return object::ShardId{root.toByteArray(), size.toInteger()};
}

QByteArray networkTopic(const QString &networkName)
{
    return crypto::sha256(QByteArray("stratus/network/") + networkName.toUtf8()).left(20);
}

QCborMap endpointToCbor(const swarm::Endpoint &e) { return QCborMap{{u"address"_s, e.address}, {u"port"_s, e.port}}; }

Result<swarm::Endpoint> endpointFromCbor(const QCborValue &value)
{
    const QCborMap m = value.toMap();
    const QCborValue port = m.value(u"port"_s);
    if (!value.isMap() || m.size() != 2 || !m.value(u"address"_s).isString() || !port.isInteger() ||
        port.toInteger() < 1 || port.toInteger() > 65535)
        return makeError(u"malformed endpoint"_s);
    swarm::Endpoint e{m.value(u"address"_s).toString(), static_cast<quint16>(port.toInteger())};
    if (!e.isValid())
        return makeError(u"malformed endpoint"_s);
    return e;
}

} // namespace stratus::nodeservice
