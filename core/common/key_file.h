#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace stratus {

// Secrets kept as files readable by their owner only (as ssh and Syncthing
// keep keys). A key file that other users may read is refused, with the
// command that fixes it.
Status checkOwnerOnly(const QString &path);

// Reads a key file of exactly `size` bytes (after checkOwnerOnly).
Result<QByteArray> readKeyFile(const QString &path, qsizetype size);

// Reads a small owner-only text file (at most `maxBytes`).
Result<QByteArray> readPrivateFile(const QString &path, qint64 maxBytes);

// Writes `data` crash-safely with mode 0600.
Status writeKeyFile(const QString &path, const QByteArray &data);

} // namespace stratus
