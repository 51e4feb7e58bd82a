#include "sync/apply_journal.h"

#include "common/cbor_parse.h"
#include "common/files.h"
#include "crypto/hash.h"
#include "sync/log.h"

#include <QCborArray>
#include <QCborValue>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

constexpr qint64 kMaxJournalBytes = 512LL * 1024 * 1024;

QCborArray encodeEntry(const FileEntry &e)
{
    return {e.path, int(e.type), e.size, e.mtimeNs, e.mode, e.hash, e.version.encode(), e.deleted};
}

std::optional<FileEntry> decodeEntry(const QCborValue &v)
{
    const QCborArray a = v.toArray();
    if (!v.isArray() || a.size() != 8 || !a[0].isString() || !a[1].isInteger() || !a[6].isByteArray() ||
        !a[7].isBool() || a[1].toInteger() < 0 || a[1].toInteger() > 2)
        return std::nullopt;
    FileEntry e;
    e.path = a[0].toString();
    e.type = EntryType(a[1].toInteger());
    e.size = a[2].toInteger();
    e.mtimeNs = a[3].toInteger();
    e.mode = int(a[4].toInteger());
    e.hash = a[5].toByteArray();
    auto version = VersionVector::decode(a[6].toByteArray());
    if (!version || !LocalIndex::isValidPath(e.path))
        return std::nullopt;
    e.version = std::move(*version);
    e.deleted = a[7].toBool();
    return e;
}

// The content's SHA-256, streamed; empty when the file cannot be read.
QByteArray hashFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    crypto::Sha256 h;
    QByteArray buf;
    while (!(buf = f.read(1 << 20)).isEmpty())
        h.update(buf);
    return f.error() == QFile::NoError ? h.final() : QByteArray();
}

} // namespace

QString applyJournalPath(const QString &folderRoot) { return folderRoot + u"/.stratus/apply-journal"_s; }

Status writeApplyJournal(const QString &folderRoot, const QList<FileEntry> &entries)
{
    if (!QDir().mkpath(folderRoot + u"/.stratus"_s))
        return makeError(u"cannot create %1/.stratus (is the folder writable?)"_s.arg(folderRoot));
    QCborArray list;
    for (const FileEntry &e : entries)
        list.append(encodeEntry(e));
    return writeFileAtomic(applyJournalPath(folderRoot), QCborValue(list).toCbor());
}

Status removeApplyJournal(const QString &folderRoot)
{
    const QString path = applyJournalPath(folderRoot);
    if (QFileInfo::exists(path) && !QFile::remove(path))
        return makeError(u"cannot remove %1; remove it by hand"_s.arg(path));
    return syncDirectory(folderRoot + u"/.stratus"_s);
}

Result<int> replayApplyJournal(LocalIndex &index, const FolderInfo &folder)
{
    const QString path = applyJournalPath(folder.rootPath);
    if (!QFileInfo::exists(path))
        return 0;
    Result<QByteArray> bytes = readFileLimited(path, kMaxJournalBytes);
    if (!bytes)
        return bytes.error();
    const QCborValue list = parseCbor(*bytes);
    if (!list.isArray())
        return makeError(u"the apply journal %1 is damaged; remove it (the next scan finds the files)"_s.arg(path));
    QList<FileEntry> done;
    for (const QCborValue &item : list.toArray()) {
        std::optional<FileEntry> e = decodeEntry(item);
        if (!e)
            return makeError(u"the apply journal %1 is damaged; remove it (the next scan finds the files)"_s.arg(path));
        const QString target = folder.rootPath + u'/' + e->path;
        struct stat st {};
        const bool exists = ::lstat(QFile::encodeName(target).constData(), &st) == 0;
        bool complete = false;
        if (e->deleted)
            complete = !exists;
        else if (e->type == EntryType::Directory)
            complete = exists && S_ISDIR(st.st_mode);
        else
            complete = exists && S_ISREG(st.st_mode) && qint64(st.st_size) == e->size && hashFile(target) == e->hash;
        if (!complete)
            continue;
        if (exists) {
            e->inode = qint64(st.st_ino);
            e->mode = int(st.st_mode & 07777);
            e->mtimeNs = S_ISDIR(st.st_mode) ? 0 : mtimeNs(st);
        }
        done.append(*e);
    }
    if (!done.isEmpty()) {
        if (Result<qint64> seq = index.writeBatch(folder.id, done); !seq)
            return seq.error();
    }
    if (Status st = removeApplyJournal(folder.rootPath); !st)
        return st.error();
    qCInfo(lcSync) << "completed an interrupted apply in" << folder.rootPath << ":" << done.size() << "entries";
    return int(done.size());
}

Result<int> removeLeftoverTemps(const QString &folderRoot)
{
    constexpr qint64 kDropTempAgeMs = qint64(3600) * 1000;
    const QString own = folderRoot + u"/.stratus/"_s;
    int removed = 0;
    QDirIterator it(folderRoot, {u".stratus-tmp-*"_s}, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.startsWith(own))
            continue;
        // A copy the desktop app is writing into the folder right now (a
        // drop; it renames it into place when done): not ours to remove
        // while it is fresh.
        if (it.fileName().startsWith(kDropTempPrefix) &&
            it.fileInfo().lastModified().msecsTo(QDateTime::currentDateTimeUtc()) < kDropTempAgeMs)
            continue;
        if (!QFile::remove(path))
            return makeError(u"cannot remove the leftover temporary file %1; remove it by hand"_s.arg(path));
        ++removed;
    }
    if (removed > 0)
        qCInfo(lcSync) << "removed" << removed << "temporary files an interrupted apply left in" << folderRoot;
    return removed;
}

} // namespace stratus::sync
