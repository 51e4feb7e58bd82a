#pragma once

// The network simulator (core/simulator/SIMULATOR.md) for front ends: plain
// values in, plain values out. The CLI's `stratus simulate` and the charts
// in ui/charts use only this.

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>

namespace stratus::api {

struct SimulationOptions {
    int nodes = 1000;
    int epochs = 365; // days
    quint64 seed = 1;
};

// The model's assumptions as run (the simulator's defaults), for reports.
struct SimulationAssumptions {
    int k = 0;
    int n = 0;
    int repairThreshold = 0; // repaired at this many healthy shards or fewer
    int repairRoundsPerEpoch = 0;
    int outageGraceHours = 0;
    qint64 repairBytesPerNodePerEpoch = 0;
    qint64 shardBytes = 0;
    qint64 minCapacityBytes = 0;
    qint64 maxCapacityBytes = 0;
    double churnPerMonth = 0;
    double outagesPerDayBest = 0; // chance per node and day, best and worst hardware
    double outagesPerDayWorst = 0;
    double meanOutageHours = 0;
    double targetUtilization = 0;
    int auditsPerEpoch = 0;
    int pingsPerEpoch = 0;
    int degradeEpoch = 0;
    int degradedNodes = 0;
};

// Per day; quartiles of hardware quality, [0] the worst, [3] the best.
using Quartiles = std::array<double, 4>;
struct SimulationEpoch {
    int epoch = 0;
    int liveNodes = 0;
    double utilization = 0;
    double medianScore = 0;
    Quartiles rewardPerTiBStored{};   // credits a day: storage + egress paid, minus penalties
    Quartiles rewardPerTiBCapacity{}; // credits a day: all earnings incl. the base fee
    Quartiles meanScore{};
    Quartiles shareOfNewData{};
    Quartiles shareOfAllData{};
    qint64 segmentsStored = 0;
    qint64 segmentsUploaded = 0;
    qint64 segmentsLost = 0;
    qint64 segmentsLostTotal = 0;
    qint64 segmentsRepaired = 0;
    qint64 shardsRebuilt = 0;
    qint64 repairBytes = 0;
    qint64 repairsPending = 0;
    qint64 departures = 0;
    qint64 outages = 0;
    qint64 downloadsFailed = 0;
    qint64 degradedShardsPlaced = 0;
    double degradedEarnings = 0; // credits per degraded node
    double degradedScore = 0;
    int degradedEligible = 0;
};

struct SimulationNode {
    int slot = 0;
    int joinedEpoch = 0;
    double quality = 0;
    bool degraded = false;
    qint64 capacityBytes = 0;
    qint64 storedBytes = 0;
    double score = 0;
    bool vetted = false;
    bool eligible = false;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    double earnings = 0;
};

// The three findings (SIMULATOR.md, "Findings").
struct SimulationFindings {
    double bestRewardPerTiB = 0; // last quarter of the run, per TiB stored
    double worstRewardPerTiB = 0;
    double rewardRatio = 0; // -1 when the worst is 0 or below (penalties exceeded what its data earned)
    double bestEarningsPerTiBCapacity = 0;
    double worstEarningsPerTiBCapacity = 0;
    double capacityRatio = 0;
    double bestNewShareEarly = 0; // first week
    double bestNewShareLate = 0;  // last quarter
    double worstNewShareEarly = 0;
    double worstNewShareLate = 0;
    double bestAllShareEarly = 0; // end of the first week
    double bestAllShareEnd = 0;
    double worstAllShareEnd = 0;
    int degradeEpoch = -1;
    int degradedNodes = 0;
    double degradedPlacementBefore = 0; // shards per node and day, the week before
    double degradedPlacementAfter = 0;  // the week starting 3 days after
    double degradedEarningsBefore = 0;  // credits per node and day
    double degradedEarningsAfter = 0;
    int epochsToLosePlacement = -1;
    int epochsToLoseHalfEarnings = -1;
    qint64 segmentsLost = 0;
    qint64 segmentsStored = 0;
    qint64 segmentsRepaired = 0;
    qint64 repairBytes = 0;
    qint64 maxRepairsPending = 0;
    qint64 departures = 0;
    qint64 outages = 0;
};

struct SimulationResult {
    SimulationOptions options;
    SimulationAssumptions assumptions;
    QList<SimulationEpoch> epochs;
    QList<SimulationNode> nodes;
    SimulationFindings findings;
    double seconds = 0;
};

// Runs the simulation; `progress` after each day (done, total).
Result<SimulationResult> runSimulation(const SimulationOptions &options,
                                       const std::function<void(int done, int total)> &progress = {});

// Writes epochs.csv, nodes.csv and summary.json into `dir` (which must
// exist); the paths written are appended to `written`.
Status writeSimulationFiles(const SimulationResult &result, const QString &dir, QStringList *written = nullptr);

// The options, assumptions and findings as one JSON object.
QJsonObject simulationSummary(const SimulationResult &result);

} // namespace stratus::api
