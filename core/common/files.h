#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

struct stat;

namespace stratus {

// Writes `data` to `path` crash-safely: a temporary file in the same
// directory, fsync, rename over the target, fsync of the directory. A reader
// sees the old file or the new one, never a torn mix. `ownerOnly` makes the
// file readable by its owner alone (keys, seeds).
Status writeFileAtomic(const QString &path, const QByteArray &data, bool ownerOnly = false);

// Reads a whole file of at most `maxBytes` (a hostile file cannot make us
// allocate without bound).
Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes);

// fsync of a directory, so a rename inside it is durable.
Status syncDirectory(const QString &dirPath);

// fsync of an open file descriptor's data and metadata.
Status syncFileDescriptor(int fd, const QString &pathForErrors);

// Turns O_DIRECT off on `fd` (for an unaligned tail, or a file system that
// accepted the flag but refuses direct writes); false with errno set. True
// where the system has no O_DIRECT.
bool stopDirectIo(int fd);

// A stat's modification time in nanoseconds since the epoch.
qint64 mtimeNs(const struct stat &st);

} // namespace stratus
