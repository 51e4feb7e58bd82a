#pragma once

#include "common/result.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslKey>

namespace stratus::net {

// The name in every Stratus control-plane certificate, and the name a client
// checks. It carries no identity: identity is bound by the hello message.
inline constexpr char16_t kTlsPeerName[] = u"stratus-node.invalid";

// A self-signed ECDSA P-256 certificate and its key, made fresh at each
// process start and shared by the node's server and clients.
struct TlsCredentials {
    QSslCertificate certificate;
    QSslKey privateKey;
};

Result<TlsCredentials> makeTlsCredentials();

// TLS 1.3 only, our certificate and key, the peer's certificate requested
// and required (VerifyPeer on both sides), no trusted CAs.
QSslConfiguration makeTlsConfiguration(const TlsCredentials &credentials);

// True when every error is the self-signed one (the only error Stratus
// ignores) and there is at least one.
bool onlySelfSignedErrors(const QList<QSslError> &errors);

} // namespace stratus::net
