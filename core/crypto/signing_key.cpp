#include "crypto/signing_key.h"

#include "crypto/random.h"

#include <botan/ed25519.h>
#include <botan/pubkey.h>
#include <botan/system_rng.h>

#include <exception>

namespace stratus::crypto {

SigningKey::SigningKey(const Key256 &seed) : m_seed(seed)
{
    Botan::secure_vector<uint8_t> s(seed.data(), seed.data() + Key256::size);
    m_key = std::make_unique<Botan::Ed25519_PrivateKey>(s);
    const std::vector<uint8_t> &pub = m_key->get_public_key();
    m_public = QByteArray(reinterpret_cast<const char *>(pub.data()), static_cast<qsizetype>(pub.size()));
}

SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey &&) noexcept = default;
SigningKey &SigningKey::operator=(SigningKey &&) noexcept = default;

SigningKey SigningKey::generate() { return SigningKey(randomKey()); }

QByteArray SigningKey::sign(const QByteArray &message) const
{
    Botan::PK_Signer signer(*m_key, Botan::system_rng(), "Pure");
    const std::vector<uint8_t> sig = signer.sign_message(reinterpret_cast<const uint8_t *>(message.constData()),
                                                         static_cast<size_t>(message.size()), Botan::system_rng());
    return QByteArray(reinterpret_cast<const char *>(sig.data()), static_cast<qsizetype>(sig.size()));
}

bool verifySignature(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != kEd25519PublicKeySize || signature.size() != kEd25519SignatureSize)
        return false;
    try {
        Botan::Ed25519_PublicKey pub(reinterpret_cast<const uint8_t *>(publicKey.constData()),
                                     static_cast<size_t>(publicKey.size()));
        Botan::PK_Verifier verifier(pub, "Pure");
        return verifier.verify_message(
            reinterpret_cast<const uint8_t *>(message.constData()), static_cast<size_t>(message.size()),
            reinterpret_cast<const uint8_t *>(signature.constData()), static_cast<size_t>(signature.size()));
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace stratus::crypto
