// The storage node's SQLCipher database: contracts, receipts, orders,
// replays, queries, and a restart.

#include "db/database.h"
#include "node/node_database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using crypto::SigningKey;
using object::ShardId;
using test::makeBandwidthOrder;
using test::makeContract;
using test::makeDeletion;
using test::nodeIdOf;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kDay = qint64(24) * 3600 * 1000;

ShardId shard(char fill, qint64 size = 4 * 1024 * 1024) { return ShardId{QByteArray(32, fill), size}; }

} // namespace

class TestNodeDatabase : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(32);
    SigningKey m_node = SigningKey::generate();
    SigningKey m_client = SigningKey::generate();
    SigningKey m_other = SigningKey::generate();
    int m_dbCount = 0;

    std::unique_ptr<NodeDatabase> openDb(const QString &path)
    {
        auto db = NodeDatabase::open(path, m_key, nodeIdOf(m_node));
        if (!db) {
            qWarning().noquote() << db.message();
            return nullptr;
        }
        return std::move(db).value();
    }
    QString freshPath() { return m_dir.path() + u"/node-%1.db"_s.arg(++m_dbCount); }

private Q_SLOTS:
    void contractsStoredAndQueried()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        const SignedContract c1 = makeContract(m_client, m_node, shard('a'), kT0, kT0 + 30 * kDay);
        const SignedContract c2 = makeContract(m_other, m_node, shard('a'), kT0, kT0 + 10 * kDay);
        const SignedContract c3 = makeContract(m_client, m_node, shard('b'), kT0, kT0 + 5 * kDay);
        auto id1 = db->addContract(c1, kT0);
        QVERIFY2(id1.ok(), qPrintable(id1.ok() ? QString() : id1.message()));
        QVERIFY(db->addContract(c2, kT0).ok());
        QVERIFY(db->addContract(c3, kT0).ok());

        auto ofA = db->contractsOfShard(shard('a'));
        QVERIFY(ofA.ok());
        QCOMPARE(ofA->size(), std::size_t(2));
        QCOMPARE(ofA->at(0).contract, c1); // the exact signed bytes come back
        QCOMPARE(ofA->at(0).state, ContractState::Active);
        QCOMPARE(ofA->at(0).terms.client, nodeIdOf(m_client));
        QCOMPARE(ofA->at(0).cost, contractCost(ofA->at(0).terms));
        QVERIFY(verifyContract(ofA->at(0).contract).ok());

        auto one = db->contract(*id1);
        QVERIFY(one.ok() && one->has_value());
        QCOMPARE((*one)->contract, c1);
        auto none = db->contract(9999);
        QVERIFY(none.ok() && !none->has_value());

        auto receipt = db->addReceipt(*id1, kT0 + 1000);
        QVERIFY(receipt.ok());
        QVERIFY(!db->addReceipt(9999, kT0).ok());
        auto receipts = db->receiptsOfShard(shard('a'));
        QVERIFY(receipts.ok());
        QCOMPARE(receipts->size(), std::size_t(1));
        QCOMPARE(receipts->at(0).contractId, *id1);
        QCOMPARE(receipts->at(0).storedMs, kT0 + 1000);
        QCOMPARE(receipts->at(0).bytes, shard('a').size);
        auto carried = decodeSignedContract(receipts->at(0).signedContract);
        QVERIFY(carried.ok());
        QCOMPARE(*carried, c1);

        // Expired past the grace period: c3 (5 days) at day 8 with 2 days of grace; not c2 (10 days).
        auto expired = db->expiredContracts(kT0 + 8 * kDay, 2 * kDay);
        QVERIFY(expired.ok());
        QCOMPARE(expired->size(), std::size_t(1));
        QCOMPARE(expired->at(0).contract, c3);
        auto inGrace = db->expiredContracts(kT0 + 6 * kDay, 2 * kDay);
        QVERIFY(inGrace.ok());
        QVERIFY(inGrace->empty());
    }

    void contractsRefused()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        const SignedContract c = makeContract(m_client, m_node, shard('c'), kT0, kT0 + kDay);
        QVERIFY(db->addContract(c, kT0).ok());
        auto replay = db->addContract(c, kT0);
        QVERIFY(!replay.ok());
        QVERIFY2(replay.message().contains(u"already received"_s), qPrintable(replay.message()));

        // Not countersigned.
        SignedContract proposal = c;
        proposal.nodeKey.clear();
        proposal.nodeSignature.clear();
        QVERIFY(!db->addContract(proposal, kT0).ok());
        // Altered bytes.
        SignedContract altered = makeContract(m_client, m_node, shard('c'), kT0, kT0 + kDay);
        altered.payload[20] = static_cast<char>(altered.payload[20] ^ 0x01);
        QVERIFY(!db->addContract(altered, kT0).ok());
        // For another node.
        const SigningKey elsewhere = SigningKey::generate();
        QVERIFY(!db->addContract(makeContract(m_client, elsewhere, shard('c'), kT0, kT0 + kDay), kT0).ok());
        // Already expired.
        QVERIFY(!db->addContract(makeContract(m_client, m_node, shard('c'), kT0, kT0 + kDay), kT0 + kDay).ok());

        auto all = db->contractsOfShard(shard('c'));
        QVERIFY(all.ok());
        QCOMPARE(all->size(), std::size_t(1));
    }

    void bandwidthOrdersAndReplays()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        const SignedOrder o1 = makeBandwidthOrder(m_client, m_node, shard('d'), 1000, 1, kT0);
        const SignedOrder o2 = makeBandwidthOrder(m_client, m_node, shard('d'), 2500, 2, kT0);
        const SignedOrder o3 =
            makeBandwidthOrder(m_other, m_node, shard('d'), 700, 1, kT0); // same serial, other client
        QVERIFY(db->addBandwidthOrder(o1, kT0).ok());
        QVERIFY(db->addBandwidthOrder(o2, kT0).ok());
        QVERIFY(db->addBandwidthOrder(o3, kT0).ok());

        auto replay = db->addBandwidthOrder(o1, kT0 + 5);
        QVERIFY(!replay.ok());
        QVERIFY2(replay.message().contains(u"replay"_s), qPrintable(replay.message()));
        // The same serial in a new order (other byte count) is a replay of the serial too.
        auto reused = db->addBandwidthOrder(makeBandwidthOrder(m_client, m_node, shard('d'), 9999, 2, kT0 + 9), kT0);
        QVERIFY(!reused.ok());
        // For another node, or signed by someone else.
        QVERIFY(!db->addBandwidthOrder(makeBandwidthOrder(m_client, m_other, shard('d'), 10, 3, kT0), kT0).ok());
        SignedOrder forged = makeBandwidthOrder(m_client, m_node, shard('d'), 10, 4, kT0);
        forged.clientSignature = m_other.sign(forged.payload);
        QVERIFY(!db->addBandwidthOrder(forged, kT0).ok());

        QVERIFY(db->addContract(makeContract(m_client, m_node, shard('d'), kT0, kT0 + 30 * kDay), kT0).ok());
        QVERIFY(db->addContract(makeContract(m_client, m_node, shard('e'), kT0, kT0 + kDay), kT0).ok());
        auto totals = db->totalsPerClient(kT0 + 2 * kDay);
        QVERIFY(totals.ok());
        QCOMPARE(totals->size(), std::size_t(2));
        for (const ClientTotals &t : *totals) {
            if (t.client == nodeIdOf(m_client)) {
                QCOMPARE(t.bandwidthOrders, 2);
                QCOMPARE(t.bandwidthBytes, 3500);
                QCOMPARE(t.activeContracts, 1); // the one-day contract has expired
                QCOMPARE(t.activeBytes, shard('d').size);
                QVERIFY(t.contractCost > 0);
            } else {
                QCOMPARE(t.client, nodeIdOf(m_other));
                QCOMPARE(t.bandwidthOrders, 1);
                QCOMPARE(t.bandwidthBytes, 700);
                QCOMPARE(t.activeContracts, 0);
                QCOMPARE(t.contractCost, 0);
            }
        }
    }

    void deletionsCancelContracts()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        QVERIFY(db->addContract(makeContract(m_client, m_node, shard('f'), kT0, kT0 + 30 * kDay), kT0).ok());
        QVERIFY(db->addContract(makeContract(m_other, m_node, shard('f'), kT0, kT0 + 30 * kDay), kT0).ok());

        // Signed by a stranger for the client's shard, or addressed to another node: refused.
        SignedOrder forged = makeDeletion(m_client, m_node, shard('f'), kT0 + kDay);
        forged.clientKey = m_other.publicKey();
        forged.clientSignature = m_other.sign(forged.payload);
        QVERIFY(!db->applyDeletion(forged, kT0 + kDay).ok());
        QVERIFY(!db->applyDeletion(makeDeletion(m_client, m_other, shard('f'), kT0 + kDay), kT0 + kDay).ok());
        // An order older than the contract does not cancel it.
        QVERIFY(!db->applyDeletion(makeDeletion(m_client, m_node, shard('f'), kT0 - 1), kT0 + kDay).ok());
        // A shard the client has no contract for.
        QVERIFY(!db->applyDeletion(makeDeletion(m_client, m_node, shard('g'), kT0 + kDay), kT0 + kDay).ok());

        const SignedOrder deletion = makeDeletion(m_client, m_node, shard('f'), kT0 + kDay);
        auto cancelled = db->applyDeletion(deletion, kT0 + kDay);
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.ok() ? QString() : cancelled.message()));
        QCOMPARE(*cancelled, 1);
        auto replay = db->applyDeletion(deletion, kT0 + kDay);
        QVERIFY(!replay.ok());
        QVERIFY2(replay.message().contains(u"replay"_s), qPrintable(replay.message()));

        auto contracts = db->contractsOfShard(shard('f'));
        QVERIFY(contracts.ok());
        QCOMPARE(contracts->size(), std::size_t(2));
        for (const ContractRecord &r : *contracts)
            QCOMPARE(r.state, r.terms.client == nodeIdOf(m_client) ? ContractState::Deleted : ContractState::Active);
    }

    void restartKeepsEverythingAndIsEncrypted()
    {
        const QString path = freshPath();
        const SignedContract c = makeContract(m_client, m_node, shard('h'), kT0, kT0 + kDay);
        const SignedOrder o = makeBandwidthOrder(m_client, m_node, shard('h'), 100, 7, kT0);
        {
            auto db = openDb(path);
            QVERIFY(db);
            auto id = db->addContract(c, kT0);
            QVERIFY(id.ok());
            QVERIFY(db->addReceipt(*id, kT0).ok());
            QVERIFY(db->addBandwidthOrder(o, kT0).ok());
        }
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.read(16).startsWith("SQLite format 3"));
        raw.close();

        auto db = openDb(path);
        QVERIFY(db);
        auto contracts = db->contractsOfShard(shard('h'));
        QVERIFY(contracts.ok());
        QCOMPARE(contracts->size(), std::size_t(1));
        QCOMPARE(contracts->at(0).contract, c);
        QCOMPARE(db->receiptsOfShard(shard('h'))->size(), std::size_t(1));
        QVERIFY(!db->addBandwidthOrder(o, kT0).ok()); // the serial is remembered
        QVERIFY(!db->addContract(c, kT0).ok());       // and the contract nonce

        // The wrong key does not open it; nor does a database without this node's id.
        QVERIFY(!NodeDatabase::open(path, crypto::randomBytes(32), nodeIdOf(m_node)).ok());
        db.reset();
        QVERIFY(!NodeDatabase::open(path, m_key, crypto::NodeId()).ok());
    }
};

QTEST_GUILESS_MAIN(TestNodeDatabase)
#include "test_node_database.moc"
