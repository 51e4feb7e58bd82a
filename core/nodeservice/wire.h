#pragma once

// Small CBOR helpers for the node's control-plane messages.

#include "common/result.h"
#include "object/merkle.h"
#include "object/shard_id.h"
#include "swarm/endpoint.h"

#include <QCborMap>

namespace stratus::nodeservice {

QCborMap shardToCbor(const object::ShardId &id);
Result<object::ShardId> shardFromCbor(const QCborValue &value);

QCborMap endpointToCbor(const swarm::Endpoint &e);

// A shard's merkle leaves on the wire: one byte string of 32-byte hashes in
// block order. Parsing checks their number against the shard's size and that
// they lead to its root; anything else is refused.
QByteArray leavesToBytes(const std::vector<object::Hash32> &leaves);
Result<std::vector<object::Hash32>> leavesFromBytes(const QByteArray &bytes, const object::ShardId &id);

// The DHT topic under which the nodes of a network announce their control
// port: the first 20 bytes of SHA-256("stratus/network/" + name).
QByteArray networkTopic(const QString &networkName);
Result<swarm::Endpoint> endpointFromCbor(const QCborValue &value);

} // namespace stratus::nodeservice
