#include "sync/apply_batch.h"

#include "common/files.h"
#include "crypto/random.h"
#include "sync/apply_fs.h"
#include "sync/apply_journal.h"
#include "sync/log.h"
#include "sync/versioner.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace stratus::sync::applyfs;

namespace stratus::sync {

namespace {

const QString kTempPrefix = u".stratus-tmp-"_s;
constexpr qsizetype kSyncfsThreshold = 32;

} // namespace

ApplyBatch::ApplyBatch(LocalIndex &index, FolderInfo folder, Versioner *versioner)
    : m_index(index), m_folder(std::move(folder)), m_versioner(versioner)
{
}

void ApplyBatch::writeFile(FileEntry entry, QByteArray content)
{
    entry.type = EntryType::File;
    entry.deleted = false;
    m_changes.append({Change::Op::Write, std::move(entry), {}, std::move(content), {}, {}, false});
}

void ApplyBatch::writeFileFrom(FileEntry entry, QString sourcePath)
{
    entry.type = EntryType::File;
    entry.deleted = false;
    m_changes.append({Change::Op::Write, std::move(entry), {}, {}, std::move(sourcePath), {}, false});
}

void ApplyBatch::makeDirectory(FileEntry entry)
{
    entry.type = EntryType::Directory;
    entry.deleted = false;
    m_changes.append({Change::Op::MakeDir, std::move(entry), {}, {}, {}, {}, false});
}

void ApplyBatch::remove(FileEntry entry)
{
    entry.deleted = true;
    m_changes.append({Change::Op::Remove, std::move(entry), {}, {}, {}, {}, false});
}

void ApplyBatch::rename(FileEntry from, FileEntry to)
{
    from.deleted = true;
    to.type = EntryType::File;
    to.deleted = false;
    m_changes.append({Change::Op::Rename, std::move(to), std::move(from), {}, {}, {}, false});
}

std::optional<QString> ApplyBatch::renameBlocked(Change &c)
{
    Result<std::optional<FileEntry>> known = m_index.entry(m_folder.id, c.from.path);
    if (!known)
        return known.message();
    const Disk source = lstatDisk(m_folder.rootPath + u'/' + c.from.path);
    if (!*known || known->value().deleted || known->value().type != EntryType::File || !source.isFile)
        return u"the file to move is not here as it was last synced"_s;
    if (auto why = localChange(*known, source, false))
        return why;
    if (lstatDisk(m_folder.rootPath + u'/' + c.entry.path).exists)
        return u"something is already at the new name"_s;
    if (c.entry.hash.isEmpty())
        c.entry.hash = known->value().hash;
    return std::nullopt;
}

Status ApplyBatch::writeTemp(Change &c, QStringList &dirs)
{
    const QString rel = c.entry.path;
    if (Status st = makeDirs(m_folder.rootPath, parentOf(rel), dirs); !st)
        return st;
    const QString dir = m_folder.rootPath + (parentOf(rel).isEmpty() ? QString() : u'/' + parentOf(rel));
    c.tempPath = dir + u'/' + kTempPrefix + QString::fromLatin1(crypto::randomBytes(8).toHex());
    const QByteArray temp = QFile::encodeName(c.tempPath);
    int fd = -1;
    if (!c.sourcePath.isEmpty()) {
        const QByteArray source = QFile::encodeName(c.sourcePath);
        if (::rename(source.constData(), temp.constData()) != 0)
            return makeError(u"cannot move %1 into %2: %3"_s.arg(c.sourcePath, dir, errnoText()));
        fd = ::open(temp.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            ::unlink(temp.constData());
            return makeError(u"cannot open %1: %2"_s.arg(c.tempPath, errnoText()));
        }
    } else {
        fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    }
    if (fd < 0)
        return makeError(u"cannot create a temporary file in %1: %2"_s.arg(dir, errnoText()));
    Status result;
    qsizetype done = 0;
    while (done < c.content.size() && result) {
        const ssize_t n = ::write(fd, c.content.constData() + done, size_t(c.content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            result = makeError(u"cannot write %1: %2"_s.arg(c.tempPath, errnoText()));
        else
            done += n;
    }
    // Only the executable bit syncs; the rest is the usual 0644.
    const mode_t mode = (c.entry.mode & 0100) ? 0755 : 0644;
    // Floor division: a pre-1970 mtime needs tv_nsec in [0, 1e9) too.
    qint64 sec = c.entry.mtimeNs / 1000000000, nsec = c.entry.mtimeNs % 1000000000;
    if (nsec < 0) {
        sec -= 1;
        nsec += 1000000000;
    }
    const struct timespec times[2] = {{0, UTIME_OMIT}, {time_t(sec), long(nsec)}};
    if (result && (::fchmod(fd, mode) != 0 || ::futimens(fd, times) != 0))
        result = makeError(u"cannot set the mode or mtime of %1: %2"_s.arg(c.tempPath, errnoText()));
    // Start writeback now, so the flush at the end of the batch mostly waits
    // for I/O the disk has already been given.
    if (result)
        ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(fd);
    if (!result) {
        ::unlink(temp.constData());
        c.tempPath.clear();
    }
    return result;
}

Status ApplyBatch::flushTemps()
{
    QStringList temps;
    for (const Change &c : std::as_const(m_changes)) {
        if (!c.skip && !c.tempPath.isEmpty())
            temps << c.tempPath;
    }
    // One fsync per file costs a journal commit each on ext4 (~2.6 ms: 26 s
    // for 10,000 small files). Past a few files, one syncfs() of the folder's
    // filesystem commits them all at once; it reports writeback errors of
    // the filesystem since Linux 5.8. fsync rather than fdatasync for a few:
    // the mtime set on a temp is part of what the index records.
    if (temps.size() >= kSyncfsThreshold) {
        const int fd = ::open(QFile::encodeName(m_folder.rootPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return makeError(u"cannot open %1: %2"_s.arg(m_folder.rootPath, errnoText()));
        const int rc = ::syncfs(fd);
        const QString why = errnoText();
        ::close(fd);
        if (rc != 0)
            return makeError(u"cannot flush the filesystem of %1: %2"_s.arg(m_folder.rootPath, why));
        return {};
    }
    for (const QString &temp : std::as_const(temps)) {
        const int fd = ::open(QFile::encodeName(temp).constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        Status st =
            fd < 0 ? Status(makeError(u"cannot reopen %1: %2"_s.arg(temp, errnoText()))) : syncFileDescriptor(fd, temp);
        if (fd >= 0)
            ::close(fd);
        if (!st)
            return st;
    }
    return {};
}

Status ApplyBatch::placeOne(Change &c, QStringList &dirs, ApplyReport &report, qint64 nowMs)
{
    const QString rel = c.entry.path;
    const QString target = m_folder.rootPath + u'/' + rel;
    // Checked again right before the rename: the window in which a local
    // edit can still be overwritten is this one call.
    Result<std::optional<FileEntry>> known = m_index.entry(m_folder.id, rel);
    if (!known)
        return known.error();
    const Disk disk = lstatDisk(target);
    const auto blocked =
        c.op == Change::Op::Rename ? renameBlocked(c) : localChange(*known, disk, c.op == Change::Op::MakeDir);
    if (blocked) {
        report.issues.append({rel, ApplyIssue::Kind::Conflict, *blocked});
        return makeError(*blocked);
    }
    const QString parentDir = m_folder.rootPath + (parentOf(rel).isEmpty() ? QString() : u'/' + parentOf(rel));
    switch (c.op) {
    case Change::Op::Write: {
        QString keptPath; // a hard link to the live file until the rename replaces it
        if (disk.exists && m_versioner) {
            auto kept = m_versioner->archive(rel, Versioner::Reason::Replaced, nowMs, &dirs);
            if (!kept)
                return kept.error();
            keptPath = kept->storedPath;
        }
        if (::rename(QFile::encodeName(c.tempPath).constData(), QFile::encodeName(target).constData()) != 0) {
            const QString why = errnoText();
            // Else the "version" would share the live file's inode and change with it.
            if (!keptPath.isEmpty())
                QFile::remove(keptPath);
            return makeError(u"cannot move the new %1 into place: %2"_s.arg(target, why));
        }
        c.tempPath.clear();
        dirs << parentDir;
        break;
    }
    case Change::Op::MakeDir:
        if (Status st = makeDirs(m_folder.rootPath, rel, dirs); !st)
            return st;
        break;
    case Change::Op::Rename: {
        if (Status st = makeDirs(m_folder.rootPath, parentOf(rel), dirs); !st)
            return st;
        const QString source = m_folder.rootPath + u'/' + c.from.path;
        // RENAME_NOREPLACE: a file that appeared at the target since the
        // check above is never clobbered.
        if (::renameat2(AT_FDCWD, QFile::encodeName(source).constData(), AT_FDCWD,
                        QFile::encodeName(target).constData(), RENAME_NOREPLACE) != 0)
            return makeError(u"cannot move %1 to %2: %3"_s.arg(c.from.path, rel, errnoText()));
        dirs << parentDir << QFileInfo(source).path();
        break;
    }
    case Change::Op::Remove:
        if (!disk.exists)
            break;
        if (disk.isDir) {
            if (::rmdir(QFile::encodeName(target).constData()) != 0) {
                const QString why = errno == ENOTEMPTY ? u"the directory holds files that were never synced"_s
                                                       : u"cannot remove the directory: %1"_s.arg(errnoText());
                report.issues.append(
                    {rel, errno == ENOTEMPTY ? ApplyIssue::Kind::Conflict : ApplyIssue::Kind::Failed, why});
                return makeError(why);
            }
        } else if (m_versioner) {
            if (auto kept = m_versioner->archive(rel, Versioner::Reason::Deleted, nowMs, &dirs); !kept)
                return kept.error();
        } else if (::unlink(QFile::encodeName(target).constData()) != 0) {
            return makeError(u"cannot delete %1: %2"_s.arg(target, errnoText()));
        }
        dirs << parentDir;
        break;
    }
    if (c.op != Change::Op::Remove) {
        // The index records what is now on disk, so the next scan sees no change.
        const Disk now = lstatDisk(target);
        c.entry.inode = now.inode;
        c.entry.size = now.size;
        c.entry.mtimeNs = now.mtimeNs;
        c.entry.mode = now.mode;
    }
    return {};
}

Result<ApplyReport> ApplyBatch::commit(qint64 nowMs)
{
    // A previous batch that failed after its renames (a directory fsync or
    // the index write) left its journal: finish it before this batch's
    // journal replaces it, and before this batch compares disk and index.
    if (Result<int> replayed = replayApplyJournal(m_index, m_folder); !replayed)
        return makeError(u"an earlier interrupted apply could not be completed: "_s + replayed.message());
    ApplyReport report;
    QStringList dirs;
    auto fail = [&](Change &c, const Status &st) {
        c.skip = true;
        const bool reported = std::any_of(report.issues.cbegin(), report.issues.cend(),
                                          [&](const ApplyIssue &i) { return i.path == c.entry.path; });
        if (!reported)
            report.issues.append({c.entry.path, ApplyIssue::Kind::Failed, st.message()});
    };
    auto dropTemps = [&] {
        for (Change &c : m_changes) {
            if (!c.tempPath.isEmpty())
                ::unlink(QFile::encodeName(c.tempPath).constData());
        }
    };

    // 1. Temps, for the paths whose disk still matches the index.
    QSet<QString> seen;
    for (Change &c : m_changes) {
        if (!LocalIndex::isValidPath(c.entry.path) || isReservedPath(c.entry.path)) {
            fail(c, makeError(u"refused: not a path a remote change may touch"_s));
            continue;
        }
        if (seen.contains(c.entry.path)) { // the caller keeps the last change of a path only
            fail(c, makeError(u"refused: changed twice in one batch"_s));
            continue;
        }
        seen.insert(c.entry.path);
        if (c.op == Change::Op::Rename) {
            if (!LocalIndex::isValidPath(c.from.path) || isReservedPath(c.from.path) || seen.contains(c.from.path)) {
                fail(c, makeError(u"refused: not a path a remote change may move"_s));
                continue;
            }
            seen.insert(c.from.path);
            if (auto why = renameBlocked(c)) {
                c.skip = true;
                report.issues.append({c.entry.path, ApplyIssue::Kind::Conflict, *why});
            }
            continue;
        }
        Result<std::optional<FileEntry>> known = m_index.entry(m_folder.id, c.entry.path);
        if (!known) {
            dropTemps();
            return known.error();
        }
        const Disk disk = lstatDisk(m_folder.rootPath + u'/' + c.entry.path);
        if (auto why = localChange(*known, disk, c.op == Change::Op::MakeDir)) {
            c.skip = true;
            report.issues.append({c.entry.path, ApplyIssue::Kind::Conflict, *why});
            continue;
        }
        if (c.op == Change::Op::Write) {
            if (Status st = writeTemp(c, dirs); !st)
                fail(c, st);
        }
    }
    stage(Stage::TempsWritten);

    // 2. Flush every temp.
    if (Status st = flushTemps(); !st) {
        dropTemps();
        return makeError(u"the batch could not be made durable, nothing was applied: "_s + st.message());
    }
    // The intent, durably, before anything in the folder changes: a crash
    // from here on is rolled forward by recover().
    QList<FileEntry> intent;
    for (const Change &c : std::as_const(m_changes)) {
        if (!c.skip && c.op == Change::Op::Rename)
            intent.append(c.from);
        if (!c.skip)
            intent.append(c.entry);
    }
    if (!intent.isEmpty()) {
        if (Status st = writeApplyJournal(m_folder.rootPath, intent); !st) {
            dropTemps();
            return makeError(u"cannot write the apply journal, nothing was applied: "_s + st.message());
        }
    }
    stage(Stage::TempsFlushed);

    // 3. Into place.
    for (Change &c : m_changes) {
        if (c.skip)
            continue;
        if (Status st = placeOne(c, dirs, report, nowMs); !st)
            fail(c, st);
    }
    dropTemps(); // those of changes that failed to be placed
    stage(Stage::Renamed);

    // 4. Each touched directory once.
    dirs.removeDuplicates();
    for (const QString &dir : std::as_const(dirs)) {
        // A directory this batch removed is gone; its parent (also in the
        // list) makes the removal durable.
        if (!QFileInfo(dir).isDir())
            continue;
        if (Status st = syncDirectory(dir); !st)
            return makeError(u"the batch was applied but could not be made durable, nothing was recorded: "_s +
                             st.message());
    }
    stage(Stage::DirectoriesFlushed);

    // 5. Record.
    for (Change &c : m_changes) {
        if (!c.skip && c.op == Change::Op::Rename)
            report.applied.append(c.from);
        if (!c.skip)
            report.applied.append(c.entry);
    }
    if (!report.applied.isEmpty()) {
        if (Result<qint64> seq = m_index.writeBatch(m_folder.id, report.applied); !seq)
            return makeError(u"the batch was applied but not recorded in the index (%1); the next batch or a "
                             u"restart completes it"_s.arg(seq.message()));
    }
    if (Status st = removeApplyJournal(m_folder.rootPath); !st)
        return st.error();
    stage(Stage::Recorded);
    qCDebug(lcSync) << "applied" << report.applied.size() << "changes," << report.issues.size() << "issues";
    m_changes.clear();
    return report;
}

Result<int> ApplyBatch::recover(LocalIndex &index, const FolderInfo &folder)
{
    const QString &folderRoot = folder.rootPath;
    if (!QFileInfo(folderRoot).isDir())
        return makeError(u"the folder %1 is missing; nothing to recover"_s.arg(folderRoot));
    Result<int> removed = removeLeftoverTemps(folderRoot);
    if (!removed)
        return removed;
    if (Result<int> replayed = replayApplyJournal(index, folder); !replayed)
        return replayed.error();
    return *removed;
}

} // namespace stratus::sync
