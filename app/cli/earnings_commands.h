#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus earnings show --network FILE [--node NAME|ID] [--epochs N] [--json]
// stratus earnings export --network FILE [--node NAME|ID] (--csv | --statement EPOCH) [--out FILE]
// stratus earnings verify FILE [--network FILE] [--json]
int runEarnings(const QStringList &args);
// stratus credits --network FILE [--json]: this account's balance and what it pays
int runCredits(const QStringList &args);

} // namespace stratus::cli
