#pragma once

#include "common/result.h"
#include "sync/ignore_rules.h"
#include "sync/local_index.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QThreadPool;

namespace stratus::sync {

// One difference between a folder on disk and what the local index knew.
struct ScanChange {
    enum class Kind {
        Added,          // a path the index did not have (or had as deleted)
        Modified,       // a file whose content changed
        Deleted,        // a path the index had that is gone
        TypeChanged,    // a file became a directory or the reverse
        MetadataChanged // same content; see the flags below
    };
    Kind kind = Kind::Added;
    FileEntry entry;                   // the state now (Deleted: the old one, marked deleted)
    std::optional<FileEntry> previous; // what the index had, if anything
    bool executableChanged = false;
    bool mtimeChanged = false;
    QString renamedFrom; // Added: a path deleted in the same scan with the same content

    // Nothing other devices need to learn (only the inode moved, e.g. a
    // save by rename that kept the mtime): the index is updated quietly.
    bool localOnly() const { return kind == Kind::MetadataChanged && !executableChanged && !mtimeChanged; }
};

// A path the scan could not or would not read. Never fatal: the rest of the
// folder is scanned, and what the index knew of this path is left alone (an
// unreadable file is not a deleted file).
struct ScanIssue {
    enum class Kind {
        Unreadable,       // permission denied, I/O error, ...
        Skipped,          // symbolic links (not followed), devices, pipes, sockets, bad names
        ChangedDuringScan // written to while being hashed; the next scan picks it up
    };
    Kind kind = Kind::Unreadable;
    QString path;
    QString reason; // for a person: what to do about it
};

struct ScanResult {
    QList<ScanChange> changes; // by path
    QList<ScanIssue> issues;   // by path
    int hashedFiles = 0;
    qint64 hashedBytes = 0;
    int seenEntries = 0; // files and directories on disk, ignored ones excluded
};

// A full scan of one synced folder against the local index.
//
// Files are hashed (SHA-256) only when their (size, mtime, inode) differ from
// the index, so rescanning an unchanged folder reads no file content. Hashing
// runs in parallel on `pool`, whose maxThreadCount bounds both the CPU and
// the memory used (one read buffer per thread); call scan() from a thread
// that is not one of the pool's.
//
// The scanner takes the index's entries as a list rather than the LocalIndex
// itself: a database belongs to one thread, and the scan runs on a worker.
class Scanner {
public:
    Scanner(QString root, IgnoreRules rules, QThreadPool *pool);

    // Fails only when the folder root itself is missing or unreadable, so a
    // drive that is not mounted never looks like every file deleted.
    // `beforeHashing` (optional) hears of each file about to be read, with
    // its path, size and mtime (no hash yet), before any is read: the
    // engine offers large ones to other devices while they are hashed.
    Result<ScanResult> scan(const QList<FileEntry> &known,
                            const std::function<void(const FileEntry &)> &beforeHashing = {}) const;

private:
    QString m_root;
    IgnoreRules m_rules;
    QThreadPool *m_pool;
};

// The index entries that record `changes` as this device's own edits: the
// version vector of each change other devices must learn gets `device`'s
// counter bumped. Ready for LocalIndex::writeBatch.
Result<QList<FileEntry>> localUpdates(const QList<ScanChange> &changes, const crypto::NodeId &device);

} // namespace stratus::sync
