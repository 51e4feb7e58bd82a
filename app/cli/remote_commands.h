#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus put PATH... --network FILE [--to REMOTE_DIR]
int runPut(const QStringList &args);
// stratus get NAME --out PATH --network FILE
int runGet(const QStringList &args);
// stratus ls --network FILE [--json]
int runLs(const QStringList &args);
// stratus rm NAME --network FILE
int runRm(const QStringList &args);
// stratus repair --network FILE [--threshold N]
int runRepair(const QStringList &args);

} // namespace stratus::cli
