#pragma once

#include "crypto/secret.h"

#include <QByteArray>

#include <cstdint>

namespace stratus::object {

constexpr std::size_t kChunkIdSize = 32;
constexpr std::size_t kChunkOverhead = 16; // the AES-GCM tag

// Names and seals chunks for one account.
//
// id     = HMAC-SHA-256(dedup key, plaintext): equal chunks of one account get
//          equal ids (dedup); across accounts ids reveal nothing.
// key||n = HKDF-SHA-256(data master key, salt "stratus/chunk/v1", info id),
//          32 key bytes and a 12-byte nonce.
// sealed = AES-256-GCM(key, n, plaintext) = ciphertext || tag.
//
// Key and nonce are both derived from the id, so a key only ever seals one
// plaintext (SIV-style); sealing is deterministic, which lets two devices of
// one account produce identical blobs for identical chunks. Opening
// authenticates the chunk against its id: a flipped bit, a swapped chunk or
// another account's key all fail.
//
// Thread-safe: every call builds its own cipher state.
class ChunkCipher {
public:
    ChunkCipher(const crypto::Key256 &dedupKey, const crypto::Key256 &dataMaster);

    // Writes the id to `idOut` and the sealed chunk (size + 16 bytes) to
    // `sealedOut`, which may equal `plaintext` (in place).
    void seal(const std::uint8_t *plaintext, std::size_t size, std::uint8_t *idOut, std::uint8_t *sealedOut) const;

    // Opens `sealedSize` bytes in place; the plaintext is the first
    // sealedSize - 16 bytes. False if the chunk is not authentic.
    bool open(const std::uint8_t *id, std::uint8_t *buf, std::size_t sealedSize) const;

private:
    void deriveKeyAndNonce(const std::uint8_t *id, crypto::Key256 &key, std::uint8_t nonce[12]) const;

    crypto::Key256 m_dedup;
    crypto::Key256 m_master;
};

} // namespace stratus::object
