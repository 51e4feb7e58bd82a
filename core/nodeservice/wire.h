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
Result<swarm::Endpoint> endpointFromCbor(const QCborValue &value);

} // namespace stratus::nodeservice
