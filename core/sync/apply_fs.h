#pragma once

#include "common/result.h"
#include "sync/local_index.h"

#include <QString>
#include <QStringList>

#include <optional>

// Filesystem helpers of ApplyBatch (internal to core/sync).
namespace stratus::sync::applyfs {

QString errnoText();

// What lstat says of a path, in the index's terms (directories: size and
// mtime 0, as the scanner records them).
struct Disk {
    bool exists = false;
    bool isDir = false;
    bool isFile = false;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 inode = 0;
    int mode = 0;
};
Disk lstatDisk(const QString &path);

// Does the disk still hold what the index last saw? Anything else is a local
// change the remote one must not overwrite; the reason is returned.
std::optional<QString> localChange(const std::optional<FileEntry> &known, const Disk &disk, bool wantDirectory);

// Paths no remote change may touch: Stratus's own `.stratus/` and temps.
bool isReservedPath(const QString &path);

// Creates the missing directories of `relDir` below `root`, refusing to pass
// through anything that is not a real directory (a symlink would lead the
// write out of the folder). Appends what it changed to `dirs` (for fsync).
Status makeDirs(const QString &root, const QString &relDir, QStringList &dirs);

// "a/b/c" -> "a/b"; "c" -> "".
QString parentOf(const QString &rel);

} // namespace stratus::sync::applyfs
