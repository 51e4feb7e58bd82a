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
    Pending pending;
    QFuture<Result<QCborMap>> future = pending.promise.future();
    pending.promise.start();
    start(type, body, timeoutMs, std::move(pending));
    return future;
}

QFuture<Result<FrameBytes>> ControlClient::requestBytes(const QString &type, const QCborMap &body, const QString &key,
                                                        qsizetype length, int timeoutMs)
{
    Pending pending;
    pending.bytesPromise.emplace();
    QFuture<Result<FrameBytes>> future = pending.bytesPromise->future();
    pending.bytesPromise->start();
    pending.bytesKey = key;
    pending.bytesLength = length;
    start(type, body, timeoutMs, std::move(pending));
    return future;
}

void ControlClient::fail(Pending &pending, const Error &error)
{
    if (pending.bytesPromise) {
        pending.bytesPromise->addResult(Result<FrameBytes>(error));
        pending.bytesPromise->finish();
        return;
    }
    pending.promise.addResult(Result<QCborMap>(error));
    pending.promise.finish();
}

void ControlClient::start(const QString &type, const QCborMap &body, int timeoutMs, Pending pending)
{
    if (!m_channel || m_channel->isClosed())
        return fail(pending, makeCodedError(codes::kNotConnected, u"not connected to a node"_s));
    if (!isValidToken(type, kMaxTypeLength))
        return fail(pending, makeCodedError(codes::kBadRequest, u"\"%1\" is not a valid message type"_s.arg(type)));
    const quint64 id = m_nextId++;
    QByteArray payload = encodeRequest(Request{type, id, body});
    if (payload.size() > m_options.maxFrame)
        return fail(
            pending,
            makeCodedError(
                codes::kBadRequest,
                u"the request is %1 bytes; the frame limit is %2"_s.arg(payload.size()).arg(m_options.maxFrame)));
    Pending &held = m_pending[id];
    held = std::move(pending);
    held.timer = new QTimer(this);
    held.timer->setSingleShot(true);
    connect(held.timer, &QTimer::timeout, this, [this, id, timeoutMs] {
        resolve(id, makeCodedError(codes::kTimeout, u"no answer within %1 ms"_s.arg(timeoutMs)));
    });
    held.timer->start(timeoutMs);
    if (m_channel->isReady()) {
        held.sent = true;
        m_channel->send(payload);
    } else {
        held.payload = std::move(payload);
    }
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

bool ControlClient::takeBytesReply(const QByteArray &payload)
{
    // Only the lengths some requestBytes() waits for are tried (usually one).
    qsizetype tried = -1;
    for (const auto &[id, p] : m_pending) {
        if (!p.bytesPromise || p.bytesLength == tried)
            continue;
        tried = p.bytesLength;
        FrameBytes bytes;
        std::optional<Reply> reply = decodeReplyEndingInBytes(payload, p.bytesLength, &bytes);
        if (!reply)
            continue;
        auto it = m_pending.find(reply->re);
        if (!reply->ok || it == m_pending.end() || !it->second.bytesPromise ||
            it->second.bytesLength != p.bytesLength || reply->body.size() != 1 ||
            !reply->body.value(it->second.bytesKey).isByteArray())
            return false; // decoded whole by the caller
        Pending pending = takePending(it);
        pending.bytesPromise->addResult(Result<FrameBytes>(std::move(bytes)));
        pending.bytesPromise->finish();
        return true;
    }
    return false;
}

void ControlClient::onFrame(const QByteArray &payload)
{
    if (takeBytesReply(payload))
        return;
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

ControlClient::Pending ControlClient::takePending(std::map<quint64, Pending>::iterator it)
{
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    if (pending.timer)
        pending.timer->deleteLater();
    return pending;
}

void ControlClient::resolve(quint64 id, Result<QCborMap> result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending pending = takePending(it);
    if (!pending.bytesPromise) {
        pending.promise.addResult(std::move(result));
        pending.promise.finish();
        return;
    }
    if (!result)
        return fail(pending, result.error());
    // An ok reply in another shape than the one takeBytesReply() takes.
    const QCborValue bytes = result->value(pending.bytesKey);
    if (result->size() != 1 || !bytes.isByteArray() || bytes.toByteArray().size() != pending.bytesLength)
        return fail(pending, makeCodedError(
                                 codes::kProtocol,
                                 u"the reply is not {%1: %2 bytes}"_s.arg(pending.bytesKey).arg(pending.bytesLength)));
    const QByteArray data = bytes.toByteArray();
    pending.bytesPromise->addResult(Result<FrameBytes>(FrameBytes{data, 0, data.size()}));
    pending.bytesPromise->finish();
}

void ControlClient::failAll(const QString &code, const QString &message)
{
    std::map<quint64, Pending> pending;
    pending.swap(m_pending);
    for (auto &[id, p] : pending) {
        if (p.timer)
            p.timer->deleteLater();
        fail(p, makeCodedError(code, message));
    }
}

} // namespace stratus::net
