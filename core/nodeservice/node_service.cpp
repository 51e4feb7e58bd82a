#include "nodeservice/node_service.h"

#include "common/freed_memory.h"
#include "discovery/node_record.h"
#include "ledger/economics.h"
#include "ledger/reward.h"
#include "net/control_client.h"
#include "net/control_server.h"
#include "net/responder.h"
#include "net/tls_credentials.h"
#include "node/contract.h"
#include "node/gc.h"
#include "node/node_database.h"
#include "node/orders.h"
#include "node/proof.h"
#include "node/shard_store.h"
#include "nodeservice/credit_gate.h"
#include "nodeservice/epoch_closer.h"
#include "nodeservice/log.h"
#include "nodeservice/peer_clients.h"
#include "nodeservice/wire.h"
#include "swarm/swarm_session.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace stratus::nodeservice {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

constexpr qsizetype kMaxClaimPicks = 64;

} // namespace

struct NodeService::PendingStore {
    crypto::NodeId peer;
    node::SignedContract contract;
    net::Responder responder;
};

struct NodeService::PendingOpen {
    net::Responder responder;
};

NodeService::NodeService(NodeServiceConfig config) : m_config(std::move(config)) {}

NodeService::~NodeService() { stop(); }

Result<std::unique_ptr<NodeService>> NodeService::start(const NodeServiceConfig &config)
{
    std::unique_ptr<NodeService> service(new NodeService(config));
    if (Status st = service->open(); !st)
        return st.error();
    return service;
}

Status NodeService::open()
{
    auto keys = discovery::NodeKeys::loadOrCreate(m_config.dataDir);
    if (!keys)
        return keys.error();
    m_keys = keys.value();

    auto tls = net::makeTlsCredentials();
    if (!tls)
        return tls.error();
    m_server = std::make_unique<net::ControlServer>(*m_keys.identity, tls.value());
    if (!m_config.storage) {
        installHandlers();
        if (Status st = m_server->listen(m_config.listenAddress, m_config.controlPort); !st)
            return makeError(u"cannot listen on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
                                 .arg(m_config.controlPort)
                                 .arg(st.message()));
        qCInfo(lcService).noquote() << "node" << m_keys.id.toString() << "(no storage) on" << address().toString()
                                    << "control" << controlPort();
        return {};
    }

    node::ShardStoreOptions storeOptions;
    storeOptions.capacity = m_config.capacity;
    auto store = node::ShardStore::open(m_config.dataDir + u"/store"_s, storeOptions);
    if (!store)
        return makeError(u"cannot open the shard store: %1"_s.arg(store.message()));
    m_store = std::move(store.value()); // open() scanned it and logged what it found
    // Transfers landed here in earlier versions; what is left is partial
    // and unverified (transfers go to memory now).
    QDir(m_config.dataDir + u"/incoming"_s).removeRecursively();

    auto db = node::NodeDatabase::open(m_config.dataDir + u"/node.db"_s, m_keys.databaseKey.toByteArray(), m_keys.id);
    if (!db)
        return makeError(u"cannot open the node database: %1"_s.arg(db.message()));
    m_db = std::move(db.value());

    swarm::SwarmSettings swarmSettings;
    swarmSettings.listenAddress = m_config.listenAddress.toString();
    swarmSettings.listenPort = m_config.swarmPort ? m_config.swarmPort : quint16(m_config.controlPort + 1);
    swarmSettings.idleUnloadAfter = m_config.idleUnload;
    // Fetched shards arrive in memory, libtorrent having checked every block
    // against the ShardId's root; the store writes and fsyncs them itself.
    swarmSettings.rehashFetched = false;
    swarmSettings.syncFetched = false;
    auto swarm = swarm::SwarmSession::create(swarmSettings);
    if (!swarm)
        return makeError(u"cannot start the swarm session: %1"_s.arg(swarm.message()));
    m_swarm = std::move(swarm.value());
    connect(m_swarm.get(), &swarm::SwarmSession::fetchFinished, this, &NodeService::onFetchFinished);
    connect(m_swarm.get(), &swarm::SwarmSession::seedReady, this, [this](const object::ShardId &id) {
        for (const auto &p : m_pendingOpens.take(id.toString()))
            p->responder.ok(QCborMap{{u"swarm_port"_s, swarmPort()}});
    });
    connect(m_swarm.get(), &swarm::SwarmSession::seedFailed, this,
            [this](const object::ShardId &id, const QString &error) {
                for (const auto &p : m_pendingOpens.take(id.toString()))
                    p->responder.error(u"internal"_s, u"cannot serve the shard: %1"_s.arg(error));
            });

    installHandlers();
    if (Status st = m_server->listen(m_config.listenAddress, m_config.controlPort); !st)
        return makeError(u"cannot listen on %1:%2: %3"_s.arg(m_config.listenAddress.toString())
                             .arg(m_config.controlPort)
                             .arg(st.message()));

    if (m_config.network) {
        auto economics = ledger::Economics::ofNetwork(m_config.network->economics);
        if (!economics)
            return economics.error();
        m_minPrice = economics->storagePrice;
        m_economics = economics.value();
        m_peers = std::make_unique<PeerClients>(m_keys.identity, m_config.listenAddress);
        m_credits = std::make_unique<CreditGate>(*m_config.network, m_economics, *m_peers);
        EpochCloserConfig closer;
        closer.network = *m_config.network;
        closer.economics = economics.value();
        closer.capacityBytes = capacity();
        m_closer = std::make_unique<EpochCloser>(closer, *m_db, m_keys.identity, *m_peers);
    }

    joinDht();
    askToBeAudited();
    m_gcTimer = new QTimer(this);
    connect(m_gcTimer, &QTimer::timeout, this, &NodeService::collectGarbage);
    m_gcTimer->start(m_config.gcInterval);
    m_memoryTimer = new QTimer(this);
    connect(m_memoryTimer, &QTimer::timeout, this, &NodeService::returnMemoryWhenQuiet);
    m_memoryTimer->start(std::chrono::seconds(5));
    qCInfo(lcService).noquote() << "node" << m_keys.id.toString() << "serving" << m_store->shardCount() << "shards on"
                                << address().toString() << "control" << controlPort() << "swarm" << swarmPort();
    return {};
}

QHostAddress NodeService::address() const { return m_server ? m_server->address() : QHostAddress(); }
quint16 NodeService::controlPort() const { return m_server ? m_server->port() : 0; }
quint16 NodeService::swarmPort() const { return m_swarm ? m_swarm->listenEndpoint().port : 0; }
qint64 NodeService::capacity() const { return m_store ? m_store->capacity() : 0; }
qint64 NodeService::usedBytes() const { return m_store ? m_store->usedBytes() : 0; }
qint64 NodeService::freeBytes() const { return m_store ? m_store->freeBytes() : 0; }
qint64 NodeService::shardCount() const { return m_store ? m_store->shardCount() : 0; }

qint64 NodeService::trashBytes() const
{
    if (!m_store || !m_db)
        return 0;
    // What collection would take without a grace period.
    const Result<std::vector<node::CollectibleShard>> trash =
        m_db->collectibleShards(QDateTime::currentMSecsSinceEpoch(), 0);
    if (!trash)
        return 0;
    qint64 bytes = 0; // what the store counts for each (the shard and its leaves)
    for (const node::CollectibleShard &c : trash.value())
        bytes += node::ShardStore::footprint(c.shard.size);
    return std::min(bytes, usedBytes());
}

void NodeService::stop()
{
    if (m_gcTimer)
        m_gcTimer->stop();
    if (m_memoryTimer)
        m_memoryTimer->stop();
    if (m_server)
        m_server->close();
    m_adoptPool.waitForDone(); // they use m_store
    m_adopting.clear();
    for (auto &list : m_pendingStores)
        for (const auto &p : list)
            p->responder.error(u"unavailable"_s, u"the node is shutting down"_s);
    m_pendingStores.clear();
    for (auto &list : m_pendingOpens)
        for (const auto &p : list)
            p->responder.error(u"unavailable"_s, u"the node is shutting down"_s);
    m_pendingOpens.clear();
    m_closer.reset();
    m_credits.reset();
    m_peers.reset();
    m_server.reset();
    m_swarm.reset();
}

void NodeService::installHandlers()
{
    m_server->setHandler(u"status"_s, [this](const crypto::NodeId &, const QCborMap &, net::Responder r) {
        r.ok(QCborMap{{u"id"_s, m_keys.id.bytes()},
                      {u"capacity"_s, capacity()},
                      {u"used"_s, usedBytes()},
                      {u"free"_s, freeBytes()},
                      {u"shards"_s, shardCount()},
                      {u"swarm_port"_s, swarmPort()},
                      {u"network"_s, m_config.networkName},
                      {u"version"_s, QStringLiteral(STRATUS_VERSION)}});
    });

    // nodes: the nodes this node knows from its network file, so that a
    // client that knows one node finds the rest (each one's identity is then
    // proven by its own TLS channel).
    m_server->setHandler(u"nodes"_s, [this](const crypto::NodeId &, const QCborMap &, net::Responder r) {
        QCborArray list;
        for (const discovery::BootstrapNode &b : m_config.bootstrap)
            list.append(QCborMap{{u"id"_s, b.id.bytes()},
                                 {u"address"_s, b.endpoint.address.toString()},
                                 {u"control_port"_s, b.endpoint.controlPort},
                                 {u"swarm_port"_s, b.endpoint.swarmPort}});
        r.ok(QCborMap{{u"nodes"_s, list}});
    });

    // record: this node's signed, sequenced node record (discovery).
    m_server->setHandler(u"record"_s, [this](const crypto::NodeId &, const QCborMap &, net::Responder r) {
        discovery::NodeRecord record;
        record.sequence = std::max<quint64>(++m_recordSequence, static_cast<quint64>(nowMs()));
        m_recordSequence = record.sequence;
        record.endpoint = discovery::Endpoint{address(), controlPort(), swarmPort()};
        record.capacityBytes = static_cast<quint64>(capacity());
        record.freeBytes = static_cast<quint64>(freeBytes());
        record.region = u"local"_s;
        record.version = QStringLiteral(STRATUS_VERSION);
        record.timeMs = nowMs();
        r.ok(QCborMap{{u"record"_s, discovery::SignedNodeRecord::sign(record, *m_keys.identity).toCbor()}});
    });

    if (!m_store)
        return; // no storage role: the storage requests stay unknown

    // store {contract: client-signed proposal, source: uploader's swarm endpoint}
    m_server->setHandler(u"store"_s, [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
        auto contract = node::decodeSignedContract(body.value(u"contract"_s).toByteArray());
        if (!contract)
            return (void)r.error(u"bad-request"_s, contract.message());
        auto terms = node::verifyContractProposal(contract.value(), m_keys.id);
        if (!terms)
            return (void)r.error(u"bad-contract"_s, terms.message());
        if (terms->client != peer)
            return (void)r.error(u"forbidden"_s, u"the contract is signed by another client"_s);
        if (terms->expiryMs <= nowMs())
            return (void)r.error(u"bad-contract"_s, u"the contract has already expired"_s);
        if (terms->price < m_minPrice)
            return (void)r.error(
                u"bad-contract"_s,
                u"the contract pays %1 µcr per GiB-month; this network's storage price is %2"_s.arg(terms->price)
                    .arg(m_minPrice));
        // A client pays with credits: refuse one whose balance would not cover it.
        if (m_credits && m_credits->enabled()) {
            QPointer<NodeService> self(this);
            const node::SignedContract signedContract = contract.value();
            const node::ContractTerms t = terms.value();
            m_credits->check(t.client, node::contractCost(t),
                             [self, peer, signedContract, t, body, r](const QString &refusal) {
                                 if (!self)
                                     return (void)r.error(u"unavailable"_s, u"the node is shutting down"_s);
                                 if (!refusal.isEmpty())
                                     return (void)r.error(u"no-credit"_s, refusal);
                                 self->acceptStore(peer, signedContract, t, body, r);
                             });
            return;
        }
        acceptStore(peer, contract.value(), terms.value(), body, r);
    });

    // open {shard}: load the shard into the swarm so a downloader can connect.
    m_server->setHandler(u"open"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto id = shardFromCbor(body.value(u"shard"_s));
        if (!id)
            return (void)r.error(u"bad-request"_s, id.message());
        if (!m_store->has(id.value()))
            return (void)r.error(u"not-found"_s, u"this node does not hold shard %1"_s.arg(id->toString().left(12)));
        // A client pays for egress with a signed bandwidth order (recorded
        // once: a replayed order is refused). Validators probing throughput
        // send none.
        if (body.contains(u"order"_s)) {
            auto order = node::decodeSignedOrder(body.value(u"order"_s).toByteArray());
            if (!order)
                return (void)r.error(u"bad-order"_s, order.message());
            auto bandwidth = node::verifyBandwidthOrder(order.value(), m_keys.id);
            if (!bandwidth)
                return (void)r.error(u"bad-order"_s, bandwidth.message());
            if (!(bandwidth->shard == id.value()))
                return (void)r.error(u"bad-order"_s, u"the bandwidth order is for another shard"_s);
            if (auto recorded = m_db->addBandwidthOrder(order.value(), nowMs()); !recorded)
                return (void)r.error(u"bad-order"_s, recorded.message());
            if (m_credits)
                m_credits->reportOrder(bandwidth->client, node::encodeSignedOrder(order.value()),
                                       ledger::egressAmount(bandwidth->bytes, m_economics.egressPrice));
        }
        // Answered once the seed is ready: a client connects right after the
        // answer, and a torrent still being added would drop it (its fetch
        // then waits for the swarm's stall timeout).
        if (m_swarm->isServing(id.value()))
            return (void)r.ok(QCborMap{{u"swarm_port"_s, swarmPort()}});
        auto leaves = m_store->readLeaves(id.value());
        const QString key = id->toString();
        const bool first = !m_pendingOpens.contains(key);
        m_pendingOpens[key].append(std::make_shared<PendingOpen>(PendingOpen{r}));
        if (first) {
            // The peer asks for blocks of 16 KiB; reading the shard ahead in
            // one go serves them from memory instead of one small disk read
            // each (cold shards: stores bypass the page cache).
            m_store->readAhead(id.value());
            if (Status st = m_swarm->seedShard(id.value(), m_store->pathOf(id.value()),
                                               leaves ? leaves.value() : std::vector<object::Hash32>{});
                !st) {
                for (const auto &p : m_pendingOpens.take(key))
                    p->responder.error(u"internal"_s, st.message());
            }
        }
    });

    // prove {challenge}: a block of the shard and its merkle path, signed.
    m_server->setHandler(u"prove"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto challenge = node::decodeProofChallenge(body.value(u"challenge"_s).toByteArray());
        if (!challenge)
            return (void)r.error(u"bad-request"_s, challenge.message());
        if (!m_store->has(challenge->shard)) {
            // Deleted by its client (perhaps between an auditor's claims and
            // this challenge): show the client's signed order instead.
            auto deletion = m_db->deletionOf(challenge->shard);
            if (deletion && deletion->has_value())
                return (void)r.ok(QCborMap{{u"deleted"_s, node::encodeSignedOrder(**deletion)}});
            return (void)r.error(u"not-found"_s, u"this node does not hold the shard"_s);
        }
        auto proof = m_store->prove(challenge.value(), *m_keys.identity);
        if (!proof)
            return (void)r.error(u"internal"_s, proof.message());
        r.ok(QCborMap{{u"proof"_s, node::encodeProofResponse(proof.value())}});
    });

    // claims {picks: [uint]}: the contracts this node claims to hold (and is
    // paid for), at the positions picks[i] mod count, chosen at random by an
    // auditor; it then challenges those shards with `prove`.
    // earnings {epochs?}: the node's latest signed epoch statements and an
    // estimate of the running epoch; statement {epoch, offset?, limit?}:
    // one statement with its evidence and a page of its receipts
    // (core/ledger/STATEMENTS.md).
    m_server->setHandler(u"earnings"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        if (!m_closer)
            return (void)r.error(u"not-found"_s, u"this node runs without a network file: no earnings"_s);
        const qint64 epochs = body.value(u"epochs"_s).toInteger(30);
        if (epochs < 0 || epochs > 10000)
            return (void)r.error(u"bad-request"_s, u"epochs must be 0 to 10000"_s);
        auto reply = m_closer->earnings(static_cast<int>(epochs), nowMs());
        if (!reply)
            return (void)r.error(u"internal"_s, reply.message());
        r.ok(reply.value());
    });
    m_server->setHandler(u"statement"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        if (!m_closer)
            return (void)r.error(u"not-found"_s, u"this node runs without a network file: no earnings"_s);
        const qint64 epoch = body.value(u"epoch"_s).toInteger(-1);
        const qint64 offset = body.value(u"offset"_s).toInteger(0);
        const qint64 limit = body.value(u"limit"_s).toInteger(100);
        if (epoch < 0 || offset < 0 || limit < 1)
            return (void)r.error(u"bad-request"_s, u"statement needs epoch >= 0, offset >= 0, limit >= 1"_s);
        auto reply = m_closer->statement(epoch, offset, limit);
        if (!reply)
            return (void)r.error(reply.message().startsWith(u"not-found: "_s) ? u"not-found"_s : u"internal"_s,
                                 reply.message().startsWith(u"not-found: "_s) ? reply.message().mid(11)
                                                                              : reply.message());
        r.ok(reply.value());
    });

    m_server->setHandler(u"claims"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const QCborValue picksValue = body.value(u"picks"_s);
        if (!picksValue.isArray() || picksValue.toArray().size() > kMaxClaimPicks)
            return (void)r.error(u"bad-request"_s, u"picks: a list of at most %1 numbers"_s.arg(kMaxClaimPicks));
        const qint64 now = nowMs();
        auto count = m_db->claimCount(now);
        if (!count)
            return (void)r.error(u"internal"_s, count.message());
        QCborArray contracts;
        for (const QCborValue &pick : picksValue.toArray()) {
            if (!pick.isInteger() || pick.toInteger() < 0)
                return (void)r.error(u"bad-request"_s, u"picks: a list of unsigned numbers"_s);
            if (count.value() == 0)
                break;
            auto record = m_db->claimAt(pick.toInteger() % count.value(), now);
            if (!record)
                return (void)r.error(u"internal"_s, record.message());
            if (record->has_value())
                contracts.append(node::encodeSignedContract((*record)->contract));
        }
        r.ok(QCborMap{{u"count"_s, count.value()}, {u"contracts"_s, contracts}});
    });

    // delete {order}: a client-signed deletion; the space is freed at once.
    m_server->setHandler(u"delete"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto order = node::decodeSignedOrder(body.value(u"order"_s).toByteArray());
        if (!order)
            return (void)r.error(u"bad-request"_s, order.message());
        auto deletion = node::verifyDeletionOrder(order.value(), m_keys.id);
        if (!deletion)
            return (void)r.error(u"bad-order"_s, deletion.message());
        auto applied = m_db->applyDeletion(order.value(), nowMs());
        if (!applied)
            return (void)r.error(u"bad-order"_s, applied.message());
        m_swarm->unload(deletion->shard);
        collectGarbage();
        r.ok(QCborMap{{u"contracts"_s, applied.value()}});
    });

    // pointer-put {pointer}, pointer-get {key, salt}: signed pointers
    // (node/signed_pointer.h) — the sync engine's log heads and device lists.
    m_server->setHandler(u"pointer-put"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto pointer = node::SignedPointer::decode(body.value(u"pointer"_s).toByteArray());
        if (!pointer)
            return (void)r.error(u"bad-request"_s, pointer.message());
        if (Status st = m_db->putPointer(pointer.value(), nowMs()); !st)
            return (void)r.error(st.message().startsWith(u"stale"_s) ? u"stale"_s : u"refused"_s, st.message());
        r.ok(QCborMap{{u"seq"_s, pointer->sequence}});
    });
    m_server->setHandler(u"pointer-get"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const QByteArray key = body.value(u"key"_s).toByteArray();
        const QByteArray salt = body.value(u"salt"_s).toByteArray();
        if (key.size() != crypto::kEd25519PublicKeySize || salt.size() > node::SignedPointer::kMaxSalt)
            return (void)r.error(u"bad-request"_s, u"key: 32 bytes; salt: at most 64 bytes"_s);
        auto pointer = m_db->pointer(key, salt);
        if (!pointer)
            return (void)r.error(u"internal"_s, pointer.message());
        if (!pointer->has_value())
            return (void)r.error(u"not-found"_s, u"this node holds no such pointer"_s);
        r.ok(QCborMap{{u"pointer"_s, (*pointer)->encode()}});
    });
}

void NodeService::acceptStore(const crypto::NodeId &peer, const node::SignedContract &contract,
                              const node::ContractTerms &terms, const QCborMap &body, net::Responder r)
{
    auto pending = std::make_shared<PendingStore>(PendingStore{peer, contract, r});
    const QString key = terms.shard.toString();
    if (m_store->has(terms.shard)) {
        m_pendingStores[key].append(pending);
        finishStore(key, {}); // already here: accept at once (renewal or dedup)
        return;
    }
    const qint64 need = node::ShardStore::footprint(terms.shard.size);
    if (need > freeBytes())
        return (void)r.error(
            u"no-space"_s,
            u"node %1 has %2 bytes free, the shard needs %3"_s.arg(m_keys.id.shortString()).arg(freeBytes()).arg(need));
    auto source = endpointFromCbor(body.value(u"source"_s));
    if (!source)
        return (void)r.error(u"bad-request"_s, source.message());
    std::vector<object::Hash32> leaves;
    if (body.contains(u"leaves"_s)) {
        const QCborValue offered = body.value(u"leaves"_s);
        auto parsed = offered.isByteArray() ? leavesFromBytes(offered.toByteArray(), terms.shard)
                                            : Result<std::vector<object::Hash32>>(makeError(u"not a byte string"_s));
        if (!parsed)
            return (void)r.error(u"bad-request"_s, u"leaves: %1"_s.arg(parsed.message()));
        leaves = std::move(parsed.value());
    }
    const bool first = !m_pendingStores.contains(key);
    m_pendingStores[key].append(pending);
    if (m_adopting.contains(key))
        return; // fetched already, going into the store: answered with the others
    if (!leaves.empty() && !m_offeredLeaves.contains(key))
        m_offeredLeaves.insert(key, std::move(leaves));
    // Into memory, then written to the store around the page cache
    // (ShardStore::put): no incoming file written, fsynced and renamed.
    const Status st = first ? m_swarm->fetchShardToMemory(terms.shard, {source.value()})
                            : m_swarm->addFetchPeers(terms.shard, {source.value()});
    if (!st) {
        m_pendingStores[key].removeAll(pending);
        if (m_pendingStores[key].isEmpty()) {
            m_pendingStores.remove(key);
            m_offeredLeaves.remove(key);
        }
        r.error(u"internal"_s, st.message());
    }
}

void NodeService::onFetchFinished(const swarm::FetchResult &result)
{
    const QString key = result.id.toString();
    const std::vector<object::Hash32> leaves = m_offeredLeaves.take(key);
    if (!result.ok())
        return finishStore(key, makeError(u"could not fetch the shard from the uploader: %1"_s.arg(result.error)));
    if (result.data.isEmpty())
        return finishStore(key, {}); // already stored
    // libtorrent checked every piece against the root's tree; leaves the
    // uploader sent that lead to the same root spare hashing it again.
    m_adopting.insert(key);
    auto *watcher = new QFutureWatcher<Status>(this);
    connect(watcher, &QFutureWatcher<Status>::finished, this, [this, watcher, key]() {
        watcher->deleteLater();
        if (!m_adopting.remove(key))
            return; // stopped meanwhile
        finishStore(key, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&m_adoptPool, [store = m_store.get(), result, leaves]() {
        return store->put(result.id, result.data, leaves); // libtorrent checked every piece against the id
    }));
}

void NodeService::finishStore(const QString &key, const Status &stored)
{
    const QList<std::shared_ptr<PendingStore>> waiting = m_pendingStores.take(key);
    for (const auto &p : waiting) {
        if (!stored) {
            p->responder.error(stored.message().contains(u"capacity"_s) || stored.message().contains(u"space"_s)
                                   ? u"no-space"_s
                                   : u"store-failed"_s,
                               stored.message());
            continue;
        }
        node::SignedContract contract = p->contract;
        if (Status st = node::countersignContract(contract, *m_keys.identity); !st) {
            p->responder.error(u"internal"_s, st.message());
            continue;
        }
        auto id = m_db->addContract(contract, nowMs());
        if (id) {
            (void)m_db->addReceipt(id.value(), nowMs());
            if (m_credits)
                if (auto t = node::decodeContractTerms(contract.payload); t)
                    m_credits->reportContract(t->client, node::encodeSignedContract(contract), node::contractCost(*t));
        }
        if (!id) {
            p->responder.error(u"internal"_s, id.message());
            continue;
        }
        p->responder.ok(QCborMap{{u"contract"_s, node::encodeSignedContract(contract)}});
    }
    if (stored && !waiting.isEmpty())
        qCDebug(lcService).noquote() << "stored shard" << key.left(12) << "for" << waiting.size() << "contract(s)";
}

void NodeService::joinDht()
{
    if (!m_swarm)
        return;
    for (const discovery::BootstrapNode &b : m_config.bootstrap)
        if (b.id != m_keys.id)
            (void)m_swarm->addDhtNode(swarm::Endpoint{b.endpoint.address.toString(), b.endpoint.swarmPort});
    if (m_config.networkName.isEmpty())
        return;
    // Announce the control port under the network's topic: soon after start
    // (once the routing table has filled), then every few minutes (DHT
    // announces expire after about 30 minutes).
    // Every second while the routing table fills (an announce into an empty
    // table reaches nobody), then every ten minutes.
    m_announceTimer = new QTimer(this);
    auto announces = std::make_shared<int>(0);
    connect(m_announceTimer, &QTimer::timeout, this, [this, announces]() {
        (void)m_swarm->announce(networkTopic(m_config.networkName), controlPort());
        if (++*announces == 20)
            m_announceTimer->setInterval(600000);
    });
    m_announceTimer->start(1000);
}

void NodeService::returnMemoryWhenQuiet()
{
    // A program that moves shards keeps freed buffers for the next shard
    // (api/process_tuning.h); a node between uploads should not sit on them.
    if (!m_swarm)
        return;
    const swarm::PayloadTotals totals = m_swarm->payloadTotals();
    const qint64 moved = totals.sent + totals.received;
    if (moved != m_payloadSeen) {
        m_payloadSeen = moved;
        m_payloadMoved = true;
        return;
    }
    if (m_payloadMoved) {
        m_payloadMoved = false;
        returnFreedMemory();
    }
}

void NodeService::collectGarbage()
{
    node::GarbageCollector gc(*m_store, *m_db);
    auto report = gc.collect(nowMs(), static_cast<qint64>(m_config.gcGrace.count()));
    if (!report) {
        qCWarning(lcService).noquote() << "garbage collection failed:" << report.message();
        return;
    }
    for (const auto &c : report->collected) {
        m_swarm->unload(c.shard);
        qCInfo(lcService).noquote() << "collected shard" << c.shard.toString().left(12) << "-" << c.reason;
    }
}

} // namespace stratus::nodeservice
