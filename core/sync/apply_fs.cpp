#include "sync/apply_fs.h"

#include "common/files.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::sync::applyfs {

QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }

Disk lstatDisk(const QString &path)
{
    Disk d;
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return d;
    d.exists = true;
    d.isDir = S_ISDIR(st.st_mode);
    d.isFile = S_ISREG(st.st_mode);
    d.size = d.isDir ? 0 : qint64(st.st_size);
    d.mtimeNs = d.isDir ? 0 : mtimeNs(st);
    d.inode = qint64(st.st_ino);
    d.mode = int(st.st_mode & 07777);
    return d;
}

std::optional<QString> localChange(const std::optional<FileEntry> &known, const Disk &disk, bool wantDirectory)
{
    const bool knownLive = known && !known->deleted;
    if (!disk.exists)
        return std::nullopt; // nothing to lose (a local delete loses to a remote edit)
    if (wantDirectory && disk.isDir)
        return std::nullopt; // creating a directory that is there changes nothing
    if (!knownLive)
        return u"a local file or directory that was never synced is in the way"_s;
    const bool knownDir = known->type == EntryType::Directory;
    if (knownDir != disk.isDir || (!knownDir && !disk.isFile))
        return u"the local path changed type since it was last synced"_s;
    if (!knownDir && (known->size != disk.size || known->mtimeNs != disk.mtimeNs || known->inode != disk.inode))
        return u"the local file was changed since it was last synced"_s;
    return std::nullopt;
}

bool isReservedPath(const QString &path)
{
    if (path == u".stratus"_s || path.startsWith(u".stratus/"_s))
        return true;
    return path.section(u'/', -1).startsWith(u".stratus-tmp-"_s);
}

Status makeDirs(const QString &root, const QString &relDir, QStringList &dirs)
{
    if (relDir.isEmpty())
        return {};
    QString current = root;
    for (const QString &part : relDir.split(u'/')) {
        const QString parent = current;
        current += u'/' + part;
        const Disk d = lstatDisk(current);
        if (d.exists && !d.isDir)
            return makeError(u"%1 is not a directory (a file or symbolic link is in the way)"_s.arg(current));
        if (d.exists)
            continue;
        if (::mkdir(QFile::encodeName(current).constData(), 0755) != 0 && errno != EEXIST)
            return makeError(u"cannot create the directory %1: %2"_s.arg(current, errnoText()));
        dirs << parent << current;
    }
    return {};
}

QString parentOf(const QString &rel) { return rel.contains(u'/') ? rel.section(u'/', 0, -2) : QString(); }

} // namespace stratus::sync::applyfs
