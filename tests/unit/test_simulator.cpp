// The network simulator (core/simulator) on three seeds: rewards and
// placement follow hardware quality, a node that stops performing loses
// both within days, and no segment is lost in a year of churn and outages
// with the devnet's erasure and repair parameters. Then `stratus simulate`
// itself: its files and its exit codes.

#include "cli_runner.h"
#include "simulator/simulation.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::simulator;

namespace {

// The network of the tests: the simulator's defaults (the devnet's 4 + 2
// shards, repair at n - 1 = 5 healthy shards, 5% churn a month plus daily
// outages) at 1,000 nodes for a year; a few seconds per seed.
Params testParams(quint64 seed)
{
    Params p;
    p.nodes = 1000;
    p.epochs = 365;
    p.seed = seed;
    return p;
}

// Each seed runs once; the three checks share the report.
const Report &reportFor(quint64 seed)
{
    static std::map<quint64, Report> cache;
    auto it = cache.find(seed);
    if (it == cache.end()) {
        auto report = run(testParams(seed));
        if (!report)
            qFatal("simulation failed: %s", qPrintable(report.message()));
        it = cache.emplace(seed, std::move(report).value()).first;
        const Findings &f = it->second.findings;
        qInfo("seed %llu: %.1f s; reward/TiB stored best %.3f worst %.3f (x%.1f), per TiB capacity x%.1f; new data "
              "best %.1f%% -> %.1f%%, worst %.1f%% -> %.1f%%; all data best %.1f%% -> %.1f%%; degraded: shards/day "
              "%.2f -> %.2f, credits/day %.3f -> %.3f, placement gone after %d days, half earnings after %d; lost "
              "%lld of %lld segments, %lld repairs, %lld departures, %lld outages",
              static_cast<unsigned long long>(seed), it->second.seconds, f.bestRewardPerTiB, f.worstRewardPerTiB,
              f.rewardRatio, f.capacityRatio, 100 * f.bestNewShareEarly, 100 * f.bestNewShareLate,
              100 * f.worstNewShareEarly, 100 * f.worstNewShareLate, 100 * f.bestAllShareEarly, 100 * f.bestAllShareEnd,
              f.degradedPlacementBefore, f.degradedPlacementAfter, f.degradedEarningsBefore, f.degradedEarningsAfter,
              f.epochsToLosePlacement, f.epochsToLoseHalfEarnings, static_cast<long long>(f.segmentsLost),
              static_cast<long long>(f.segmentsStored), static_cast<long long>(f.segmentsRepaired),
              static_cast<long long>(f.departures), static_cast<long long>(f.outages));
    }
    return it->second;
}

void addSeeds()
{
    QTest::addColumn<quint64>("seed");
    for (quint64 seed : {1ull, 2ull, 3ull})
        QTest::newRow(qPrintable(u"seed %1"_s.arg(seed))) << seed;
}

[[maybe_unused]] bool isPng(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.size() > 20000 && f.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8);
}

} // namespace

class TestSimulator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rejectsBadParameters()
    {
        Params p = testParams(1);
        p.nodes = 5;
        QVERIFY(!validate(p));
        p = testParams(1);
        p.repairThreshold = 6; // would repair a healthy segment
        QVERIFY(!validate(p));
        p = testParams(1);
        p.repairRoundsPerEpoch = 7;
        QVERIFY(!validate(p));
        QVERIFY(validate(testParams(1)));
    }

    void sameSeedSameRun()
    {
        Params p = testParams(7);
        p.nodes = 200;
        p.epochs = 40;
        const auto a = run(p), b = run(p);
        QVERIFY(a && b);
        QCOMPARE(a->epochs.size(), 40);
        for (qsizetype i = 0; i < a->epochs.size(); ++i) {
            QCOMPARE(a->epochs[i].segmentsStored, b->epochs[i].segmentsStored);
            QCOMPARE(a->epochs[i].rewardPerTiBStored, b->epochs[i].rewardPerTiBStored);
            QCOMPARE(a->epochs[i].shareOfAllData, b->epochs[i].shareOfAllData);
        }
        p.seed = 8;
        const auto c = run(p);
        QVERIFY(c);
        QVERIFY(c->epochs.last().shareOfAllData != a->epochs.last().shareOfAllData);
    }

    void rewardsAndPlacementFollowHardware_data() { addSeeds(); }
    void rewardsAndPlacementFollowHardware()
    {
        QFETCH(quint64, seed);
        const Findings &f = reportFor(seed).findings;
        // Over the last quarter of the year the best quartile of hardware
        // earns clearly more per TiB, stored or offered, than the worst.
        QVERIFY2(f.bestRewardPerTiB > 0, qPrintable(QString::number(f.bestRewardPerTiB)));
        QVERIFY2(f.bestRewardPerTiB >= 2.0 * f.worstRewardPerTiB,
                 qPrintable(u"%1 vs %2"_s.arg(f.bestRewardPerTiB).arg(f.worstRewardPerTiB)));
        QVERIFY2(f.bestEarningsPerTiBCapacity >= 2.0 * f.worstEarningsPerTiBCapacity,
                 qPrintable(u"%1 vs %2"_s.arg(f.bestEarningsPerTiBCapacity).arg(f.worstEarningsPerTiBCapacity)));
        // It takes far more than its quarter of new data, the worst a small
        // fraction of its quarter; so the best quartile's share of all data
        // grows.
        QVERIFY2(f.bestNewShareLate >= 0.4, qPrintable(QString::number(f.bestNewShareLate)));
        QVERIFY2(f.bestNewShareLate >= 5 * f.worstNewShareLate,
                 qPrintable(u"%1 vs %2"_s.arg(f.bestNewShareLate).arg(f.worstNewShareLate)));
        QVERIFY2(f.worstNewShareLate <= 0.05, qPrintable(QString::number(f.worstNewShareLate)));
        QVERIFY2(f.bestAllShareEnd >= f.bestAllShareEarly + 0.05,
                 qPrintable(u"%1 -> %2"_s.arg(f.bestAllShareEarly).arg(f.bestAllShareEnd)));
    }

    void aNodeThatStopsPerformingLosesPlacementAndRewards_data() { addSeeds(); }
    void aNodeThatStopsPerformingLosesPlacementAndRewards()
    {
        QFETCH(quint64, seed);
        const Findings &f = reportFor(seed).findings;
        QCOMPARE(f.degradeEpoch, 182);
        QCOMPARE(f.degradedNodes, 10);
        // Before: good nodes with room that clients picked every day.
        QVERIFY2(f.degradedPlacementBefore >= 0.5, qPrintable(QString::number(f.degradedPlacementBefore)));
        // From 3 days after they start failing: (almost) no new shards and
        // less than half the earnings.
        QVERIFY2(f.degradedPlacementAfter <= 0.1 * f.degradedPlacementBefore,
                 qPrintable(u"%1 -> %2"_s.arg(f.degradedPlacementBefore).arg(f.degradedPlacementAfter)));
        QVERIFY2(f.degradedEarningsAfter <= 0.5 * f.degradedEarningsBefore,
                 qPrintable(u"%1 -> %2"_s.arg(f.degradedEarningsBefore).arg(f.degradedEarningsAfter)));
        // Within 6 days none of them gets a shard any more (under 5% of
        // before: none, for 10 nodes; the validators suspend a node after a
        // couple of failed proofs, and clients re-rank daily), and within 3
        // days their daily earnings are below half.
        QVERIFY2(f.epochsToLosePlacement >= 0 && f.epochsToLosePlacement <= 6,
                 qPrintable(QString::number(f.epochsToLosePlacement)));
        QVERIFY2(f.epochsToLoseHalfEarnings >= 0 && f.epochsToLoseHalfEarnings <= 3,
                 qPrintable(QString::number(f.epochsToLoseHalfEarnings)));
    }

    void noSegmentLostInAYearOfChurn_data() { addSeeds(); }
    void noSegmentLostInAYearOfChurn()
    {
        QFETCH(quint64, seed);
        const Params p = testParams(seed);
        // The devnet's parameters and at least the churn.
        QCOMPARE(p.k, 4);
        QCOMPARE(p.n, 6);
        QCOMPARE(p.repairThreshold, p.n - 1);
        QVERIFY(p.churnPerMonth >= 0.05);
        const Report &r = reportFor(seed);
        const Findings &f = r.findings;
        QCOMPARE(r.epochs.size(), 365);
        // The churn happened: ~5% of 1,000 nodes a month (about 620 in a
        // year) and thousands of outages.
        QVERIFY2(f.departures >= 500, qPrintable(QString::number(f.departures)));
        QVERIFY2(f.outages >= 5000, qPrintable(QString::number(f.outages)));
        QVERIFY2(f.segmentsStored >= 10000, qPrintable(QString::number(f.segmentsStored)));
        QVERIFY(f.segmentsRepaired > 0);
        QCOMPARE(f.segmentsLost, 0);
        QCOMPARE(r.epochs.last().repairsPending, 0);
    }

    void cliWritesCsvAndCharts()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto r = test::runStratus({u"simulate"_s, u"--nodes"_s, u"200"_s, u"--epochs"_s, u"30"_s, u"--seed"_s,
                                         u"5"_s, u"--out"_s, dir.path(), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QDir out(dir.path());
        QFile epochs(out.filePath(u"epochs.csv"_s));
        QVERIFY(epochs.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = epochs.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 31); // header + 30 days
        QVERIFY(lines[0].startsWith("epoch,live_nodes,"));
        QVERIFY(lines[0].contains("reward_per_tib_stored_q4"));
        QCOMPARE(lines[1].count(','), lines[0].count(','));
        QFile nodes(out.filePath(u"nodes.csv"_s));
        QVERIFY(nodes.open(QIODevice::ReadOnly));
        QCOMPARE(nodes.readAll().trimmed().split('\n').size(), 201);
#ifdef STRATUS_HAVE_CHARTS
        for (const QString &png : {u"rewards_by_quality.png"_s, u"data_share.png"_s, u"durability.png"_s})
            QVERIFY2(isPng(out.filePath(png)), qPrintable(png));
#endif
        // The findings for people, then one line of JSON.
        QVERIFY(r.out.contains(u"1. Rewards follow hardware"_s));
        QVERIFY(r.out.contains(u"3. Durability"_s));
        const QString last = r.out.trimmed().split(u'\n').last();
        const QJsonObject json = QJsonDocument::fromJson(last.toUtf8()).object();
        QCOMPARE(json.value(u"nodes"_s).toInt(), 200);
        QCOMPARE(json.value(u"epochs"_s).toInt(), 30);
        QVERIFY(json.value(u"durability"_s).toObject().contains(u"segments_lost"_s));
        QCOMPARE(json.value(u"assumptions"_s).toObject().value(u"k"_s).toInt(), 4);
    }

    void cliRejectsBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no --nodes") << QStringList{u"--epochs"_s, u"10"_s};
        QTest::newRow("no --epochs") << QStringList{u"--nodes"_s, u"100"_s};
        QTest::newRow("nodes not a number") << QStringList{u"--nodes"_s, u"many"_s, u"--epochs"_s, u"10"_s};
        QTest::newRow("too few nodes") << QStringList{u"--nodes"_s, u"5"_s, u"--epochs"_s, u"10"_s};
        QTest::newRow("no epochs") << QStringList{u"--nodes"_s, u"100"_s, u"--epochs"_s, u"0"_s};
        QTest::newRow("negative seed") << QStringList{u"--nodes"_s, u"100"_s,    u"--epochs"_s,
                                                      u"1"_s,       u"--seed"_s, u"-3"_s};
        QTest::newRow("unknown option") << QStringList{u"--nodes"_s, u"100"_s, u"--epochs"_s, u"1"_s, u"--fast"_s};
        QTest::newRow("stray argument") << QStringList{u"--nodes"_s, u"100"_s, u"--epochs"_s, u"1"_s, u"now"_s};
    }
    void cliRejectsBadArguments()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const auto r = test::runStratus(QStringList{u"simulate"_s} + args + QStringList{u"--out"_s, dir.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(!r.err.trimmed().isEmpty(), "a message on stderr");
        QVERIFY2(QDir(dir.path()).isEmpty(), "nothing written");
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "test_simulator.moc"
