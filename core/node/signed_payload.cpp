#include "node/signed_payload.h"

#include "crypto/signing_key.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

Status checkPayloadSignature(const QByteArray &payload, const QByteArray &publicKey, const QByteArray &signature,
                             const crypto::NodeId &signer, const QString &who)
{
    if (publicKey.size() != crypto::kEd25519PublicKeySize)
        return makeError(u"%1's public key is missing or not %2 bytes"_s.arg(who).arg(crypto::kEd25519PublicKeySize));
    if (crypto::NodeId::fromPublicKey(publicKey) != signer)
        return makeError(u"the key that signed for %1 is not the key of %2 (it belongs to %3)"_s.arg(
            who, signer.shortString(), crypto::NodeId::fromPublicKey(publicKey).shortString()));
    if (!crypto::verifySignature(publicKey, payload, signature))
        return makeError(
            u"%1's signature does not match the signed bytes (altered, or signed by another key)"_s.arg(who));
    return {};
}

} // namespace stratus::node
