#pragma once

#include "common/result.h"

#include <QIODevice>
#include <QString>

#include <memory>
#include <optional>

namespace stratus {

// Writes a new large file around the page cache (O_DIRECT), for restores of
// large files: the bytes go from aligned buffers straight to the disk, so
// the final fsync has almost nothing left to do and the kernel spends no
// time copying gigabytes through its cache (measured here: buffered writes
// and one fsync at the end take about 4 s per GiB, direct ones about 1.2 s).
// Full buffers are written by a thread of their own while the next fills.
// The file is created at `path` (which must not exist); the caller renames
// it into place once finish() succeeded.
class DirectWriter final : public QIODevice {
public:
    // Files smaller than this are not worth it (restores write them the
    // usual way).
    static constexpr qint64 kWorthwhileBytes = qint64(64) << 20;

    // Nothing where the file system does not take O_DIRECT (tmpfs): the
    // caller writes the usual way.
    static std::unique_ptr<DirectWriter> create(const QString &path);
    ~DirectWriter() override;

    // Writes what is left, makes the file durable (fsync) and gives it this
    // modification time (none: the time of writing); then the descriptor is
    // closed.
    Status finish(std::optional<qint64> mtimeMs = std::nullopt);
    // Closes and deletes the unfinished file.
    void discard();

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 len) override;

private:
    struct State;
    DirectWriter(QString path, int fd);
    bool submit(); // hands the full buffer to the writing thread
    QString m_path;
    std::unique_ptr<State> d;
};

// A new file at `path` that will get `size` bytes: a DirectWriter when the
// file is large enough for it to be worth it and the file system takes
// O_DIRECT, else a QFile opened with `mode` (WriteOnly plus e.g. Truncate
// or NewOnly). Null, with `error` set, when the file cannot be created.
std::unique_ptr<QIODevice> openFileWriter(const QString &path, qint64 size, QIODevice::OpenMode mode, QString *error);
// Ends what openFileWriter() gave: a DirectWriter is finished (written out
// and fsynced); a QFile is flushed and closed, and fsynced too when
// `durable`.
Status finishFileWriter(QIODevice &out, const QString &path, bool durable);

} // namespace stratus
