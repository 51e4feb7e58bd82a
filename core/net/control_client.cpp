#include "net/control_client.h"

#include "net/channel.h"
#include "net/log.h"
#include "net/message.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::net {

ControlClient::ControlClient(const crypto::SigningKey &identity, TlsCredentials tls, ClientOptions options,
                             QObject *parent)
    : QObject(parent), m_identity(identity.seed()), m_nodeId(crypto::NodeId::fromPublicKey(m_identity.publicKey())),
      m_tls(makeTlsConfiguration(tls)), m_options(std::move(options))
{
}

ControlClient::~ControlClient()
{
    if (m_channel) {
        SecureChannel *channel = m_channel;
        m_channel = nullptr;
        channel->disconnect(this);
        channel->close(u"the client was destroyed"_s, false);
    }
    failAll(codes::kDisconnected, u"the client was destroyed"_s);
}

bool ControlClient::isConnected() const { return m_channel && m_channel->isReady(); }

bool ControlClient::isConnecting() const { return m_channel && !m_channel->isClosed() && !m_channel->isReady(); }

void ControlClient::connectTo(const QHostAddress &address, quint16 port, const crypto::NodeId &expected)
{
    disconnectFromNode();
    m_peer = crypto::NodeId();
    ChannelOptions options;
    options.maxFrame = m_options.maxFrame;
    options.handshakeTimeout = m_options.handshakeTimeout;
    options.maxWriteBacklog = m_options.maxWriteBacklog;
    auto *channel = new SecureChannel(SecureChannel::Role::Client, m_identity, m_tls, options, expected, this);
    m_channel = channel;
    connect(channel, &SecureChannel::ready, this, &ControlClient::onReady);
    connect(channel, &SecureChannel::frameReceived, this, &ControlClient::onFrame);
    connect(channel, &SecureChannel::closed, this, &ControlClient::onClosed);
    channel->connectToHost(address, port, m_options.localAddress);
}

void ControlClient::disconnectFromNode()
{
    if (m_channel)
        m_channel->close(u"disconnected by this side"_s, true);
}

QFuture<Result<QCborMap>> ControlClient::request(const QString &type, const QCborMap &body, int timeoutMs)
{
    QPromise<Result<QCborMap>> promise;
    QFuture<Result<QCborMap>> future = promise.future();
    promise.start();
    auto failNow = [&promise](const QString &code, const QString &message) {
        promise.addResult(Result<QCborMap>(makeCodedError(code, message)));
        promise.finish();
    };
    if (!m_channel || m_channel->isClosed()) {
        failNow(codes::kNotConnected, u"not connected to a node"_s);
        return future;
    }
    if (!isValidToken(type, kMaxTypeLength)) {
        failNow(codes::kBadRequest, u"\"%1\" is not a valid message type"_s.arg(type));
        return future;
    }
    const quint64 id = m_nextId++;
    QByteArray payload = encodeRequest(Request{type, id, body});
    if (payload.size() > m_options.maxFrame) {
        failNow(codes::kBadRequest,
                u"the request is %1 bytes; the frame limit is %2"_s.arg(payload.size()).arg(m_options.maxFrame));
        return future;
    }
    Pending &pending = m_pending[id];
    pending.promise = std::move(promise);
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id, timeoutMs] {
        resolve(id, makeCodedError(codes::kTimeout, u"no answer within %1 ms"_s.arg(timeoutMs)));
    });
    pending.timer->start(timeoutMs);
    if (m_channel->isReady()) {
        pending.sent = true;
        m_channel->send(payload);
    } else {
        pending.payload = std::move(payload);
    }
    return future;
}

void ControlClient::onReady()
{
    m_peer = m_channel->peer();
    qCDebug(lcNet).noquote() << "connected to node" << m_channel->peer().shortString() << "at"
                             << m_channel->peerAddress();
    Q_EMIT connected(m_channel->peer());
    // Send what waited for the connection, in id order.
    for (auto &[id, pending] : m_pending) {
        if (!m_channel || m_channel->isClosed())
            return;
        if (!pending.sent) {
            pending.sent = true;
            m_channel->send(pending.payload);
            pending.payload.clear();
        }
    }
}

void ControlClient::onFrame(const QByteArray &payload)
{
    Result<Reply> reply = decodeReply(payload);
    if (!reply) {
        qCInfo(lcNet).noquote() << "node at" << m_channel->peerAddress() << "sent a bad reply:" << reply.message();
        failAll(codes::kProtocol, u"the node sent a malformed reply: %1"_s.arg(reply.message()));
        m_channel->close(u"malformed reply: %1"_s.arg(reply.message()), false);
        return;
    }
    if (reply->re == 0 || m_pending.find(reply->re) == m_pending.end()) {
        qCDebug(lcNet).noquote() << "reply to unknown or expired request" << reply->re << ":"
                                 << (reply->ok ? u"ok"_s : reply->errorCode + u" "_s + reply->errorMessage);
        return;
    }
    if (reply->ok)
        resolve(reply->re, std::move(reply->body));
    else
        resolve(reply->re, makeCodedError(reply->errorCode, reply->errorMessage));
}

void ControlClient::onClosed(const QString &reason)
{
    failAll(codes::kDisconnected, reason);
    m_channel = nullptr;
    Q_EMIT disconnected(reason);
}

void ControlClient::resolve(quint64 id, Result<QCborMap> result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    if (pending.timer)
        pending.timer->deleteLater();
    pending.promise.addResult(std::move(result));
    pending.promise.finish();
}

void ControlClient::failAll(const QString &code, const QString &message)
{
    std::map<quint64, Pending> pending;
    pending.swap(m_pending);
    for (auto &[id, p] : pending) {
        if (p.timer)
            p.timer->deleteLater();
        p.promise.addResult(Result<QCborMap>(makeCodedError(code, message)));
        p.promise.finish();
    }
}

} // namespace stratus::net
