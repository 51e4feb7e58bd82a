#pragma once

#include <QList>
#include <QString>

#include <array>

namespace stratus::simulator {

// Quartiles of hardware quality among the live nodes of an epoch: 0 is the
// worst quarter, 3 the best.
constexpr int kQuartiles = 4;
using PerQuartile = std::array<double, kQuartiles>;

// What one simulated day added up to.
struct EpochStats {
    int epoch = 0;
    int liveNodes = 0;
    double utilization = 0; // bytes stored / capacity of the live nodes
    double medianScore = 0; // the network median of the validator score
    // Earnings (ledger::computeEarnings, credits) per quartile: what the data
    // earned (storage and egress times the performance multiplier, minus
    // penalties: the total without the base fee) per TiB stored (average
    // over the day), and all earnings per TiB of committed capacity.
    PerQuartile rewardPerTiBStored{};
    PerQuartile rewardPerTiBCapacity{};
    PerQuartile meanScore{};
    // Shares of the shards placed for new uploads this day, and of all the
    // shards held at the end of the day.
    PerQuartile shareOfNewData{};
    PerQuartile shareOfAllData{};
    qint64 segmentsStored = 0; // live segments at the end of the day
    qint64 segmentsUploaded = 0;
    qint64 segmentsLost = 0; // this day (fewer than k shards left for good)
    qint64 segmentsLostTotal = 0;
    qint64 segmentsRepaired = 0;
    qint64 shardsRebuilt = 0;
    qint64 repairBytes = 0;    // read (k shards) + written
    qint64 repairsPending = 0; // at the end of the day: due but not done (budget or too few online)
    qint64 departures = 0;
    qint64 outages = 0;         // outages that started this day
    qint64 downloadsFailed = 0; // fewer than k shards online at that moment
    // The nodes that stop performing (Params::degradeEpoch): shards they
    // received this day (uploads and repairs), their earnings (credits per
    // node) and their mean validator score; how many of them clients may
    // still place on.
    int degradedNodes = 0; // watched from a week before the degradation
    qint64 degradedShardsPlaced = 0;
    double degradedEarnings = 0;
    double degradedScore = 0;
    int degradedEligible = 0;
};

// One node at the end of the run (nodes that left are not listed).
struct NodeSummary {
    int slot = 0;
    int joinedEpoch = 0; // 0 for the nodes of day 0
    double quality = 0;
    bool degraded = false;
    qint64 capacityBytes = 0;
    qint64 storedBytes = 0;
    double score = 0;
    bool vetted = false;
    bool eligible = false;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    double earnings = 0; // credits over the run
};

// The three findings, computed from the epochs (SIMULATOR.md, "Findings").
struct Findings {
    // Mean over the last quarter of the run.
    double bestRewardPerTiB = 0; // per TiB stored
    double worstRewardPerTiB = 0;
    double rewardRatio = 0; // best / worst; -1 when the worst is 0 or below
    double bestEarningsPerTiBCapacity = 0;
    double worstEarningsPerTiBCapacity = 0;
    double capacityRatio = 0;
    // Shares of the best and worst quartile: of new data over the first
    // week (when the validators know little) and over the last quarter of
    // the run; of all data at the end of the first week and of the run.
    double bestNewShareEarly = 0;
    double bestNewShareLate = 0;
    double worstNewShareEarly = 0;
    double worstNewShareLate = 0;
    double bestAllShareEarly = 0;
    double bestAllShareEnd = 0;
    double worstAllShareEnd = 0;
    // The degraded nodes: mean shards placed and earnings per node per day
    // in the week before, and in the week starting `reactionEpochs` after
    // they degraded; how many days until they got (almost) no new shards
    // (under 5% of the week before, for a week) and until their daily
    // earnings fell below half (for a week).
    int degradeEpoch = -1;
    int degradedNodes = 0;
    double degradedPlacementBefore = 0;
    double degradedPlacementAfter = 0;
    double degradedEarningsBefore = 0;
    double degradedEarningsAfter = 0;
    int epochsToLosePlacement = -1; // -1: never within the run
    int epochsToLoseHalfEarnings = -1;
    // Durability.
    qint64 segmentsLost = 0;
    qint64 segmentsStored = 0;
    qint64 segmentsRepaired = 0;
    qint64 repairBytes = 0;
    qint64 maxRepairsPending = 0;
    qint64 departures = 0;
    qint64 outages = 0;
};

// How long after the degradation the "after" window starts.
constexpr int kReactionEpochs = 3;

struct Report {
    QList<EpochStats> epochs;
    QList<NodeSummary> nodes;
    Findings findings;
    double seconds = 0; // wall time of the run
};

} // namespace stratus::simulator
