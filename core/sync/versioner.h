#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

namespace stratus::sync {

// How long replaced and deleted files are kept (DESIGN.md "Sync engine"):
// a version goes when it is beyond the newest `keepVersions` of its path or
// older than `keepDays`, so a file edited in a loop cannot fill the disk and
// nothing is kept forever. Trashed files go after `keepDays` alone. Zero
// disables a limit.
struct VersionPolicy {
    int keepVersions = 10;
    int keepDays = 30;
};

// One kept copy of a file.
struct StoredVersion {
    QString path;       // the file's relative path in the folder
    QString storedPath; // absolute path of the copy under .stratus/
    qint64 archivedMs = 0;
    qint64 size = 0;
    bool trashed = false; // deleted (trash) rather than replaced (versions)
    friend bool operator==(const StoredVersion &, const StoredVersion &) = default;
};

// Older versions and a trash inside the synced folder, under
// `<folder>/.stratus/versions/` and `<folder>/.stratus/trash/` (the scanner
// and ignore rules never sync `.stratus/`). A copy is the file itself, moved
// there by rename(2) (same filesystem: no copy, no partial file), named
// `<relative path>~YYYYMMDD-HHMMSS-mmm` in UTC, as Syncthing's "staggered"
// versioner names them, so a person can find them by hand too.
class Versioner {
public:
    explicit Versioner(QString folderRoot, VersionPolicy policy = {});

    const VersionPolicy &policy() const { return m_policy; }
    void setPolicy(const VersionPolicy &policy) { m_policy = policy; }

    enum class Reason { Replaced, Deleted };
    // Moves the file at `relativePath` into versions or the trash. Returns
    // the copy; `dirsToSync` gets the directories whose entries changed (the
    // caller fsyncs them once per batch).
    Result<StoredVersion> archive(const QString &relativePath, Reason reason, qint64 nowMs,
                                  QStringList *dirsToSync = nullptr);

    // Kept versions (or trashed copies) of one path, newest first.
    Result<QList<StoredVersion>> versions(const QString &relativePath) const;
    Result<QList<StoredVersion>> trashed(const QString &relativePath) const;
    // Every kept copy, versions and trash.
    Result<QList<StoredVersion>> all() const;

    // Puts a copy back at its path, atomically (a temp copy, fsync, rename):
    // the current file, if any, is first kept as a version itself, so a
    // restore never loses data. The stored copy stays where it is.
    Status restore(const StoredVersion &version, qint64 nowMs);

    // Removes what the policy no longer keeps; returns how many copies went.
    Result<int> purge(qint64 nowMs);

    static QString timestampSuffix(qint64 ms);

private:
    QString storeRoot(bool trash) const;
    Result<QList<StoredVersion>> list(const QString &relativePath, bool trash) const;

    QString m_root;
    VersionPolicy m_policy;
};

} // namespace stratus::sync
