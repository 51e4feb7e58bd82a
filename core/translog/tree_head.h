#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "translog/hashing.h"

#include <QByteArray>

namespace stratus::translog {

// What a log says about itself at one moment: whose log it is, how many
// entries it holds and the Merkle root over them.
struct TreeHead {
    QByteArray publicKey; // Ed25519, 32 bytes: the key of the log's owner
    quint64 treeSize = 0;
    qint64 timestampMs = 0; // milliseconds since 1970 (UTC)
    Hash rootHash{};

    // The exact bytes that are signed (100 bytes, see TRANSLOG.md):
    //   "stratus tree head v1" (20 bytes ASCII, no terminator)
    //   publicKey (32) || treeSize (u64 big-endian) ||
    //   timestampMs (i64 big-endian, two's complement) || rootHash (32)
    QByteArray signedMessage() const;

    friend bool operator==(const TreeHead &, const TreeHead &) = default;
};

// A tree head with its owner's Ed25519 signature over signedMessage().
struct SignedTreeHead {
    TreeHead head;
    QByteArray signature; // 64 bytes

    // The log's identity: the NodeId of the owner's public key.
    crypto::NodeId logId() const;

    // Signs `head` with `key`; head.publicKey is set to key's public key.
    static SignedTreeHead sign(TreeHead head, const crypto::SigningKey &key);
    // The key and signature sizes and the signature itself.
    Status verify() const;

    // One CBOR map {"v": 1, "key": bytes(32), "size": uint, "time": int,
    // "root": bytes(32), "sig": bytes(64)} in that order, and back. fromCbor
    // is strict (exactly these keys, sizes and encoding, no trailing bytes)
    // and checks the signature.
    QByteArray toCbor() const;
    static Result<SignedTreeHead> fromCbor(const QByteArray &bytes);
    // The same without the signature check, for tools that report a bad
    // signature instead of stopping at it.
    static Result<SignedTreeHead> decodeUnverified(const QByteArray &bytes);

    friend bool operator==(const SignedTreeHead &, const SignedTreeHead &) = default;
};

// A signed head's CBOR is never larger than this.
constexpr qsizetype kMaxSignedTreeHeadSize = 512;

// Checks both heads' signatures, that they belong to the same log, and the
// consistency proof from `older` to `newer`. An error here is evidence that
// the log's owner rewrote its log or shows different logs to different
// readers (the two signed heads prove it to anyone).
Status verifyHeadConsistency(const SignedTreeHead &older, const SignedTreeHead &newer, const std::vector<Hash> &proof);

} // namespace stratus::translog
