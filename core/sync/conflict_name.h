#pragma once

#include "crypto/node_id.h"

#include <QString>

namespace stratus::sync {

// Concurrent edits keep both sides (DESIGN.md "Sync engine"): the losing
// version is renamed to
//   name.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext
// from the loser's UTC modification time and its device's short name. Every
// device computes the same name from the same inputs, so the copy itself
// syncs as one ordinary file instead of multiplying.
//
// The extension is what follows the last dot of the file name, unless the
// name is a dotfile with no other dot (".bashrc" has no extension):
//   "a/notes.txt"  -> "a/notes.sync-conflict-20260102-030405-MFZWI3D.txt"
//   "a.tar.gz"     -> "a.tar.sync-conflict-...-MFZWI3D.gz"
//   ".bashrc"      -> ".bashrc.sync-conflict-...-MFZWI3D"
//   "Makefile"     -> "Makefile.sync-conflict-...-MFZWI3D"
// `mtimeNs` is nanoseconds since the Unix epoch (UTC); `device` is the
// device's short name (NodeId::shortString()); characters other than ASCII
// letters, digits and '-' are dropped from it so the name is valid on every
// file system.
QString conflictName(const QString &path, qint64 mtimeNs, const QString &device);

// True when the last part of `path` is a conflict copy.
bool isConflictName(const QString &path);

// One side of a conflict: the version a device holds.
struct ConflictSide {
    qint64 mtimeNs = 0;
    crypto::NodeId device;
    bool deleted = false;
};

enum class Loser { First, Second };

// Who loses a conflict, the same answer on every device: an edit beats a
// delete (a deletion never destroys someone's concurrent work); otherwise the
// older modification time loses, and on a tie the lower device id loses.
Loser conflictLoser(const ConflictSide &first, const ConflictSide &second);

} // namespace stratus::sync
