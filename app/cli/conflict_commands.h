#pragma once

#include <QStringList>

namespace stratus::cli {

int runSyncConflicts(const QStringList &args); // sync conflicts
int runSyncResolve(const QStringList &args);   // sync resolve PATH --keep mine|theirs|both
int runSyncTrash(const QStringList &args);     // sync trash

} // namespace stratus::cli
