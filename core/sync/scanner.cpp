#include "sync/scanner.h"

#include "common/files.h"
#include "crypto/hash.h"
#include "sync/log.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

constexpr qsizetype kReadBuffer = 1024 * 1024;

QString errnoText(int err) { return QString::fromLocal8Bit(std::strerror(err)); }

// What lstat saw of a path, before any content is read.
struct Observed {
    QString path;
    QByteArray absolute; // in the file system's encoding
    FileEntry entry;
};

struct HashOutcome {
    QByteArray hash;
    std::optional<ScanIssue> issue;
};

// Streams one file through SHA-256 and checks that it did not change under
// the read (same size, mtime and inode before and after), so a hash always
// belongs to the metadata recorded with it.
HashOutcome hashFile(const Observed &o)
{
    const int fd = ::open(o.absolute.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return {{}, ScanIssue{ScanIssue::Kind::Unreadable, o.entry.path, u"cannot open: %1"_s.arg(errnoText(err))}};
    }
    crypto::Sha256 sha;
    QByteArray buffer(kReadBuffer, Qt::Uninitialized);
    std::optional<ScanIssue> issue;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), static_cast<size_t>(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            issue = ScanIssue{ScanIssue::Kind::Unreadable, o.entry.path, u"cannot read: %1"_s.arg(errnoText(errno))};
            break;
        }
        if (n == 0)
            break;
        sha.update(buffer.constData(), static_cast<std::size_t>(n));
    }
    struct stat after {};
    const bool statOk = ::fstat(fd, &after) == 0;
    ::close(fd);
    if (issue)
        return {{}, issue};
    if (!statOk || after.st_size != o.entry.size || mtimeNs(after) != o.entry.mtimeNs ||
        qint64(after.st_ino) != o.entry.inode)
        return {{},
                ScanIssue{ScanIssue::Kind::ChangedDuringScan, o.entry.path,
                          u"it changed while being read; it will be picked up by the next scan"_s}};
    return {sha.final(), std::nullopt};
}

// Walks the folder without following symbolic links.
class Walker {
public:
    Walker(const QString &root, const IgnoreRules &rules, ScanResult &result)
        : m_root(QFile::encodeName(root)), m_rules(rules), m_result(result)
    {
    }

    std::vector<Observed> observed;
    QStringList unreadableDirs; // their contents keep what the index knew

    void walk(const QString &dirPath)
    {
        const QByteArray absDir = dirPath.isEmpty() ? m_root : m_root + '/' + QFile::encodeName(dirPath);
        // O_NOFOLLOW: a directory swapped for a symlink since lstat() is not
        // followed (the root itself may be a link: it is the user's choice).
        const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (dirPath.isEmpty() ? 0 : O_NOFOLLOW);
        const int fd = ::open(absDir.constData(), flags);
        DIR *dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
        if (!dir) {
            const int err = errno;
            if (fd >= 0)
                ::close(fd);
            issue(ScanIssue::Kind::Unreadable, dirPath, u"cannot list the directory: %1"_s.arg(errnoText(err)));
            unreadableDirs.append(dirPath);
            return;
        }
        QList<QByteArray> names;
        while (const dirent *d = ::readdir(dir)) {
            if (std::strcmp(d->d_name, ".") != 0 && std::strcmp(d->d_name, "..") != 0)
                names.append(QByteArray(d->d_name));
        }
        ::closedir(dir);
        std::sort(names.begin(), names.end());
        for (const QByteArray &raw : names)
            visit(dirPath, absDir, raw);
    }

private:
    void issue(ScanIssue::Kind kind, const QString &path, const QString &reason)
    {
        m_result.issues.append(ScanIssue{kind, path, reason});
    }

    void visit(const QString &dirPath, const QByteArray &absDir, const QByteArray &raw)
    {
        const QString name = QFile::decodeName(raw);
        const QString path = dirPath.isEmpty() ? name : dirPath + u'/' + name;
        if (QFile::encodeName(name) != raw || name.contains(u'\\')) {
            issue(ScanIssue::Kind::Skipped, path,
                  u"the name is not valid UTF-8 or holds a '\\'; rename it to sync it"_s);
            return;
        }
        const QByteArray absolute = absDir + '/' + raw;
        struct stat st {};
        if (::lstat(absolute.constData(), &st) != 0) {
            const int err = errno;
            if (err == ENOENT) // gone since the listing: the next scan sees the deletion
                return;
            issue(ScanIssue::Kind::Unreadable, path, u"cannot read its attributes: %1"_s.arg(errnoText(err)));
            unreadableDirs.append(path); // it may be a directory: what the index has below it stays
            return;
        }
        const bool isDir = S_ISDIR(st.st_mode);
        if (m_rules.ignoredInListedDir(path, isDir)) // the walk never enters an ignored directory
            return;
        if (S_ISLNK(st.st_mode)) {
            issue(ScanIssue::Kind::Skipped, path, u"symbolic links are not followed nor synced"_s);
            return;
        }
        if (!isDir && !S_ISREG(st.st_mode)) {
            issue(ScanIssue::Kind::Skipped, path, u"not a regular file (a device, pipe or socket)"_s);
            return;
        }
        ++m_result.seenEntries;
        Observed o{path, absolute, {}};
        o.entry.path = path;
        o.entry.type = isDir ? EntryType::Directory : EntryType::File;
        o.entry.size = isDir ? 0 : qint64(st.st_size);
        o.entry.mtimeNs = isDir ? 0 : mtimeNs(st); // a directory's mtime moves with its contents: not synced
        o.entry.inode = qint64(st.st_ino);
        o.entry.mode = int(st.st_mode & 07777);
        observed.push_back(std::move(o));
        if (isDir)
            walk(path);
    }

    QByteArray m_root;
    const IgnoreRules &m_rules;
    ScanResult &m_result;
};

ScanChange change(ScanChange::Kind kind, const FileEntry &entry, const FileEntry *prev)
{
    ScanChange c;
    c.kind = kind;
    c.entry = entry;
    if (prev)
        c.previous = *prev;
    return c;
}

bool under(const QString &path, const QString &dir)
{
    return dir.isEmpty() || path == dir || (path.startsWith(dir) && path.at(dir.size()) == u'/');
}

} // namespace

Scanner::Scanner(QString root, IgnoreRules rules, QThreadPool *pool)
    : m_root(std::move(root)), m_rules(std::move(rules)), m_pool(pool)
{
    Q_ASSERT(m_pool);
}

Result<ScanResult> Scanner::scan(const QList<FileEntry> &known,
                                 const std::function<void(const FileEntry &)> &beforeHashing) const
{
    struct stat rootStat {};
    if (::stat(QFile::encodeName(m_root).constData(), &rootStat) != 0 || !S_ISDIR(rootStat.st_mode))
        return makeError(u"the synced folder %1 is missing or not a directory; nothing was scanned (is its drive "
                         u"mounted?)"_s.arg(m_root));
    ScanResult result;
    Walker walker(m_root, m_rules, result);
    walker.walk(QString());
    if (walker.unreadableDirs.contains(QString()))
        return makeError(u"cannot list the synced folder %1: %2"_s.arg(m_root, result.issues.first().reason));

    QHash<QString, const FileEntry *> byPath;
    byPath.reserve(known.size());
    for (const FileEntry &e : known)
        byPath.insert(e.path, &e);

    // Decide, per observed path, whether its content must be read.
    std::vector<Observed> toHash;
    QSet<QString> seen;
    for (Observed &o : walker.observed) {
        seen.insert(o.path);
        const FileEntry *prev = byPath.value(o.path);
        const bool existed = prev && !prev->deleted;
        if (prev)
            o.entry.version = prev->version; // a tombstone's history continues too
        if (o.entry.type == EntryType::Directory) {
            if (!existed)
                result.changes.append(change(ScanChange::Kind::Added, o.entry, prev));
            else if (prev->type != EntryType::Directory)
                result.changes.append(change(ScanChange::Kind::TypeChanged, o.entry, prev));
            continue;
        }
        if (existed && prev->type == EntryType::File && prev->size == o.entry.size &&
            prev->mtimeNs == o.entry.mtimeNs && prev->inode == o.entry.inode) {
            // Unchanged content: trust the index, read nothing.
            if (prev->executable() != o.entry.executable()) {
                o.entry.hash = prev->hash;
                ScanChange c = change(ScanChange::Kind::MetadataChanged, o.entry, prev);
                c.executableChanged = true;
                result.changes.append(c);
            }
            continue;
        }
        toHash.push_back(o);
    }

    if (beforeHashing)
        for (const Observed &o : toHash)
            beforeHashing(o.entry);
    const std::vector<HashOutcome> hashes = QtConcurrent::blockingMapped<std::vector<HashOutcome>>(
        m_pool, toHash, [](const Observed &o) { return hashFile(o); });

    for (size_t i = 0; i < toHash.size(); ++i) {
        FileEntry entry = toHash[i].entry;
        if (hashes[i].issue) {
            result.issues.append(*hashes[i].issue);
            continue;
        }
        ++result.hashedFiles;
        result.hashedBytes += entry.size;
        entry.hash = hashes[i].hash;
        const FileEntry *prev = byPath.value(entry.path);
        if (!prev || prev->deleted) {
            result.changes.append(change(ScanChange::Kind::Added, entry, prev));
        } else if (prev->type != EntryType::File) {
            result.changes.append(change(ScanChange::Kind::TypeChanged, entry, prev));
        } else {
            ScanChange c = change(
                prev->hash == entry.hash ? ScanChange::Kind::MetadataChanged : ScanChange::Kind::Modified, entry, prev);
            c.executableChanged = prev->executable() != entry.executable();
            c.mtimeChanged = prev->mtimeNs != entry.mtimeNs;
            result.changes.append(c);
        }
    }

    // Deletions: known paths not seen, unless now ignored, reported as an
    // issue (unreadable, skipped) or inside a directory that could not be listed.
    QSet<QString> withIssue;
    for (const ScanIssue &issue : result.issues) {
        if (issue.kind != ScanIssue::Kind::Skipped) // a file now a symlink is gone as a file
            withIssue.insert(issue.path);
    }
    QHash<QByteArray, QString> deletedByHash;
    for (const FileEntry &e : known) {
        if (e.deleted || seen.contains(e.path) || withIssue.contains(e.path) ||
            m_rules.ignored(e.path, e.type == EntryType::Directory))
            continue;
        if (std::any_of(walker.unreadableDirs.begin(), walker.unreadableDirs.end(),
                        [&](const QString &dir) { return under(e.path, dir); }))
            continue;
        FileEntry gone = e;
        gone.deleted = true;
        result.changes.append(change(ScanChange::Kind::Deleted, gone, &e));
        if (e.type == EntryType::File && !e.hash.isEmpty())
            deletedByHash.insert(e.hash, e.path);
    }
    // A new file with the content of a file deleted in the same scan was
    // (very likely) moved: the engine can then move instead of uploading.
    for (ScanChange &c : result.changes) {
        if (c.kind == ScanChange::Kind::Added && c.entry.type == EntryType::File)
            c.renamedFrom = deletedByHash.take(c.entry.hash);
    }

    auto byName = [](const auto &a, const auto &b) { return a.entry.path < b.entry.path; };
    std::sort(result.changes.begin(), result.changes.end(), byName);
    std::sort(result.issues.begin(), result.issues.end(),
              [](const ScanIssue &a, const ScanIssue &b) { return a.path < b.path; });
    qCDebug(lcSync) << "scanned" << m_root << ":" << result.seenEntries << "entries," << result.changes.size()
                    << "changes," << result.hashedFiles << "files hashed," << result.issues.size() << "issues";
    return result;
}

Result<QList<FileEntry>> localUpdates(const QList<ScanChange> &changes, const crypto::NodeId &device)
{
    QList<FileEntry> out;
    out.reserve(changes.size());
    for (const ScanChange &c : changes) {
        FileEntry e = c.entry;
        if (!c.localOnly()) {
            if (Status st = e.version.increment(device); !st)
                return makeError(u"cannot record the change of %1: %2"_s.arg(e.path, st.message()));
        }
        out.append(std::move(e));
    }
    return out;
}

} // namespace stratus::sync
