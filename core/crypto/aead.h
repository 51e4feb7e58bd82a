#pragma once

#include "common/result.h"
#include "crypto/secret.h"

#include <QByteArray>

namespace stratus::crypto {

constexpr qsizetype kGcmNonceSize = 12;
constexpr qsizetype kGcmTagSize = 16;

// AES-256-GCM. seal() returns ciphertext || tag; open() verifies the tag and
// returns the plaintext, or an error if a single bit of the input, the nonce
// or the associated data differs from what was sealed.
QByteArray aesGcmSeal(const Key256 &key, const QByteArray &nonce, const QByteArray &plaintext,
                      const QByteArray &associatedData = {});
Result<QByteArray> aesGcmOpen(const Key256 &key, const QByteArray &nonce, const QByteArray &sealed,
                              const QByteArray &associatedData = {});

// In-place variants for the hot path: `buf` holds `len` bytes of plaintext and
// has room for kGcmTagSize more; on open, `len` includes the tag and the
// plaintext is left in the first len - kGcmTagSize bytes.
void aesGcmSealInPlace(const Key256 &key, const std::uint8_t nonce[12], std::uint8_t *buf, std::size_t len);
bool aesGcmOpenInPlace(const Key256 &key, const std::uint8_t nonce[12], std::uint8_t *buf, std::size_t len);

} // namespace stratus::crypto
