#pragma once

#include "common/result.h"
#include "crypto/signing_key.h"
#include "discovery/network_file.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <memory>

namespace stratus::net {
class ControlClient;
struct TlsCredentials;
} // namespace stratus::net

namespace stratus::nodeservice {

// The storage node's outgoing control connections to other nodes (its
// network's paper nodes): one per peer, made on first use and again after
// it dropped, all with one TLS certificate. Shared by the node's services
// that talk to validators (epoch statements, credits). Lives on the node
// thread.
class PeerClients : public QObject {
    Q_OBJECT
public:
    PeerClients(std::shared_ptr<crypto::SigningKey> identity, QHostAddress bindAddress, QObject *parent = nullptr);
    ~PeerClients() override;

    // Null only when no TLS certificate could be made.
    net::ControlClient *get(const discovery::BootstrapNode &peer);

private:
    std::shared_ptr<crypto::SigningKey> m_identity;
    QHostAddress m_bindAddress;
    std::shared_ptr<const net::TlsCredentials> m_tls;
    QHash<QByteArray, net::ControlClient *> m_clients;
};

} // namespace stratus::nodeservice
