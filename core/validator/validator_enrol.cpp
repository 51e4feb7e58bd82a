// Storage nodes the network file does not name (a desktop's embedded node,
// a node that joined later) ask a paper node to audit them.

#include "validator/validator_service.h"

#include "discovery/node_record.h"
#include "net/control_client.h"
#include "net/control_server.h"
#include "net/responder.h"
#include "validator/log.h"

#include <QCborMap>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace {

// Nodes a paper node takes this way (a bound on what strangers can add).
constexpr qsizetype kMaxEnrolled = 1000;
constexpr int kCheckTimeoutMs = 10000;

} // namespace

void ValidatorService::installEnrolHandler()
{
    // audit-me {address, control_port, swarm_port}: the caller is the node
    // its TLS key proves. It is taken once it answers at that endpoint, under
    // the same key, with a signed node record naming that endpoint.
    m_server.setHandler(u"audit-me"_s, [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
        if (m_closing)
            return (void)r.error(u"unavailable"_s, u"the paper node is stopping"_s);
        for (const discovery::BootstrapNode &b : m_config.network.bootstrap)
            if (b.id == peer)
                return (void)r.ok(QCborMap{{u"audited"_s, true}}); // named in the network file
        if (m_enrolled.contains(peer))
            return (void)r.ok(QCborMap{{u"audited"_s, true}});
        if (m_enrolling.contains(peer))
            return (void)r.error(u"busy"_s, u"this node is being checked; ask again later"_s);
        if (m_enrolled.size() >= kMaxEnrolled)
            return (void)r.error(u"busy"_s, u"this paper node audits as many nodes as it takes"_s);
        const QHostAddress address(body.value(u"address"_s).toString());
        const qint64 controlPort = body.value(u"control_port"_s).toInteger();
        const qint64 swarmPort = body.value(u"swarm_port"_s).toInteger();
        if (address.isNull() || controlPort <= 0 || controlPort > 65535 || swarmPort <= 0 || swarmPort > 65535)
            return (void)r.error(u"bad-request"_s, u"address, control_port and swarm_port are needed"_s);
        const discovery::Endpoint claimed{address, static_cast<quint16>(controlPort), static_cast<quint16>(swarmPort)};

        m_enrolling.insert(peer);
        net::ClientOptions options;
        options.localAddress = m_config.bindAddress;
        auto *client = new net::ControlClient(m_identity, *m_tls, options, this);
        client->connectTo(claimed.address, claimed.controlPort, peer); // dropped unless it is `peer`
        client->request(u"record"_s, {}, kCheckTimeoutMs)
            .then(this, [this, client, peer, claimed, r](Result<QCborMap> reply) mutable {
                client->deleteLater();
                m_enrolling.remove(peer);
                if (m_closing)
                    return;
                if (!reply)
                    return (void)r.error(u"unreachable"_s, u"no answer from %1:%2 under this node's key: %3"_s
                                                               .arg(claimed.address.toString())
                                                               .arg(claimed.controlPort)
                                                               .arg(reply.message()));
                auto record = discovery::SignedNodeRecord::fromCbor(reply->value(u"record"_s).toByteArray());
                if (!record || !(record->record.id == peer) || !(record->record.endpoint == claimed))
                    return (void)r.error(u"bad-record"_s,
                                         u"the node's record does not name it at the endpoint given"_s);
                m_enrolled.insert(peer, AuditTarget{peer, claimed, peer.shortString()});
                refreshTargets();
                qCInfo(lcValidator).noquote() << "auditing" << peer.shortString() << "at" << claimed.address.toString()
                                              << "(it asked to be audited)";
                (void)r.ok(QCborMap{{u"audited"_s, true}});
            });
    });
}

} // namespace stratus::validator
