#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "net/frame.h"
#include "net/message.h"
#include "net/tls_credentials.h"

#include <QCborMap>
#include <QFuture>
#include <QHostAddress>
#include <QObject>
#include <QPromise>
#include <QSslConfiguration>

#include <chrono>
#include <map>
#include <optional>

class QTimer;

namespace stratus::net {

class SecureChannel;

struct ClientOptions {
    qsizetype maxFrame = kDefaultMaxFrame;
    std::chrono::milliseconds handshakeTimeout{5000}; // from connectTo() to a verified hello
    qint64 maxWriteBacklog = 16 * 1024 * 1024;
    QHostAddress localAddress; // bind here before connecting (null: any)
};

// A connection to one node's ControlServer, checked to be that node.
// Lives on the thread that makes it, which needs an event loop; call it
// only from that thread.
//
// request() returns a QFuture that always finishes, with the reply body, or
// with an Error whose message is "<code>: <text>" (read the parts with
// net::errorCode() / net::errorText()): the node's error reply, or locally
// "timeout", "disconnected", "not-connected", "protocol" (the node broke the
// protocol; the connection is closed). Requests made while the connection
// is being set up wait for it.
class ControlClient : public QObject {
    Q_OBJECT

public:
    // identity: the node's Ed25519 key (the server keeps its own copy, made
    // from the seed); tls: this process's certificate (makeTlsCredentials()).
    ControlClient(const crypto::SigningKey &identity, TlsCredentials tls, ClientOptions options = {},
                  QObject *parent = nullptr);
    ~ControlClient() override;

    // Connects to the node `expected` at address:port; any other node is
    // refused. A null `expected` accepts whichever node answers (only for
    // learning an id, e.g. from a bootstrap endpoint). Drops any earlier
    // connection first (failing its requests).
    void connectTo(const QHostAddress &address, quint16 port, const crypto::NodeId &expected);
    void disconnectFromNode();

    bool isConnected() const;
    bool isConnecting() const;
    crypto::NodeId nodeId() const { return m_nodeId; }
    // The node the current connection proved to be (null until connected).
    crypto::NodeId peer() const { return m_peer; }

    QFuture<Result<QCborMap>> request(const QString &type, const QCborMap &body = {}, int timeoutMs = 10000);
    // A request whose reply body is {key: exactly `length` bytes} (a file
    // read): the bytes come back where they lie in the received frame, not
    // copied into a QCborMap and out again. Any other reply is an error.
    QFuture<Result<FrameBytes>> requestBytes(const QString &type, const QCborMap &body, const QString &key,
                                             qsizetype length, int timeoutMs = 10000);

Q_SIGNALS:
    // The TLS session is up and the node proved its identity.
    void connected(const stratus::crypto::NodeId &peer);
    // The connection ended or could not be made; reason is for people.
    void disconnected(const QString &reason);

private:
    struct Pending {
        QPromise<Result<QCborMap>> promise;
        // requestBytes(): its promise, and the reply it waits for.
        std::optional<QPromise<Result<FrameBytes>>> bytesPromise;
        QString bytesKey;
        qsizetype bytesLength = 0;
        QTimer *timer = nullptr;
        QByteArray payload; // kept until sent
        bool sent = false;
    };

    void onReady();
    void onFrame(const QByteArray &payload);
    void onClosed(const QString &reason);
    // Sends a request (or keeps it until the connection is up); fails
    // `pending` at once instead when it cannot be sent.
    void start(const QString &type, const QCborMap &body, int timeoutMs, Pending pending);
    // A reply to a requestBytes() whose bytes end the frame, if this is one.
    bool takeBytesReply(const QByteArray &payload);
    // Out of m_pending, its timer stopped: the caller finishes its promise.
    Pending takePending(std::map<quint64, Pending>::iterator it);
    void resolve(quint64 id, Result<QCborMap> result);
    static void fail(Pending &pending, const Error &error);
    void failAll(const QString &code, const QString &message);

    crypto::SigningKey m_identity;
    crypto::NodeId m_nodeId;
    QSslConfiguration m_tls;
    ClientOptions m_options;
    SecureChannel *m_channel = nullptr; // null once it closed (it deletes itself)
    crypto::NodeId m_peer;
    quint64 m_nextId = 1;
    std::map<quint64, Pending> m_pending;
};

} // namespace stratus::net
