#include "client/network_context.h"

#include "client/log.h"
#include "discovery/node_record.h"
#include "net/control_client.h"
#include "net/tls_credentials.h"
#include "nodeservice/wire.h"
#include "swarm/swarm_session.h"

#include <QCborArray>
#include <QPromise>
#include <QTimer>

#include <map>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

template <typename T>
QFuture<T> finished(T value)
{
    QPromise<T> p;
    p.start();
    p.addResult(std::move(value));
    p.finish();
    return p.future();
}

template <typename T>
void resolve(const std::shared_ptr<QPromise<T>> &p, T value)
{
    p->addResult(std::move(value));
    p->finish();
}

} // namespace

class NetworkContext::Worker : public QObject {
public:
    Worker(const NetworkContext &ctx, crypto::SigningKey device, net::TlsCredentials tls)
        : m_ctx(ctx), m_device(std::move(device)), m_tls(std::move(tls))
    {
    }

    // Set once by startSwarm() (before NetworkContext::start returns), so
    // any thread may read it afterwards.
    const swarm::SwarmSession *swarm() const { return m_swarm.get(); }

    void setRateLimits(qint64 upload, qint64 download)
    {
        if (m_swarm)
            m_swarm->setRateLimits(upload, download);
    }

    Status startSwarm(const QString &address, quint16 &portOut)
    {
        swarm::SwarmSettings settings;
        settings.listenAddress = address;
        settings.listenPort = 0;
        settings.enableDht = true;      // to find the network's nodes (discover())
        settings.syncFetched = false;   // fetched shards are read once, verified again, and deleted
        settings.rehashFetched = false; // restore checks each shard's root (fetchVerifiedShard), repair checks
                                        // every rebuilt shard against its id; libtorrent checked every block
        settings.mmapDiskIo = true;     // one copy less per block (measured ~10% on put and get)
        auto session = swarm::SwarmSession::create(settings, this);
        if (!session)
            return session.error();
        m_swarm = std::move(session.value());
        portOut = m_swarm->listenEndpoint().port;
        for (const discovery::BootstrapNode &b : m_ctx.network().bootstrap)
            (void)m_swarm->addDhtNode(swarm::Endpoint{b.endpoint.address.toString(), b.endpoint.swarmPort});
        connect(m_swarm.get(), &swarm::SwarmSession::dhtLookupFinished, this,
                [this](const QByteArray &, const swarm::EndpointList &peers) {
                    for (const swarm::Endpoint &p : peers)
                        if (!m_found.contains(p))
                            m_found.append(p);
                });
        connect(m_swarm.get(), &swarm::SwarmSession::dhtPeersFound, this,
                [this](const QByteArray &, const swarm::EndpointList &peers) {
                    for (const swarm::Endpoint &p : peers)
                        if (!m_found.contains(p))
                            m_found.append(p);
                });
        connect(m_swarm.get(), &swarm::SwarmSession::seedReady, this, [this](const object::ShardId &id) {
            for (auto &p : m_seeds.take(id.toString()))
                resolve(p, Status());
        });
        connect(m_swarm.get(), &swarm::SwarmSession::seedFailed, this,
                [this](const object::ShardId &id, const QString &error) {
                    for (auto &p : m_seeds.take(id.toString()))
                        resolve(p, Status(makeError(error)));
                });
        connect(m_swarm.get(), &swarm::SwarmSession::fetchFinished, this, [this](const swarm::FetchResult &r) {
            for (auto &p : m_fetches.take(r.id.toString()))
                resolve(p, r.ok() ? Result<QByteArray>(r.data) : Result<QByteArray>(makeError(r.error)));
        });
        connect(m_swarm.get(), &swarm::SwarmSession::mutablePutFinished, this,
                [this](const swarm::MutablePutResult &r) {
                    for (auto &p : m_dhtPuts.take(r.publicKey + r.salt))
                        resolve(p, r.ok() ? Status() : Status(makeError(r.error)));
                });
        connect(m_swarm.get(), &swarm::SwarmSession::mutableGetFinished, this, [this](const swarm::MutableItem &item) {
            for (auto &p : m_dhtGets.take(item.publicKey + item.salt)) {
                if (!item.error.isEmpty())
                    resolve(p, Result<DhtItem>(makeError(item.error)));
                else
                    resolve(p, Result<DhtItem>(DhtItem{item.found, item.seq, item.value}));
            }
        });
        return {};
    }

    void putDht(const crypto::Key256 &seed, const QByteArray &salt, const QByteArray &value, qint64 seq,
                std::shared_ptr<QPromise<Status>> promise)
    {
        const QByteArray key = swarm::SwarmSession::dhtPublicKey(seed) + salt;
        if (Status st = m_swarm->putMutable(seed, salt, value, seq); !st)
            return resolve(promise, st);
        m_dhtPuts[key].append(promise);
    }

    void getDht(const QByteArray &publicKey, const QByteArray &salt, int timeoutMs,
                std::shared_ptr<QPromise<Result<DhtItem>>> promise)
    {
        if (Status st = m_swarm->getMutable(publicKey, salt, std::chrono::milliseconds(timeoutMs)); !st)
            return resolve(promise, Result<DhtItem>(st.error()));
        m_dhtGets[publicKey + salt].append(promise);
    }

    void stop()
    {
        for (auto &[key, client] : m_clients)
            client->disconnectFromNode();
        m_clients.clear();
        m_swarm.reset();
        for (auto &list : m_dhtPuts)
            for (auto &p : list)
                resolve(p, Status(makeError(u"the client stopped"_s)));
        for (auto &list : m_dhtGets)
            for (auto &p : list)
                resolve(p, Result<DhtItem>(makeError(u"the client stopped"_s)));
        m_dhtPuts.clear();
        m_dhtGets.clear();
    }

    net::ControlClient *clientFor(const crypto::NodeId &id)
    {
        auto it = m_clients.find(id.bytes());
        if (it == m_clients.end()) {
            auto client = std::make_unique<net::ControlClient>(m_device, m_tls);
            it = m_clients.emplace(id.bytes(), std::move(client)).first;
        }
        net::ControlClient *c = it->second.get();
        discovery::BootstrapNode node;
        if (!c->isConnected() && !c->isConnecting() && m_ctx.findNode(id, node))
            c->connectTo(node.endpoint.address, node.endpoint.controlPort, id);
        return c;
    }

    QFuture<Result<QCborMap>> request(const crypto::NodeId &node, const QString &type, const QCborMap &body,
                                      int timeoutMs)
    {
        discovery::BootstrapNode known;
        if (!m_ctx.findNode(node, known))
            return finished(Result<QCborMap>(
                makeError(u"node %1 is neither in the network file nor discovered"_s.arg(node.shortString()))));
        return clientFor(node)->request(type, body, timeoutMs);
    }

    void seed(const object::ShardId &id, const QString &path, const QByteArray &buffer, qsizetype offset,
              const std::vector<object::Hash32> &leaves, const std::shared_ptr<QPromise<Status>> &promise)
    {
        const QString key = id.toString();
        const bool first = !m_seeds.contains(key);
        m_seeds[key].append(promise);
        if (!first)
            return;
        // Bytes come from this client's own pipeline, which hashed them
        // (the leaves): they are served from memory, unchecked.
        const Status st =
            !path.isEmpty() ? m_swarm->seedShard(id, path) : m_swarm->seedShardFromMemory(id, buffer, offset, leaves);
        if (!st)
            for (auto &p : m_seeds.take(key))
                resolve(p, st);
    }

    void fetch(const object::ShardId &id, const crypto::NodeId &node, const QByteArray &order,
               const std::shared_ptr<QPromise<Result<QByteArray>>> &promise)
    {
        discovery::BootstrapNode info;
        if (!m_ctx.findNode(node, info))
            return resolve(promise, Result<QByteArray>(makeError(u"unknown node"_s)));
        QCborMap body{{u"shard"_s, nodeservice::shardToCbor(id)}};
        if (!order.isEmpty())
            body.insert(u"order"_s, order);
        request(node, u"open"_s, body, 15000)
            .then(this, [this, id, promise, address = info.endpoint.address](Result<QCborMap> r) {
                if (!r)
                    return resolve(promise, Result<QByteArray>(r.error()));
                const qint64 port = r->value(u"swarm_port"_s).toInteger();
                if (port <= 0 || port > 65535)
                    return resolve(promise, Result<QByteArray>(makeError(u"the node gave no swarm port"_s)));
                const swarm::Endpoint peer{address.toString(), static_cast<quint16>(port)};
                const QString key = id.toString();
                if (m_fetches.contains(key)) { // already fetching: add this node as a peer
                    m_fetches[key].append(promise);
                    (void)m_swarm->addFetchPeers(id, {peer});
                    return;
                }
                m_fetches[key].append(promise);
                if (Status st = m_swarm->fetchShardToMemory(id, {peer}); !st)
                    for (auto &p : m_fetches.take(key))
                        resolve(p, Result<QByteArray>(st.error()));
            });
    }

    void discover(int timeoutMs, int enough, const std::shared_ptr<QPromise<Result<int>>> &promise)
    {
        if (m_discovery)
            return resolve(promise, Result<int>(makeError(u"a discovery is already running"_s)));
        m_discovery = promise;
        m_discoveryTimeout = timeoutMs;
        m_found.clear();
        m_listed = 0;
        const QByteArray topic = nodeservice::networkTopic(m_ctx.network().name);
        // Give the routing table a moment to fill through the bootstrap
        // nodes, then look up twice (a lookup that starts too early sees
        // only a few nodes).
        const int settle = std::min(1500, timeoutMs / 2);
        for (int at : {settle, settle + (timeoutMs - settle) / 2})
            QTimer::singleShot(at, this, [this, topic, timeoutMs, settle]() {
                (void)m_swarm->getPeers(topic, std::chrono::milliseconds((timeoutMs - settle) / 2));
            });
        // Also ask the known nodes whom they know (reliable where the DHT
        // is still settling).
        for (const discovery::BootstrapNode &b : m_ctx.network().bootstrap)
            request(b.id, u"nodes"_s, {}, timeoutMs).then(this, [this, enough, topic](Result<QCborMap> r) {
                if (!r)
                    return;
                for (const QCborValue &v : r->value(u"nodes"_s).toArray()) {
                    const QCborMap m = v.toMap();
                    auto id = crypto::NodeId::fromBytes(m.value(u"id"_s).toByteArray());
                    discovery::Endpoint e{QHostAddress(m.value(u"address"_s).toString()),
                                          static_cast<quint16>(m.value(u"control_port"_s).toInteger()),
                                          static_cast<quint16>(m.value(u"swarm_port"_s).toInteger())};
                    if (!id || !e.isValid())
                        continue;
                    discovery::NodeRecord record;
                    record.id = id.value();
                    record.endpoint = e;
                    if (const_cast<NetworkContext &>(m_ctx).addDiscovered(record))
                        ++m_listed;
                }
                if (m_ctx.nodes().size() >= enough)
                    onLookup(topic, m_found); // enough nodes known: no need to wait for the DHT
            });
        // Whatever the DHT says or does not say, the lookup ends by its deadline.
        QTimer::singleShot(timeoutMs + 300, this, [this, topic]() { onLookup(topic, m_found); });
    }

    // Asks every peer found under the topic for its node record.
    void onLookup(const QByteArray &, const swarm::EndpointList &peers)
    {
        if (!m_discovery)
            return;
        auto promise = std::move(m_discovery);
        m_discovery.reset();
        auto pending = std::make_shared<int>(0);
        auto added = std::make_shared<int>(m_listed);
        const auto known = m_ctx.nodes();
        for (const swarm::Endpoint &peer : peers) {
            const QHostAddress address(peer.address);
            bool isKnown = false;
            for (const discovery::BootstrapNode &k : known)
                isKnown = isKnown || (k.endpoint.address == address && k.endpoint.controlPort == peer.port);
            if (isKnown || address.isNull())
                continue;
            ++*pending;
            auto *client = new net::ControlClient(m_device, m_tls, {}, this);
            client->connectTo(address, peer.port, crypto::NodeId()); // learn who answers
            client->request(u"record"_s, {}, m_discoveryTimeout)
                .then(this, [this, client, address, pending, added, promise](Result<QCborMap> r) {
                    if (r) {
                        auto record = discovery::SignedNodeRecord::fromCbor(r->value(u"record"_s).toByteArray());
                        // The record must be of the node the TLS channel proved, at the address it came from.
                        if (record && record->record.id == client->peer() && record->record.endpoint.address == address)
                            *added += const_cast<NetworkContext &>(m_ctx).addDiscovered(record->record) ? 1 : 0;
                    }
                    client->deleteLater();
                    if (--*pending == 0)
                        resolve(promise, Result<int>(*added));
                });
        }
        if (*pending == 0)
            resolve(promise, Result<int>(0));
    }

    void unload(const object::ShardId &id) { m_swarm->unload(id); }
    void cancelFetch(const object::ShardId &id) { m_swarm->cancelFetch(id); }

private:
    const NetworkContext &m_ctx;
    crypto::SigningKey m_device;
    net::TlsCredentials m_tls;
    std::unique_ptr<swarm::SwarmSession> m_swarm;
    std::map<QByteArray, std::unique_ptr<net::ControlClient>> m_clients;
    QHash<QString, QList<std::shared_ptr<QPromise<Status>>>> m_seeds;
    QHash<QString, QList<std::shared_ptr<QPromise<Result<QByteArray>>>>> m_fetches;
    QHash<QByteArray, QList<std::shared_ptr<QPromise<Status>>>> m_dhtPuts;
    QHash<QByteArray, QList<std::shared_ptr<QPromise<Result<DhtItem>>>>> m_dhtGets;
    std::shared_ptr<QPromise<Result<int>>> m_discovery;
    swarm::EndpointList m_found;
    int m_listed = 0; // nodes added from "nodes" answers
    int m_discoveryTimeout = 3000;
};

Result<std::unique_ptr<NetworkContext>> NetworkContext::start(const discovery::NetworkFile &network,
                                                              const crypto::SigningKey &device,
                                                              const QString &swarmAddress)
{
    auto tls = net::makeTlsCredentials();
    if (!tls)
        return tls.error();
    std::unique_ptr<NetworkContext> ctx(new NetworkContext);
    ctx->m_network = network;
    ctx->m_deviceId = crypto::NodeId::fromPublicKey(device.publicKey());
    ctx->m_swarmAddress = swarmAddress;
    ctx->m_thread.setObjectName(u"network"_s);
    ctx->m_thread.start();
    ctx->m_worker = new Worker(*ctx, crypto::SigningKey(device.seed()), tls.value());
    ctx->m_worker->moveToThread(&ctx->m_thread);
    Status started;
    QMetaObject::invokeMethod(
        ctx->m_worker, [&]() { started = ctx->m_worker->startSwarm(swarmAddress, ctx->m_swarmPort); },
        Qt::BlockingQueuedConnection);
    if (!started)
        return makeError(u"cannot start the client's swarm session: %1"_s.arg(started.message()));
    return ctx;
}

NetworkContext::~NetworkContext()
{
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker,
            [this]() {
                m_worker->stop();
                delete m_worker;
            },
            Qt::BlockingQueuedConnection);
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

QList<discovery::BootstrapNode> NetworkContext::nodes() const
{
    QMutexLocker lock(&m_nodesMutex);
    return m_network.bootstrap + m_discovered;
}

bool NetworkContext::findNode(const crypto::NodeId &id, discovery::BootstrapNode &out) const
{
    QMutexLocker lock(&m_nodesMutex);
    for (const QList<discovery::BootstrapNode> *list : {&m_network.bootstrap, &m_discovered, &m_network.validators})
        for (const discovery::BootstrapNode &n : *list)
            if (n.id == id) {
                out = n;
                return true;
            }
    return false;
}

bool NetworkContext::addDiscovered(const discovery::NodeRecord &record)
{
    QMutexLocker lock(&m_nodesMutex);
    for (const QList<discovery::BootstrapNode> *list : {&m_network.bootstrap, &m_discovered})
        for (const discovery::BootstrapNode &n : *list)
            if (n.id == record.id)
                return false;
    m_discovered.append(discovery::BootstrapNode{record.id, record.endpoint, QString()});
    return true;
}

Result<int> NetworkContext::discover(int timeoutMs, int enough)
{
    auto promise = std::make_shared<QPromise<Result<int>>>();
    promise->start();
    QFuture<Result<int>> future = promise->future();
    QMetaObject::invokeMethod(m_worker,
                              [this, timeoutMs, enough, promise]() { m_worker->discover(timeoutMs, enough, promise); });
    return future.result();
}

QFuture<Result<QCborMap>> NetworkContext::request(const crypto::NodeId &node, const QString &type, const QCborMap &body,
                                                  int timeoutMs)
{
    auto promise = std::make_shared<QPromise<Result<QCborMap>>>();
    promise->start();
    QFuture<Result<QCborMap>> future = promise->future();
    QMetaObject::invokeMethod(m_worker, [this, node, type, body, timeoutMs, promise]() {
        m_worker->request(node, type, body, timeoutMs).then(m_worker, [promise](Result<QCborMap> r) {
            resolve(promise, std::move(r));
        });
    });
    return future;
}

QFuture<Status> NetworkContext::seed(const object::ShardId &id, const QString &path)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> future = promise->future();
    QMetaObject::invokeMethod(m_worker,
                              [this, id, path, promise]() { m_worker->seed(id, path, QByteArray(), 0, {}, promise); });
    return future;
}

QFuture<Status> NetworkContext::seed(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                                     const std::vector<object::Hash32> &leaves)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> future = promise->future();
    QMetaObject::invokeMethod(m_worker, [this, id, buffer, offset, leaves, promise]() {
        m_worker->seed(id, QString(), buffer, offset, leaves, promise);
    });
    return future;
}

QFuture<Status> NetworkContext::putDhtItem(const crypto::Key256 &seed, const QByteArray &salt, const QByteArray &value,
                                           qint64 seq)
{
    auto promise = std::make_shared<QPromise<Status>>();
    promise->start();
    QFuture<Status> future = promise->future();
    QMetaObject::invokeMethod(
        m_worker, [this, seed, salt, value, seq, promise]() { m_worker->putDht(seed, salt, value, seq, promise); });
    return future;
}

QFuture<Result<NetworkContext::DhtItem>> NetworkContext::getDhtItem(const QByteArray &publicKey, const QByteArray &salt,
                                                                    int timeoutMs)
{
    auto promise = std::make_shared<QPromise<Result<DhtItem>>>();
    promise->start();
    QFuture<Result<DhtItem>> future = promise->future();
    QMetaObject::invokeMethod(m_worker, [this, publicKey, salt, timeoutMs, promise]() {
        m_worker->getDht(publicKey, salt, timeoutMs, promise);
    });
    return future;
}

swarm::PayloadTotals NetworkContext::transferred() const
{
    const swarm::SwarmSession *session = m_worker ? m_worker->swarm() : nullptr;
    return session ? session->payloadTotals() : swarm::PayloadTotals{};
}

void NetworkContext::setRateLimits(qint64 upload, qint64 download)
{
    QMetaObject::invokeMethod(m_worker, [this, upload, download]() { m_worker->setRateLimits(upload, download); });
}

void NetworkContext::unload(const object::ShardId &id)
{
    QMetaObject::invokeMethod(m_worker, [this, id]() { m_worker->unload(id); });
}

void NetworkContext::cancelFetch(const object::ShardId &id)
{
    QMetaObject::invokeMethod(m_worker, [this, id]() { m_worker->cancelFetch(id); });
}

QFuture<Result<QByteArray>> NetworkContext::fetch(const object::ShardId &id, const crypto::NodeId &node,
                                                  const QByteArray &order)
{
    auto promise = std::make_shared<QPromise<Result<QByteArray>>>();
    promise->start();
    QFuture<Result<QByteArray>> future = promise->future();
    QMetaObject::invokeMethod(m_worker,
                              [this, id, node, order, promise]() { m_worker->fetch(id, node, order, promise); });
    return future;
}

} // namespace stratus::client
