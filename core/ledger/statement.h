#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "ledger/reward.h"

#include <QByteArray>

namespace stratus::ledger {

// A storage node's account of one closed epoch (core/ledger/STATEMENTS.md):
// the inputs, each component of its earnings, and the Merkle root (RFC 9162
// hashing) over the receipt leaves they were summed from.
struct EpochStatement {
    static constexpr int kVersion = 1;
    crypto::NodeId node;
    qint64 epoch = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QByteArray economics; // Economics::digest() of the rules used
    EpochInputs inputs;
    qint64 validators = 0; // counted validators whose attestations were used
    qint64 storageReceipts = 0;
    qint64 egressReceipts = 0;
    QByteArray receiptsRoot; // 32 bytes
    EpochEarnings earnings;
    qint64 timeMs = 0; // when it was made

    qint64 receipts() const { return storageReceipts + egressReceipts; }
    friend bool operator==(const EpochStatement &, const EpochStatement &) = default;
};

QByteArray encodeStatement(const EpochStatement &s);
Result<EpochStatement> decodeStatement(const QByteArray &cbor);

// The statement as it travels and is stored: the exact payload bytes, the
// node's Ed25519 key and its signature over
// "stratus epoch statement v1" || 0x00 || payload.
//   { "p": payload, "k": key(32), "s": signature(64) }
struct SignedStatement {
    QByteArray payload;
    QByteArray publicKey;
    QByteArray signature;
    EpochStatement statement; // decoded from payload

    static SignedStatement sign(const EpochStatement &s, const crypto::SigningKey &key);
    QByteArray toCbor() const;
    // Decodes strictly and checks the signature and that the key is the
    // statement's node.
    static Result<SignedStatement> fromCbor(const QByteArray &bytes);
    // SHA-256 of the payload: what a paper node's check names.
    QByteArray hash() const;
};

} // namespace stratus::ledger
