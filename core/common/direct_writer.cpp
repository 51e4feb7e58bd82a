#include "common/direct_writer.h"

#include "common/files.h"

#include <QFile>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus {

namespace {

constexpr qint64 kAlign = 4096;
constexpr qint64 kBufferBytes = qint64(8) << 20;

struct AlignedFree {
    void operator()(char *p) const { std::free(p); }
};
using Buffer = std::unique_ptr<char, AlignedFree>;

Buffer alignedBuffer() { return Buffer(static_cast<char *>(std::aligned_alloc(kAlign, kBufferBytes))); }

// Writes all of it at `offset`; errno's text on failure.
// Writes all of it at `offset`; errno's text on failure. A file system that
// refuses a direct write (EINVAL) gets it the usual way.
QString writeAll(int fd, const char *p, qint64 len, qint64 offset)
{
    while (len > 0) {
        const ssize_t n = ::pwrite(fd, p, static_cast<size_t>(len), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EINVAL && stopDirectIo(fd))
            continue;
        if (n <= 0)
            return n < 0 ? QString::fromLocal8Bit(std::strerror(errno)) : u"nothing written"_s;
        p += n;
        len -= n;
        offset += n;
    }
    return {};
}

} // namespace

struct DirectWriter::State {
    int fd = -1;
    Buffer filling = alignedBuffer();
    Buffer spare = alignedBuffer();
    qint64 fill = 0;            // bytes in `filling`
    qint64 offset = 0;          // where `filling` goes in the file
    std::future<QString> write; // the buffer being written (now `spare`'s twin)
    QString error;

    bool waitForWrite()
    {
        if (write.valid()) {
            const QString failed = write.get();
            if (!failed.isEmpty() && error.isEmpty())
                error = failed;
        }
        return error.isEmpty();
    }
};

DirectWriter::DirectWriter(QString path, int fd) : m_path(std::move(path)), d(std::make_unique<State>())
{
    d->fd = fd;
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

std::unique_ptr<DirectWriter> DirectWriter::create(const QString &path)
{
#ifdef O_DIRECT
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0666);
    if (fd < 0)
        return nullptr;
    std::unique_ptr<DirectWriter> w(new DirectWriter(path, fd));
    if (!w->d->filling || !w->d->spare) {
        w->discard();
        return nullptr;
    }
    return w;
#else
    Q_UNUSED(path);
    return nullptr;
#endif
}

DirectWriter::~DirectWriter()
{
    if (d->fd >= 0)
        discard();
}

qint64 DirectWriter::writeData(const char *data, qint64 len)
{
    qint64 done = 0;
    while (done < len) {
        const qint64 n = std::min(len - done, kBufferBytes - d->fill);
        std::memcpy(d->filling.get() + d->fill, data + done, static_cast<size_t>(n));
        d->fill += n;
        done += n;
        if (d->fill == kBufferBytes && !submit()) {
            setErrorString(d->error);
            return -1;
        }
    }
    return len;
}

bool DirectWriter::submit()
{
    if (!d->waitForWrite())
        return false;
    std::swap(d->filling, d->spare);
    d->write = std::async(std::launch::async, [fd = d->fd, p = d->spare.get(), len = d->fill, at = d->offset] {
        return writeAll(fd, p, len, at);
    });
    d->offset += d->fill;
    d->fill = 0;
    return true;
}

Status DirectWriter::finish(std::optional<qint64> mtimeMs)
{
    if (!d->waitForWrite())
        return makeError(u"cannot write %1: %2"_s.arg(m_path, d->error));
    // The aligned part directly; the tail (not a whole block) the usual way.
    const qint64 aligned = d->fill / kAlign * kAlign;
    QString failed = writeAll(d->fd, d->filling.get(), aligned, d->offset);
    if (failed.isEmpty() && d->fill > aligned) {
        if (!stopDirectIo(d->fd))
            failed = QString::fromLocal8Bit(std::strerror(errno));
        else
            failed = writeAll(d->fd, d->filling.get() + aligned, d->fill - aligned, d->offset + aligned);
    }
    if (failed.isEmpty() && ::fsync(d->fd) != 0)
        failed = QString::fromLocal8Bit(std::strerror(errno));
    if (failed.isEmpty() && mtimeMs) {
        qint64 seconds = *mtimeMs / 1000, ms = *mtimeMs % 1000;
        if (ms < 0) { // before 1970: floor, not truncate
            ms += 1000;
            seconds -= 1;
        }
        const struct timespec mtime[2] = {{0, UTIME_OMIT},
                                          {static_cast<time_t>(seconds), static_cast<long>(ms * 1000000)}};
        if (::futimens(d->fd, mtime) != 0)
            failed = QString::fromLocal8Bit(std::strerror(errno));
    }
    if (!failed.isEmpty()) {
        discard();
        return makeError(u"cannot write %1: %2"_s.arg(m_path, failed));
    }
    ::close(d->fd);
    d->fd = -1;
    close();
    return {};
}

void DirectWriter::discard()
{
    d->waitForWrite();
    if (d->fd >= 0) {
        ::close(d->fd);
        d->fd = -1;
        ::unlink(QFile::encodeName(m_path).constData());
    }
    close();
}

std::unique_ptr<QIODevice> openFileWriter(const QString &path, qint64 size, QIODevice::OpenMode mode, QString *error)
{
    if (size >= DirectWriter::kWorthwhileBytes)
        if (std::unique_ptr<DirectWriter> direct = DirectWriter::create(path))
            return direct;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(mode | QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file->errorString());
        return nullptr;
    }
    return file;
}

Status finishFileWriter(QIODevice &out, const QString &path, bool durable)
{
    if (auto *direct = dynamic_cast<DirectWriter *>(&out))
        return direct->finish();
    auto *file = dynamic_cast<QFile *>(&out);
    if (!file)
        return makeError(QStringLiteral("%1 was not opened by openFileWriter").arg(path));
    if (!file->flush())
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file->errorString()));
    if (durable)
        if (Status synced = syncFileDescriptor(file->handle(), path); !synced)
            return synced;
    file->close();
    return {};
}

} // namespace stratus
