#pragma once

// Helpers shared by the storage node's database and GC tests.

#include "crypto/node_id.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "node/contract.h"
#include "node/limits.h"
#include "node/orders.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>

namespace stratus::test {

inline crypto::NodeId nodeIdOf(const crypto::SigningKey &key) { return crypto::NodeId::fromPublicKey(key.publicKey()); }

inline object::ShardId shardIdOf(const QByteArray &data)
{
    return object::ShardId{object::merkleRoot(reinterpret_cast<const std::uint8_t *>(data.constData()),
                                              static_cast<std::size_t>(data.size())),
                           data.size()};
}

// A contract signed by `client` and countersigned by `node`.
inline node::SignedContract makeContract(const crypto::SigningKey &client, const crypto::SigningKey &node,
                                         const object::ShardId &shard, qint64 startMs, qint64 expiryMs,
                                         qint64 price = 1'000'000)
{
    node::ContractTerms t;
    t.shard = shard;
    t.client = nodeIdOf(client);
    t.node = nodeIdOf(node);
    t.startMs = startMs;
    t.expiryMs = expiryMs;
    t.price = price;
    t.nonce = crypto::randomBytes(node::kNonceSize);
    auto c = node::signContract(t, client);
    if (!c || !node::countersignContract(*c, node).ok())
        return {};
    return *c;
}

inline node::SignedOrder makeDeletion(const crypto::SigningKey &client, const crypto::SigningKey &node,
                                      const object::ShardId &shard, qint64 timeMs)
{
    const node::DeletionOrder o{nodeIdOf(client), nodeIdOf(node), shard, timeMs, crypto::randomBytes(node::kNonceSize)};
    auto s = node::signDeletionOrder(o, client);
    return s ? *s : node::SignedOrder{};
}

inline node::SignedOrder makeBandwidthOrder(const crypto::SigningKey &client, const crypto::SigningKey &node,
                                            const object::ShardId &shard, qint64 bytes, qint64 serial, qint64 timeMs)
{
    const node::BandwidthOrder o{nodeIdOf(client), nodeIdOf(node), shard, bytes, serial, timeMs};
    auto s = node::signBandwidthOrder(o, client);
    return s ? *s : node::SignedOrder{};
}

} // namespace stratus::test
