#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus log show --network FILE [--validator ID] [--json]
// stratus log verify --network FILE [--validator ID] | --dir LOG_DIR
int runLog(const QStringList &args);
// stratus nodes --network FILE [--json]: the storage nodes as the validators see them
int runNodes(const QStringList &args);

} // namespace stratus::cli
