#include "node/orders.h"

#include "crypto/signing_key.h"
#include "node/cbor_strict.h"
#include "node/limits.h"
#include "node/signed_payload.h"

#include <QCborMap>
#include <QCborValue>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::node {

namespace {

constexpr qsizetype kMaxOrderPayloadBytes = 1024;
constexpr qsizetype kMaxSignedOrderBytes = 2048;
constexpr qint64 kMaxInt = std::numeric_limits<qint64>::max();
constexpr int kSignedVersion = 1;
const QString kWhatBandwidth = u"bandwidth order"_s;
const QString kWhatDeletion = u"deletion order"_s;
const QString kWhatSigned = u"signed order"_s;
const QString kBandwidthType = u"stratus.bandwidth-order"_s;
const QString kDeletionType = u"stratus.deletion"_s;
const QString kSignedType = u"stratus.signed-order"_s;

Status validateIds(const crypto::NodeId &client, const crypto::NodeId &node, const object::ShardId &shard,
                   const QString &what)
{
    if (client.bytes().size() != crypto::NodeId::kSize || node.bytes().size() != crypto::NodeId::kSize)
        return makeError(u"the %1 does not name both a client and a node"_s.arg(what));
    if (!shard.isValid() || shard.size > kMaxShardSize)
        return makeError(u"the %1's shard id is invalid"_s.arg(what));
    return {};
}

Status validate(const BandwidthOrder &o)
{
    if (Status st = validateIds(o.client, o.node, o.shard, kWhatBandwidth); !st)
        return st;
    if (o.bytes <= 0 || o.bytes > kMaxOrderBytes)
        return makeError(u"the bandwidth order's byte count is outside 1..%1"_s.arg(kMaxOrderBytes));
    if (o.serial < 0 || o.timeMs < 0)
        return makeError(u"the bandwidth order's serial or time is negative"_s);
    return {};
}

Status validate(const DeletionOrder &o)
{
    if (Status st = validateIds(o.client, o.node, o.shard, kWhatDeletion); !st)
        return st;
    if (o.timeMs < 0)
        return makeError(u"the deletion order's time is negative"_s);
    if (o.nonce.size() != kNonceSize)
        return makeError(u"the deletion order's nonce is not %1 bytes"_s.arg(kNonceSize));
    return {};
}

// Reads client, node and shard (root + size), common to both orders.
Status readIds(const QCborMap &map, crypto::NodeId &client, crypto::NodeId &node, object::ShardId &shard,
               const QString &what)
{
    const auto c = cbor::bytesField(map, u"client"_s, crypto::NodeId::kSize, crypto::NodeId::kSize);
    const auto n = cbor::bytesField(map, u"node"_s, crypto::NodeId::kSize, crypto::NodeId::kSize);
    if (!c || !n)
        return cbor::malformed(what, u"the client or node id is not 32 bytes"_s);
    const auto root = cbor::bytesField(map, u"shard"_s, 32, 32);
    const auto size = cbor::uintField(map, u"size"_s, kMaxShardSize);
    if (!root || !size || *size == 0)
        return cbor::malformed(what, u"invalid shard id"_s);
    client = crypto::NodeId::fromBytes(*c).value();
    node = crypto::NodeId::fromBytes(*n).value();
    shard = object::ShardId{*root, *size};
    return {};
}

template <typename Order>
Result<SignedOrder> signOrder(const Order &order, const QByteArray &payload, const crypto::SigningKey &clientKey)
{
    if (Status st = validate(order); !st)
        return st.error();
    if (crypto::NodeId::fromPublicKey(clientKey.publicKey()) != order.client)
        return makeError(u"this key is not the key of the order's client %1"_s.arg(order.client.shortString()));
    return SignedOrder{payload, clientKey.publicKey(), clientKey.sign(payload)};
}

template <typename Order>
Result<Order> verifyOrder(const SignedOrder &signedOrder, Result<Order> order, const crypto::NodeId &expectedNode,
                          const QString &what)
{
    if (!order)
        return order.error();
    if (order->node != expectedNode)
        return makeError(u"the %1 is for node %2, not for this node %3"_s.arg(what, order->node.shortString(),
                                                                              expectedNode.shortString()));
    if (Status st = checkPayloadSignature(signedOrder.payload, signedOrder.clientKey, signedOrder.clientSignature,
                                          order->client, u"the %1's client"_s.arg(what));
        !st)
        return st.error();
    return order;
}

} // namespace

QByteArray encodeBandwidthOrder(const BandwidthOrder &o)
{
    const QCborMap map{{u"v"_s, BandwidthOrder::kVersion},
                       {u"type"_s, kBandwidthType},
                       {u"client"_s, o.client.bytes()},
                       {u"node"_s, o.node.bytes()},
                       {u"shard"_s, o.shard.root},
                       {u"size"_s, o.shard.size},
                       {u"bytes"_s, o.bytes},
                       {u"serial"_s, o.serial},
                       {u"time"_s, o.timeMs}};
    return QCborValue(map).toCbor();
}

Result<BandwidthOrder> decodeBandwidthOrder(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxOrderPayloadBytes, kWhatBandwidth);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, BandwidthOrder::kVersion, kBandwidthType, kWhatBandwidth); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            map, {u"v"_s, u"type"_s, u"client"_s, u"node"_s, u"shard"_s, u"size"_s, u"bytes"_s, u"serial"_s, u"time"_s},
            {}, kWhatBandwidth);
        !st)
        return st.error();
    BandwidthOrder o;
    if (Status st = readIds(map, o.client, o.node, o.shard, kWhatBandwidth); !st)
        return st.error();
    const auto bytes = cbor::uintField(map, u"bytes"_s, kMaxOrderBytes);
    const auto serial = cbor::uintField(map, u"serial"_s, kMaxInt);
    const auto time = cbor::uintField(map, u"time"_s, kMaxInt);
    if (!bytes || *bytes == 0)
        return cbor::malformed(kWhatBandwidth, u"the byte count is outside 1..%1"_s.arg(kMaxOrderBytes));
    if (!serial || !time)
        return cbor::malformed(kWhatBandwidth, u"invalid serial or time"_s);
    o.bytes = *bytes;
    o.serial = *serial;
    o.timeMs = *time;
    if (Status st = cbor::checkCanonical(cbor, encodeBandwidthOrder(o), kWhatBandwidth); !st)
        return st.error();
    return o;
}

QByteArray encodeDeletionOrder(const DeletionOrder &o)
{
    const QCborMap map{{u"v"_s, DeletionOrder::kVersion},
                       {u"type"_s, kDeletionType},
                       {u"client"_s, o.client.bytes()},
                       {u"node"_s, o.node.bytes()},
                       {u"shard"_s, o.shard.root},
                       {u"size"_s, o.shard.size},
                       {u"time"_s, o.timeMs},
                       {u"nonce"_s, o.nonce}};
    return QCborValue(map).toCbor();
}

Result<DeletionOrder> decodeDeletionOrder(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxOrderPayloadBytes, kWhatDeletion);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, DeletionOrder::kVersion, kDeletionType, kWhatDeletion); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            map, {u"v"_s, u"type"_s, u"client"_s, u"node"_s, u"shard"_s, u"size"_s, u"time"_s, u"nonce"_s}, {},
            kWhatDeletion);
        !st)
        return st.error();
    DeletionOrder o;
    if (Status st = readIds(map, o.client, o.node, o.shard, kWhatDeletion); !st)
        return st.error();
    const auto time = cbor::uintField(map, u"time"_s, kMaxInt);
    const auto nonce = cbor::bytesField(map, u"nonce"_s, kNonceSize, kNonceSize);
    if (!time)
        return cbor::malformed(kWhatDeletion, u"invalid time"_s);
    if (!nonce)
        return cbor::malformed(kWhatDeletion, u"the nonce is not %1 bytes"_s.arg(kNonceSize));
    o.timeMs = *time;
    o.nonce = *nonce;
    if (Status st = cbor::checkCanonical(cbor, encodeDeletionOrder(o), kWhatDeletion); !st)
        return st.error();
    return o;
}

Result<SignedOrder> signBandwidthOrder(const BandwidthOrder &order, const crypto::SigningKey &clientKey)
{
    return signOrder(order, encodeBandwidthOrder(order), clientKey);
}

Result<SignedOrder> signDeletionOrder(const DeletionOrder &order, const crypto::SigningKey &clientKey)
{
    return signOrder(order, encodeDeletionOrder(order), clientKey);
}

Result<BandwidthOrder> verifyBandwidthOrder(const SignedOrder &order, const crypto::NodeId &expectedNode)
{
    return verifyOrder(order, decodeBandwidthOrder(order.payload), expectedNode, kWhatBandwidth);
}

Result<DeletionOrder> verifyDeletionOrder(const SignedOrder &order, const crypto::NodeId &expectedNode)
{
    return verifyOrder(order, decodeDeletionOrder(order.payload), expectedNode, kWhatDeletion);
}

QByteArray encodeSignedOrder(const SignedOrder &o)
{
    const QCborMap map{{u"v"_s, kSignedVersion},
                       {u"type"_s, kSignedType},
                       {u"payload"_s, o.payload},
                       {u"clientKey"_s, o.clientKey},
                       {u"clientSig"_s, o.clientSignature}};
    return QCborValue(map).toCbor();
}

Result<SignedOrder> decodeSignedOrder(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxSignedOrderBytes, kWhatSigned);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, kSignedVersion, kSignedType, kWhatSigned); !st)
        return st.error();
    if (Status st =
            cbor::checkKeys(map, {u"v"_s, u"type"_s, u"payload"_s, u"clientKey"_s, u"clientSig"_s}, {}, kWhatSigned);
        !st)
        return st.error();
    const auto payload = cbor::bytesField(map, u"payload"_s, 1, kMaxOrderPayloadBytes);
    const auto key =
        cbor::bytesField(map, u"clientKey"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto sig =
        cbor::bytesField(map, u"clientSig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!payload)
        return cbor::malformed(kWhatSigned,
                               u"the payload is empty or larger than %1 bytes"_s.arg(kMaxOrderPayloadBytes));
    if (!key || !sig)
        return cbor::malformed(kWhatSigned, u"the client's key or signature has the wrong size"_s);
    SignedOrder o{*payload, *key, *sig};
    if (Status st = cbor::checkCanonical(cbor, encodeSignedOrder(o), kWhatSigned); !st)
        return st.error();
    return o;
}

} // namespace stratus::node
