#include "nodeservice/credit_gate.h"

#include "ledger/credits.h"
#include "net/control_client.h"
#include "nodeservice/log.h"
#include "nodeservice/peer_clients.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::nodeservice {

namespace {

constexpr int kTimeoutMs = 3000;
constexpr qint64 kFreshMs = 2000; // a balance read this recently is used as it is
constexpr qsizetype kMaxBatch = 200;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

CreditGate::CreditGate(const discovery::NetworkFile &network, const ledger::Economics &economics, PeerClients &peers,
                       QObject *parent)
    : QObject(parent), m_network(network), m_economics(economics), m_peers(peers)
{
    m_enabled = !m_network.treasuryKey.isEmpty() && !m_network.validators.isEmpty();
    if (!m_enabled)
        return;
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &CreditGate::flush);
}

CreditGate::~CreditGate() = default;

void CreditGate::check(const crypto::NodeId &clientId, qint64 cost, std::function<void(const QString &)> done)
{
    if (!m_enabled)
        return done({});
    const QByteArray key = clientId.bytes();
    auto decide = [this, key, cost, clientId](const std::function<void(const QString &)> &reply) {
        const Known k = m_known.value(key);
        if (!k.known) {
            qCWarning(lcService).noquote()
                << "no validator answered for the credits of" << clientId.shortString() << "- serving anyway";
            return reply({});
        }
        const qint64 available = k.balance - m_unsettled.value(key);
        if (cost > available)
            return reply(u"client %1 has %2 µcr of credits left; this costs %3 µcr"_s.arg(clientId.shortString())
                             .arg(available)
                             .arg(cost));
        reply({});
    };
    const Known k = m_known.value(key);
    if (k.known && nowMs() - k.fetchedMs < kFreshMs)
        return decide(done);

    struct Gathered {
        int pending = 0;
        QList<QByteArray> notes;
        qint64 askedMs = 0;
    };
    auto g = std::make_shared<Gathered>();
    g->askedMs = nowMs();
    QList<crypto::NodeId> counted;
    for (const discovery::BootstrapNode &v : m_network.validators)
        counted.append(v.id);
    g->pending = static_cast<int>(m_network.validators.size());
    QPointer<CreditGate> self(this);
    for (const discovery::BootstrapNode &v : m_network.validators) {
        net::ControlClient *c = m_peers.get(v);
        if (!c) {
            if (--g->pending == 0)
                decide(done);
            continue;
        }
        c->request(u"balance"_s, QCborMap{{u"account"_s, key}}, kTimeoutMs)
            .then(this, [self, g, key, counted, clientId, decide, done](Result<QCborMap> r) {
                CreditGate *owner = self.data();
                if (!owner)
                    return;
                if (r)
                    g->notes.append(r->value(u"note"_s).toByteArray());
                if (--g->pending > 0)
                    return;
                if (auto median = ledger::medianBalance(g->notes, counted, clientId); median) {
                    // What the validators had not yet heard of when asked stays unsettled.
                    owner->m_known.insert(key, Known{median->balance(), g->askedMs, true});
                    owner->m_unsettled.remove(key);
                }
                decide(done);
            });
    }
}

void CreditGate::reportContract(const crypto::NodeId &client, const QByteArray &signedContract, qint64 cost)
{
    if (!m_enabled)
        return;
    m_unsettled[client.bytes()] += cost;
    m_contracts.append(signedContract);
    if (!m_flushTimer->isActive())
        m_flushTimer->start(200);
}

void CreditGate::reportOrder(const crypto::NodeId &client, const QByteArray &signedOrder, qint64 cost)
{
    if (!m_enabled)
        return;
    m_unsettled[client.bytes()] += cost;
    m_orders.append(signedOrder);
    if (!m_flushTimer->isActive())
        m_flushTimer->start(200);
}

void CreditGate::flush()
{
    while (!m_contracts.isEmpty() || !m_orders.isEmpty()) {
        QCborArray contracts, orders;
        while (!m_contracts.isEmpty() && contracts.size() + orders.size() < kMaxBatch)
            contracts.append(m_contracts.takeFirst());
        while (!m_orders.isEmpty() && contracts.size() + orders.size() < kMaxBatch)
            orders.append(m_orders.takeFirst());
        const QCborMap body{{u"contracts"_s, contracts}, {u"orders"_s, orders}};
        for (const discovery::BootstrapNode &v : m_network.validators)
            if (net::ControlClient *c = m_peers.get(v))
                c->request(u"spend"_s, body, kTimeoutMs).then(this, [id = v.id](Result<QCborMap> r) {
                    if (!r)
                        qCInfo(lcService).noquote()
                            << "validator" << id.shortString() << "did not take the spending report:" << r.message();
                });
    }
}

} // namespace stratus::nodeservice
