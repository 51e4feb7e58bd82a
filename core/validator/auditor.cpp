#include "validator/auditor.h"

#include "net/control_client.h"
#include "net/message.h"
#include "net/tls_credentials.h"
#include "node/contract.h"
#include "node/orders.h"
#include "node/proof.h"
#include "swarm/swarm_session.h"
#include "validator/log.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

double elapsedMs(const QElapsedTimer &t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

} // namespace

struct Auditor::NodeState {
    AuditTarget target;
    net::ControlClient *client = nullptr; // owned (parent: the auditor)
    bool busy = false;
    bool queued = false;
    int pendingProofs = 0;
    int rounds = 0;
    QByteArray record; // latest SignedNodeRecord CBOR
};

struct Auditor::Probe {
    crypto::NodeId node;
    QElapsedTimer timer;
};

Auditor::Auditor(const crypto::SigningKey &identity, std::shared_ptr<const net::TlsCredentials> tls,
                 AuditSettings settings, swarm::SwarmSession *swarm, QString scratchDir, ReputationParams params,
                 QObject *parent)
    : QObject(parent), m_identity(crypto::SigningKey(identity.seed())), m_tls(std::move(tls)),
      m_settings(std::move(settings)), m_params(params), m_swarm(swarm), m_scratchDir(std::move(scratchDir))
{
    if (m_swarm)
        connect(m_swarm, &swarm::SwarmSession::fetchFinished, this, &Auditor::onFetchFinished);
}

Auditor::~Auditor()
{
    m_closing = true;
    for (const auto &n : std::as_const(m_nodes)) {
        // Fails its requests; their continuations see m_closing.
        delete std::exchange(n->client, nullptr);
    }
    for (auto it = m_probes.cbegin(); it != m_probes.cend(); ++it)
        if (auto id = object::ShardId::parse(it.key()); id && m_swarm)
            m_swarm->cancelFetch(id.value());
}

void Auditor::setTargets(const QList<AuditTarget> &targets)
{
    QSet<crypto::NodeId> keep;
    for (const AuditTarget &t : targets) {
        keep.insert(t.id);
        auto &n = m_nodes[t.id];
        if (!n)
            n = std::make_shared<NodeState>();
        if (n->target.endpoint != t.endpoint && n->client)
            dropConnection(*n);
        n->target = t;
        if (!m_reputations.contains(t.id))
            m_reputations.insert(t.id, NodeReputation(m_params));
    }
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (keep.contains(it.key())) {
            ++it;
            continue;
        }
        dropConnection(*it.value());
        m_queue.removeAll(it.key());
        if (it.value()->busy)
            --m_running; // its pending answers find no state and stop
        it = m_nodes.erase(it);
    }
}

QList<AuditTarget> Auditor::targets() const
{
    QList<AuditTarget> out;
    for (const auto &n : m_nodes)
        out.append(n->target);
    return out;
}

bool Auditor::busy() const { return m_running > 0 || !m_queue.isEmpty(); }

QByteArray Auditor::recordOf(const crypto::NodeId &id) const
{
    const auto it = m_nodes.constFind(id);
    return it == m_nodes.cend() ? QByteArray() : it.value()->record;
}

Auditor::NodeState *Auditor::state(const crypto::NodeId &id)
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it.value().get();
}

void Auditor::runRound()
{
    ++m_round;
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        NodeState &n = *it.value();
        if (n.busy || n.queued)
            continue; // still at it from the last round: the node is slow, not skipped twice
        n.queued = true;
        m_queue.append(it.key());
    }
    pumpQueue();
}

void Auditor::pumpQueue()
{
    while (m_running < m_settings.maxConcurrentNodes && !m_queue.isEmpty()) {
        NodeState *n = state(m_queue.takeFirst());
        if (!n)
            continue;
        n->queued = false;
        n->busy = true;
        ++m_running;
        startNode(*n);
    }
}

void Auditor::emitEvent(const crypto::NodeId &id, const QString &kind, bool ok, double ms, const QString &detail)
{
    Q_EMIT audited(AuditEvent{id, kind, ok, ms, detail, nowMs()});
}

void Auditor::dropConnection(NodeState &n)
{
    if (n.client) {
        n.client->disconnect(this);
        n.client->deleteLater();
        n.client = nullptr;
    }
}

void Auditor::startNode(NodeState &n)
{
    ++n.rounds;
    const crypto::NodeId id = n.target.id;
    if (n.client && !n.client->isConnected() && !n.client->isConnecting())
        dropConnection(n);
    if (!n.client) {
        net::ClientOptions options;
        options.localAddress = m_settings.bindAddress;
        options.handshakeTimeout = m_settings.pingTimeout;
        n.client = new net::ControlClient(m_identity, *m_tls, options, this);
        n.client->connectTo(n.target.endpoint.address, n.target.endpoint.controlPort, id);
        // A fresh connection: learn the node's signed record first (not timed).
        QPointer<Auditor> self(this);
        n.client->request(u"record"_s, {}, static_cast<int>(m_settings.pingTimeout.count()))
            .then(this, [self, id](Result<QCborMap> r) {
                if (!self || self->m_closing)
                    return;
                NodeState *node = self->state(id);
                if (!node)
                    return;
                if (!r) {
                    self->m_reputations[id].recordPing(false, 0);
                    self->emitEvent(id, u"ping"_s, false, 0, u"no connection: %1"_s.arg(r.message()));
                    self->dropConnection(*node);
                    return self->finishNode(id);
                }
                node->record = r->value(u"record"_s).toByteArray();
                self->pingNode(id);
            });
        return;
    }
    pingNode(id);
}

void Auditor::pingNode(const crypto::NodeId &id)
{
    NodeState *n = state(id);
    if (!n)
        return;
    if (!n->client)
        return finishNode(id);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QPointer<Auditor> self(this);
    n->client->request(u"ping"_s, {}, static_cast<int>(m_settings.pingTimeout.count()))
        .then(this, [self, id, timer](Result<QCborMap> r) {
            if (!self || self->m_closing)
                return;
            const double ms = elapsedMs(*timer);
            NodeState *node = self->state(id);
            if (!node)
                return;
            const bool ok = r.ok() && ms <= static_cast<double>(self->m_settings.pingTimeout.count());
            self->m_reputations[id].recordPing(ok, ms);
            self->emitEvent(id, u"ping"_s, ok, ms, ok ? QString() : (r ? u"late"_s : r.message()));
            if (!ok) {
                self->dropConnection(*node);
                return self->finishNode(id);
            }
            if (self->m_settings.challengesPerRound <= 0)
                return self->finishNode(id);
            self->requestClaims(id);
        });
}

void Auditor::requestClaims(const crypto::NodeId &id)
{
    NodeState *n = state(id);
    if (!n)
        return;
    if (!n->client)
        return finishNode(id);
    QCborArray picks;
    for (int i = 0; i < m_settings.challengesPerRound; ++i)
        picks.append(static_cast<qint64>(QRandomGenerator::system()->generate64() >> 1));
    QPointer<Auditor> self(this);
    n->client->request(u"claims"_s, QCborMap{{u"picks"_s, picks}}, static_cast<int>(m_settings.pingTimeout.count()))
        .then(this, [self, id](Result<QCborMap> r) {
            if (!self || self->m_closing || !self->state(id))
                return;
            if (!r) {
                // Not an audit failure of a shard: the node did not say what it
                // holds (old version, or overloaded). Counted against uptime.
                self->m_reputations[id].recordPing(false, 0);
                self->emitEvent(id, u"ping"_s, false, 0, u"claims: %1"_s.arg(r.message()));
                return self->finishNode(id);
            }
            QList<QByteArray> contracts;
            for (const QCborValue &v : r->value(u"contracts"_s).toArray())
                contracts.append(v.toByteArray());
            self->challenge(id, contracts);
        });
}

void Auditor::challenge(const crypto::NodeId &id, const QList<QByteArray> &contracts)
{
    NodeState *n = state(id);
    if (!n)
        return;
    if (!n->client)
        return finishNode(id);
    const qint64 now = nowMs();
    QList<std::pair<node::ContractTerms, QByteArray>> targets; // terms, node key
    for (const QByteArray &bytes : contracts) {
        auto contract = node::decodeSignedContract(bytes);
        Result<node::ContractTerms> terms =
            contract ? node::verifyContract(contract.value()) : Result<node::ContractTerms>(contract.error());
        if (!terms || terms->node != id || terms->expiryMs <= now) {
            // The node claims (to be paid for) a contract that is not valid.
            m_reputations[id].recordAudit(false, 0);
            ++m_auditsDone;
            emitEvent(
                id, u"proof"_s, false, 0,
                u"claimed an invalid contract: %1"_s.arg(!terms ? terms.message() : u"not this node's, or expired"_s));
            continue;
        }
        // The same contract picked twice gets two challenges (each for its own random block).
        targets.append({terms.value(), contract->nodeKey});
    }
    if (targets.isEmpty())
        return finishNode(id);

    const bool probe = m_swarm && m_settings.throughputEvery > 0 &&
                       (n->rounds + static_cast<int>(qHash(id) % 1000)) % m_settings.throughputEvery == 0;
    if (probe) {
        auto smallest = std::min_element(targets.begin(), targets.end(), [](const auto &a, const auto &b) {
            return a.first.shard.size < b.first.shard.size;
        });
        if (smallest->first.shard.size <= m_settings.throughputMaxBytes)
            probeThroughput(id, smallest->first.shard);
    }

    n->pendingProofs = static_cast<int>(targets.size());
    const int deadline = static_cast<int>(m_settings.proofDeadline.count());
    QPointer<Auditor> self(this);
    for (const auto &[terms, nodeKey] : targets) {
        const node::ProofChallenge c = node::randomChallenge(terms.shard);
        const crypto::NodeId client = terms.client;
        const qint64 contractStart = terms.startMs;
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        n->client->request(u"prove"_s, QCborMap{{u"challenge"_s, node::encodeProofChallenge(c)}}, deadline)
            .then(this, [self, id, c, key = nodeKey, timer, deadline, client, contractStart](Result<QCborMap> r) {
                if (!self || self->m_closing)
                    return;
                const double ms = elapsedMs(*timer);
                const QString code = r ? QString() : net::errorCode(r.error());
                QString neutral; // why this challenge counts neither way
                if (r && r->contains(u"deleted"_s)) {
                    // The client deleted the shard after the node listed the contract:
                    // fine if the node shows the client's own signed order for it.
                    auto order = node::decodeSignedOrder(r->value(u"deleted"_s).toByteArray());
                    auto deletion = order ? node::verifyDeletionOrder(order.value(), id)
                                          : Result<node::DeletionOrder>(order.error());
                    if (deletion && deletion->shard == c.shard && deletion->client == client &&
                        deletion->timeMs >= contractStart)
                        neutral = u"deleted by its client"_s;
                }
                if (code == u"disconnected"_s || code == u"not-connected"_s || code == u"busy"_s ||
                    code == u"rate-limited"_s) {
                    // The node went away mid-round or is throttling us: availability
                    // (uptime), not a wrong answer. The next round starts with a ping.
                    self->m_reputations[id].recordPing(false, 0);
                    self->emitEvent(id, u"ping"_s, false, ms, r.message());
                    NodeState *node = self->state(id);
                    if (!node || --node->pendingProofs > 0)
                        return;
                    return self->finishNode(id);
                }
                if (!neutral.isEmpty()) {
                    self->emitEvent(id, u"proof"_s, true, ms,
                                    u"shard %1: %2"_s.arg(c.shard.toString().left(12), neutral));
                    NodeState *node = self->state(id);
                    if (!node || --node->pendingProofs > 0)
                        return;
                    return self->finishNode(id);
                }
                Status verdict;
                if (!r)
                    verdict = makeError(r.message());
                else if (auto proof = node::decodeProofResponse(r->value(u"proof"_s).toByteArray()); !proof)
                    verdict = proof.error();
                else if (Status st = node::verifyProof(c, proof.value(), key); !st)
                    verdict = st;
                else if (ms > deadline)
                    verdict = makeError(u"late: answered after %1 ms (deadline %2 ms)"_s.arg(qRound(ms)).arg(deadline));
                self->m_reputations[id].recordAudit(verdict.ok(), ms);
                ++self->m_auditsDone;
                self->emitEvent(id, u"proof"_s, verdict.ok(), ms,
                                verdict.ok() ? u"shard %1 block %2"_s.arg(c.shard.toString().left(12)).arg(c.blockIndex)
                                             : u"shard %1: %2"_s.arg(c.shard.toString().left(12), verdict.message()));
                if (!verdict)
                    qCInfo(lcValidator).noquote() << "audit failed:" << id.shortString() << "shard"
                                                  << c.shard.toString().left(12) << "-" << verdict.message();
                NodeState *node = self->state(id);
                if (!node || --node->pendingProofs > 0)
                    return;
                self->finishNode(id);
            });
    }
}

void Auditor::probeThroughput(const crypto::NodeId &id, const object::ShardId &shard)
{
    NodeState *n = state(id);
    if (!n || !n->client || m_probes.contains(shard.toString()))
        return;
    auto probe = std::make_shared<Probe>();
    probe->node = id;
    m_probes.insert(shard.toString(), probe);
    const QString address = n->target.endpoint.address.toString();
    QPointer<Auditor> self(this);
    // No bandwidth order: the node serves validators' probes unpaid.
    n->client->request(u"open"_s, QCborMap{{u"shard"_s, QCborMap{{u"root"_s, shard.root}, {u"size"_s, shard.size}}}})
        .then(this, [self, id, probe, shardId = shard, address](Result<QCborMap> r) {
            if (!self || self->m_closing)
                return;
            const QString key = shardId.toString();
            const qint64 port = r ? r->value(u"swarm_port"_s).toInteger() : 0;
            if (!r || port <= 0 || port > 65535) {
                self->m_probes.remove(key);
                self->emitEvent(id, u"throughput"_s, false, 0, r ? u"bad port"_s : r.message());
                return;
            }
            probe->timer.start();
            if (Status st = self->m_swarm->fetchShard(shardId, self->m_scratchDir,
                                                      {swarm::Endpoint{address, static_cast<quint16>(port)}});
                !st) {
                self->m_probes.remove(key);
                self->emitEvent(id, u"throughput"_s, false, 0, st.message());
            }
        });
}

void Auditor::onFetchFinished(const swarm::FetchResult &result)
{
    const auto probe = m_probes.take(result.id.toString());
    if (!probe)
        return;
    if (!result.path.isEmpty())
        QFile::remove(result.path);
    if (!result.ok()) {
        emitEvent(probe->node, u"throughput"_s, false, elapsedMs(probe->timer), result.error);
        return;
    }
    const double seconds = std::max(result.stats.transferSeconds(), 1e-4);
    const double rate = static_cast<double>(result.stats.bytes) / seconds;
    if (m_reputations.contains(probe->node))
        m_reputations[probe->node].recordThroughput(rate);
    emitEvent(probe->node, u"throughput"_s, true, seconds * 1000.0,
              u"%1 bytes at %2 MB/s"_s.arg(result.stats.bytes).arg(rate / 1e6, 0, 'f', 1));
}

void Auditor::finishNode(const crypto::NodeId &id)
{
    NodeState *n = state(id);
    if (!n || !n->busy)
        return;
    n->busy = false;
    n->pendingProofs = 0;
    if (m_nodes.size() > m_settings.keepConnections)
        dropConnection(*n);
    --m_running;
    Q_EMIT nodeFinished(id);
    pumpQueue();
}

} // namespace stratus::validator
