#pragma once

#include "common/result.h"
#include "crypto/signing_key.h"

#include <QByteArray>

namespace stratus::node {

// A small signed, sequenced, mutable record (a "pointer"), like a BEP 44
// mutable item but up to 64 KiB: storage nodes keep the newest one per
// (key, salt) and hand it to anyone who asks. The sync engine keeps each
// device's account-log head in one (key: the account's public key, salt:
// the device's id), and the account's device list in another.
//
// Wire form, canonical CBOR:
//   {"v":1, "type":"stratus.pointer", "key": 32 bytes, "salt": <= 64 bytes,
//    "seq": n, "value": <= 64 KiB, "sig": 64 bytes}
// The signature covers the same map without "sig", so a node cannot change
// a value, move it to another salt or replay an older sequence as newer.
struct SignedPointer {
    static constexpr qsizetype kMaxSalt = 64;
    static constexpr qsizetype kMaxValue = 64 * 1024;
    static constexpr qsizetype kMaxEncoded = kMaxValue + 512;

    QByteArray publicKey;
    QByteArray salt;
    qint64 sequence = 0;
    QByteArray value;
    QByteArray signature;

    static Result<SignedPointer> sign(const crypto::SigningKey &key, const QByteArray &salt, qint64 sequence,
                                      const QByteArray &value);
    QByteArray encode() const;
    // Strict: exactly the encoder's bytes, and a valid signature.
    static Result<SignedPointer> decode(const QByteArray &bytes);
};

} // namespace stratus::node
