// Reputation scores of the paper node: the beta audit score, uptime,
// latency and throughput, the combined score, vetting, and the detection
// bound stated in VALIDATOR.md.

#include "validator/reputation.h"

#include <QRandomGenerator>
#include <QTest>

using namespace stratus::validator;

class TestValidatorReputation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aFreshNodeStartsTrustedButUnvetted()
    {
        NodeReputation r;
        QCOMPARE(r.auditScore(), 1.0);
        QCOMPARE(r.uptime(), 1.0);
        QVERIFY(!r.vetted());
        QVERIFY(!r.online()); // not seen yet
        QVERIFY(!r.eligible());
        r.recordPing(true, 2.0);
        QVERIFY(r.online());
        QVERIFY(r.eligible());
    }

    void anHonestNodeNeverFallsBelowTheThreshold()
    {
        NodeReputation r;
        for (int i = 0; i < 10000; ++i) {
            r.recordPing(true, 1.0 + (i % 7));
            r.recordAudit(true, 2.0);
            QVERIFY(r.auditScore() >= ReputationParams{}.auditThreshold);
        }
        QVERIFY(r.vetted());
        QVERIFY(r.eligible());
        QVERIFY(r.score() > 0.95);
    }

    void recentFailuresWeighMoreThanOldOnes()
    {
        NodeReputation oldFailure, newFailure;
        oldFailure.recordPing(true, 1);
        newFailure.recordPing(true, 1);
        oldFailure.recordAudit(false, 0);
        for (int i = 0; i < 40; ++i) {
            oldFailure.recordAudit(true, 1);
            newFailure.recordAudit(true, 1);
        }
        newFailure.recordAudit(false, 0);
        QVERIFY(newFailure.auditScore() < oldFailure.auditScore());
        QVERIFY(oldFailure.auditScore() > 0.95);
    }

    // The bound stated in VALIDATOR.md: with 4 challenges per round and 10%
    // of a node's shards gone, its audit score falls below the threshold
    // within 25 rounds in at least 99.9% of cases, starting from a long
    // record of passes.
    void aNodeMissingTenPercentIsCaughtWithinTheStatedBound()
    {
        QRandomGenerator rng(20261124);
        const int trials = 10000;
        int late = 0;
        for (int t = 0; t < trials; ++t) {
            NodeReputation r;
            r.recordPing(true, 1);
            for (int i = 0; i < 200; ++i)
                r.recordAudit(true, 1);
            int round = 0;
            while (r.eligible() && round <= 25) {
                ++round;
                for (int c = 0; c < 4 && r.eligible(); ++c)
                    r.recordAudit(rng.bounded(10) != 0, 1);
            }
            if (r.eligible())
                ++late;
        }
        QVERIFY2(late * 1000 <= trials,
                 qPrintable(QStringLiteral("%1 of %2 not caught in 25 rounds").arg(late).arg(trials)));
    }

    void aCaughtNodeStaysOutUntilALongRecordOfPasses()
    {
        NodeReputation r;
        r.recordPing(true, 1);
        for (int i = 0; i < 200; ++i)
            r.recordAudit(true, 1);
        r.recordAudit(false, 0);
        r.recordAudit(false, 0);
        QVERIFY(r.suspended());
        QVERIFY(!r.eligible());
        int passes = 0;
        while (!r.eligible() && passes < 100) {
            r.recordAudit(true, 1);
            ++passes;
            if (passes < 5)
                QVERIFY2(!r.eligible(), "back in after a few passes"); // above 0.9 again, but not trusted yet
        }
        QVERIFY(r.eligible());
        QVERIFY2(passes >= 20, qPrintable(QString::number(passes)));
    }

    void aKilledNodeIsOfflineAtOnceAndLosesUptimeSlowly()
    {
        NodeReputation r;
        for (int i = 0; i < 100; ++i)
            r.recordPing(true, 1);
        r.recordPing(false, 0);
        QVERIFY(!r.online());
        QVERIFY(!r.eligible());
        QVERIFY(r.uptime() > 0.9);
        r.recordPing(true, 1);
        QVERIFY(r.online());
    }

    void slowAnswersLowerTheLatencyScore()
    {
        NodeReputation fast, slow;
        for (int i = 0; i < 64; ++i) {
            fast.recordPing(true, 1.5);
            slow.recordPing(true, i % 3 ? 5 : 400);
        }
        QVERIFY(slow.latencyP95Ms() >= 400);
        QVERIFY(fast.latencyScore() > 0.99);
        QVERIFY(slow.latencyScore() < 0.5);
        QVERIFY(slow.score() < fast.score());
    }

    void throughputCountsOnceMeasured()
    {
        NodeReputation r;
        r.recordPing(true, 1);
        QCOMPARE(r.throughputScore(), -1.0);
        const double before = r.score();
        r.recordThroughput(100e6);
        QVERIFY(r.throughputScore() > 0.95);
        QVERIFY(qAbs(r.score() - before) < 0.01);
        NodeReputation slowDisk;
        slowDisk.recordPing(true, 1);
        slowDisk.recordThroughput(100e3);
        QVERIFY(slowDisk.score() < r.score());
    }

    void epochTalliesAreTakenOnce()
    {
        NodeReputation r;
        r.recordPing(true, 3);
        r.recordPing(false, 0);
        r.recordAudit(true, 4);
        r.recordAudit(false, 0);
        r.recordThroughput(5e6);
        const EpochTally t = r.takeEpoch();
        QCOMPARE(t.pings, 2);
        QCOMPARE(t.pingsAnswered, 1);
        QCOMPARE(t.auditsPassed, 1);
        QCOMPARE(t.auditsFailed, 1);
        QCOMPARE(t.latenciesMs.size(), std::size_t(2));
        QCOMPARE(t.throughputs.size(), std::size_t(1));
        QVERIFY(r.takeEpoch().empty());
    }

    void survivesARoundTripThroughItsStateFile()
    {
        NodeReputation r;
        for (int i = 0; i < 30; ++i) {
            r.recordPing(i % 10 != 0, 2.0 + i);
            r.recordAudit(i % 15 != 0, 3.0);
        }
        r.recordThroughput(7e6);
        const NodeReputation back = NodeReputation::fromCbor(r.toCbor(), {});
        QCOMPARE(back.auditScore(), r.auditScore());
        QCOMPARE(back.uptime(), r.uptime());
        QCOMPARE(back.latencyP95Ms(), r.latencyP95Ms());
        QCOMPARE(back.auditsFailedTotal(), r.auditsFailedTotal());
        QCOMPARE(back.throughputBytesPerSecond(), r.throughputBytesPerSecond());
        // Garbage in a state file gives defaults, never a crash or a NaN.
        QCborMap junk{{QStringLiteral("alpha"), -5},
                      {QStringLiteral("beta"), QStringLiteral("x")},
                      {QStringLiteral("latencies"), 3}};
        const NodeReputation fallback = NodeReputation::fromCbor(junk, {});
        QCOMPARE(fallback.auditScore(), 1.0);
    }

    void percentileIsNearestRank()
    {
        QCOMPARE(percentile({}, 50), 0.0);
        QCOMPARE(percentile({5}, 95), 5.0);
        QCOMPARE(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50), 5.0);
        QCOMPARE(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95), 10.0);
    }
};

QTEST_GUILESS_MAIN(TestValidatorReputation)
#include "test_validator_reputation.moc"
