#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus log show --network FILE [--validator ID] [--json]
// stratus log verify --network FILE [--validator ID] | --dir LOG_DIR
int runLog(const QStringList &args);

} // namespace stratus::cli
