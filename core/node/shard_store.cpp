#include "node/shard_store.h"

#include "common/files.h"
#include "crypto/hash.h"
#include "crypto/signing_key.h"
#include "node/limits.h"
#include "node/log.h"
#include "node/shard_files.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <optional>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::node {

using files::hashStream;
using files::leavesBytes;
using files::mib;
using files::rootMatches;
using files::shortId;
using files::validateId;

// Space set aside for a shard being stored; released when destroyed unless
// commit() turned it into a stored shard.
class ShardStore::Reservation {
public:
    Reservation(ShardStore &store, QString key, qint64 size)
        : m_store(store), m_key(std::move(key)), m_size(size), m_bytes(footprint(size))
    {
    }
    ~Reservation()
    {
        QMutexLocker lock(&m_store.m_mutex);
        m_store.m_reserved -= m_bytes;
        m_store.m_inFlight.remove(m_key);
        if (m_committed) {
            m_store.m_shards.insert(m_key, m_size);
            m_store.m_used += m_bytes;
        }
    }
    Reservation(const Reservation &) = delete;
    Reservation &operator=(const Reservation &) = delete;
    void commit() { m_committed = true; }

private:
    ShardStore &m_store;
    QString m_key;
    qint64 m_size;
    qint64 m_bytes;
    bool m_committed = false;
};

ShardStore::ShardStore(QString directory, const ShardStoreOptions &options)
    : m_dir(std::move(directory)), m_diskReserve(std::max<qint64>(0, options.diskReserve)),
      m_capacity(std::max<qint64>(0, options.capacity))
{
}

ShardStore::~ShardStore() = default;

Result<std::unique_ptr<ShardStore>> ShardStore::open(const QString &directory, const ShardStoreOptions &options)
{
    const QString dir = QDir(directory).absolutePath();
    std::unique_ptr<ShardStore> store(new ShardStore(dir, options));
    for (const QString &sub : {dir, store->shardsRoot(), store->quarantineDirectory()}) {
        if (!QDir().mkpath(sub))
            return makeError(u"cannot create the storage directory %1: check that it is writable"_s.arg(sub));
    }
    store->m_lock = std::make_unique<QLockFile>(dir + u"/store.lock"_s);
    store->m_lock->setStaleLockTime(0);
    if (!store->m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        store->m_lock->getLockInfo(&pid, &host, &app);
        return makeError(u"the storage directory %1 is in use by another process (pid %2 on %3); stop it first"_s.arg(
            dir, QString::number(pid), host));
    }
    Result<ScanReport> report = store->scan();
    if (!report)
        return report.error();
    return store;
}

qint64 ShardStore::footprint(qint64 size)
{
    return size +
           32 * static_cast<qint64>(object::merkleBlockCount(static_cast<std::uint64_t>(std::max<qint64>(0, size))));
}

QString ShardStore::shardsRoot() const { return m_dir + u"/shards"_s; }
QString ShardStore::quarantineDirectory() const { return m_dir + u"/quarantine"_s; }

QString ShardStore::pathOf(const object::ShardId &id) const
{
    if (!id.isValid())
        return {};
    const QString name = id.toString();
    return u"%1/%2/%3/%4"_s.arg(shardsRoot(), name.mid(0, 2), name.mid(2, 2), name);
}

QString ShardStore::leavesPathOf(const object::ShardId &id) const
{
    const QString path = pathOf(id);
    return path.isEmpty() ? path : path + u".leaves"_s;
}

bool ShardStore::has(const object::ShardId &id) const
{
    QMutexLocker lock(&m_mutex);
    return m_shards.contains(id.toString());
}

std::vector<object::ShardId> ShardStore::shards() const
{
    QMutexLocker lock(&m_mutex);
    std::vector<object::ShardId> out;
    out.reserve(static_cast<std::size_t>(m_shards.size()));
    for (auto it = m_shards.constBegin(); it != m_shards.constEnd(); ++it) {
        if (Result<object::ShardId> id = object::ShardId::parse(it.key()))
            out.push_back(*id);
    }
    return out;
}

qint64 ShardStore::capacity() const
{
    QMutexLocker lock(&m_mutex);
    return m_capacity;
}

void ShardStore::setCapacity(qint64 capacity)
{
    QMutexLocker lock(&m_mutex);
    m_capacity = std::max<qint64>(0, capacity);
    if (m_used > m_capacity)
        qCWarning(lcNode).noquote() << "the store holds" << mib(m_used) << "above its new allocation of"
                                    << mib(m_capacity) << "; no new shard is accepted until shards expire";
}

qint64 ShardStore::usedBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_used;
}

qint64 ShardStore::freeBytes() const
{
    QMutexLocker lock(&m_mutex);
    return std::max<qint64>(0, m_capacity - m_used - m_reserved);
}

qint64 ShardStore::shardCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_shards.size();
}

Result<std::unique_ptr<ShardStore::Reservation>> ShardStore::reserve(const object::ShardId &id)
{
    QMutexLocker lock(&m_mutex);
    const QString key = id.toString();
    if (m_shards.contains(key))
        return std::unique_ptr<Reservation>();
    if (m_inFlight.contains(key))
        return makeError(u"shard %1 is being stored by another transfer right now"_s.arg(shortId(id)));
    const qint64 need = footprint(id.size);
    const qint64 left = m_capacity - m_used - m_reserved;
    if (need > left)
        return makeError(u"not enough allocated space for shard %1: it needs %2, and %3 of the %4 allocated are "
                         u"free; allocate more space or wait for contracts to expire"_s.arg(
                             shortId(id), mib(need), mib(std::max<qint64>(0, left)), mib(m_capacity)));
    Result<qint64> disk = files::availableDiskBytes(m_dir);
    if (!disk)
        return disk.error();
    if (need + m_reserved + m_diskReserve > *disk)
        return makeError(u"not enough free disk space for shard %1 in %2: it needs %3 and %4 are always kept free, "
                         u"but the disk has %5 left; free disk space or lower the allocation"_s.arg(
                             shortId(id), m_dir, mib(need), mib(m_diskReserve), mib(*disk)));
    m_reserved += need;
    m_inFlight.insert(key);
    return std::make_unique<Reservation>(*this, key, id.size);
}

Status ShardStore::prepareDirectory(const object::ShardId &id)
{
    return files::makeDurableDirectory(shardsRoot(), QFileInfo(pathOf(id)).path());
}

Status ShardStore::commitFiles(const object::ShardId &id, files::TempFile &leaves, files::TempFile &shard)
{
    // Leaves first: a shard that is visible always has its leaves (a crash in
    // between leaves an orphan leaves file, which scan() removes).
    if (Status st = leaves.commit(); !st)
        return st;
    const QByteArray leavesPath = QFile::encodeName(leavesPathOf(id));
    if (Status st = shard.commit(); !st) {
        ::unlink(leavesPath.constData());
        return st;
    }
    if (Status st = syncDirectory(QFileInfo(pathOf(id)).path()); !st) {
        ::unlink(QFile::encodeName(pathOf(id)).constData());
        ::unlink(leavesPath.constData());
        return st;
    }
    return {};
}

Status ShardStore::put(const object::ShardId &id, const QByteArray &bytes,
                       const std::vector<object::Hash32> &verifiedLeaves)
{
    if (Status st = validateId(id); !st)
        return st;
    if (bytes.size() != id.size)
        return makeError(
            u"shard %1 refused: it is %2 bytes, its id says %3"_s.arg(shortId(id)).arg(bytes.size()).arg(id.size));
    const std::vector<object::Hash32> leaves =
        !verifiedLeaves.empty() && rootMatches(verifiedLeaves, id)
            ? verifiedLeaves
            : object::merkleLeaves(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                   std::size_t(bytes.size()));
    if (!rootMatches(leaves, id))
        return makeError(
            u"shard %1 refused: its bytes do not match its merkle root (damaged or not that shard)"_s.arg(shortId(id)));
    Result<std::unique_ptr<Reservation>> reservation = reserve(id);
    if (!reservation)
        return reservation.error();
    if (!*reservation)
        return {}; // already stored
    if (Status st = prepareDirectory(id); !st)
        return st;
    Result<files::TempFile> shardTmp = files::TempFile::create(pathOf(id), true);
    if (!shardTmp)
        return shardTmp.error();
    if (Status st = shardTmp->write(bytes.constData(), bytes.size()); !st)
        return st;
    if (Status st = shardTmp->sync(); !st)
        return st;
    std::optional<files::TempFile> leavesTmp;
    if (Status st = writeLeaves(id, leaves, leavesTmp); !st)
        return st;
    if (Status st = commitFiles(id, *leavesTmp, *shardTmp); !st)
        return st;
    (*reservation)->commit();
    qCDebug(lcNode).noquote() << "stored shard" << id.toString();
    return {};
}

void ShardStore::readAhead(const object::ShardId &id) const
{
    const int fd = ::open(QFile::encodeName(pathOf(id)).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
}

Status ShardStore::writeLeaves(const object::ShardId &id, const std::vector<object::Hash32> &leaves,
                               std::optional<files::TempFile> &out)
{
    Result<files::TempFile> tmp = files::TempFile::create(leavesPathOf(id));
    if (!tmp)
        return tmp.error();
    const QByteArray lb = leavesBytes(leaves);
    if (Status s = tmp->write(lb.constData(), lb.size()); !s)
        return s;
    if (Status s = tmp->sync(); !s)
        return s;
    out.emplace(std::move(*tmp));
    return {};
}

Status ShardStore::importFile(const object::ShardId &id, const QString &sourcePath)
{
    if (Status st = validateId(id); !st)
        return st;
    Result<files::SourceFile> source = files::SourceFile::open(sourcePath, id, u"import"_s);
    if (!source)
        return source.error();
    Result<std::unique_ptr<Reservation>> reservation = reserve(id);
    if (!reservation)
        return reservation.error();
    if (!*reservation)
        return {}; // already stored
    if (Status s = prepareDirectory(id); !s)
        return s;
    Result<files::TempFile> shardTmp = files::TempFile::create(pathOf(id));
    if (!shardTmp)
        return shardTmp.error();
    Result<std::vector<object::Hash32>> leaves = hashStream(source->fd(), id.size, sourcePath, &*shardTmp);
    if (!leaves)
        return makeError(u"shard %1 refused: %2"_s.arg(shortId(id), leaves.message()));
    if (!rootMatches(*leaves, id))
        return makeError(u"shard %1 refused: %2 does not match its merkle root (damaged or not that shard)"_s.arg(
            shortId(id), sourcePath));
    if (Status s = shardTmp->sync(); !s)
        return s;
    std::optional<files::TempFile> leavesTmp;
    if (Status s = writeLeaves(id, *leaves, leavesTmp); !s)
        return s;
    if (Status s = commitFiles(id, *leavesTmp, *shardTmp); !s)
        return s;
    (*reservation)->commit();
    qCDebug(lcNode).noquote() << "imported shard" << id.toString() << "from" << sourcePath;
    return {};
}

void ShardStore::forgetLocked(const object::ShardId &id)
{
    const auto it = m_shards.constFind(id.toString());
    if (it == m_shards.constEnd())
        return;
    m_used -= footprint(it.value());
    m_shards.erase(it);
}

Status ShardStore::remove(const object::ShardId &id)
{
    QMutexLocker lock(&m_mutex);
    if (!m_shards.contains(id.toString()))
        return makeError(u"shard %1 is not stored here"_s.arg(shortId(id)));
    const QString path = pathOf(id);
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT)
        return makeError(u"cannot delete %1: %2"_s.arg(path, files::errnoText()));
    ::unlink(QFile::encodeName(leavesPathOf(id)).constData());
    forgetLocked(id);
    if (Status st = syncDirectory(QFileInfo(path).path()); !st)
        qCWarning(lcNode).noquote() << "deleted shard" << id.toString() << "but" << st.message();
    qCDebug(lcNode).noquote() << "deleted shard" << id.toString();
    return {};
}

} // namespace stratus::node
