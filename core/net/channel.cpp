#include "net/channel.h"

#include "crypto/signing_key.h"
#include "net/handshake.h"
#include "net/log.h"
#include "net/message.h"
#include "net/tls_credentials.h"

#include <QSslSocket>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace stratus::net {

namespace {
constexpr int kLingerMs = 1000;
} // namespace

SecureChannel::SecureChannel(Role role, const crypto::SigningKey &identity, const QSslConfiguration &tls,
                             const ChannelOptions &options, const crypto::NodeId &expectedPeer, QObject *parent)
    : QObject(parent), m_role(role), m_identity(identity), m_options(options), m_expected(expectedPeer),
      m_socket(new QSslSocket(this)), m_reader(options.maxFrame)
{
    m_socket->setSslConfiguration(tls);
    m_handshakeTimer.setSingleShot(true);
    m_lingerTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        close(u"no TLS session and hello within %1 ms"_s.arg(m_options.handshakeTimeout.count()), false);
    });
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] {
        m_socket->abort();
        finish();
    });
    connect(m_socket, &QSslSocket::encrypted, this, &SecureChannel::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &SecureChannel::onReadyRead);
    connect(m_socket, &QSslSocket::sslErrors, this, &SecureChannel::onSslErrors);
    connect(m_socket, &QAbstractSocket::disconnected, this, &SecureChannel::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (m_closed) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                finish();
            return;
        }
        QString reason = error == QAbstractSocket::RemoteHostClosedError ? u"the peer closed the connection"_s
                                                                         : m_socket->errorString();
        if (!m_tlsRefusal.isEmpty())
            reason = m_tlsRefusal;
        close(reason, false);
    });
}

SecureChannel::~SecureChannel() = default;

QString SecureChannel::peerAddress() const { return u"%1:%2"_s.arg(m_peerHost.toString()).arg(m_peerPort); }

void SecureChannel::startHandshakeTimer() { m_handshakeTimer.start(m_options.handshakeTimeout); }

bool SecureChannel::acceptDescriptor(qintptr descriptor)
{
    if (!m_socket->setSocketDescriptor(descriptor)) {
        close(u"cannot take the accepted socket: %1"_s.arg(m_socket->errorString()), false);
        return false;
    }
    m_peerHost = m_socket->peerAddress();
    m_peerPort = m_socket->peerPort();
    startHandshakeTimer();
    m_socket->startServerEncryption();
    return true;
}

void SecureChannel::connectToHost(const QHostAddress &address, quint16 port, const QHostAddress &localAddress)
{
    m_peerHost = address;
    m_peerPort = port;
    startHandshakeTimer();
    if (!localAddress.isNull() && !m_socket->bind(localAddress)) {
        const QString reason = u"cannot bind to %1: %2"_s.arg(localAddress.toString(), m_socket->errorString());
        QTimer::singleShot(0, this, [this, reason] { close(reason, false); });
        return;
    }
    m_socket->connectToHostEncrypted(address.toString(), port, QString::fromUtf16(kTlsPeerName));
}

void SecureChannel::onEncrypted()
{
    if (m_closed)
        return;
    m_encrypted = true;
    const QSslCertificate peerCert = m_socket->peerCertificate();
    if (peerCert.isNull()) {
        close(u"the peer presented no TLS certificate"_s, false);
        return;
    }
    const std::optional<QByteArray> hello =
        encodeFrame(encodeHello(m_identity, m_socket->localCertificate(), peerCert));
    if (hello)
        m_socket->write(*hello);
    onReadyRead();
}

void SecureChannel::onReadyRead()
{
    if (m_closed) {
        m_socket->readAll(); // lingering to flush: what the peer still sends is dropped
        return;
    }
    if (!m_encrypted)
        return;
    // Header bytes through feed(), payload bytes straight from the socket
    // into the frame (a reply of several MiB is not copied once more).
    while (!m_closed && m_socket->bytesAvailable() > 0) {
        if (m_reader.payloadWanted() > 0) {
            if (m_reader.readPayload([this](char *into, qsizetype max) { return m_socket->read(into, max); }) <= 0)
                break;
        } else if (const qsizetype want = m_reader.headerWanted(); want > 0) {
            char header[kFrameHeaderSize];
            const qint64 got = m_socket->read(header, want);
            if (got <= 0)
                break;
            m_reader.feed(QByteArrayView(header, got));
        }
        // handleFrame() is false only once the connection is closed.
        if (std::optional<QByteArray> frame = m_reader.takeFrame(); frame && !handleFrame(std::move(*frame)))
            return;
        if (m_closed)
            return;
        if (m_reader.failed()) {
            const QString reason = m_reader.errorString();
            qCInfo(lcNet).noquote() << "closing the connection with" << peerAddress() << ":" << reason;
            if (m_role == Role::Server && m_ready) {
                const QByteArray reply = encodeErrorReply(0, codes::kFrameTooLarge, reason);
                if (std::optional<QByteArray> frame = encodeFrame(reply))
                    m_socket->write(*frame);
            }
            close(reason, true);
            return;
        }
    }
}

bool SecureChannel::handleFrame(QByteArray payload)
{
    if (!m_ready) {
        Result<crypto::NodeId> peer =
            verifyHello(payload, m_socket->localCertificate(), m_socket->peerCertificate(), m_expected);
        if (!peer) {
            close(peer.message(), false);
            return false;
        }
        m_peer = peer.value();
        m_ready = true;
        m_handshakeTimer.stop();
        Q_EMIT ready();
        return !m_closed;
    }
    Q_EMIT frameReceived(payload);
    return !m_closed;
}

void SecureChannel::onSslErrors(const QList<QSslError> &errors)
{
    if (onlySelfSignedErrors(errors)) {
        m_socket->ignoreSslErrors(errors);
        return;
    }
    QStringList what;
    for (const QSslError &e : errors)
        what << e.errorString();
    // Qt aborts the handshake after this slot; errorOccurred closes us.
    m_tlsRefusal = u"TLS refused: %1"_s.arg(what.join(u"; "_s));
}

bool SecureChannel::send(const QByteArray &payload)
{
    const qsizetype maxSend = m_options.maxSendFrame > 0 ? m_options.maxSendFrame : m_options.maxFrame;
    if (m_closed || !m_ready || payload.size() > maxSend)
        return false;
    if (payload.isEmpty() || payload.size() > kMaxFrameCap)
        return false; // what encodeFrame() refuses
    if (m_socket->bytesToWrite() + kFrameHeaderSize + payload.size() > m_options.maxWriteBacklog) {
        close(u"the peer is not reading (%1 bytes unsent)"_s.arg(m_socket->bytesToWrite()), false);
        return false;
    }
    // The length, then the payload: the socket copies both into its buffer
    // anyway, so the frame is not assembled in a copy of its own first.
    char header[kFrameHeaderSize];
    qToBigEndian(static_cast<quint32>(payload.size()), header);
    m_socket->write(header, kFrameHeaderSize);
    m_socket->write(payload);
    return true;
}

void SecureChannel::close(const QString &reason, bool graceful)
{
    if (m_closed)
        return;
    m_closed = true;
    m_handshakeTimer.stop();
    qCDebug(lcNet).noquote() << "connection" << peerAddress() << "closed:" << reason;
    Q_EMIT closed(reason);
    if (graceful && m_encrypted && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_lingerTimer.start(kLingerMs);
        m_socket->disconnectFromHost();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish();
        return;
    }
    m_socket->abort();
    finish();
}

void SecureChannel::onDisconnected()
{
    close(u"the peer closed the connection"_s, false);
    finish();
}

void SecureChannel::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_lingerTimer.stop();
    Q_EMIT finished();
    deleteLater();
}

} // namespace stratus::net
