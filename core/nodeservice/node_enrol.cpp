// A storage node the network file does not name asks the network's paper
// nodes to audit it (their side: core/validator/validator_enrol.cpp).

#include "nodeservice/node_service.h"

#include "net/control_client.h"
#include "nodeservice/log.h"
#include "nodeservice/peer_clients.h"

#include <QCborMap>
#include <QTimer>

#include <chrono>

using namespace Qt::StringLiterals;

namespace stratus::nodeservice {

void NodeService::askToBeAudited()
{
    // A storage node the network file names is audited anyway; any other
    // (a desktop's embedded node, a node that joined later) asks the
    // network's paper nodes to audit it too. They check, by connecting back,
    // that this node answers at the endpoint it gives under its own key.
    if (!m_store || !m_config.network || !m_peers || m_config.network->validators.isEmpty())
        return;
    for (const discovery::BootstrapNode &b : m_config.network->bootstrap)
        if (b.id == m_keys.id)
            return;
    m_registerTimer = new QTimer(this);
    auto ask = [this]() {
        const QCborMap body{
            {u"address"_s, address().toString()}, {u"control_port"_s, controlPort()}, {u"swarm_port"_s, swarmPort()}};
        for (const discovery::BootstrapNode &v : m_config.network->validators) {
            if (v.id == m_keys.id)
                continue;
            net::ControlClient *client = m_peers->get(v);
            if (!client)
                continue;
            client->request(u"audit-me"_s, body, 15000).then(this, [name = v.id.shortString()](Result<QCborMap> r) {
                if (r)
                    qCDebug(lcService).noquote() << "paper node" << name << "audits this node";
                else
                    qCInfo(lcService).noquote() << "paper node" << name << "did not take this node:" << r.message();
            });
        }
    };
    connect(m_registerTimer, &QTimer::timeout, this, ask);
    // Soon after start, then every few minutes: a paper node that restarted
    // forgets nodes it found this way.
    QTimer::singleShot(500, this, ask);
    m_registerTimer->start(std::chrono::minutes(2));
}

} // namespace stratus::nodeservice
