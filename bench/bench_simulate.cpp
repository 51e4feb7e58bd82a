// The network simulator at the size of the issue: 10,000 nodes for a year
// (core/simulator, no charts or files), and the same network with the
// issue's literal repair rule (once a day, below n - 1 healthy shards) for
// comparison.
//
//   bench_simulate [--nodes N] [--epochs E] [--seed S] [--variants] [--series]
//                  [--grace-hours H] [--repair-gib G] [--pings P]
//
// Prints human-readable lines, then one line of compact JSON.

#include "simulator/simulation.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace stratus;

namespace {

QJsonObject describe(const simulator::Report &r)
{
    const simulator::Findings &f = r.findings;
    std::printf("  %.1f s; reward per TiB stored: best quartile %.3f, worst %.3f credits/day (x%.2f); per TiB of "
                "capacity %.3f vs %.3f (x%.2f)\n",
                r.seconds, f.bestRewardPerTiB, f.worstRewardPerTiB, f.rewardRatio, f.bestEarningsPerTiBCapacity,
                f.worstEarningsPerTiBCapacity, f.capacityRatio);
    std::printf("  new data to the best quartile: %.1f%% in the first week, %.1f%% in the last quarter (worst %.1f%% "
                "-> %.1f%%); all data: %.1f%% -> %.1f%%\n",
                100 * f.bestNewShareEarly, 100 * f.bestNewShareLate, 100 * f.worstNewShareEarly,
                100 * f.worstNewShareLate, 100 * f.bestAllShareEarly, 100 * f.bestAllShareEnd);
    std::printf(
        "  degraded at day %d (%d nodes): shards/day %.2f -> %.2f, credits/day %.3f -> %.3f, placement under 5%% "
        "after %d days, half earnings after %d days\n",
        f.degradeEpoch, f.degradedNodes, f.degradedPlacementBefore, f.degradedPlacementAfter, f.degradedEarningsBefore,
        f.degradedEarningsAfter, f.epochsToLosePlacement, f.epochsToLoseHalfEarnings);
    std::printf("  segments: %lld stored, %lld lost, %lld repairs (%.1f TiB moved), max pending %lld; %lld departures, "
                "%lld outages\n",
                static_cast<long long>(f.segmentsStored), static_cast<long long>(f.segmentsLost),
                static_cast<long long>(f.segmentsRepaired), static_cast<double>(f.repairBytes) / (1ll << 40),
                static_cast<long long>(f.maxRepairsPending), static_cast<long long>(f.departures),
                static_cast<long long>(f.outages));
    return QJsonObject{{u"seconds"_s, r.seconds},
                       {u"reward_ratio"_s, f.rewardRatio},
                       {u"capacity_ratio"_s, f.capacityRatio},
                       {u"best_new_share_late"_s, f.bestNewShareLate},
                       {u"worst_new_share_late"_s, f.worstNewShareLate},
                       {u"epochs_to_lose_placement"_s, f.epochsToLosePlacement},
                       {u"epochs_to_lose_half_earnings"_s, f.epochsToLoseHalfEarnings},
                       {u"segments_stored"_s, f.segmentsStored},
                       {u"segments_lost"_s, f.segmentsLost},
                       {u"segments_repaired"_s, f.segmentsRepaired},
                       {u"repair_bytes"_s, f.repairBytes}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    auto value = [&](const QString &name, qint64 fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toLongLong() : fallback;
    };
    simulator::Params p;
    p.nodes = static_cast<int>(value(u"--nodes"_s, 10000));
    p.epochs = static_cast<int>(value(u"--epochs"_s, 365));
    p.seed = static_cast<quint64>(value(u"--seed"_s, 1));
    // Overrides to explore the model (SIMULATOR.md).
    p.outageGraceHours = static_cast<int>(value(u"--grace-hours"_s, p.outageGraceHours));
    p.repairBytesPerNodePerEpoch = value(u"--repair-gib"_s, p.repairBytesPerNodePerEpoch >> 30) << 30;
    p.pingsPerEpoch = static_cast<int>(value(u"--pings"_s, p.pingsPerEpoch));
    std::printf("simulate %d nodes x %d days, seed %llu (the defaults)\n", p.nodes, p.epochs,
                static_cast<unsigned long long>(p.seed));
    auto report = simulator::run(p);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.message()));
        return 1;
    }
    if (args.contains(u"--series"_s))
        for (const simulator::EpochStats &e : report->epochs)
            if (e.epoch % 30 == 0 || e.epoch == p.epochs - 1)
                std::printf(
                    "  day %3d util %.2f med %.3f | new %4.1f %4.1f %4.1f %4.1f | all %4.1f %4.1f %4.1f %4.1f | "
                    "perTiB %.3f %.3f %.3f %.3f | perCap %.3f %.3f | score %.2f %.2f | pend %lld\n",
                    e.epoch, e.utilization, e.medianScore, 100 * e.shareOfNewData[0], 100 * e.shareOfNewData[1],
                    100 * e.shareOfNewData[2], 100 * e.shareOfNewData[3], 100 * e.shareOfAllData[0],
                    100 * e.shareOfAllData[1], 100 * e.shareOfAllData[2], 100 * e.shareOfAllData[3],
                    e.rewardPerTiBStored[0], e.rewardPerTiBStored[1], e.rewardPerTiBStored[2], e.rewardPerTiBStored[3],
                    e.rewardPerTiBCapacity[0], e.rewardPerTiBCapacity[3], e.meanScore[0], e.meanScore[3],
                    static_cast<long long>(e.repairsPending));
    QJsonObject json{{u"bench"_s, u"simulate"_s},
                     {u"nodes"_s, p.nodes},
                     {u"epochs"_s, p.epochs},
                     {u"default"_s, describe(report.value())}};
    if (args.contains(u"--variants"_s)) {
        simulator::Params literal = p;
        literal.repairRoundsPerEpoch = 1;
        literal.repairThreshold = p.n - 2;
        std::printf("the same, repaired once a day when fewer than n - 1 shards are healthy\n");
        auto r = simulator::run(literal);
        if (r)
            json.insert(u"daily_below_n_minus_1"_s, describe(r.value()));
        simulator::Params daily = p;
        daily.repairRoundsPerEpoch = 1;
        std::printf("the same, repaired once a day at n - 1 healthy shards or fewer\n");
        auto r2 = simulator::run(daily);
        if (r2)
            json.insert(u"daily_at_n_minus_1"_s, describe(r2.value()));
    }
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
