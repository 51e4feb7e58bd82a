// Credits: treasury-signed grants, the validators' book kept from signed
// records only (each counted once), signed balance notes and their median.

#include "ledger/credits.h"
#include "ledger/reward.h"

#include <QTest>

#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::ledger;
using crypto::SigningKey;
using test::nodeIdOf;

namespace {

constexpr qint64 kT0 = 1'700'000'000'000;
constexpr qint64 kDay = qint64(86400000);

} // namespace

class TestLedgerCredits : public QObject {
    Q_OBJECT

    SigningKey m_treasury = SigningKey::generate();
    SigningKey m_client = SigningKey::generate();
    SigningKey m_node = SigningKey::generate();
    Economics m_economics = Economics::defaults();
    const QString m_net = u"testnet"_s;

    QByteArray grant(qint64 amount, const SigningKey &signer, const QString &network = u"testnet"_s)
    {
        return SignedGrant::sign(CreditGrant{nodeIdOf(m_client), amount, crypto::randomBytes(16), kT0, network}, signer)
            .toCbor();
    }

private Q_SLOTS:
    void grantsCountOnceAndOnlyFromTheTreasury()
    {
        CreditBook book(m_treasury.publicKey(), m_net, m_economics);
        const QByteArray g = grant(50'000'000, m_treasury);
        QVERIFY(book.addGrant(g).ok());
        QVERIFY(book.addGrant(g).ok()); // handed in twice: counted once
        QCOMPARE(book.account(nodeIdOf(m_client)).granted, 50'000'000);

        auto forged = book.addGrant(grant(1'000'000'000, m_client)); // signed by someone else
        QVERIFY(!forged.ok());
        QVERIFY2(forged.message().contains(u"treasury"_s), qPrintable(forged.message()));
        auto elsewhere = book.addGrant(grant(1'000'000, m_treasury, u"othernet"_s));
        QVERIFY(!elsewhere.ok());
        QByteArray flipped = g;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 1);
        QVERIFY(!book.addGrant(flipped).ok());
        QVERIFY(!book.addGrant("junk").ok());
        QCOMPARE(book.account(nodeIdOf(m_client)).granted, 50'000'000);
    }

    void contractsAndOrdersAreCharged()
    {
        CreditBook book(m_treasury.publicKey(), m_net, m_economics);
        QVERIFY(book.addGrant(grant(100'000'000, m_treasury)).ok());
        const object::ShardId shard{QByteArray(32, 'x'), qint64(1) << 30};
        // 1 GiB for 30 days at 4,000 µcr per GiB-month: 4,000.
        const node::SignedContract c =
            test::makeContract(m_client, m_node, shard, kT0, kT0 + 30 * kDay, m_economics.storagePrice);
        const QByteArray cBytes = node::encodeSignedContract(c);
        QCOMPARE(book.addContract(cBytes).value(), 4000);
        QCOMPARE(book.addContract(cBytes).value(), 0); // reported by two nodes: once
        // 2 GiB served at 7,000 µcr per GiB: 14,000.
        const QByteArray o =
            node::encodeSignedOrder(test::makeBandwidthOrder(m_client, m_node, shard, qint64(2) << 30, 1, kT0));
        QCOMPARE(book.addOrder(o).value(), 14000);
        QCOMPARE(book.addOrder(o).value(), 0);
        const CreditAccount a = book.account(nodeIdOf(m_client));
        QCOMPARE(a.spent, 18000);
        QCOMPARE(a.balance(), 100'000'000 - 18000);
        // A contract the node never countersigned does not count.
        node::SignedContract unsigned_ = c;
        unsigned_.nodeSignature.clear();
        unsigned_.nodeKey.clear();
        QVERIFY(!book.addContract(node::encodeSignedContract(unsigned_)).ok());

        // The book survives a save and a load, replays included.
        CreditBook again(m_treasury.publicKey(), m_net, m_economics);
        QVERIFY(again.load(book.save()).ok());
        QCOMPARE(again.account(nodeIdOf(m_client)), a);
        QCOMPARE(again.addContract(cBytes).value(), 0);
        QVERIFY(!again.load("junk").ok());
    }

    void balanceNotesAndTheirMedian()
    {
        const SigningKey v1 = SigningKey::generate(), v2 = SigningKey::generate(), v3 = SigningKey::generate();
        const crypto::NodeId account = nodeIdOf(m_client);
        auto note = [&](const SigningKey &v, qint64 granted, qint64 spent) {
            return BalanceNote{nodeIdOf(v), account, CreditAccount{granted, spent}, kT0}.sign(v);
        };
        const QList<crypto::NodeId> counted{nodeIdOf(v1), nodeIdOf(v2), nodeIdOf(v3)};
        auto m = medianBalance({note(v1, 100, 10), note(v2, 100, 50), note(v3, 100, 30)}, counted, account);
        QVERIFY(m);
        QCOMPARE(m->balance(), 70);
        // Two notes: the lower (cautious) one.
        m = medianBalance({note(v1, 100, 10), note(v2, 100, 50)}, counted, account);
        QCOMPARE(m->balance(), 50);
        // Not counted, tampered, duplicated, or about someone else: ignored.
        const SigningKey stranger = SigningKey::generate();
        QByteArray tampered = note(v2, 100, 0);
        tampered[20] = char(tampered[20] ^ 1);
        m = medianBalance({note(stranger, 1000, 0), tampered, note(v1, 100, 10), note(v1, 100, 90)}, counted, account);
        QCOMPARE(m->balance(), 90);
        QVERIFY(!medianBalance({}, counted, account));
        QVERIFY(!medianBalance({note(stranger, 5, 0)}, counted, account));
        QVERIFY(!BalanceNote::verify(tampered).ok());
    }

    void uploadCost()
    {
        // 3 GiB with redundancy for 30 days at 4,000 per GiB-month, rounded up.
        QCOMPARE(storageCost(m_economics, qint64(3) << 30, 30 * kDay), 12001);
    }
};

QTEST_GUILESS_MAIN(TestLedgerCredits)
#include "test_ledger_credits.moc"
