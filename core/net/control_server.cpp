#include "net/control_server.h"

#include "net/log.h"
#include "net/server_connection.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace stratus::net {

// Hands accepted descriptors to the server, which wraps them itself (own
// connection caps and a handshake timer that covers TLS and the hello).
class Listener : public QTcpServer {
public:
    explicit Listener(std::function<void(qintptr)> onIncoming) : m_onIncoming(std::move(onIncoming)) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_onIncoming(descriptor); }

private:
    std::function<void(qintptr)> m_onIncoming;
};

ControlServer::ControlServer(const crypto::SigningKey &identity, TlsCredentials tls, ServerLimits limits,
                             QObject *parent)
    : QObject(parent), m_identity(identity.seed()), m_nodeId(crypto::NodeId::fromPublicKey(m_identity.publicKey())),
      m_tls(makeTlsConfiguration(tls)), m_limits(limits)
{
    setHandler(u"ping"_s, [](const crypto::NodeId &, const QCborMap &, Responder responder) {
        responder.ok(QCborMap{{u"time"_s, QDateTime::currentMSecsSinceEpoch()}});
    });
}

ControlServer::~ControlServer()
{
    m_listener.reset();
    // Connections use the server in their destructors: end them while it is whole.
    qDeleteAll(findChildren<ServerConnection *>(Qt::FindDirectChildrenOnly));
}

Status ControlServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tls.localCertificate().isNull() || m_tls.privateKey().isNull())
        return makeError(u"the control server has no TLS certificate"_s);
    m_listener = std::make_unique<Listener>([this](qintptr descriptor) { accept(descriptor); });
    connect(m_listener.get(), &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        qCWarning(lcNet).noquote() << "control server cannot accept a connection:" << m_listener->errorString();
    });
    if (!m_listener->listen(address, port)) {
        const QString why = m_listener->errorString();
        m_listener.reset();
        return makeError(u"cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port).arg(why));
    }
    qCInfo(lcNet).noquote() << "control server for node" << m_nodeId.shortString() << "listening on"
                            << address.toString() << "port" << m_listener->serverPort();
    return {};
}

void ControlServer::close()
{
    m_listener.reset();
    const QList<ServerConnection *> connections = findChildren<ServerConnection *>(Qt::FindDirectChildrenOnly);
    for (ServerConnection *c : connections)
        c->close(u"the server is shutting down"_s);
}

bool ControlServer::isListening() const { return m_listener && m_listener->isListening(); }

QHostAddress ControlServer::address() const { return m_listener ? m_listener->serverAddress() : QHostAddress(); }

quint16 ControlServer::port() const { return m_listener ? m_listener->serverPort() : 0; }

void ControlServer::setHandler(const QString &type, Handler handler)
{
    if (handler)
        m_handlers.insert(type, std::move(handler));
    else
        m_handlers.remove(type);
}

const Handler *ControlServer::handler(const QString &type) const
{
    auto it = m_handlers.constFind(type);
    return it == m_handlers.constEnd() ? nullptr : &it.value();
}

void ControlServer::accept(qintptr descriptor)
{
    if (m_connections >= m_limits.maxConnections) {
        QTcpSocket socket;
        if (socket.setSocketDescriptor(descriptor)) {
            qCInfo(lcNet).noquote() << "refusing a connection from" << socket.peerAddress().toString() << ":"
                                    << m_connections << "connections are open, the limit is" << m_limits.maxConnections;
            socket.abort();
        }
        return;
    }
    auto *connection = new ServerConnection(this, descriptor);
    const QHostAddress host = connection->peerHost();
    if (!host.isNull() && m_perAddress.value(host) > m_limits.maxConnectionsPerAddress) {
        qCInfo(lcNet).noquote() << "refusing a connection from" << host.toString() << ": it has"
                                << m_limits.maxConnectionsPerAddress << "open connections already";
        connection->close(u"too many connections from this address"_s);
    }
}

} // namespace stratus::net
