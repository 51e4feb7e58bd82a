#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "object/shard_id.h"

#include <QByteArray>

namespace stratus::crypto {
class SigningKey;
}

namespace stratus::node {

// A client's authorization for a node to serve (egress) `bytes` of `shard`.
// `serial` is unique per client (a counter the client keeps): a node refuses
// an order whose (client, serial) it has seen, so an order pays once.
// `timeMs`: when the client signed it (ms since the Unix epoch, UTC).
// Format: see core/node/NODE.md.
struct BandwidthOrder {
    static constexpr int kVersion = 1;

    crypto::NodeId client;
    crypto::NodeId node;
    object::ShardId shard;
    qint64 bytes = 0;
    qint64 serial = 0;
    qint64 timeMs = 0;

    friend bool operator==(const BandwidthOrder &, const BandwidthOrder &) = default;
};

// A client's request that a node drop `shard` now. It cancels the client's
// contracts for the shard that started before `timeMs` (a later contract, a
// re-upload, is not cancelled by an old order); `nonce` (32 random bytes)
// makes it unique so a replay is caught. It names the node, so an order for
// one node cannot be replayed to another.
struct DeletionOrder {
    static constexpr int kVersion = 1;

    crypto::NodeId client;
    crypto::NodeId node;
    object::ShardId shard;
    qint64 timeMs = 0;
    QByteArray nonce;

    friend bool operator==(const DeletionOrder &, const DeletionOrder &) = default;
};

// An order as it travels and is stored: the exact payload bytes (an encoded
// BandwidthOrder or DeletionOrder) with the client's key and signature.
struct SignedOrder {
    QByteArray payload;
    QByteArray clientKey;
    QByteArray clientSignature;

    friend bool operator==(const SignedOrder &, const SignedOrder &) = default;
};

// The largest number of bytes one bandwidth order can authorize (1 TiB).
constexpr qint64 kMaxOrderBytes = qint64(1) << 40;

QByteArray encodeBandwidthOrder(const BandwidthOrder &order);
Result<BandwidthOrder> decodeBandwidthOrder(const QByteArray &cbor);
QByteArray encodeDeletionOrder(const DeletionOrder &order);
Result<DeletionOrder> decodeDeletionOrder(const QByteArray &cbor);

// The client's side: encode and sign. Refused when the order is invalid or
// `clientKey` is not the key of order.client.
Result<SignedOrder> signBandwidthOrder(const BandwidthOrder &order, const crypto::SigningKey &clientKey);
Result<SignedOrder> signDeletionOrder(const DeletionOrder &order, const crypto::SigningKey &clientKey);

// The node's side: the payload decodes as that kind of order, names
// `expectedNode`, and carries the client's valid signature. Replays are
// caught by NodeDatabase, which remembers serials and nonces.
Result<BandwidthOrder> verifyBandwidthOrder(const SignedOrder &order, const crypto::NodeId &expectedNode);
Result<DeletionOrder> verifyDeletionOrder(const SignedOrder &order, const crypto::NodeId &expectedNode);

QByteArray encodeSignedOrder(const SignedOrder &order);
// Strict; structure and sizes only: verify what it returns.
Result<SignedOrder> decodeSignedOrder(const QByteArray &cbor);

} // namespace stratus::node
