#pragma once

#include "crypto/secret.h"

#include <QByteArray>

namespace stratus::crypto {

// Bytes from the operating system's CSPRNG.
QByteArray randomBytes(qsizetype count);
Key256 randomKey();

} // namespace stratus::crypto
