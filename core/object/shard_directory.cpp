#include "object/shard_directory.h"

#include "common/files.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::object {

ShardDirectory::ShardDirectory(QString dir, bool durable) : m_dir(std::move(dir)), m_durable(durable) {}

QString ShardDirectory::pathOf(const ShardId &id) const { return m_dir + u'/' + id.toString(); }

Status ShardDirectory::putShard(const ShardId &id, const QByteArray &buffer, qsizetype offset,
                                const std::vector<Hash32> &leaves)
{
    if (offset < 0 || offset > buffer.size() || buffer.size() - offset < id.size)
        return makeError(u"shard %1 lies outside the buffer it was given"_s.arg(id.toString()));
    const char *data = buffer.constData() + offset;
    const qint64 size = id.size;
    const QString path = pathOf(id);
    const QString tmp =
        u"%1.partial-%2"_s.arg(path).arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(u"cannot create %1: %2"_s.arg(tmp, f.errorString()));
    if (f.write(data, size) != size) {
        const QString why = f.errorString();
        f.close();
        f.remove();
        return makeError(u"cannot write shard %1: %2"_s.arg(path, why));
    }
    f.close();
    if (::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(tmp);
        return makeError(u"cannot store shard %1: %2"_s.arg(path, why));
    }
    if (m_durable || m_keepLeaves) {
        QMutexLocker lock(&m_mutex);
        if (m_durable)
            m_unsynced.append(path);
        if (m_keepLeaves)
            m_leaves.insert(id.toString(), leaves);
    }
    return {};
}

std::vector<Hash32> ShardDirectory::leavesOf(const ShardId &id) const
{
    QMutexLocker lock(&m_mutex);
    return m_leaves.value(id.toString());
}

Status ShardDirectory::flush()
{
    if (!m_durable)
        return {};
    QStringList paths;
    {
        QMutexLocker lock(&m_mutex);
        paths.swap(m_unsynced);
    }
    for (const QString &p : paths) {
        const int fd = ::open(QFile::encodeName(p).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return makeError(u"cannot open %1 to flush it: %2"_s.arg(p, QString::fromLocal8Bit(std::strerror(errno))));
        Status st = syncFileDescriptor(fd, p);
        ::close(fd);
        if (!st)
            return st;
    }
    return syncDirectory(m_dir);
}

Result<QByteArray> ShardDirectory::getShard(const ShardId &id)
{
    const QString path = pathOf(id);
    if (!QFileInfo::exists(path))
        return makeError(u"shard %1 is missing"_s.arg(id.toString().left(12)));
    return readFileLimited(path, id.size);
}

} // namespace stratus::object
