#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus node run --data DIR [--storage SIZE] [--listen IP[:PORT]] [--swarm-port PORT] [--network FILE]
int runNode(const QStringList &args);

} // namespace stratus::cli
