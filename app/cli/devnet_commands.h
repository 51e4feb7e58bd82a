#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus devnet up|status|kill|restart|down ...
int runDevnet(const QStringList &args);

} // namespace stratus::cli
