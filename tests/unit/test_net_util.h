#pragma once

// Shared helpers of the core/net tests.

#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "net/control_client.h"
#include "net/control_server.h"
#include "net/message.h"
#include "net/tls_credentials.h"

#include <QFuture>
#include <QTest>

#include <memory>

namespace stratus::net::test {

struct Identity {
    crypto::SigningKey key = crypto::SigningKey::generate();
    crypto::NodeId id = crypto::NodeId::fromPublicKey(key.publicKey());
    TlsCredentials tls = makeTlsCredentials().value();

    crypto::SigningKey keyCopy() const { return crypto::SigningKey(key.seed()); }
};

inline std::unique_ptr<ControlServer> startServer(const Identity &who, const QHostAddress &address,
                                                  ServerLimits limits = {})
{
    auto server = std::make_unique<ControlServer>(who.keyCopy(), who.tls, limits);
    const Status listening = server->listen(address, 0);
    if (!listening) {
        qWarning("%s", qPrintable(listening.message()));
        return nullptr;
    }
    return server;
}

// Waits for the future on this thread's event loop (never blocks in result()).
template <typename T>
Result<T> waitFor(const QFuture<Result<T>> &future, int timeoutMs = 5000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return makeError(QStringLiteral("test: the future did not finish within %1 ms").arg(timeoutMs));
    return future.result();
}

} // namespace stratus::net::test
