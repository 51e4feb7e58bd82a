#pragma once

#include "crypto/node_id.h"
#include "net/token_bucket.h"

#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace stratus::net {

class ControlServer;
class SecureChannel;
class ServerConnection;

// The part of a connection that Responders may reach from any thread.
struct ConnectionLink {
    QMutex mutex;
    ServerConnection *connection = nullptr; // null once the connection is gone
};

struct ResponderState {
    ResponderState(std::shared_ptr<ConnectionLink> l, quint64 requestId) : link(std::move(l)), id(requestId) {}
    ~ResponderState();
    ResponderState(const ResponderState &) = delete;
    ResponderState &operator=(const ResponderState &) = delete;

    // Delivers an encoded reply unless one was delivered before.
    bool deliver(const QByteArray &payload);

    std::shared_ptr<ConnectionLink> link;
    quint64 id;
    std::atomic<bool> answered{false};
};

// One accepted connection on a ControlServer: request checks, limits and
// dispatch. Internal to the server; deletes itself when its channel is done.
class ServerConnection : public QObject {
    Q_OBJECT

public:
    ServerConnection(ControlServer *server, qintptr descriptor);
    ~ServerConnection() override;

    bool isOpen() const;
    QHostAddress peerHost() const { return m_peerHost; }
    // Called by Responders on this connection's thread.
    void sendReply(quint64 re, const QByteArray &payload);
    void close(const QString &reason);

private:
    void onReady();
    void onFrame(const QByteArray &payload);
    void reject(quint64 re, const QString &code, const QString &message, bool countsAsError);
    void restartIdleTimer();

    ControlServer *m_server;
    SecureChannel *m_channel = nullptr; // null once it closed (it deletes itself)
    std::shared_ptr<ConnectionLink> m_link;
    crypto::NodeId m_peer;
    QHostAddress m_peerHost;
    QString m_peerAddress;
    TokenBucket m_bucket;
    QTimer m_idleTimer;
    quint64 m_lastId = 0;
    int m_inFlight = 0;
    int m_errors = 0;
    bool m_announced = false;
};

} // namespace stratus::net
