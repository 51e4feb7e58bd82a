#include "net/server_connection.h"

#include "net/channel.h"
#include "net/control_server.h"
#include "net/log.h"
#include "net/message.h"

#include <QThread>

#include <exception>

using namespace Qt::StringLiterals;

namespace stratus::net {

ResponderState::~ResponderState()
{
    if (!answered.load())
        deliver(encodeErrorReply(id, codes::kInternal, u"the request was dropped without an answer"_s));
}

bool ResponderState::deliver(const QByteArray &payload)
{
    if (answered.exchange(true))
        return false;
    QMutexLocker lock(&link->mutex);
    ServerConnection *connection = link->connection;
    if (!connection)
        return true;
    if (connection->thread() == QThread::currentThread()) {
        // Same thread: the connection cannot go away before this call.
        lock.unlock();
        connection->sendReply(id, payload);
        return true;
    }
    // Posted while holding the lock: the connection's destructor takes the
    // same lock before its posted events are discarded.
    const quint64 re = id;
    QMetaObject::invokeMethod(
        connection, [connection, re, payload] { connection->sendReply(re, payload); }, Qt::QueuedConnection);
    return true;
}

bool Responder::ok(const QCborMap &body) const { return m_state && m_state->deliver(encodeOkReply(m_state->id, body)); }

Status Responder::okWithBytes(const QString &key, qsizetype length, const std::function<Status(char *into)> &fill) const
{
    if (!m_state || m_state->answered.load())
        return makeError(u"the request was answered already"_s);
    QByteArray payload = encodeOkReplyWithBytes(m_state->id, key, length);
    if (Status st = fill(payload.data() + payload.size() - length); !st)
        return st;
    m_state->deliver(payload);
    return {};
}

bool Responder::error(const QString &code, const QString &message) const
{
    const QString safeCode = isValidToken(code, kMaxErrorCodeLength) ? code : codes::kInternal;
    return m_state && m_state->deliver(encodeErrorReply(m_state->id, safeCode, message));
}

bool Responder::isAnswered() const { return m_state && m_state->answered.load(); }

quint64 Responder::requestId() const { return m_state ? m_state->id : 0; }

ServerConnection::ServerConnection(ControlServer *server, qintptr descriptor)
    : QObject(server), m_server(server), m_link(std::make_shared<ConnectionLink>()),
      m_bucket(server->limits().requestsPerSecondPerPeer, server->limits().requestBurstPerPeer)
{
    m_link->connection = this;
    const ServerLimits &limits = server->limits();
    ChannelOptions options;
    options.maxFrame = limits.maxFrame;
    options.maxSendFrame = limits.replyFrameCap();
    options.handshakeTimeout = limits.handshakeTimeout;
    options.maxWriteBacklog = limits.maxWriteBacklog;
    auto *channel = new SecureChannel(SecureChannel::Role::Server, server->m_identity, server->m_tls, options,
                                      crypto::NodeId(), this);
    m_channel = channel;
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (m_inFlight > 0) {
            restartIdleTimer();
            return;
        }
        close(u"idle for %1 ms"_s.arg(m_server->limits().idleTimeout.count()));
    });
    connect(channel, &SecureChannel::ready, this, &ServerConnection::onReady);
    connect(channel, &SecureChannel::frameReceived, this, &ServerConnection::onFrame);
    connect(channel, &SecureChannel::closed, this, [this](const QString &reason) {
        m_channel = nullptr;
        m_idleTimer.stop();
        if (m_announced) {
            qCDebug(lcNet).noquote() << "peer" << m_peer.shortString() << "at" << m_peerAddress
                                     << "disconnected:" << reason;
            Q_EMIT m_server->peerDisconnected(m_peer, m_peerAddress, reason);
        } else {
            qCInfo(lcNet).noquote() << "connection from" << m_peerAddress << "refused:" << reason;
        }
    });
    connect(channel, &SecureChannel::finished, this, &QObject::deleteLater);
    ++m_server->m_connections;
    if (channel->acceptDescriptor(descriptor)) {
        m_peerHost = channel->peerHost();
        m_peerAddress = channel->peerAddress();
        ++m_server->m_perAddress[m_peerHost];
    }
}

ServerConnection::~ServerConnection()
{
    {
        QMutexLocker lock(&m_link->mutex);
        m_link->connection = nullptr;
    }
    --m_server->m_connections;
    if (!m_peerHost.isNull()) {
        auto it = m_server->m_perAddress.find(m_peerHost);
        if (it != m_server->m_perAddress.end() && --it.value() <= 0)
            m_server->m_perAddress.erase(it);
    }
}

bool ServerConnection::isOpen() const { return m_channel != nullptr && !m_channel->isClosed(); }

void ServerConnection::close(const QString &reason)
{
    if (m_channel)
        m_channel->close(reason, true);
}

void ServerConnection::restartIdleTimer()
{
    if (m_server->limits().idleTimeout.count() > 0)
        m_idleTimer.start(m_server->limits().idleTimeout);
}

void ServerConnection::onReady()
{
    m_peer = m_channel->peer();
    m_announced = true;
    restartIdleTimer();
    qCDebug(lcNet).noquote() << "peer" << m_peer.shortString() << "connected from" << m_peerAddress;
    Q_EMIT m_server->peerConnected(m_peer, m_peerAddress);
}

void ServerConnection::reject(quint64 re, const QString &code, const QString &message, bool countsAsError)
{
    qCDebug(lcNet).noquote() << "request" << re << "from" << m_peerAddress << "refused:" << code << message;
    if (m_channel)
        m_channel->send(encodeErrorReply(re, code, message));
    if (countsAsError && ++m_errors >= m_server->limits().maxErrorsBeforeClose) {
        qCInfo(lcNet).noquote() << "closing the connection from" << m_peerAddress << "after" << m_errors
                                << "bad requests; last:" << message;
        close(u"too many bad requests (last: %1)"_s.arg(message));
    }
}

void ServerConnection::onFrame(const QByteArray &payload)
{
    restartIdleTimer();
    std::variant<Request, Rejection> decoded = decodeRequest(payload);
    if (auto *rejection = std::get_if<Rejection>(&decoded)) {
        reject(rejection->re, rejection->code, rejection->message, true);
        return;
    }
    Request &request = std::get<Request>(decoded);
    if (request.id <= m_lastId) {
        reject(request.id, codes::kBadRequestId,
               u"request ids must increase on a connection (got %1 after %2)"_s.arg(request.id).arg(m_lastId), true);
        return;
    }
    m_lastId = request.id;
    const ServerLimits &limits = m_server->limits();
    if (!m_bucket.take()) {
        reject(request.id, codes::kRateLimited,
               u"more than %1 requests per second; slow down"_s.arg(limits.requestsPerSecondPerPeer), false);
        return;
    }
    if (m_inFlight >= limits.maxConcurrentRequestsPerPeer) {
        reject(request.id, codes::kBusy, u"%1 requests are already waiting for an answer"_s.arg(m_inFlight), false);
        return;
    }
    const Handler *handler = m_server->handler(request.type);
    if (!handler) {
        reject(request.id, codes::kUnknownType, u"unknown message type \"%1\""_s.arg(request.type), false);
        return;
    }
    ++m_inFlight;
    Responder responder(std::make_shared<ResponderState>(m_link, request.id));
    try {
        (*handler)(m_peer, request.body, responder);
    } catch (const std::exception &e) {
        qCWarning(lcNet).noquote() << "handler for" << request.type << "failed:" << e.what();
        responder.error(codes::kInternal, u"the request failed inside the node"_s);
    } catch (...) {
        qCWarning(lcNet).noquote() << "handler for" << request.type << "failed";
        responder.error(codes::kInternal, u"the request failed inside the node"_s);
    }
}

void ServerConnection::sendReply(quint64 re, const QByteArray &payload)
{
    if (m_inFlight > 0)
        --m_inFlight;
    if (!isOpen())
        return;
    restartIdleTimer();
    const qsizetype maxReply = m_server->limits().replyFrameCap();
    if (payload.size() > maxReply) {
        qCWarning(lcNet).noquote() << "reply to request" << re << "is" << payload.size() << "bytes, over the"
                                   << maxReply << "byte frame limit";
        m_channel->send(encodeErrorReply(re, codes::kInternal, u"the reply is too large to send"_s));
        return;
    }
    m_channel->send(payload);
}

} // namespace stratus::net
