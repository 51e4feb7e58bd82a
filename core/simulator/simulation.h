#pragma once

#include "common/result.h"
#include "simulator/params.h"
#include "simulator/stats.h"

#include <functional>

namespace stratus::simulator {

// Checks the parameters; a message a person can act on when one is out of
// range.
Status validate(const Params &params);

// Runs the network day by day (SIMULATOR.md): the same seed gives the same
// report. `progress` is called after each epoch.
Result<Report> run(const Params &params, const std::function<void(int done, int total)> &progress = {});

// The three findings, from the epochs of a run.
Findings findingsOf(const Params &params, const QList<EpochStats> &epochs);

} // namespace stratus::simulator
