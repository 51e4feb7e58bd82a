#include "net/handshake.h"

#include "crypto/hash.h"
#include "crypto/signing_key.h"
#include "net/message.h"

#include <QCborMap>
#include <QCborValue>

using namespace Qt::StringLiterals;

namespace stratus::net {

namespace {
const QString kKeyVersion = u"v"_s;
const QString kKeyType = u"t"_s;
const QString kKeyNode = u"node"_s;
const QString kKeyKey = u"key"_s;
const QString kKeySig = u"sig"_s;
const QString kTypeHello = u"hello"_s;
} // namespace

QByteArray tlsBindingTranscript(const QSslCertificate &signerCertificate, const QSslCertificate &otherCertificate)
{
    return QByteArray(kTlsBindLabel) + crypto::sha256(signerCertificate.toDer()) +
           crypto::sha256(otherCertificate.toDer());
}

QByteArray encodeHello(const crypto::SigningKey &identity, const QSslCertificate &ownCertificate,
                       const QSslCertificate &peerCertificate)
{
    const QByteArray publicKey = identity.publicKey();
    const QCborMap map{{kKeyVersion, kProtocolVersion},
                       {kKeyType, kTypeHello},
                       {kKeyNode, crypto::NodeId::fromPublicKey(publicKey).bytes()},
                       {kKeyKey, publicKey},
                       {kKeySig, identity.sign(tlsBindingTranscript(ownCertificate, peerCertificate))}};
    return map.toCborValue().toCbor();
}

Result<Hello> decodeHello(const QByteArray &payload)
{
    Result<QCborMap> decoded = decodeSingleMap(payload);
    if (!decoded)
        return makeError(u"malformed hello: %1"_s.arg(decoded.message()));
    const QCborMap &map = decoded.value();
    if (map.size() != 5 || !map.contains(kKeyVersion) || !map.contains(kKeyType) || !map.contains(kKeyNode) ||
        !map.contains(kKeyKey) || !map.contains(kKeySig))
        return makeError(u"malformed hello: it has exactly the keys v, t, node, key and sig"_s);
    const QCborValue version = map.value(kKeyVersion);
    if (!version.isInteger() || version.toInteger() != kProtocolVersion)
        return makeError(u"the peer speaks an unsupported protocol version"_s);
    const QCborValue type = map.value(kKeyType);
    if (!type.isString() || type.toString() != kTypeHello)
        return makeError(u"the first message on a connection must be a hello"_s);
    const QCborValue node = map.value(kKeyNode);
    const QCborValue key = map.value(kKeyKey);
    const QCborValue sig = map.value(kKeySig);
    if (!node.isByteArray() || !key.isByteArray() || !sig.isByteArray())
        return makeError(u"malformed hello: node, key and sig are byte strings"_s);
    Result<crypto::NodeId> id = crypto::NodeId::fromBytes(node.toByteArray());
    if (!id || key.toByteArray().size() != crypto::kEd25519PublicKeySize ||
        sig.toByteArray().size() != crypto::kEd25519SignatureSize)
        return makeError(u"malformed hello: node and key are 32 bytes, sig is 64 bytes"_s);
    return Hello{id.value(), key.toByteArray(), sig.toByteArray()};
}

Result<crypto::NodeId> verifyHello(const QByteArray &payload, const QSslCertificate &ownCertificate,
                                   const QSslCertificate &peerCertificate, const crypto::NodeId &expected)
{
    if (peerCertificate.isNull() || ownCertificate.isNull())
        return makeError(u"the TLS session has no certificate to bind the identity to"_s);
    Result<Hello> hello = decodeHello(payload);
    if (!hello)
        return hello.error();
    if (!(crypto::NodeId::fromPublicKey(hello->publicKey) == hello->node))
        return makeError(u"the peer's node id is not the hash of its public key"_s);
    // The peer signed its own certificate first, then ours as it sees it.
    if (!crypto::verifySignature(hello->publicKey, tlsBindingTranscript(peerCertificate, ownCertificate),
                                 hello->signature))
        return makeError(u"the peer's hello signature does not bind this TLS session (forged or relayed)"_s);
    if (!expected.isNull() && !(hello->node == expected))
        return makeError(
            u"the peer is node %1, not the expected node %2"_s.arg(hello->node.shortString(), expected.shortString()));
    return hello->node;
}

} // namespace stratus::net
