#include "nodeservice/wire.h"

#include "crypto/hash.h"
#include "node/shard_files.h"

#include <QCborValue>

#include <cstring>

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

QByteArray leavesToBytes(const std::vector<object::Hash32> &leaves) { return node::files::leavesBytes(leaves); }

Result<std::vector<object::Hash32>> leavesFromBytes(const QByteArray &bytes, const object::ShardId &id)
{
    if (!id.isValid())
        return makeError(u"leaves of an invalid shard id"_s);
    const std::size_t count = object::merkleBlockCount(static_cast<std::uint64_t>(id.size));
    if (static_cast<std::size_t>(bytes.size()) != count * 32)
        return makeError(
            u"the shard's merkle leaves are %1 bytes; a shard of %2 bytes has %3 leaves of 32 bytes"_s.arg(bytes.size())
                .arg(id.size)
                .arg(count));
    std::vector<object::Hash32> leaves(count);
    std::memcpy(leaves.data(), bytes.constData(), count * 32);
    if (!node::files::rootMatches(leaves, id))
        return makeError(u"the shard's merkle leaves do not lead to its root"_s);
    return leaves;
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
