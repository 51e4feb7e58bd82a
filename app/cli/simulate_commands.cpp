#include "simulate_commands.h"

#include "api/simulation.h"
#include "arguments.h"
#include "command.h"
#include "output.h"

#ifdef STRATUS_HAVE_CHARTS
#include "simulation_charts.h"
#endif

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

// A whole number in [min, max], or nothing.
std::optional<qint64> parseCount(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

QString percent(double share) { return QString::number(100 * share, 'f', 1) + u'%'; }
QString credits(double v) { return QString::number(v, 'f', 3); }

void printFindings(const api::SimulationResult &r)
{
    const api::SimulationFindings &f = r.findings;
    const api::SimulationAssumptions &a = r.assumptions;
    printLine(u"Simulated %1 nodes for %2 days (seed %3) in %4 s."_s.arg(r.options.nodes)
                  .arg(r.options.epochs)
                  .arg(r.options.seed)
                  .arg(r.seconds, 0, 'f', 1));
    const QString ratio = f.rewardRatio < 0 ? u"the worst's data earned nothing or less after penalties"_s
                                            : u"x%1"_s.arg(f.rewardRatio, 0, 'f', 1);
    printLine(u"1. Rewards follow hardware: over the last quarter the best quartile earned %1 credits per TiB stored "
              u"a day, the worst %2 (%3); per TiB of capacity %4 vs %5 (x%6)."_s
                  .arg(credits(f.bestRewardPerTiB), credits(f.worstRewardPerTiB), ratio)
                  .arg(credits(f.bestEarningsPerTiBCapacity), credits(f.worstEarningsPerTiBCapacity))
                  .arg(f.capacityRatio, 0, 'f', 1));
    printLine(u"   Placement follows it: the best quartile took %1 of new data in the first week and %2 over the "
              u"last quarter (worst: %3 -> %4); it held %5 of all data after the first week and %6 at the end "
              u"(worst: %7)."_s.arg(percent(f.bestNewShareEarly), percent(f.bestNewShareLate),
                                    percent(f.worstNewShareEarly), percent(f.worstNewShareLate),
                                    percent(f.bestAllShareEarly), percent(f.bestAllShareEnd),
                                    percent(f.worstAllShareEnd)));
    if (f.degradeEpoch >= 0)
        printLine(
            u"2. %1 good nodes stopped performing on day %2: new shards per node a day %3 -> %4, credits per "
            u"node a day %5 -> %6; placement below 5% of before from %7 days after, earnings below half from %8 days after."_s
                .arg(f.degradedNodes)
                .arg(f.degradeEpoch)
                .arg(f.degradedPlacementBefore, 0, 'f', 2)
                .arg(f.degradedPlacementAfter, 0, 'f', 2)
                .arg(credits(f.degradedEarningsBefore), credits(f.degradedEarningsAfter))
                .arg(f.epochsToLosePlacement < 0 ? u"never"_s : QString::number(f.epochsToLosePlacement),
                     f.epochsToLoseHalfEarnings < 0 ? u"never"_s : QString::number(f.epochsToLoseHalfEarnings)));
    else
        printLine(u"2. (the run is too short for the degraded-node scenario, day %1)"_s.arg(a.degradeEpoch));
    const QString repairRule =
        u"repair at %1 healthy shards or fewer, checked %2 times a day (an unreachable holder counts after %3 h, at "
        u"once when two are unreachable), %4 GiB of repair traffic per node a day"_s.arg(a.repairThreshold)
            .arg(a.repairRoundsPerEpoch)
            .arg(a.outageGraceHours)
            .arg(a.repairBytesPerNodePerEpoch >> 30);
    const QString churn = u"churn %1% of nodes a month, outages on %2–%3% of nodes a day lasting ~%4 h"_s
                              .arg(a.churnPerMonth * 100, 0, 'g', 3)
                              .arg(a.outagesPerDayBest * 100, 0, 'g', 2)
                              .arg(a.outagesPerDayWorst * 100, 0, 'g', 2)
                              .arg(a.meanOutageHours, 0, 'g', 2);
    printLine(u"3. Durability (%1+%2; %3; %4): %5 of %6 segments lost; %7 repairs moved %8."_s.arg(a.k)
                  .arg(a.n - a.k)
                  .arg(repairRule, churn)
                  .arg(f.segmentsLost)
                  .arg(f.segmentsStored + f.segmentsLost)
                  .arg(f.segmentsRepaired)
                  .arg(humanBytes(f.repairBytes)));
}

} // namespace

int runSimulate(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Simulate a network of storage nodes with varied hardware, churn and demand through the real placement, "
        u"reputation and reward code, and write epochs.csv, nodes.csv, summary.json and three PNG charts "
        u"(core/simulator/SIMULATOR.md)."_s);
    const QCommandLineOption nodes{u"nodes"_s, u"Number of storage nodes (20 to 1,000,000)."_s, u"N"_s};
    const QCommandLineOption epochs{u"epochs"_s, u"Number of days to simulate (1 to 36,500)."_s, u"E"_s};
    const QCommandLineOption seed{u"seed"_s,
                                  u"Seed of the random generator (default 1); the same seed gives the "
                                  u"same results."_s,
                                  u"S"_s, u"1"_s};
    const QCommandLineOption out{u"out"_s, u"Directory for the CSV, JSON and PNG files (default: the current one)."_s,
                                 u"DIR"_s};
    const QCommandLineOption json{u"json"_s, u"Print the summary as one line of JSON at the end."_s};
    p.addOptions({nodes, epochs, seed, out, json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    if (!p.isSet(nodes) || !p.isSet(epochs)) {
        printError(u"`stratus simulate` needs --nodes N and --epochs E (see `stratus simulate --help`)"_s);
        return kExitUsage;
    }
    const auto nodeCount = parseCount(p.value(nodes), 20, 1000000);
    if (!nodeCount) {
        printError(u"--nodes must be a whole number from 20 to 1,000,000, not \"%1\""_s.arg(p.value(nodes)));
        return kExitUsage;
    }
    const auto epochCount = parseCount(p.value(epochs), 1, 36500);
    if (!epochCount) {
        printError(u"--epochs must be a whole number of days from 1 to 36,500, not \"%1\""_s.arg(p.value(epochs)));
        return kExitUsage;
    }
    bool seedOk = false;
    const quint64 seedValue = p.value(seed).toULongLong(&seedOk);
    if (!seedOk) {
        printError(u"--seed must be a whole number from 0 to 2^64 - 1, not \"%1\""_s.arg(p.value(seed)));
        return kExitUsage;
    }
    const QString dir = p.isSet(out) ? p.value(out) : QDir::currentPath();
    if (dir.isEmpty()) {
        printError(u"--out needs a directory"_s);
        return kExitUsage;
    }
    if (!QDir().mkpath(dir)) {
        printError(u"cannot create the output directory %1"_s.arg(dir));
        return kExitFailure;
    }

    api::SimulationOptions options;
    options.nodes = static_cast<int>(*nodeCount);
    options.epochs = static_cast<int>(*epochCount);
    options.seed = seedValue;
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    auto result = api::runSimulation(options, [tty](int done, int total) {
        if (tty && (done % 10 == 0 || done == total)) {
            std::fputs(u"\rsimulating day %1 of %2"_s.arg(done).arg(total).toLocal8Bit().constData(), stderr);
            std::fflush(stderr);
        }
    });
    if (tty)
        std::fputs("\r\033[K", stderr);
    if (!result) {
        printError(result.message());
        return kExitUsage; // the simulator refuses only parameters out of range
    }
    QStringList written;
    if (Status ok = api::writeSimulationFiles(result.value(), dir, &written); !ok) {
        printError(ok.message());
        return kExitFailure;
    }
#ifdef STRATUS_HAVE_CHARTS
    if (Status ok = ui::writeSimulationCharts(result.value(), dir, &written); !ok) {
        printError(ok.message());
        return kExitFailure;
    }
#else
    printError(u"this build has no charts (STRATUS_BUILD_DESKTOP=OFF); wrote the CSV and JSON files only"_s);
#endif
    printFindings(result.value());
    printLine(u"Wrote %1"_s.arg(written.join(u", "_s)));
    if (p.isSet(json)) {
        QJsonObject summary = api::simulationSummary(result.value());
        summary.insert(u"out"_s, QDir(dir).absolutePath());
        printLine(QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)));
    }
    return kExitOk;
}

} // namespace stratus::cli
