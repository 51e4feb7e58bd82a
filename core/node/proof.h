#pragma once

#include "common/result.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>

#include <vector>

namespace stratus::node {

// Proof of storage. Formats: see core/node/NODE.md.
//
// A challenger (a validator, a client) picks a shard the node claims to hold,
// a block of it and a fresh 32-byte nonce. The node answers with the block,
// the merkle path from that block to the shard's root (the root is part of
// the ShardId, so the challenger needs nothing but the id), and its Ed25519
// signature over (challenge, SHA-256(block)), so the answer is attributable:
// a validator can show a third party what the node answered.
struct ProofChallenge {
    static constexpr int kVersion = 1;

    object::ShardId shard;
    quint64 blockIndex = 0;
    QByteArray nonce; // kNonceSize bytes

    friend bool operator==(const ProofChallenge &, const ProofChallenge &) = default;
};

struct ProofResponse {
    static constexpr int kVersion = 1;

    QByteArray block;                 // the block: 16 KiB, or shorter for the last one
    std::vector<object::Hash32> path; // sibling hashes from the leaf up to the root
    QByteArray signature;             // Ed25519 over proofSigningMessage()

    friend bool operator==(const ProofResponse &, const ProofResponse &) = default;
};

// The size of block `index` of a shard of `shardSize` bytes; 0 when the
// index is out of range.
qint64 proofBlockSize(qint64 shardSize, quint64 index);

// A random challenge for a random block of `shard`.
ProofChallenge randomChallenge(const object::ShardId &shard);

// The exact bytes the node signs (fixed layout, 128 bytes): the ASCII tag
// "stratus proof v1", root, size (u64 big-endian), block index (u64
// big-endian), nonce, SHA-256 of the block.
QByteArray proofSigningMessage(const ProofChallenge &challenge, const QByteArray &blockHash);

// Checks a response against the challenge and the node's Ed25519 public key:
// block size, merkle path against the ShardId's root (leaf count from the
// ShardId's size), and the signature. The error says which check failed.
Status verifyProof(const ProofChallenge &challenge, const ProofResponse &response, const QByteArray &nodePublicKey);

// CBOR maps with strict decoding (see cbor_strict.h).
QByteArray encodeProofChallenge(const ProofChallenge &challenge);
Result<ProofChallenge> decodeProofChallenge(const QByteArray &cbor);
QByteArray encodeProofResponse(const ProofResponse &response);
Result<ProofResponse> decodeProofResponse(const QByteArray &cbor);

} // namespace stratus::node
