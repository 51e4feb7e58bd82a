#pragma once

#include <QtGlobal>

namespace stratus::simulator {

// Every knob of the model, with the defaults the CLI and the tests use.
// SIMULATOR.md explains why each number is what it is.
struct Params {
    int nodes = 1000;
    int epochs = 365; // an epoch is one day
    quint64 seed = 1;

    // Erasure coding and repair, as on the devnet: 4 + 2 shards, and a
    // segment is rebuilt when its healthy shards have fallen to
    // `repairThreshold` or below (RemoteStore::repair's default, n - 1).
    int k = 4;
    int n = 6;
    int repairThreshold = 5;
    // The repairer checks every segment this many times a day (hourly, like
    // `stratus repair --every 3600`).
    int repairRoundsPerEpoch = 24;
    // A shard on a node that has been offline for less than this still counts
    // as healthy (most outages are short; rebuilding for each would move far
    // more data than it saves). A node that left for good looks offline too,
    // so this is also how long a departure goes unnoticed.
    int outageGraceHours = 4;
    // What the repairers may move per day, per live node of the network
    // (reading k shards and writing the rebuilt ones both count).
    qint64 repairBytesPerNodePerEpoch = qint64(16) << 30;

    // One simulated shard stands for a bundle of real 16 MiB shards of one
    // upload placed on the same node (SIMULATOR.md, "Scale").
    qint64 shardBytes = qint64(4) << 30;
    // Node capacities: log-uniform between these.
    qint64 minCapacityBytes = qint64(256) << 30;
    qint64 maxCapacityBytes = qint64(4) << 40;

    // Demand: new segments per day grow linearly so that the network is
    // about `targetUtilization` full after `demandHorizonEpochs` days.
    double targetUtilization = 0.2;
    int demandHorizonEpochs = 365;
    double demandGrowth = 3.0; // the last day's uploads are this many times the first day's
    // Share of the stored segments downloaded each day (egress).
    double downloadsPerEpoch = 0.01;

    // Churn: permanent departures (their shards are gone), replaced by new
    // nodes the same hour, and temporary outages (hardware.h).
    double churnPerMonth = 0.05;

    // The validators' view: audits, pings and throughput probes per node
    // per day, and the history the nodes of day 0 already have.
    int auditsPerEpoch = 4;
    int pingsPerEpoch = 4;
    int throughputProbesPerEpoch = 1;
    // 0: a new network, where the validators know nothing yet.
    int warmupEpochs = 0;

    // A client is offered this many candidate nodes (a random sample of
    // the network, in the epoch's placement order) for each segment.
    int offersPerSegment = 12;

    // "Stops performing": at `degradeEpoch` (-1: half way) `degradedNodes`
    // (0: 1% of the network, at least 3) of the best quartile of hardware,
    // those with the most room (the ones clients pick), turn into failing
    // hardware (quality 0 and `degradedAuditFailRate`).
    int degradeEpoch = -1;
    int degradedNodes = 0;
    double degradedAuditFailRate = 0.25;
};

} // namespace stratus::simulator
