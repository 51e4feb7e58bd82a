#include "object/chunk_cipher.h"

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/kdf.h"

#include <cstring>

namespace stratus::object {

ChunkCipher::ChunkCipher(const crypto::Key256 &dedupKey, const crypto::Key256 &dataMaster)
    : m_dedup(dedupKey), m_master(dataMaster)
{
}

void ChunkCipher::deriveKeyAndNonce(const std::uint8_t *id, crypto::Key256 &key, std::uint8_t nonce[12]) const
{
    static const QByteArray salt("stratus/chunk/v1");
    std::uint8_t okm[32 + 12];
    crypto::hkdfSha256(m_master.data(), crypto::Key256::size, salt, id, kChunkIdSize, okm, sizeof okm);
    std::memcpy(key.data(), okm, 32);
    std::memcpy(nonce, okm + 32, 12);
    volatile std::uint8_t *p = okm;
    for (std::size_t i = 0; i < sizeof okm; ++i)
        p[i] = 0;
}

void ChunkCipher::seal(const std::uint8_t *plaintext, std::size_t size, std::uint8_t *idOut,
                       std::uint8_t *sealedOut) const
{
    crypto::KeyedHash mac(m_dedup);
    mac.compute(plaintext, size, idOut);
    crypto::Key256 key;
    std::uint8_t nonce[12];
    deriveKeyAndNonce(idOut, key, nonce);
    if (sealedOut != plaintext)
        std::memmove(sealedOut, plaintext, size);
    crypto::aesGcmSealInPlace(key, nonce, sealedOut, size);
}

bool ChunkCipher::open(const std::uint8_t *id, std::uint8_t *buf, std::size_t sealedSize) const
{
    crypto::Key256 key;
    std::uint8_t nonce[12];
    deriveKeyAndNonce(id, key, nonce);
    return crypto::aesGcmOpenInPlace(key, nonce, buf, sealedSize);
}

} // namespace stratus::object
