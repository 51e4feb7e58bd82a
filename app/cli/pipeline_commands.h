#pragma once

#include <QStringList>

namespace stratus::cli {

// stratus pack FILE --out DIR
int runPack(const QStringList &args);
// stratus unpack DIR --out FILE
int runUnpack(const QStringList &args);

} // namespace stratus::cli
