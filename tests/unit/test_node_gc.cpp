// Garbage collection of the storage node, on a real shard store and a real
// SQLCipher database: grace periods, renewals, deletion orders, restarts.

#include "node/gc.h"
#include "node/node_database.h"
#include "node/shard_store.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

#include "test_data.h"
#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using crypto::SigningKey;
using object::ShardId;
using test::makeContract;
using test::makeDeletion;
using test::nodeIdOf;
using test::pseudoRandom;
using test::shardIdOf;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kDay = qint64(24) * 3600 * 1000;
constexpr qint64 kGrace = 7 * kDay;

} // namespace

class TestNodeGc : public QObject {
    Q_OBJECT

private:
    QByteArray m_key = crypto::randomBytes(32);
    SigningKey m_node = SigningKey::generate();
    SigningKey m_client = SigningKey::generate();
    SigningKey m_other = SigningKey::generate();

    struct Node {
        std::unique_ptr<ShardStore> store;
        std::unique_ptr<NodeDatabase> db;
    };

    Node openNode(const QString &dir)
    {
        ShardStoreOptions o;
        o.capacity = 64 * 1024 * 1024;
        o.diskReserve = 1024 * 1024;
        auto store = ShardStore::open(dir + u"/store"_s, o);
        auto db = NodeDatabase::open(dir + u"/node.db"_s, m_key, nodeIdOf(m_node));
        if (!store || !db) {
            qWarning().noquote() << (store ? QString() : store.message()) << (db ? QString() : db.message());
            return {};
        }
        return Node{std::move(store).value(), std::move(db).value()};
    }

    // Stores `data` under a new contract from `client`; returns its id.
    ShardId store(Node &n, const QByteArray &data, const SigningKey &client, qint64 start, qint64 expiry)
    {
        const ShardId id = shardIdOf(data);
        auto contract = n.db->addContract(makeContract(client, m_node, id, start, expiry), start);
        if (!contract || !n.store->put(id, data).ok() || !n.db->addReceipt(*contract, start).ok())
            return {};
        return id;
    }

    // The node's trash: what collection would take without a grace period.
    static std::optional<std::vector<qint64>> trashSizes(NodeDatabase &db, qint64 now)
    {
        auto collectible = db.collectibleShards(now, 0);
        if (!collectible)
            return std::nullopt;
        std::vector<qint64> sizes;
        for (const CollectibleShard &c : collectible.value())
            sizes.push_back(c.shard.size);
        return sizes;
    }

private Q_SLOTS:
    void respectsGracePeriod()
    {
        QTemporaryDir dir;
        Node n = openNode(dir.path());
        QVERIFY(n.store && n.db);
        const ShardId a = store(n, pseudoRandom(50'000, 1), m_client, kT0, kT0 + 10 * kDay);
        const ShardId b = store(n, pseudoRandom(60'000, 2), m_client, kT0, kT0 + 30 * kDay);
        QVERIFY(a.isValid() && b.isValid());
        GarbageCollector gc(*n.store, *n.db);

        // Before expiry, and at every point of the grace period: nothing goes.
        for (qint64 now : {kT0 + 5 * kDay, kT0 + 10 * kDay, kT0 + 10 * kDay + 1, kT0 + 10 * kDay + kGrace}) {
            auto report = gc.collect(now, kGrace);
            QVERIFY(report.ok());
            QVERIFY(report->collected.empty());
            QVERIFY(n.store->has(a));
        }
        // Past its expiry, a is trash until it is collected.
        QCOMPARE(trashSizes(*n.db, kT0 + 5 * kDay)->size(), std::size_t(0));
        QCOMPARE(*trashSizes(*n.db, kT0 + 10 * kDay + 1), std::vector<qint64>{a.size});
        // One millisecond after the grace period, a goes and b stays.
        const qint64 used = n.store->usedBytes();
        auto report = gc.collect(kT0 + 10 * kDay + kGrace + 1, kGrace);
        QVERIFY(report.ok());
        QCOMPARE(report->collected.size(), std::size_t(1));
        QCOMPARE(report->collected[0].shard, a);
        QCOMPARE(report->bytesFreed, ShardStore::footprint(a.size));
        QCOMPARE(n.store->usedBytes(), used - ShardStore::footprint(a.size));
        QVERIFY(!n.store->has(a));
        QVERIFY(n.store->has(b));
        QVERIFY(report->errors.isEmpty());

        auto log = n.db->collections();
        QVERIFY(log.ok());
        QCOMPARE(log->size(), std::size_t(1));
        QCOMPARE(log->at(0).shard, a);
        QVERIFY(log->at(0).reason.contains(u"expired"_s));
        QCOMPARE(n.db->contractsOfShard(a)->at(0).state, ContractState::Collected);
        QCOMPARE(trashSizes(*n.db, kT0 + 10 * kDay + kGrace + 1)->size(), std::size_t(0));

        // Collecting again does nothing more.
        auto again = gc.collect(kT0 + 20 * kDay, kGrace);
        QVERIFY(again.ok());
        QVERIFY(again->collected.empty());
        QCOMPARE(n.db->collections()->size(), std::size_t(1));
        QVERIFY(!gc.collect(kT0, -1).ok());
    }

    void renewalKeepsTheShard()
    {
        QTemporaryDir dir;
        Node n = openNode(dir.path());
        QVERIFY(n.store && n.db);
        const QByteArray data = pseudoRandom(40'000, 3);
        const ShardId id = store(n, data, m_client, kT0, kT0 + 10 * kDay);
        QVERIFY(id.isValid());
        // Before the first contract runs out, the client renews it.
        QVERIFY(n.db->addContract(makeContract(m_client, m_node, id, kT0 + 9 * kDay, kT0 + 40 * kDay), kT0 + 9 * kDay)
                    .ok());
        GarbageCollector gc(*n.store, *n.db);
        auto report = gc.collect(kT0 + 30 * kDay, kGrace); // the first one is long past its grace
        QVERIFY(report.ok());
        QVERIFY(report->collected.empty());
        QVERIFY(n.store->has(id));
        auto expired = n.db->expiredContracts(kT0 + 30 * kDay, kGrace);
        QVERIFY(expired.ok());
        QCOMPARE(expired->size(), std::size_t(1)); // the old contract is expired, the shard is still kept

        // When the renewal runs out too, the shard goes.
        report = gc.collect(kT0 + 40 * kDay + kGrace + 1, kGrace);
        QVERIFY(report.ok());
        QCOMPARE(report->collected.size(), std::size_t(1));
        QVERIFY(!n.store->has(id));
    }

    void deletionOrderRemovesWithoutGrace()
    {
        QTemporaryDir dir;
        Node n = openNode(dir.path());
        QVERIFY(n.store && n.db);
        const ShardId mine = store(n, pseudoRandom(30'000, 4), m_client, kT0, kT0 + 30 * kDay);
        const ShardId shared = store(n, pseudoRandom(31'000, 5), m_client, kT0, kT0 + 30 * kDay);
        QVERIFY(mine.isValid() && shared.isValid());
        // Another client holds a contract for the same shard.
        QVERIFY(n.db->addContract(makeContract(m_other, m_node, shared, kT0, kT0 + 30 * kDay), kT0).ok());

        // A deletion signed by someone else is refused and removes nothing.
        SignedOrder forged = makeDeletion(m_client, m_node, mine, kT0 + kDay);
        forged.clientKey = m_other.publicKey();
        forged.clientSignature = m_other.sign(forged.payload);
        QVERIFY(!n.db->applyDeletion(forged, kT0 + kDay).ok());

        QVERIFY(n.db->applyDeletion(makeDeletion(m_client, m_node, mine, kT0 + kDay), kT0 + kDay).ok());
        QVERIFY(n.db->applyDeletion(makeDeletion(m_client, m_node, shared, kT0 + kDay), kT0 + kDay).ok());
        // Deleted and not collected yet: trash (the shared one is still kept).
        QCOMPARE(*trashSizes(*n.db, kT0 + kDay), std::vector<qint64>{mine.size});
        GarbageCollector gc(*n.store, *n.db);
        auto report = gc.collect(kT0 + kDay, kGrace);
        QVERIFY(report.ok());
        QCOMPARE(report->collected.size(), std::size_t(1));
        QCOMPARE(report->collected[0].shard, mine);
        QVERIFY(report->collected[0].reason.contains(u"deleted"_s));
        QVERIFY(!n.store->has(mine));
        QVERIFY(n.store->has(shared)); // the other client's contract keeps it
    }

    void orphansAreReportedNotDeleted()
    {
        QTemporaryDir dir;
        Node n = openNode(dir.path());
        QVERIFY(n.store && n.db);
        const QByteArray data = pseudoRandom(20'000, 6);
        QVERIFY(n.store->put(shardIdOf(data), data).ok());
        GarbageCollector gc(*n.store, *n.db);
        auto report = gc.collect(kT0 + 1000 * kDay, kGrace);
        QVERIFY(report.ok());
        QVERIFY(report->collected.empty());
        QCOMPARE(report->orphans.size(), std::size_t(1));
        QCOMPARE(report->orphans[0], shardIdOf(data));
        QVERIFY(n.store->has(shardIdOf(data)));
    }

    void restartSeesEverythingIntact()
    {
        QTemporaryDir dir;
        std::vector<QByteArray> shards;
        for (int i = 0; i < 4; ++i)
            shards.push_back(pseudoRandom(20'000 + i * 17'000, 10 + i));
        qint64 used = 0;
        {
            Node n = openNode(dir.path());
            QVERIFY(n.store && n.db);
            for (int i = 0; i < 4; ++i)
                QVERIFY(store(n, shards[i], m_client, kT0, kT0 + (i + 1) * 10 * kDay).isValid());
            GarbageCollector gc(*n.store, *n.db);
            auto report = gc.collect(kT0 + 10 * kDay + kGrace + 1, kGrace); // the first one goes
            QVERIFY(report.ok());
            QCOMPARE(report->collected.size(), std::size_t(1));
            used = n.store->usedBytes();
        }
        Node n = openNode(dir.path());
        QVERIFY(n.store && n.db);
        QCOMPARE(n.store->shardCount(), 3);
        QCOMPARE(n.store->usedBytes(), used);
        QVERIFY(!n.store->has(shardIdOf(shards[0])));
        for (int i = 1; i < 4; ++i) {
            const ShardId id = shardIdOf(shards[i]);
            QVERIFY(n.store->has(id));
            auto contracts = n.db->contractsOfShard(id);
            QVERIFY(contracts.ok());
            QCOMPARE(contracts->size(), std::size_t(1));
            QCOMPARE(contracts->at(0).state, ContractState::Active);
            QVERIFY(verifyContract(contracts->at(0).contract).ok());
            QCOMPARE(n.db->receiptsOfShard(id)->size(), std::size_t(1));
            // Still provable after the restart.
            const ProofChallenge c = randomChallenge(id);
            auto proof = n.store->prove(c, m_node);
            QVERIFY(proof.ok());
            QVERIFY(verifyProof(c, *proof, m_node.publicKey()).ok());
        }
        QCOMPARE(n.db->collections()->size(), std::size_t(1));
        GarbageCollector gc(*n.store, *n.db);
        auto report = gc.collect(kT0 + 10 * kDay + kGrace + 1, kGrace); // nothing new to do
        QVERIFY(report.ok());
        QVERIFY(report->collected.empty());
        QVERIFY(report->orphans.empty());
    }
};

QTEST_GUILESS_MAIN(TestNodeGc)
#include "test_node_gc.moc"
