#pragma once

#include "common/result.h"
#include "crypto/secret.h"

#include <QByteArray>

namespace stratus::crypto {

// HKDF-SHA-256 (RFC 5869): extract with `salt`, expand with `info`.
QByteArray hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info, qsizetype length);
void hkdfSha256(const std::uint8_t *ikm, std::size_t ikmLen, const QByteArray &salt, const std::uint8_t *info,
                std::size_t infoLen, std::uint8_t *out, std::size_t outLen);
Key256 deriveKey(const Key256 &ikm, const QByteArray &salt, const QByteArray &info);

// Argon2id (RFC 9106) parameters. Defaults follow RFC 9106's second
// recommended option (64 MiB, 3 passes) with one lane.
struct Argon2Params {
    quint32 memoryKiB = 64 * 1024;
    quint32 passes = 3;
    quint32 lanes = 1;
};

constexpr qsizetype kArgon2SaltSize = 16;

// Stretches a passphrase into a 256-bit key. The salt must be at least 16
// bytes; parameters outside sane bounds are refused with a clear error.
Result<Key256> argon2id(const QByteArray &passphrase, const QByteArray &salt, const Argon2Params &params = {});

// Argon2id with a secret key and associated data (RFC 9106 test vectors).
Result<QByteArray> argon2idRaw(const QByteArray &password, const QByteArray &salt, const QByteArray &secret,
                               const QByteArray &associated, const Argon2Params &params, qsizetype outLength);

} // namespace stratus::crypto
