#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus simulate --nodes N --epochs E [--seed S] [--out DIR] [--json]:
// the network simulator (core/simulator/SIMULATOR.md); CSV, JSON and PNG
// charts into DIR, the findings on stdout. Needs the QApplication that
// main() makes for this command.
int runSimulate(const QStringList &args);

} // namespace stratus::cli
