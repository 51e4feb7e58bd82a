#include "sync/local_index.h"

#include "db/migrations.h"
#include "db/query.h"
#include "db/transaction.h"

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

const std::vector<db::Migration> kMigrations{
    {1, uR"(
        CREATE TABLE folders (
            id TEXT PRIMARY KEY,
            root TEXT NOT NULL,
            label TEXT NOT NULL,
            last_scan_ms INTEGER NOT NULL DEFAULT 0,
            paused INTEGER NOT NULL DEFAULT 0,
            sequence INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE files (
            folder TEXT NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            type INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            mode INTEGER NOT NULL,
            hash BLOB,
            version BLOB NOT NULL,
            deleted INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (folder, path));
        CREATE INDEX files_by_sequence ON files (folder, sequence);
    )"_s},
};

const QString kColumns = u"path, type, size, mtime_ns, inode, mode, hash, version, deleted, sequence"_s;

// Reads rows of kColumns; the first damaged row stops the read with an error.
struct EntryReader {
    QList<FileEntry> entries;
    std::optional<Error> error;

    void operator()(db::Statement &s)
    {
        if (error)
            return;
        FileEntry e;
        e.path = s.text(0);
        const qint64 type = s.int64(1);
        if (type < 0 || type > 2) {
            error = makeError(u"the local index is damaged: unknown type %1 for %2"_s.arg(type).arg(e.path));
            return;
        }
        e.type = static_cast<EntryType>(type);
        e.size = s.int64(2);
        e.mtimeNs = s.int64(3);
        e.inode = s.int64(4);
        e.mode = static_cast<int>(s.int64(5));
        e.hash = s.isNull(6) ? QByteArray() : s.blob(6);
        auto version = VersionVector::decode(s.blob(7));
        if (!version) {
            error = makeError(u"the local index is damaged at %1 (%2); remove the index to rebuild it with a "
                              u"full scan"_s.arg(e.path, version.message()));
            return;
        }
        e.version = std::move(version.value());
        e.deleted = s.int64(8) != 0;
        e.sequence = s.int64(9);
        entries.append(std::move(e));
    }
};

Result<QList<FileEntry>> finish(Status st, EntryReader &reader)
{
    if (!st)
        return st.error();
    if (reader.error)
        return *reader.error;
    return std::move(reader.entries);
}

} // namespace

LocalIndex::LocalIndex(std::unique_ptr<db::Database> db) : m_db(std::move(db)) {}

Result<std::unique_ptr<LocalIndex>> LocalIndex::open(const QString &path, const QByteArray &key32)
{
    auto database = db::Database::open(path, key32);
    if (!database)
        return database.error();
    if (Status st = db::migrate(*database.value(), kMigrations); !st)
        return st.error();
    return std::unique_ptr<LocalIndex>(new LocalIndex(std::move(database.value())));
}

bool LocalIndex::isValidPath(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QStringList parts = path.split(u'/');
    for (const QString &p : parts) {
        if (p.isEmpty() || p == u"."_s || p == u".."_s || p.contains(QChar(0)))
            return false;
    }
    return true;
}

Status LocalIndex::putFolder(const FolderInfo &f)
{
    if (f.id.isEmpty())
        return makeError(u"a synced folder needs an id"_s);
    // UPDATE, then INSERT when absent: INSERT OR REPLACE would delete the old
    // row first, and the cascade would take every indexed file with it.
    if (Status st =
            db::execute(*m_db, u"UPDATE folders SET root = ?, label = ?, last_scan_ms = ?, paused = ? WHERE id = ?"_s,
                        f.rootPath, f.label, f.lastScanMs, qint64(f.paused ? 1 : 0), f.id);
        !st)
        return st;
    if (m_db->changes() > 0)
        return {};
    return db::execute(*m_db, u"INSERT INTO folders (id, root, label, last_scan_ms, paused) VALUES (?, ?, ?, ?, ?)"_s,
                       f.id, f.rootPath, f.label, f.lastScanMs, qint64(f.paused ? 1 : 0));
}

Result<QList<FolderInfo>> LocalIndex::folders()
{
    QList<FolderInfo> out;
    Status st =
        db::query(*m_db, u"SELECT id, root, label, last_scan_ms, paused, sequence FROM folders ORDER BY id"_s,
                  [&](db::Statement &s) {
                      out.append(FolderInfo{s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4) != 0, s.int64(5)});
                  });
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<FolderInfo>> LocalIndex::folder(const QString &id)
{
    std::optional<FolderInfo> out;
    Status st = db::query(
        *m_db, u"SELECT id, root, label, last_scan_ms, paused, sequence FROM folders WHERE id = ?"_s,
        [&](db::Statement &s) {
            out = FolderInfo{s.text(0), s.text(1), s.text(2), s.int64(3), s.int64(4) != 0, s.int64(5)};
        },
        id);
    if (!st)
        return st.error();
    return out;
}

Status LocalIndex::removeFolder(const QString &id)
{
    return db::execute(*m_db, u"DELETE FROM folders WHERE id = ?"_s, id);
}

Result<qint64> LocalIndex::writeBatch(const QString &folderId, QList<FileEntry> &entries)
{
    for (const FileEntry &e : entries) {
        if (!isValidPath(e.path))
            return makeError(u"\"%1\" is not a valid path inside a synced folder"_s.arg(e.path));
        if (e.type == EntryType::File && !e.deleted && e.hash.size() != 32)
            return makeError(u"the entry for %1 has no 32-byte content hash"_s.arg(e.path));
    }
    auto tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    std::optional<qint64> sequence;
    if (Status st = db::query(
            *m_db, u"SELECT sequence FROM folders WHERE id = ?"_s, [&](db::Statement &s) { sequence = s.int64(0); },
            folderId);
        !st)
        return st.error();
    if (!sequence)
        return makeError(u"no synced folder \"%1\" in the local index"_s.arg(folderId));
    // Each compiled once and reused from the connection's statement cache,
    // so 10,000 entries stay fast.
    const QString remove = u"DELETE FROM files WHERE folder = ?1 AND path = ?2"_s;
    const QString insert =
        u"INSERT INTO files (folder, %1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"_s.arg(kColumns);
    qint64 seq = *sequence;
    for (FileEntry &e : entries) {
        e.sequence = ++seq;
        if (Status st =
                db::replaceRow(*m_db, remove, std::tuple(folderId, e.path), insert, folderId, e.path, qint64(e.type),
                               e.size, e.mtimeNs, e.inode, qint64(e.mode), e.hash.isEmpty() ? QByteArray() : e.hash,
                               e.version.encode(), qint64(e.deleted ? 1 : 0), e.sequence);
            !st)
            return makeError(u"cannot record %1 in the local index: %2"_s.arg(e.path, st.message()));
    }
    if (Status st = db::execute(*m_db, u"UPDATE folders SET sequence = ? WHERE id = ?"_s, seq, folderId); !st)
        return st.error();
    if (Status st = tx->commit(); !st)
        return st.error();
    return seq;
}

Result<std::optional<FileEntry>> LocalIndex::entry(const QString &folderId, const QString &path)
{
    EntryReader reader;
    Status st =
        db::query(*m_db, u"SELECT %1 FROM files WHERE folder = ? AND path = ?"_s.arg(kColumns), reader, folderId, path);
    auto list = finish(st, reader);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return std::optional<FileEntry>();
    return std::optional<FileEntry>(list->first());
}

Result<QList<FileEntry>> LocalIndex::entriesUnder(const QString &folderId, const QString &prefix)
{
    EntryReader reader;
    if (prefix.isEmpty()) {
        Status st =
            db::query(*m_db, u"SELECT %1 FROM files WHERE folder = ? ORDER BY path"_s.arg(kColumns), reader, folderId);
        return finish(st, reader);
    }
    // "p" and everything in "p/...": a range on the primary key ('0' follows
    // '/' in byte order), so no LIKE escaping and the index is used.
    Status st = db::query(*m_db,
                          u"SELECT %1 FROM files WHERE folder = ? AND (path = ? OR (path >= ? AND path < ?)) "
                          u"ORDER BY path"_s.arg(kColumns),
                          reader, folderId, prefix, prefix + u'/', prefix + u'0');
    return finish(st, reader);
}

Result<QList<FileEntry>> LocalIndex::changedSince(const QString &folderId, qint64 sequence)
{
    EntryReader reader;
    Status st =
        db::query(*m_db, u"SELECT %1 FROM files WHERE folder = ? AND sequence > ? ORDER BY sequence"_s.arg(kColumns),
                  reader, folderId, sequence);
    return finish(st, reader);
}

} // namespace stratus::sync
