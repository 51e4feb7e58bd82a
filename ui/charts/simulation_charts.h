#pragma once

#include "api/simulation.h"

namespace stratus::ui {

// Draws the simulation's three charts into `dir` as PNG files:
// rewards_by_quality.png, data_share.png and durability.png. Needs a
// QApplication (any platform, offscreen included); appends the paths to
// `written`.
Status writeSimulationCharts(const api::SimulationResult &result, const QString &dir, QStringList *written = nullptr);

} // namespace stratus::ui
