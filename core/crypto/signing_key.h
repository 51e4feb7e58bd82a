#pragma once

#include "common/result.h"
#include "crypto/secret.h"

#include <QByteArray>

#include <memory>

namespace Botan {
class Ed25519_PrivateKey;
}

namespace stratus::crypto {

constexpr qsizetype kEd25519PublicKeySize = 32;
constexpr qsizetype kEd25519SignatureSize = 64;

// An Ed25519 key made from a stored 32-byte seed. The same seed gives the
// same public key here and in libtorrent's DHT (see STACK.md).
class SigningKey {
public:
    explicit SigningKey(const Key256 &seed);
    ~SigningKey();
    SigningKey(SigningKey &&) noexcept;
    SigningKey &operator=(SigningKey &&) noexcept;

    static SigningKey generate();

    const Key256 &seed() const { return m_seed; }
    QByteArray publicKey() const { return m_public; }
    QByteArray sign(const QByteArray &message) const;

private:
    Key256 m_seed;
    QByteArray m_public;
    std::unique_ptr<Botan::Ed25519_PrivateKey> m_key;
};

// Verifies an Ed25519 signature; false for any malformed key or signature.
bool verifySignature(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

} // namespace stratus::crypto
