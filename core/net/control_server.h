#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "net/frame.h"
#include "net/responder.h"
#include "net/tls_credentials.h"

#include <QCborMap>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>
#include <functional>
#include <memory>

namespace stratus::net {

class ServerConnection;
class Listener;

struct ServerLimits {
    qsizetype maxFrame = kDefaultMaxFrame; // requests read
    qsizetype maxReplyFrame = 0;           // replies sent; 0: maxFrame
    int maxConnections = 256;              // including connections still in their handshake
    int maxConnectionsPerAddress = 32;     // from one peer IP address
    int maxConcurrentRequestsPerPeer = 32; // unanswered requests on one connection
    double requestsPerSecondPerPeer = 100; // token bucket rate, per connection
    double requestBurstPerPeer = 200;      // token bucket size
    std::chrono::milliseconds handshakeTimeout{5000};
    std::chrono::milliseconds idleTimeout{120000}; // no frame and nothing in flight
    int maxErrorsBeforeClose = 8;                  // malformed frames, bad ids: then the connection is closed
    qint64 maxWriteBacklog = 16 * 1024 * 1024;

    qsizetype replyFrameCap() const { return maxReplyFrame > 0 ? maxReplyFrame : maxFrame; }
};

// Gets the authenticated peer, the request body and a Responder to answer
// with, now or later. Runs on the server's thread; must not block.
using Handler = std::function<void(const crypto::NodeId &peer, const QCborMap &body, Responder responder)>;

// The control-plane server: mutual TLS 1.3, identity-bound connections,
// strict CBOR requests dispatched to handlers by type. Non-blocking; lives
// on the thread that makes it (which needs an event loop). A bad peer gets
// error replies and, past its error budget, a closed connection; everyone
// else is served as before. Built in: "ping" -> ok { "time": ms since epoch }.
class ControlServer : public QObject {
    Q_OBJECT

public:
    // identity: the node's Ed25519 key (the server keeps its own copy, made
    // from the seed); tls: this process's certificate (makeTlsCredentials()).
    ControlServer(const crypto::SigningKey &identity, TlsCredentials tls, ServerLimits limits = {},
                  QObject *parent = nullptr);
    ~ControlServer() override;

    // port 0 picks a free port; see port().
    Status listen(const QHostAddress &address, quint16 port = 0);
    // Stops listening and closes every connection.
    void close();
    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;

    crypto::NodeId nodeId() const { return m_nodeId; }
    const ServerLimits &limits() const { return m_limits; }
    int connectionCount() const { return m_connections; }

    // Installs (or, with an empty handler, removes) the handler for a type.
    void setHandler(const QString &type, Handler handler);

Q_SIGNALS:
    void peerConnected(const stratus::crypto::NodeId &peer, const QString &address);
    void peerDisconnected(const stratus::crypto::NodeId &peer, const QString &address, const QString &reason);

private:
    friend class ServerConnection;
    void accept(qintptr descriptor);
    const Handler *handler(const QString &type) const;

    crypto::SigningKey m_identity;
    crypto::NodeId m_nodeId;
    QSslConfiguration m_tls;
    ServerLimits m_limits;
    QHash<QString, Handler> m_handlers;
    QHash<QHostAddress, int> m_perAddress;
    std::unique_ptr<Listener> m_listener;
    int m_connections = 0;
};

} // namespace stratus::net
