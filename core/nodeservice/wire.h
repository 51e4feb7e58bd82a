#pragma once

// Small CBOR helpers for the node's control-plane messages.

#include "common/result.h"
#include "object/shard_id.h"
#include "swarm/endpoint.h"

#include <QCborMap>

namespace stratus::nodeservice {

QCborMap shardToCbor(const object::ShardId &id);
Result<object::ShardId> shardFromCbor(const QCborValue &value);

QCborMap endpointToCbor(const swarm::Endpoint &e);

// The DHT topic under which the nodes of a network announce their control
// port: the first 20 bytes of SHA-256("stratus/network/" + name).
QByteArray networkTopic(const QString &networkName);
Result<swarm::Endpoint> endpointFromCbor(const QCborValue &value);

} // namespace stratus::nodeservice
