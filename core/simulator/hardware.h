#pragma once

#include <random>

namespace stratus::simulator {

using Rng = std::mt19937_64;

// How a node's hardware quality q in [0, 1] shows to the validators and to
// clients: every behaviour the simulator draws for a node comes from here,
// so SIMULATOR.md can state the model in one table.
struct Hardware {
    double quality = 1.0;
    double auditFailRate = 0.0; // chance that one proof of storage fails
    double outagesPerEpoch = 0; // chance that an outage starts on a given day
    double rttMs = 0;           // median round trip of a ping
    double throughput = 0;      // median bytes per second of a transfer

    static Hardware forQuality(double quality);

    // One sample of each measurement (0.6 to 1.4 times the median).
    double sampleRtt(Rng &rng) const;
    double sampleThroughput(Rng &rng) const;
    // The length of one outage in whole hours: exponential with a mean of
    // kMeanOutageHours, rounded up (so about 3.5 h on average), at most 72.
    static constexpr double kMeanOutageHours = 3.0;
    static int sampleOutageHours(Rng &rng);
};

double uniform(Rng &rng); // in [0, 1)

} // namespace stratus::simulator
