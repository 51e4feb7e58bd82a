#include "common/files.h"

#include "common/log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus {

static QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }

Status syncFileDescriptor(int fd, const QString &pathForErrors)
{
    if (::fsync(fd) != 0)
        return makeError(u"cannot flush %1 to disk: %2"_s.arg(pathForErrors, errnoText()));
    return {};
}

bool stopDirectIo(int fd)
{
#ifdef O_DIRECT
    const int flags = ::fcntl(fd, F_GETFL);
    return flags >= 0 && ::fcntl(fd, F_SETFL, flags & ~O_DIRECT) == 0;
#else
    Q_UNUSED(fd);
    return true;
#endif
}

Status syncDirectory(const QString &dirPath)
{
    const QByteArray native = QFile::encodeName(dirPath);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return makeError(u"cannot open directory %1: %2"_s.arg(dirPath, errnoText()));
    Status st = syncFileDescriptor(fd, dirPath);
    ::close(fd);
    return st;
}

Status writeFileAtomic(const QString &path, const QByteArray &data, bool ownerOnly)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    const QString tmp = u"%1/.%2.tmp-%3"_s.arg(dir, info.fileName())
                            .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    const QByteArray nativeTmp = QFile::encodeName(tmp);
    const int fd = ::open(nativeTmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly ? 0600 : 0644);
    if (fd < 0)
        return makeError(u"cannot create %1: %2"_s.arg(tmp, errnoText()));
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const QString why = errnoText();
            ::close(fd);
            ::unlink(nativeTmp.constData());
            return makeError(u"cannot write %1: %2"_s.arg(path, why));
        }
        p += n;
        left -= n;
    }
    if (Status st = syncFileDescriptor(fd, path); !st) {
        ::close(fd);
        ::unlink(nativeTmp.constData());
        return st;
    }
    ::close(fd);
    qCDebug(lcCommon).noquote() << "replacing" << path << "atomically," << data.size() << "bytes";
    if (::rename(nativeTmp.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = errnoText();
        ::unlink(nativeTmp.constData());
        return makeError(u"cannot replace %1: %2"_s.arg(path, why));
    }
    return syncDirectory(dir);
}

Result<QByteArray> readFileLimited(const QString &path, qint64 maxBytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    if (f.size() > maxBytes)
        return makeError(u"%1 is too large (%2 bytes; at most %3 expected)"_s.arg(path).arg(f.size()).arg(maxBytes));
    QByteArray data = f.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return makeError(u"%1 is too large (more than %2 bytes)"_s.arg(path).arg(maxBytes));
    if (f.error() != QFileDevice::NoError)
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    return data;
}

qint64 mtimeNs(const struct stat &st) { return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec; }

} // namespace stratus
