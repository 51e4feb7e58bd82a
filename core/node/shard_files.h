#pragma once

#include "common/result.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QString>

#include <vector>

// Helpers of the shard store: files (POSIX: fsync, pread, statvfs), leaves,
// and the words of its messages.
namespace stratus::node::files {

// A temporary file in a target's directory, named ".<target name>.tmp-<16
// hex>" (the names scan() recognizes as leftovers). Unlinked when destroyed
// unless commit() renamed it over its target.
class TempFile {
public:
    // `direct`: written around the page cache (O_DIRECT) where the file
    // system allows it, for shards: their bytes go to the disk as they are
    // written, so the fsync has little left to do, and they take no cache
    // that later reads would not use anyway.
    static Result<TempFile> create(const QString &targetPath, bool direct = false);
    ~TempFile();
    TempFile(TempFile &&other) noexcept;
    TempFile &operator=(TempFile &&) = delete;
    TempFile(const TempFile &) = delete;
    TempFile &operator=(const TempFile &) = delete;

    Status write(const char *data, qsizetype size);
    // fsync, close.
    Status sync();
    // Renames over the target (after sync()). The caller fsyncs the directory.
    Status commit();

    const QString &path() const { return m_path; }

private:
    TempFile(int fd, QString path, QString target, bool direct)
        : m_fd(fd), m_direct(direct), m_path(std::move(path)), m_target(std::move(target))
    {
    }
    Status writeAt(const char *data, qsizetype size);
    Status flushTail(); // direct mode: the last partial block, written the usual way

    int m_fd = -1;
    bool m_direct = false;
    qint64 m_offset = 0;  // bytes written to the file
    QByteArray m_pending; // direct mode: bytes not yet a whole block
    QString m_path;
    QString m_target;
    bool m_committed = false;
};

// A file handed to the store (one a transfer just wrote), opened read-only
// and checked to be a regular file of exactly the id's size. `verb`
// ("import") goes into the messages. Closed when destroyed.
class SourceFile {
public:
    static Result<SourceFile> open(const QString &path, const object::ShardId &id, const QString &verb);
    ~SourceFile();
    SourceFile(SourceFile &&other) noexcept;
    SourceFile &operator=(SourceFile &&) = delete;
    SourceFile(const SourceFile &) = delete;
    SourceFile &operator=(const SourceFile &) = delete;

    int fd() const { return m_fd; }
    const QString &path() const { return m_path; }

private:
    SourceFile(int fd, QString path) : m_fd(fd), m_path(std::move(path)) {}

    int m_fd = -1;
    QString m_path;
};

// True for a name TempFile makes.
bool isTempName(const QString &fileName);

// Reads exactly `size` bytes at `offset` of the file at `path` (seek + read
// of that range only).
Result<QByteArray> readRange(const QString &path, qint64 offset, qint64 size);

// Bytes an unprivileged process may still write on the file system of `path`.
Result<qint64> availableDiskBytes(const QString &path);

// Makes `dir` exist; when that created directories, fsyncs their parents up
// to `root`, so the new entries survive a crash.
Status makeDurableDirectory(const QString &root, const QString &dir);

QString errnoText();

// The first 12 characters of a shard id, for messages.
QString shortId(const object::ShardId &id);
// "12.3 MiB", for messages.
QString mib(qint64 bytes);
// A valid id of a shard this node may store (at most kMaxShardSize bytes).
Status validateId(const object::ShardId &id);

// Leaves as stored in a leaves file: 32 bytes each, in block order.
QByteArray leavesBytes(const std::vector<object::Hash32> &leaves);
// Whether `leaves` lead to the root of `id`.
bool rootMatches(const std::vector<object::Hash32> &leaves, const object::ShardId &id);

// Streams an open file that must hold exactly `size` bytes: returns the
// merkle leaves of its blocks and, when `copy` is given, writes every byte to
// it as it goes. Fails when the file is shorter or longer than `size`.
Result<std::vector<object::Hash32>> hashStream(int fd, qint64 size, const QString &path, TempFile *copy);

} // namespace stratus::node::files
