#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "object/shard_id.h"

#include <QByteArray>

namespace stratus::crypto {
class SigningKey;
}

namespace stratus::node {

// One month for prices: 30 days of 86,400,000 ms.
constexpr qint64 kMsPerPriceMonth = qint64(30) * 24 * 3600 * 1000;
// The longest contract (about 139 years) and the highest price accepted:
// both bound the cost computation, which is then exact in 128-bit integers.
constexpr qint64 kMaxContractDurationMs = qint64(1) << 42;
constexpr qint64 kMaxPrice = qint64(1) << 40;

// What a client asks a node to do: keep `shard` (its ShardId: merkle root and
// size in bytes) from `startMs` until `expiryMs` (ms since the Unix epoch,
// UTC) for `price` micro-credits per GiB-month (GiB = 2^30 bytes, month =
// 30 days). `nonce` (32 random bytes) makes every contract unique, so a
// renewal of the same shard is a new contract and a replayed one is caught.
// Format: see core/node/NODE.md.
struct ContractTerms {
    static constexpr int kVersion = 1;

    object::ShardId shard;
    crypto::NodeId client; // the client device's NodeId
    crypto::NodeId node;   // the storage node's NodeId
    qint64 startMs = 0;
    qint64 expiryMs = 0;
    qint64 price = 0; // micro-credits per GiB-month
    QByteArray nonce;

    qint64 size() const { return shard.size; }
    friend bool operator==(const ContractTerms &, const ContractTerms &) = default;
};

// The contract's total cost in micro-credits: price * size/GiB *
// duration/month, rounded up to the next micro-credit.
qint64 contractCost(const ContractTerms &terms);

// Checks the terms' own consistency (ids, sizes, times, price bounds).
Status validateContractTerms(const ContractTerms &terms);

QByteArray encodeContractTerms(const ContractTerms &terms);
// Strict (see cbor_strict.h); refuses terms that validateContractTerms refuses.
Result<ContractTerms> decodeContractTerms(const QByteArray &cbor);

// A contract as it travels and is stored: the exact payload bytes, the
// client's key and signature over them, and, once the node accepted, the
// node's key and countersignature over the same bytes.
struct SignedContract {
    QByteArray payload;
    QByteArray clientKey;
    QByteArray clientSignature;
    QByteArray nodeKey;       // empty until countersigned
    QByteArray nodeSignature; // empty until countersigned

    bool isCountersigned() const { return !nodeSignature.isEmpty(); }
    friend bool operator==(const SignedContract &, const SignedContract &) = default;
};

// The client's side: encodes `terms` and signs the bytes. Refused when the
// terms are invalid or `clientKey` is not the key of terms.client.
Result<SignedContract> signContract(const ContractTerms &terms, const crypto::SigningKey &clientKey);

// What a node checks before it countersigns: the payload decodes, it names
// `expectedNode`, and the client's key and signature are right.
Result<ContractTerms> verifyContractProposal(const SignedContract &contract, const crypto::NodeId &expectedNode);

// The node's side: verifies the proposal for the node whose key this is,
// then countersigns the same payload bytes.
Status countersignContract(SignedContract &contract, const crypto::SigningKey &nodeKey);

// Verifies a complete contract: both signatures over the exact payload bytes,
// and both keys against the ids in the terms.
Result<ContractTerms> verifyContract(const SignedContract &contract);

QByteArray encodeSignedContract(const SignedContract &contract);
// Strict; checks the structure and sizes only: call verifyContract (or
// verifyContractProposal) on what it returns.
Result<SignedContract> decodeSignedContract(const QByteArray &cbor);

} // namespace stratus::node
