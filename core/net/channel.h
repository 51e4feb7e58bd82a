#pragma once

#include "crypto/node_id.h"
#include "net/frame.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <chrono>

class QSslSocket;

namespace stratus::crypto {
class SigningKey;
}

namespace stratus::net {

struct ChannelOptions {
    qsizetype maxFrame = kDefaultMaxFrame; // frames read
    qsizetype maxSendFrame = 0;            // frames sent; 0: maxFrame
    std::chrono::milliseconds handshakeTimeout{5000};
    // Unsent bytes allowed to pile up for a peer that does not read.
    qint64 maxWriteBacklog = 16 * 1024 * 1024;
};

// One TLS connection with a bound identity, shared by the server and the
// client: runs TLS 1.3, exchanges and checks hello frames, then carries
// frames both ways. Lives on the thread that made it.
//
// closed() is emitted once, when the channel stops carrying frames; the
// socket may linger a moment to flush a last reply, then finished() is
// emitted and the channel deletes itself. Owners drop their pointer on closed().
class SecureChannel : public QObject {
    Q_OBJECT

public:
    enum class Role { Client, Server };

    // identity must outlive the channel. expectedPeer: the node a client
    // means to reach (null on the server: any authenticated node).
    SecureChannel(Role role, const crypto::SigningKey &identity, const QSslConfiguration &tls,
                  const ChannelOptions &options, const crypto::NodeId &expectedPeer, QObject *parent);
    ~SecureChannel() override;

    // Server: takes an accepted socket descriptor and starts TLS.
    bool acceptDescriptor(qintptr descriptor);
    // Client: connects (from localAddress if not null) and starts TLS.
    void connectToHost(const QHostAddress &address, quint16 port, const QHostAddress &localAddress = {});

    bool isReady() const { return m_ready && !m_closed; }
    bool isClosed() const { return m_closed; }
    const crypto::NodeId &peer() const { return m_peer; }
    QHostAddress peerHost() const { return m_peerHost; }
    QString peerAddress() const; // "127.0.0.1:4711", for logs

    // Frames and writes payload; false when closed or over the write backlog
    // (the channel closes itself then).
    bool send(const QByteArray &payload);
    // Stops the channel. graceful: flush what was written (up to a second)
    // before the socket closes.
    void close(const QString &reason, bool graceful = true);

Q_SIGNALS:
    void ready();
    void frameReceived(const QByteArray &payload);
    void closed(const QString &reason);
    void finished();

private:
    void startHandshakeTimer();
    void onEncrypted();
    void onReadyRead();
    bool handleFrame(QByteArray payload);
    void onSslErrors(const QList<QSslError> &errors);
    void onDisconnected();
    void finish();

    Role m_role;
    const crypto::SigningKey &m_identity;
    ChannelOptions m_options;
    crypto::NodeId m_expected;
    crypto::NodeId m_peer;
    QSslSocket *m_socket;
    FrameReader m_reader;
    QTimer m_handshakeTimer;
    QTimer m_lingerTimer;
    QString m_tlsRefusal;
    QHostAddress m_peerHost;
    quint16 m_peerPort = 0;
    bool m_encrypted = false;
    bool m_ready = false;
    bool m_closed = false;
    bool m_finished = false;
};

} // namespace stratus::net
