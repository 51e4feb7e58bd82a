#include "sync/versioner.h"

#include "common/files.h"
#include "crypto/random.h"
#include "sync/local_index.h"
#include "sync/log.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
const QString kStampFormat = u"yyyyMMdd-HHmmss-zzz"_s;
constexpr qsizetype kStampSize = 19; // YYYYMMDD-HHMMSS-mmm

QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }
QString parentOf(const QString &rel) { return rel.contains(u'/') ? rel.section(u'/', 0, -2) : QString(); }
QString join(const QString &a, const QString &b) { return b.isEmpty() ? a : a + u'/' + b; }

// "name~20260101-120000-000" → ("name", ms); nothing for other names.
std::optional<std::pair<QString, qint64>> parseStoredName(const QString &fileName)
{
    const qsizetype tilde = fileName.lastIndexOf(u'~');
    if (tilde <= 0 || fileName.size() - tilde - 1 != kStampSize)
        return std::nullopt;
    QDateTime t = QDateTime::fromString(fileName.mid(tilde + 1), kStampFormat);
    if (!t.isValid())
        return std::nullopt;
    t.setTimeSpec(Qt::UTC);
    return std::pair{fileName.left(tilde), t.toMSecsSinceEpoch()};
}

// Creates `dir` and records it and its new ancestors (up to `stop`) for fsync.
Status makePath(const QString &dir, const QString &stop, QStringList *dirsToSync)
{
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create %1 (is the folder writable?)"_s.arg(dir));
    if (dirsToSync) {
        for (QString d = dir; d.size() >= stop.size(); d = QFileInfo(d).path()) {
            *dirsToSync << d;
            if (d == stop)
                break;
        }
    }
    return {};
}

} // namespace

Versioner::Versioner(QString folderRoot, VersionPolicy policy) : m_root(std::move(folderRoot)), m_policy(policy) {}

QString Versioner::storeRoot(bool trash) const
{
    return m_root + (trash ? u"/.stratus/trash"_s : u"/.stratus/versions"_s);
}

QString Versioner::timestampSuffix(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(kStampFormat);
}

Result<StoredVersion> Versioner::archive(const QString &relativePath, Reason reason, qint64 nowMs,
                                         QStringList *dirsToSync)
{
    if (!LocalIndex::isValidPath(relativePath))
        return makeError(u"cannot keep a version of \"%1\": not a relative path"_s.arg(relativePath));
    const bool trash = reason == Reason::Deleted;
    const QString source = m_root + u'/' + relativePath;
    const QString destDir = join(storeRoot(trash), parentOf(relativePath));
    if (Status st = makePath(destDir, m_root, dirsToSync); !st)
        return st.error();
    const QString base = relativePath.section(u'/', -1);
    // Two archives in one millisecond (a batch) get the next free stamp.
    qint64 stamp = nowMs;
    QString dest;
    do {
        dest = destDir + u'/' + base + u'~' + timestampSuffix(stamp++);
    } while (QFileInfo::exists(dest));
    const QByteArray src = QFile::encodeName(source), dst = QFile::encodeName(dest);
    if (trash) {
        if (::rename(src.constData(), dst.constData()) != 0)
            return makeError(u"cannot move %1 to the trash: %2"_s.arg(source, errnoText()));
    } else if (::link(src.constData(), dst.constData()) != 0) {
        // A hard link keeps the file in place, so the caller's rename over it
        // stays atomic. Filesystems without hard links get a copy.
        if (!QFile::copy(source, dest))
            return makeError(u"cannot keep the old version of %1 in %2: %3"_s.arg(source, destDir, errnoText()));
    }
    if (dirsToSync)
        *dirsToSync << QFileInfo(source).path();
    StoredVersion v{relativePath, dest, stamp - 1, QFileInfo(dest).size(), trash};
    return v;
}

Result<QList<StoredVersion>> Versioner::list(const QString &relativePath, bool trash) const
{
    QList<StoredVersion> out;
    const QString dir = join(storeRoot(trash), parentOf(relativePath));
    const QString base = relativePath.section(u'/', -1);
    // No name filter: it would read '[', '*' and '?' in the name as wildcards.
    const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &fi : files) {
        auto parsed = parseStoredName(fi.fileName());
        if (parsed && parsed->first == base)
            out.append({relativePath, fi.absoluteFilePath(), parsed->second, fi.size(), trash});
    }
    std::sort(out.begin(), out.end(),
              [](const StoredVersion &a, const StoredVersion &b) { return a.archivedMs > b.archivedMs; });
    return out;
}

Result<QList<StoredVersion>> Versioner::versions(const QString &relativePath) const
{
    return list(relativePath, false);
}

Result<QList<StoredVersion>> Versioner::trashed(const QString &relativePath) const { return list(relativePath, true); }

Result<QList<StoredVersion>> Versioner::all() const
{
    QList<StoredVersion> out;
    for (bool trash : {false, true}) {
        const QString root = storeRoot(trash);
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo fi(it.next());
            auto parsed = parseStoredName(fi.fileName());
            if (!parsed)
                continue; // not ours: left alone
            const QString relDir = QDir(root).relativeFilePath(fi.path());
            const QString rel = relDir == u"."_s ? parsed->first : relDir + u'/' + parsed->first;
            out.append({rel, fi.absoluteFilePath(), parsed->second, fi.size(), trash});
        }
    }
    std::sort(out.begin(), out.end(), [](const StoredVersion &a, const StoredVersion &b) {
        return a.path != b.path ? a.path < b.path : a.archivedMs > b.archivedMs;
    });
    return out;
}

Status Versioner::restore(const StoredVersion &version, qint64 nowMs)
{
    if (!LocalIndex::isValidPath(version.path))
        return makeError(u"cannot restore \"%1\": not a relative path"_s.arg(version.path));
    const QString target = m_root + u'/' + version.path;
    const QString dir = QFileInfo(target).path();
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create %1 to restore %2 into"_s.arg(dir, version.path));
    QFile in(version.storedPath);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(u"cannot read the kept version %1: %2"_s.arg(version.storedPath, in.errorString()));
    struct stat st {};
    if (::fstat(in.handle(), &st) != 0)
        return makeError(u"cannot read the kept version %1: %2"_s.arg(version.storedPath, errnoText()));
    // A temp the scanner ignores and ApplyBatch::recover() cleans, then one
    // rename: a reader sees the old file or the restored one, never a mix.
    const QString temp = dir + u"/.stratus-tmp-"_s + QString::fromLatin1(crypto::randomBytes(8).toHex());
    QFile out(temp);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(u"cannot create a temporary file in %1: %2"_s.arg(dir, out.errorString()));
    Status result;
    QByteArray buf;
    while (result && !(buf = in.read(1 << 20)).isEmpty()) {
        if (out.write(buf) != buf.size())
            result = makeError(u"cannot write %1: %2"_s.arg(temp, out.errorString()));
    }
    if (result && in.error() != QFile::NoError)
        result = makeError(u"cannot read the kept version %1: %2"_s.arg(version.storedPath, in.errorString()));
    if (result && !out.flush())
        result = makeError(u"cannot write %1: %2"_s.arg(temp, out.errorString()));
    const struct timespec times[2] = {{0, UTIME_OMIT}, st.st_mtim};
    if (result && (::fchmod(out.handle(), st.st_mode & 0777) != 0 || ::futimens(out.handle(), times) != 0))
        result = makeError(u"cannot set the mode and mtime of %1: %2"_s.arg(temp, errnoText()));
    if (result)
        result = syncFileDescriptor(out.handle(), temp);
    out.close();
    QStringList dirs{dir};
    if (result && QFileInfo(target).isFile()) {
        if (auto kept = archive(version.path, Reason::Replaced, nowMs, &dirs); !kept)
            result = kept.error();
    }
    if (result && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0)
        result = makeError(u"cannot put %1 back: %2"_s.arg(target, errnoText()));
    if (!result) {
        QFile::remove(temp);
        return result;
    }
    dirs.removeDuplicates();
    for (const QString &d : std::as_const(dirs)) {
        if (Status st2 = syncDirectory(d); !st2)
            return st2;
    }
    return {};
}

Result<int> Versioner::purge(qint64 nowMs)
{
    Result<QList<StoredVersion>> kept = all();
    if (!kept)
        return kept.error();
    std::map<std::pair<bool, QString>, int> rank; // newest first per (store, path): all() sorts so
    int removed = 0;
    const qint64 maxAgeMs = qint64(m_policy.keepDays) * kDayMs;
    for (const StoredVersion &v : std::as_const(*kept)) {
        const int index = rank[{v.trashed, v.path}]++;
        const bool tooOld = m_policy.keepDays > 0 && nowMs - v.archivedMs > maxAgeMs;
        const bool tooMany = !v.trashed && m_policy.keepVersions > 0 && index >= m_policy.keepVersions;
        if (!tooOld && !tooMany)
            continue;
        if (!QFile::remove(v.storedPath))
            return makeError(u"cannot remove the expired version %1; check its permissions"_s.arg(v.storedPath));
        ++removed;
    }
    // Directories the purge emptied (deepest first), never the stores themselves.
    for (bool trash : {false, true}) {
        QStringList dirs;
        QDirIterator it(storeRoot(trash), QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            dirs << it.next();
        std::sort(dirs.begin(), dirs.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
        for (const QString &d : std::as_const(dirs))
            QDir().rmdir(d); // fails, harmlessly, on a directory that is not empty
    }
    if (removed > 0)
        qCInfo(lcSync) << "purged" << removed << "expired versions in" << m_root;
    return removed;
}

} // namespace stratus::sync
