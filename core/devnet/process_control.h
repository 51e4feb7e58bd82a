#pragma once

#include "common/result.h"

#include <QString>
#include <QStringList>

namespace stratus::devnet {

// Starts `program` detached from this process (it outlives the command that
// started it), with stdout and stderr appended to `logFile`. Returns its pid.
Result<qint64> startDetached(const QString &program, const QStringList &args, const QString &logFile);

// True if `pid` is alive and its command line contains `marker` (so that a
// recycled pid of an unrelated process is never mistaken for our node).
bool isOurProcess(qint64 pid, const QString &marker);

// SIGTERM, then SIGKILL after `graceMs`; waits until the process is gone.
Status stopProcess(qint64 pid, const QString &marker, int graceMs = 10000);

} // namespace stratus::devnet
