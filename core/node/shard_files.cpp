#include "node/shard_files.h"

#include "common/files.h"
#include "crypto/hash.h"
#include "node/limits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::node::files {

namespace {

constexpr qsizetype kCopyBuffer = 64 * qsizetype(object::kMerkleBlockSize); // 1 MiB

// Reads up to `size` bytes, fewer only at the end of the file.
Result<qsizetype> readFull(int fd, char *buf, qsizetype size, const QString &path)
{
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buf + done, static_cast<size_t>(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError(u"cannot read %1: %2"_s.arg(path, errnoText()));
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

} // namespace

QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }

namespace {

constexpr qsizetype kBlock = 4096;
constexpr qsizetype kDirectChunk = qsizetype(4) << 20; // aligned bytes per write in direct mode

} // namespace

Result<TempFile> TempFile::create(const QString &targetPath, bool direct)
{
    const QFileInfo info(targetPath);
    for (int attempt = 0; attempt < 4; ++attempt) {
        const QString tmp = u"%1/.%2.tmp-%3"_s.arg(info.path(), info.fileName())
                                .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
        const QByteArray native = QFile::encodeName(tmp);
        int fd = -1;
#ifdef O_DIRECT
        if (direct)
            fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0644);
        if (fd >= 0)
            return TempFile(fd, tmp, targetPath, true);
        if (direct && errno == EEXIST)
            continue;
#endif
        fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0)
            return TempFile(fd, tmp, targetPath, false);
        if (errno != EEXIST)
            return makeError(u"cannot create %1: %2"_s.arg(tmp, errnoText()));
    }
    return makeError(u"cannot create a temporary file next to %1"_s.arg(targetPath));
}

TempFile::~TempFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed && !m_path.isEmpty())
        ::unlink(QFile::encodeName(m_path).constData());
}

TempFile::TempFile(TempFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_direct(other.m_direct), m_offset(other.m_offset),
      m_pending(std::move(other.m_pending)), m_path(std::exchange(other.m_path, QString())),
      m_target(std::move(other.m_target)), m_committed(other.m_committed)
{
}

Status TempFile::writeAt(const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, data, static_cast<size_t>(size), m_offset);
        if (n < 0 && errno == EINTR)
            continue;
        // A file system that took O_DIRECT but refuses direct writes: the
        // usual way (the rest of the file too).
        if (n < 0 && errno == EINVAL && m_direct && stopDirectIo(m_fd)) {
            m_direct = false;
            continue;
        }
        if (n <= 0)
            return makeError(u"cannot write %1: %2"_s.arg(m_path, n < 0 ? errnoText() : u"no progress"_s));
        data += n;
        size -= n;
        m_offset += n;
    }
    return {};
}

Status TempFile::write(const char *data, qsizetype size)
{
    if (!m_direct) {
        if (Status st = flushTail(); !st) // what direct mode held back, first
            return st;
        return writeAt(data, size);
    }
    // Whole blocks from an aligned buffer; the rest waits for more (or for
    // sync(), which writes it the usual way).
    std::unique_ptr<char, decltype(&std::free)> buffer(static_cast<char *>(std::aligned_alloc(kBlock, kDirectChunk)),
                                                       &std::free);
    if (!buffer)
        return makeError(u"out of memory writing %1"_s.arg(m_path));
    const auto writeBlocks = [&](const char *from, qsizetype n) -> Status {
        for (qsizetype at = 0; at < n;) {
            const qsizetype step = std::min(kDirectChunk, n - at);
            std::memcpy(buffer.get(), from + at, static_cast<size_t>(step));
            if (Status st = writeAt(buffer.get(), step); !st)
                return st;
            at += step;
        }
        return {};
    };
    if (!m_pending.isEmpty()) {
        const qsizetype take = std::min(size, kBlock - m_pending.size());
        m_pending.append(data, take);
        data += take;
        size -= take;
        if (m_pending.size() < kBlock)
            return {};
        if (Status st = writeBlocks(m_pending.constData(), kBlock); !st)
            return st;
        m_pending.clear();
    }
    const qsizetype whole = size / kBlock * kBlock;
    if (Status st = writeBlocks(data, whole); !st)
        return st;
    m_pending.append(data + whole, size - whole);
    return {};
}

Status TempFile::flushTail()
{
    if (m_pending.isEmpty())
        return {};
    if (m_direct && !stopDirectIo(m_fd))
        return makeError(u"cannot write %1: %2"_s.arg(m_path, errnoText()));
    m_direct = false;
    const QByteArray tail = std::exchange(m_pending, QByteArray());
    return writeAt(tail.constData(), tail.size());
}

Status TempFile::sync()
{
    if (Status st = flushTail(); !st)
        return st;
    if (Status st = syncFileDescriptor(m_fd, m_path); !st)
        return st;
    const int fd = std::exchange(m_fd, -1);
    if (::close(fd) != 0)
        return makeError(u"cannot close %1: %2"_s.arg(m_path, errnoText()));
    return {};
}

Status TempFile::commit()
{
    if (m_fd >= 0)
        return makeError(u"%1 is committed before it is synced"_s.arg(m_path));
    if (::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(m_target).constData()) != 0)
        return makeError(u"cannot move %1 into place: %2"_s.arg(m_target, errnoText()));
    m_committed = true;
    return {};
}

Result<SourceFile> SourceFile::open(const QString &path, const object::ShardId &id, const QString &verb)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(u"cannot open %1 to %2 shard %3: %4"_s.arg(path, verb, shortId(id), errnoText()));
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    SourceFile file(fd, path);
    if (!regular)
        return makeError(u"%1 is not a regular file; cannot %2 it as shard %3"_s.arg(path, verb, shortId(id)));
    if (st.st_size != id.size)
        return makeError(u"shard %1 refused: %2 is %3 bytes, the id says %4"_s.arg(shortId(id), path)
                             .arg(qint64(st.st_size))
                             .arg(id.size));
    return file;
}

SourceFile::~SourceFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

SourceFile::SourceFile(SourceFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path))
{
}

bool isTempName(const QString &fileName) { return fileName.startsWith(u'.') && fileName.contains(u".tmp-"_s); }

Result<QByteArray> readRange(const QString &path, qint64 offset, qint64 size)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return makeError(u"cannot open %1: %2"_s.arg(path, errnoText()));
    QByteArray out(size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, out.data() + done, static_cast<size_t>(size - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString why = n < 0 ? errnoText() : u"the file is shorter than expected"_s;
            ::close(fd);
            return makeError(u"cannot read %1 bytes at %2 of %3: %4"_s.arg(size).arg(offset).arg(path, why));
        }
        done += n;
    }
    ::close(fd);
    return out;
}

Result<qint64> availableDiskBytes(const QString &path)
{
    struct statvfs st {};
    if (::statvfs(QFile::encodeName(path).constData(), &st) != 0)
        return makeError(u"cannot read the free space of %1: %2"_s.arg(path, errnoText()));
    const unsigned long long avail = static_cast<unsigned long long>(st.f_bavail) * st.f_frsize;
    return static_cast<qint64>(std::min<unsigned long long>(avail, std::numeric_limits<qint64>::max()));
}

Status makeDurableDirectory(const QString &root, const QString &dir)
{
    if (QFileInfo(dir).isDir())
        return {};
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create directory %1"_s.arg(dir));
    // Sync each directory from the new one's parent up to the root: every new
    // entry lives in one of them.
    const QString rootClean = QDir::cleanPath(root);
    QString current = QDir::cleanPath(dir);
    while (current.size() > rootClean.size() && current.startsWith(rootClean)) {
        current = QFileInfo(current).path();
        if (Status st = syncDirectory(current); !st)
            return st;
    }
    return {};
}

QString shortId(const object::ShardId &id) { return id.toString().left(12); }

QString mib(qint64 bytes) { return u"%1 MiB"_s.arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1); }

Status validateId(const object::ShardId &id)
{
    if (!id.isValid())
        return makeError(u"invalid shard id (a 32-byte merkle root and a positive size are needed)"_s);
    if (id.size > kMaxShardSize)
        return makeError(u"shard %1 is %2 bytes; this node stores shards of at most %3 bytes"_s.arg(shortId(id))
                             .arg(id.size)
                             .arg(kMaxShardSize));
    return {};
}

QByteArray leavesBytes(const std::vector<object::Hash32> &leaves)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(leaves.size() * 32));
    for (const object::Hash32 &h : leaves)
        out.append(reinterpret_cast<const char *>(h.data()), 32);
    return out;
}

bool rootMatches(const std::vector<object::Hash32> &leaves, const object::ShardId &id)
{
    const object::Hash32 root = object::merkleRootFromLeaves(leaves);
    return id.root.size() == 32 && std::memcmp(root.data(), id.root.constData(), 32) == 0;
}

Result<std::vector<object::Hash32>> hashStream(int fd, qint64 size, const QString &path, TempFile *copy)
{
    std::vector<object::Hash32> leaves;
    leaves.reserve(object::merkleBlockCount(static_cast<std::uint64_t>(size)));
    QByteArray buf(kCopyBuffer, Qt::Uninitialized);
    crypto::Sha256 h;
    qint64 total = 0;
    while (total < size) {
        const qsizetype want = static_cast<qsizetype>(std::min<qint64>(kCopyBuffer, size - total));
        Result<qsizetype> got = readFull(fd, buf.data(), want, path);
        if (!got)
            return got.error();
        if (*got != want)
            return makeError(u"%1 is shorter than the %2 bytes its shard id says"_s.arg(path).arg(size));
        for (qsizetype off = 0; off < *got; off += qsizetype(object::kMerkleBlockSize)) {
            const qsizetype len = std::min<qsizetype>(qsizetype(object::kMerkleBlockSize), *got - off);
            object::Hash32 leaf;
            h.update(buf.constData() + off, static_cast<std::size_t>(len));
            h.final(leaf.data());
            leaves.push_back(leaf);
        }
        if (copy) {
            if (Status st = copy->write(buf.constData(), *got); !st)
                return st.error();
        }
        total += *got;
    }
    char extra = 0;
    Result<qsizetype> more = readFull(fd, &extra, 1, path);
    if (!more)
        return more.error();
    if (*more != 0)
        return makeError(u"%1 is longer than the %2 bytes its shard id says"_s.arg(path).arg(size));
    return leaves;
}

} // namespace stratus::node::files
