#pragma once

#include "common/result.h"
#include "sync/local_index.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace stratus::sync {

class Versioner;

// Why one change of a batch was not applied.
struct ApplyIssue {
    enum class Kind {
        Conflict, // the local file changed since the index saw it: the caller resolves
        Failed,   // an I/O error on this path; the rest of the batch went on
    };
    QString path;
    Kind kind = Kind::Failed;
    QString message;
};

struct ApplyReport {
    QList<FileEntry> applied; // as recorded in the index (with inode and sequence)
    QList<ApplyIssue> issues;
};

// Applies remote changes to a folder with batched durability (issue 6):
//   1. every file is written as `.stratus-tmp-*` in its target directory,
//      with its mode and mtime, and writeback is started at once;
//   2. all of them are flushed together (one syncfs for a large batch,
//      fsync each for a few), then the batch's intent is journaled
//      durably (apply_journal.h);
//   3. each is renamed into place (the replaced file kept by the Versioner),
//      deletions go to the trash, directories are created;
//   4. every touched directory is fsync'd once;
//   5. only then is the batch recorded in the LocalIndex, in one transaction.
// A crash at any point leaves whole old or whole new files in the folder,
// and the index never records a file that is not on disk. What a crash may
// leave is `.stratus-tmp-*` files (never synced: the ignore rules skip them)
// and applied files not yet recorded; recover() removes the first and
// records the second from the journal written before the first rename.
//
// Before replacing or deleting a path, the disk is compared with the index
// (type, size, mtime, inode); a difference is a local change racing the
// remote one, reported as a Conflict and left untouched.
class ApplyBatch {
public:
    // `versioner` keeps replaced and deleted files; without one they are
    // simply replaced and unlinked.
    ApplyBatch(LocalIndex &index, FolderInfo folder, Versioner *versioner = nullptr);

    // `entry` is the new state as the index should record it (path, size,
    // mtime, mode, hash, version); inode and sequence are filled in here.
    void writeFile(FileEntry entry, QByteArray content);
    // The same with the content in a file on the folder's file system (e.g.
    // a download under `.stratus/`), moved into the temp with rename(2)
    // instead of held in memory: large files stream through.
    void writeFileFrom(FileEntry entry, QString sourcePath);
    void makeDirectory(FileEntry entry);
    // `entry` is the tombstone (deleted = true, with the deleting version).
    void remove(FileEntry entry);
    // Moves a file with rename(2) instead of downloading it again: `from` is
    // the old path's tombstone, `to` the new entry (its hash, when empty,
    // taken from the index's entry of `from`). Only when the source is
    // exactly what the index knows and nothing is at the target; otherwise a
    // Conflict, and the caller falls back to a delete plus a write.
    // Directories are not renamed this way (their children move as entries).
    void rename(FileEntry from, FileEntry to);

    qsizetype size() const { return m_changes.size(); }

    enum class Stage { TempsWritten, TempsFlushed, Renamed, DirectoriesFlushed, Recorded };
    // Called as each stage ends (for crash tests). TempsFlushed ends once
    // the journal is written too.
    void setStageHook(std::function<void(Stage)> hook) { m_hook = std::move(hook); }

    // Applies everything queued; per-path conflicts and failures are in the
    // report. Fails as a whole only when the batch cannot be made durable: a
    // temp flush or the journal failed (nothing applied, temps removed), or
    // a directory fsync or the index write failed after the renames (the
    // journal stays; the next commit() or recover() completes it).
    Result<ApplyReport> commit(qint64 nowMs);

    // After a crash: removes `.stratus-tmp-*` files a batch left anywhere in
    // the folder (outside `.stratus/`), and rolls forward a batch that was
    // renamed into place but not recorded (apply_journal.h). Run it when a
    // folder is opened, before its first scan. Returns how many temps it
    // removed.
    static Result<int> recover(LocalIndex &index, const FolderInfo &folder);

private:
    struct Change {
        enum class Op { Write, MakeDir, Remove, Rename } op;
        FileEntry entry;
        FileEntry from; // Rename: the old path's tombstone
        QByteArray content;
        QString sourcePath; // Write: content in this file instead
        QString tempPath;   // Write, once its temp is on disk
        bool skip = false;
    };

    Status writeTemp(Change &change, QStringList &dirs);
    Status flushTemps();
    std::optional<QString> renameBlocked(Change &change);
    Status placeOne(Change &change, QStringList &dirs, ApplyReport &report, qint64 nowMs);
    void stage(Stage s)
    {
        if (m_hook)
            m_hook(s);
    }

    LocalIndex &m_index;
    FolderInfo m_folder;
    Versioner *m_versioner;
    QList<Change> m_changes;
    std::function<void(Stage)> m_hook;
};

} // namespace stratus::sync
