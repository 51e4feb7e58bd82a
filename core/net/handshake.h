#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>
#include <QSslCertificate>

namespace stratus::crypto {
class SigningKey;
}

namespace stratus::net {

// Domain separation for the identity binding signature.
inline constexpr char kTlsBindLabel[] = "stratus/tls-bind/v1";

// What a hello signs: label || SHA-256(signer's certificate DER) ||
// SHA-256(DER of the certificate the signer sees on the other end).
QByteArray tlsBindingTranscript(const QSslCertificate &signerCertificate, const QSslCertificate &otherCertificate);

// The hello frame payload: { "v": 1, "t": "hello", "node": bytes32,
// "key": bytes32, "sig": bytes64 }.
QByteArray encodeHello(const crypto::SigningKey &identity, const QSslCertificate &ownCertificate,
                       const QSslCertificate &peerCertificate);

struct Hello {
    crypto::NodeId node;
    QByteArray publicKey;
    QByteArray signature;
};

// Strict parse of a hello payload (shape only, no signature check).
Result<Hello> decodeHello(const QByteArray &payload);

// Parses and checks a peer's hello against the certificates this side sees:
// NodeId == SHA-256(key), the signature over the transcript, and, when
// expected is not null, that the peer is the node we meant to reach.
Result<crypto::NodeId> verifyHello(const QByteArray &payload, const QSslCertificate &ownCertificate,
                                   const QSslCertificate &peerCertificate, const crypto::NodeId &expected);

} // namespace stratus::net
