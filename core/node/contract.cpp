#include "node/contract.h"

#include "crypto/signing_key.h"
#include "node/cbor_strict.h"
#include "node/limits.h"
#include "node/signed_payload.h"

#include <QCborMap>
#include <QCborValue>

using namespace Qt::StringLiterals;

namespace stratus::node {

namespace {

__extension__ typedef unsigned __int128 Uint128;

constexpr qsizetype kMaxTermsBytes = 1024;
constexpr qsizetype kMaxSignedContractBytes = 2048;
const QString kWhatTerms = u"contract"_s;
const QString kWhatSigned = u"signed contract"_s;
const QString kTermsType = u"stratus.contract"_s;
const QString kSignedType = u"stratus.signed-contract"_s;
constexpr int kSignedVersion = 1;

} // namespace

qint64 contractCost(const ContractTerms &t)
{
    if (!validateContractTerms(t))
        return 0;
    const Uint128 numerator =
        Uint128(quint64(t.price)) * Uint128(quint64(t.shard.size)) * Uint128(quint64(t.expiryMs - t.startMs));
    const Uint128 denominator = Uint128(quint64(1) << 30) * Uint128(quint64(kMsPerPriceMonth));
    return static_cast<qint64>((numerator + denominator - 1) / denominator);
}

Status validateContractTerms(const ContractTerms &t)
{
    if (!t.shard.isValid() || t.shard.size > kMaxShardSize)
        return makeError(
            u"the contract's shard id is invalid or the shard is larger than %1 bytes"_s.arg(kMaxShardSize));
    if (t.client.bytes().size() != crypto::NodeId::kSize || t.node.bytes().size() != crypto::NodeId::kSize)
        return makeError(u"the contract does not name both a client and a node"_s);
    if (t.startMs < 0 || t.expiryMs <= t.startMs)
        return makeError(u"the contract expires before it starts"_s);
    if (t.expiryMs - t.startMs > kMaxContractDurationMs)
        return makeError(u"the contract runs for longer than %1 ms"_s.arg(kMaxContractDurationMs));
    if (t.price < 0 || t.price > kMaxPrice)
        return makeError(u"the contract's price is outside 0..%1 micro-credits per GiB-month"_s.arg(kMaxPrice));
    if (t.nonce.size() != kNonceSize)
        return makeError(u"the contract's nonce is not %1 bytes"_s.arg(kNonceSize));
    return {};
}

QByteArray encodeContractTerms(const ContractTerms &t)
{
    const QCborMap map{{u"v"_s, ContractTerms::kVersion},
                       {u"type"_s, kTermsType},
                       {u"shard"_s, t.shard.root},
                       {u"size"_s, t.shard.size},
                       {u"client"_s, t.client.bytes()},
                       {u"node"_s, t.node.bytes()},
                       {u"start"_s, t.startMs},
                       {u"expiry"_s, t.expiryMs},
                       {u"price"_s, t.price},
                       {u"nonce"_s, t.nonce}};
    return QCborValue(map).toCbor();
}

Result<ContractTerms> decodeContractTerms(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxTermsBytes, kWhatTerms);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, ContractTerms::kVersion, kTermsType, kWhatTerms); !st)
        return st.error();
    if (Status st = cbor::checkKeys(map,
                                    {u"v"_s, u"type"_s, u"shard"_s, u"size"_s, u"client"_s, u"node"_s, u"start"_s,
                                     u"expiry"_s, u"price"_s, u"nonce"_s},
                                    {}, kWhatTerms);
        !st)
        return st.error();
    const auto root = cbor::bytesField(map, u"shard"_s, 32, 32);
    const auto size = cbor::uintField(map, u"size"_s, kMaxShardSize);
    const auto client = cbor::bytesField(map, u"client"_s, crypto::NodeId::kSize, crypto::NodeId::kSize);
    const auto node = cbor::bytesField(map, u"node"_s, crypto::NodeId::kSize, crypto::NodeId::kSize);
    const auto start = cbor::uintField(map, u"start"_s, std::numeric_limits<qint64>::max());
    const auto expiry = cbor::uintField(map, u"expiry"_s, std::numeric_limits<qint64>::max());
    const auto price = cbor::uintField(map, u"price"_s, kMaxPrice);
    const auto nonce = cbor::bytesField(map, u"nonce"_s, kNonceSize, kNonceSize);
    if (!root || !size)
        return cbor::malformed(kWhatTerms, u"invalid shard id"_s);
    if (!client || !node)
        return cbor::malformed(kWhatTerms, u"the client or node id is not 32 bytes"_s);
    if (!start || !expiry)
        return cbor::malformed(kWhatTerms, u"invalid start or expiry time"_s);
    if (!price)
        return cbor::malformed(kWhatTerms, u"invalid price"_s);
    if (!nonce)
        return cbor::malformed(kWhatTerms, u"the nonce is not %1 bytes"_s.arg(kNonceSize));
    ContractTerms t;
    t.shard = object::ShardId{*root, *size};
    t.client = crypto::NodeId::fromBytes(*client).value();
    t.node = crypto::NodeId::fromBytes(*node).value();
    t.startMs = *start;
    t.expiryMs = *expiry;
    t.price = *price;
    t.nonce = *nonce;
    if (Status st = validateContractTerms(t); !st)
        return cbor::malformed(kWhatTerms, st.message());
    if (Status st = cbor::checkCanonical(cbor, encodeContractTerms(t), kWhatTerms); !st)
        return st.error();
    return t;
}

Result<SignedContract> signContract(const ContractTerms &terms, const crypto::SigningKey &clientKey)
{
    if (Status st = validateContractTerms(terms); !st)
        return st.error();
    if (crypto::NodeId::fromPublicKey(clientKey.publicKey()) != terms.client)
        return makeError(u"this key is not the key of the contract's client %1"_s.arg(terms.client.shortString()));
    SignedContract c;
    c.payload = encodeContractTerms(terms);
    c.clientKey = clientKey.publicKey();
    c.clientSignature = clientKey.sign(c.payload);
    return c;
}

Result<ContractTerms> verifyContractProposal(const SignedContract &contract, const crypto::NodeId &expectedNode)
{
    Result<ContractTerms> terms = decodeContractTerms(contract.payload);
    if (!terms)
        return terms.error();
    if (terms->node != expectedNode)
        return makeError(u"the contract is for node %1, not for this node %2"_s.arg(terms->node.shortString(),
                                                                                    expectedNode.shortString()));
    if (Status st = checkPayloadSignature(contract.payload, contract.clientKey, contract.clientSignature, terms->client,
                                          u"the contract's client"_s);
        !st)
        return st.error();
    return terms;
}

Status countersignContract(SignedContract &contract, const crypto::SigningKey &nodeKey)
{
    const crypto::NodeId self = crypto::NodeId::fromPublicKey(nodeKey.publicKey());
    Result<ContractTerms> terms = verifyContractProposal(contract, self);
    if (!terms)
        return terms.error();
    contract.nodeKey = nodeKey.publicKey();
    contract.nodeSignature = nodeKey.sign(contract.payload);
    return {};
}

Result<ContractTerms> verifyContract(const SignedContract &contract)
{
    Result<ContractTerms> terms = decodeContractTerms(contract.payload);
    if (!terms)
        return terms.error();
    if (!contract.isCountersigned())
        return makeError(u"the contract is not countersigned by the node"_s);
    if (Status st = checkPayloadSignature(contract.payload, contract.clientKey, contract.clientSignature, terms->client,
                                          u"the contract's client"_s);
        !st)
        return st.error();
    if (Status st = checkPayloadSignature(contract.payload, contract.nodeKey, contract.nodeSignature, terms->node,
                                          u"the contract's node"_s);
        !st)
        return st.error();
    return terms;
}

QByteArray encodeSignedContract(const SignedContract &c)
{
    QCborMap map{{u"v"_s, kSignedVersion},
                 {u"type"_s, kSignedType},
                 {u"payload"_s, c.payload},
                 {u"clientKey"_s, c.clientKey},
                 {u"clientSig"_s, c.clientSignature}};
    if (c.isCountersigned()) {
        map.insert(u"nodeKey"_s, c.nodeKey);
        map.insert(u"nodeSig"_s, c.nodeSignature);
    }
    return QCborValue(map).toCbor();
}

Result<SignedContract> decodeSignedContract(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxSignedContractBytes, kWhatSigned);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, kSignedVersion, kSignedType, kWhatSigned); !st)
        return st.error();
    if (Status st = cbor::checkKeys(map, {u"v"_s, u"type"_s, u"payload"_s, u"clientKey"_s, u"clientSig"_s},
                                    {u"nodeKey"_s, u"nodeSig"_s}, kWhatSigned);
        !st)
        return st.error();
    const auto payload = cbor::bytesField(map, u"payload"_s, 1, kMaxTermsBytes);
    const auto clientKey =
        cbor::bytesField(map, u"clientKey"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto clientSig =
        cbor::bytesField(map, u"clientSig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!payload)
        return cbor::malformed(kWhatSigned, u"the payload is empty or larger than %1 bytes"_s.arg(kMaxTermsBytes));
    if (!clientKey || !clientSig)
        return cbor::malformed(kWhatSigned, u"the client's key or signature has the wrong size"_s);
    SignedContract c{*payload, *clientKey, *clientSig, {}, {}};
    if (map.contains(u"nodeKey"_s) || map.contains(u"nodeSig"_s)) {
        const auto nodeKey =
            cbor::bytesField(map, u"nodeKey"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
        const auto nodeSig =
            cbor::bytesField(map, u"nodeSig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
        if (!nodeKey || !nodeSig)
            return cbor::malformed(kWhatSigned, u"the node's key or signature is missing or has the wrong size"_s);
        c.nodeKey = *nodeKey;
        c.nodeSignature = *nodeSig;
    }
    if (Status st = cbor::checkCanonical(cbor, encodeSignedContract(c), kWhatSigned); !st)
        return st.error();
    return c;
}

} // namespace stratus::node
