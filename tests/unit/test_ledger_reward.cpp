// The reward formula (core/ledger/ECONOMICS.md), each component by hand and
// then together, and the economics file's strictness.

#include "ledger/economics.h"
#include "ledger/reward.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::ledger;

namespace {

constexpr qint64 kTiB = qint64(1) << 40;
constexpr qint64 kMiB = qint64(1) << 20;
constexpr qint64 kDayMs = qint64(86400000);

// A node that clears both thresholds, at the network's median score.
EpochInputs healthy()
{
    EpochInputs in;
    in.audited = true;
    in.capacityBytes = kTiB;
    in.uptimePpm = 990000;
    in.auditScorePpm = 950000;
    in.scorePpm = 900000;
    in.networkMedianScorePpm = 900000;
    return in;
}

} // namespace

class TestLedgerReward : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void storageAmountByHand()
    {
        // 10 GiB for a 30-day month at 4,000 µcr per GiB-month: 40,000.
        QCOMPARE(storageAmount(10 * kGiB, 30 * kDayMs, 4000), 40000);
        // One day of it: 40,000 / 30 = 1,333.33 -> 1,333 (rounded down).
        QCOMPARE(storageAmount(10 * kGiB, kDayMs, 4000), 1333);
        // 32 MiB for 10 s at the devnet's 35,389,440,000: 4,266.6 -> 4,266.
        QCOMPARE(storageAmount(32 * kMiB, 10000, 35389440000), 4266);
        QCOMPARE(storageAmount(0, kDayMs, 4000), 0);
        QCOMPARE(storageAmount(kGiB, -5, 4000), 0);
        // The largest inputs stay exact (no overflow): 2^50 bytes, 2^42 ms, 2^40 price.
        QVERIFY(storageAmount(qint64(1) << 50, qint64(1) << 42, qint64(1) << 40) > 0);
    }

    void egressAmountByHand()
    {
        QCOMPARE(egressAmount(3 * kGiB, 7000), 21000);
        QCOMPARE(egressAmount(kMiB, 7000), 6); // 6.83 rounded down
        QCOMPARE(egressAmount(0, 7000), 0);
    }

    void baseFeeByHand()
    {
        const Economics e = Economics::defaults();
        EpochInputs in = healthy();
        // 1 TiB = 1,024 GiB at 60 µcr per GiB-epoch, empty network: 61,440.
        in.networkUtilizationPpm = 0;
        QCOMPARE(subsidyPpm(e, 0), 1000000);
        QCOMPARE(baseFee(e, in), 61440);
        // Half-way to the end of the subsidy (40% used): 1 - 0.9 * 0.5 = 55%.
        in.networkUtilizationPpm = 400000;
        QCOMPARE(subsidyPpm(e, 400000), 550000);
        QCOMPARE(baseFee(e, in), 33792);
        // Past 80% used: the floor, 10%.
        in.networkUtilizationPpm = 900000;
        QCOMPARE(baseFee(e, in), 6144);
        // Thresholds: uptime and audit score, and being audited at all.
        in.networkUtilizationPpm = 0;
        in.uptimePpm = 949999;
        QCOMPARE(baseFee(e, in), 0);
        in = healthy();
        in.auditScorePpm = 899999;
        QCOMPARE(baseFee(e, in), 0);
        in = healthy();
        in.audited = false;
        QCOMPARE(baseFee(e, in), 0);
        // Capacity counts up to the cap (24 TiB).
        in = healthy();
        in.capacityBytes = 100 * kTiB;
        QCOMPARE(baseFee(e, in), 24 * 61440);
    }

    void multiplierByHand()
    {
        const Economics e = Economics::defaults();
        EpochInputs in = healthy();
        QCOMPARE(multiplierPpm(e, in), 1000000); // at the median
        in.scorePpm = 950000;                    // 0.05 above: 1 + 4 * 0.05
        QCOMPARE(multiplierPpm(e, in), 1200000);
        in.scorePpm = 800000; // 0.10 below: 1 - 4 * 0.10
        QCOMPARE(multiplierPpm(e, in), 600000);
        in.scorePpm = 1000000;
        in.networkMedianScorePpm = 700000; // 2.2, capped
        QCOMPARE(multiplierPpm(e, in), 1500000);
        in.scorePpm = 500000;
        in.networkMedianScorePpm = 900000; // -0.6, floored
        QCOMPARE(multiplierPpm(e, in), 500000);
        in.audited = false; // unknown performance: the smallest multiplier
        QCOMPARE(multiplierPpm(e, in), 500000);
    }

    void penaltyByHand()
    {
        const Economics e = Economics::defaults();
        QCOMPARE(penalty(e, 0, 100000), 0);
        QCOMPARE(penalty(e, 3, 100000), 60000);   // 3 x 20,000
        QCOMPARE(penalty(e, 10, 100000), 100000); // never more than the gross
        QCOMPARE(penalty(e, 2, 0), 0);
    }

    void everythingTogether()
    {
        const Economics e = Economics::defaults();
        EpochInputs in = healthy();
        in.networkUtilizationPpm = 400000; // base 33,792 (above)
        in.scorePpm = 950000;              // multiplier 1.2
        in.auditsFailed = 1;               // penalty 20,000
        in.storage = 1333;                 // 10 GiB for a day
        in.egress = 21000;                 // 3 GiB served
        const EpochEarnings out = computeEarnings(e, in);
        QCOMPARE(out.base, 33792);
        QCOMPARE(out.multiplierPpm, 1200000);
        QCOMPARE(out.storagePaid, 1599); // 1,599.6 rounded down
        QCOMPARE(out.egressPaid, 25200);
        QCOMPARE(out.gross(), 60591);
        QCOMPARE(out.penalty, 20000);
        QCOMPARE(out.total, 40591);
        QCOMPARE(out.total, out.base + out.storagePaid + out.egressPaid - out.penalty);

        // A poor node in the same network: no base fee, 0.6x, penalties eat the rest.
        in.scorePpm = 800000;
        in.auditScorePpm = 850000;
        in.auditsFailed = 5;
        const EpochEarnings poor = computeEarnings(e, in);
        QCOMPARE(poor.base, 0);
        QCOMPARE(poor.storagePaid, 799);
        QCOMPARE(poor.egressPaid, 12600);
        QCOMPARE(poor.penalty, 13399);
        QCOMPARE(poor.total, 0);
    }

    void economicsRoundTripAndDigest()
    {
        const Economics e = Economics::devnet(10000);
        const QByteArray json = QJsonDocument(e.toJson()).toJson();
        auto back = Economics::parse(json);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.message()));
        QCOMPARE(back.value(), e);
        QCOMPARE(back->digest(), e.digest());
        QCOMPARE(e.digest().size(), 32);
        Economics changed = e;
        changed.auditPenalty += 1;
        QVERIFY(changed.digest() != e.digest());
        // The devnet scales a day's prices into its 10 s epochs.
        QCOMPARE(e.storagePrice, qint64(4000) * 8640 * 1024);
        QCOMPARE(Economics::ofNetwork({}).value(), Economics::defaults());
    }

    void economicsRefusesBadFiles_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing") << u"egress_price"_s << QJsonValue(QJsonValue::Undefined) << u"egress_price"_s;
        QTest::newRow("negative") << u"storage_price"_s << QJsonValue(-1) << u"storage_price"_s;
        QTest::newRow("fraction") << u"audit_penalty"_s << QJsonValue(1.5) << u"audit_penalty"_s;
        QTest::newRow("text") << u"base_fee_per_gib"_s << QJsonValue(u"60"_s) << u"base_fee_per_gib"_s;
        QTest::newRow("ppm above one") << u"min_uptime_ppm"_s << QJsonValue(1000001) << u"min_uptime_ppm"_s;
        QTest::newRow("unknown field") << u"bonus"_s << QJsonValue(5) << u"unknown field \"bonus\""_s;
        QTest::newRow("format") << u"format"_s << QJsonValue(u"other"_s) << u"format"_s;
        QTest::newRow("version") << u"version"_s << QJsonValue(2) << u"version"_s;
    }

    void economicsRefusesBadFiles()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject o = Economics::defaults().toJson();
        if (value.isUndefined())
            o.remove(field);
        else
            o.insert(field, value);
        auto e = Economics::fromJson(o);
        QVERIFY(!e.ok());
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        QVERIFY(!Economics::parse("{not json").ok());
        QVERIFY(!Economics::parse("[]").ok());
        QJsonObject swapped = Economics::defaults().toJson();
        swapped.insert(u"min_multiplier_ppm"_s, 2000000);
        QVERIFY(!Economics::fromJson(swapped).ok());
    }
};

QTEST_GUILESS_MAIN(TestLedgerReward)
#include "test_ledger_reward.moc"
