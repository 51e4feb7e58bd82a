#pragma once

#include "crypto/secret.h"

#include <QByteArray>

#include <memory>

namespace Botan {
class HashFunction;
class MessageAuthenticationCode;
} // namespace Botan

namespace stratus::crypto {

constexpr qsizetype kHashSize = 32;

QByteArray sha256(const QByteArray &data);
void sha256(const void *data, std::size_t size, std::uint8_t out[32]);

// Incremental SHA-256 (SHA-NI where the CPU has it). Reusable after final().
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(const void *data, std::size_t size);
    void update(const QByteArray &data) { update(data.constData(), static_cast<std::size_t>(data.size())); }
    void final(std::uint8_t out[32]);
    QByteArray final();

private:
    std::unique_ptr<Botan::HashFunction> m_hash;
};

// HMAC-SHA-256 under a 256-bit key: the keyed hash that names chunks.
class KeyedHash {
public:
    explicit KeyedHash(const Key256 &key);
    ~KeyedHash();
    KeyedHash(const KeyedHash &) = delete;
    KeyedHash &operator=(const KeyedHash &) = delete;

    void compute(const void *data, std::size_t size, std::uint8_t out[32]);
    QByteArray compute(const QByteArray &data);

private:
    std::unique_ptr<Botan::MessageAuthenticationCode> m_mac;
};

// Constant-time comparison of equal-length byte strings.
bool constantTimeEqual(const QByteArray &a, const QByteArray &b);

} // namespace stratus::crypto
