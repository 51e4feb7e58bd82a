#include "nodeservice/peer_clients.h"

#include "net/control_client.h"
#include "net/tls_credentials.h"
#include "nodeservice/log.h"

namespace stratus::nodeservice {

PeerClients::PeerClients(std::shared_ptr<crypto::SigningKey> identity, QHostAddress bindAddress, QObject *parent)
    : QObject(parent), m_identity(std::move(identity)), m_bindAddress(std::move(bindAddress))
{
    if (auto tls = net::makeTlsCredentials(); tls)
        m_tls = std::make_shared<const net::TlsCredentials>(tls.value());
    else
        qCWarning(lcService).noquote() << "no TLS certificate for outgoing connections:" << tls.message();
}

PeerClients::~PeerClients()
{
    qDeleteAll(m_clients);
    m_clients.clear();
}

net::ControlClient *PeerClients::get(const discovery::BootstrapNode &peer)
{
    net::ControlClient *&c = m_clients[peer.id.bytes()];
    if (c && !c->isConnected() && !c->isConnecting()) {
        c->deleteLater();
        c = nullptr;
    }
    if (!c && m_tls) {
        net::ClientOptions options;
        options.localAddress = m_bindAddress;
        c = new net::ControlClient(*m_identity, *m_tls, options, this);
        c->connectTo(peer.endpoint.address, peer.endpoint.controlPort, peer.id);
    }
    return c;
}

} // namespace stratus::nodeservice
