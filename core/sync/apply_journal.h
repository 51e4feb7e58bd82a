#pragma once

#include "common/result.h"
#include "sync/local_index.h"

#include <QList>
#include <QString>

namespace stratus::sync {

// The intent of an ApplyBatch, made durable before its first rename, so a
// crash between the renames and the index write is rolled forward instead of
// leaving the index describing the old files while the disk holds the new
// ones (which the next scan would take for local edits, and conflicts).
//
// Stored as `<folder>/.stratus/apply-journal` (CBOR, written atomically): the
// entries as the index should record them.
QString applyJournalPath(const QString &folderRoot);
Status writeApplyJournal(const QString &folderRoot, const QList<FileEntry> &entries);
// Removes the journal durably (a stale journal replayed later could record
// old state over newer).
Status removeApplyJournal(const QString &folderRoot);

// Records in one index batch every journal entry the disk shows complete: a
// file with the journal's size and SHA-256, a directory that exists, a
// deleted path that is gone. Anything else is left for the next scan. Then
// removes the journal. Returns how many entries were recorded.
Result<int> replayApplyJournal(LocalIndex &index, const FolderInfo &folder);

// What the desktop app names a file it is copying into a synced folder (a
// drop) until it renames it into place.
inline const QString kDropTempPrefix = QStringLiteral(".stratus-tmp-drop-");

// Removes the `.stratus-tmp-*` files anywhere in the folder (outside its own
// `.stratus/`): partial writes of a crashed batch or restore, and drop copies
// untouched for an hour (a fresh one is being written). Returns how many.
Result<int> removeLeftoverTemps(const QString &folderRoot);

} // namespace stratus::sync
