#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus earnings show --network FILE [--node NAME|ID] [--epochs N] [--json]
// stratus earnings export --network FILE [--node NAME|ID] (--csv | --statement EPOCH) [--out FILE]
// stratus earnings verify FILE [--network FILE] [--json]
int runEarnings(const QStringList &args);

} // namespace stratus::cli
