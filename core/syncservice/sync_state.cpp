#include "syncservice/sync_state.h"

#include "db/migrations.h"
#include "db/query.h"
#include "db/transaction.h"

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

const std::vector<db::Migration> kMigrations = {
    {1, uR"sql(
CREATE TABLE own (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL,
    batch BLOB NOT NULL,
    batch_first INTEGER NOT NULL
);
CREATE TABLE published (
    folder TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
);
CREATE TABLE applied (
    device BLOB PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL
);
CREATE TABLE blobs (
    hash BLOB PRIMARY KEY,
    ref BLOB NOT NULL
);
)sql"_s},
    {2, uR"sql(
CREATE TABLE retries (
    folder TEXT NOT NULL,
    path TEXT NOT NULL,
    device BLOB NOT NULL,
    entry BLOB NOT NULL,             -- the log entry's inner CBOR (sync/account_log.h)
    ref BLOB NOT NULL,               -- ObjectRef bytes of its content, or empty
    reason TEXT NOT NULL,
    tries INTEGER NOT NULL,
    PRIMARY KEY (folder, path)
);
)sql"_s},
    {3, uR"sql(
CREATE TABLE catch_up (
    folder TEXT PRIMARY KEY
);
)sql"_s},
    {4, uR"sql(
CREATE TABLE moves (
    id INTEGER PRIMARY KEY,
    folder TEXT NOT NULL,
    path TEXT NOT NULL,
    moved BLOB NOT NULL              -- MovedObject bytes (sync_wire.h)
);
)sql"_s},
};

} // namespace

Result<std::unique_ptr<SyncState>> SyncState::open(const QString &path, const QByteArray &key32)
{
    auto database = db::Database::open(path, key32);
    if (!database)
        return database.error();
    if (Status st = db::migrate(*database.value(), kMigrations); !st)
        return st.error();
    return std::unique_ptr<SyncState>(new SyncState(std::move(database.value())));
}

Result<SyncState::Own> SyncState::own()
{
    Own out;
    Status st =
        db::query(*m_db, u"SELECT seq, hash, batch, batch_first FROM own WHERE id = 1"_s, [&](db::Statement &s) {
            out.head.sequence = s.int64(0);
            out.head.hash = s.blob(1);
            out.batch = s.blob(2);
            out.batchFirst = s.int64(3);
        });
    if (!st)
        return st.error();
    return out;
}

Status SyncState::setOwn(const Own &own)
{
    return db::replaceRow(*m_db, u"DELETE FROM own WHERE id = 1"_s, std::tuple<>(),
                          u"INSERT INTO own (id, seq, hash, batch, batch_first) VALUES (1, ?1, ?2, ?3, ?4)"_s,
                          own.head.sequence, own.head.hash, own.batch, own.batchFirst);
}

Result<qint64> SyncState::published(const QString &folderId)
{
    qint64 seq = 0;
    Status st = db::query(
        *m_db, u"SELECT seq FROM published WHERE folder = ?1"_s, [&](db::Statement &s) { seq = s.int64(0); }, folderId);
    if (!st)
        return st.error();
    return seq;
}

Status SyncState::setPublished(const QString &folderId, qint64 sequence)
{
    return db::replaceRow(*m_db, u"DELETE FROM published WHERE folder = ?1"_s, std::tuple(folderId),
                          u"INSERT INTO published (folder, seq) VALUES (?1, ?2)"_s, folderId, sequence);
}

Result<sync::ChainHead> SyncState::applied(const QByteArray &deviceKey)
{
    sync::ChainHead head;
    Status st = db::query(
        *m_db, u"SELECT seq, hash FROM applied WHERE device = ?1"_s,
        [&](db::Statement &s) {
            head.sequence = s.int64(0);
            head.hash = s.blob(1);
        },
        deviceKey);
    if (!st)
        return st.error();
    return head;
}

Status SyncState::setApplied(const QByteArray &deviceKey, const sync::ChainHead &head)
{
    return db::replaceRow(*m_db, u"DELETE FROM applied WHERE device = ?1"_s, std::tuple(deviceKey),
                          u"INSERT INTO applied (device, seq, hash) VALUES (?1, ?2, ?3)"_s, deviceKey, head.sequence,
                          head.hash);
}

Result<std::optional<QByteArray>> SyncState::blob(const QByteArray &contentHash)
{
    std::optional<QByteArray> out;
    Status st = db::query(
        *m_db, u"SELECT ref FROM blobs WHERE hash = ?1"_s, [&](db::Statement &s) { out = s.blob(0); }, contentHash);
    if (!st)
        return st.error();
    return out;
}

Status SyncState::putBlob(const QByteArray &contentHash, const QByteArray &objectRef)
{
    return db::replaceRow(*m_db, u"DELETE FROM blobs WHERE hash = ?1"_s, std::tuple(contentHash),
                          u"INSERT INTO blobs (hash, ref) VALUES (?1, ?2)"_s, contentHash, objectRef);
}

Status SyncState::inTransaction(const std::function<Status()> &work) { return db::inTransaction(*m_db, work); }

Status SyncState::putRetry(const QString &folderId, const Retry &r)
{
    qint64 tries = 0;
    (void)db::query(
        *m_db, u"SELECT tries FROM retries WHERE folder = ?1 AND path = ?2"_s,
        [&](db::Statement &s) { tries = s.int64(0); }, folderId, r.path);
    return db::replaceRow(*m_db, u"DELETE FROM retries WHERE folder = ?1 AND path = ?2"_s, std::tuple(folderId, r.path),
                          u"INSERT INTO retries (folder, path, device, entry, ref, reason, tries) "
                          u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"_s,
                          folderId, r.path, r.device, r.entry, r.ref, r.reason, tries + 1);
}

Status SyncState::removeRetry(const QString &folderId, const QString &path)
{
    return db::execute(*m_db, u"DELETE FROM retries WHERE folder = ?1 AND path = ?2"_s, folderId, path);
}

Status SyncState::addCatchUp(const QString &folderId)
{
    return db::execute(*m_db, u"INSERT OR IGNORE INTO catch_up (folder) VALUES (?)"_s, folderId);
}

Status SyncState::removeCatchUp(const QString &folderId)
{
    return db::execute(*m_db, u"DELETE FROM catch_up WHERE folder = ?"_s, folderId);
}

Result<QStringList> SyncState::catchUps()
{
    QStringList out;
    Status st = db::query(*m_db, u"SELECT folder FROM catch_up ORDER BY folder"_s,
                          [&](db::Statement &s) { out.append(s.text(0)); });
    if (!st)
        return st.error();
    return out;
}

Result<QList<SyncState::Retry>> SyncState::retries(const QString &folderId)
{
    QList<Retry> out;
    Status st = db::query(
        *m_db, u"SELECT path, device, entry, ref, reason, tries FROM retries WHERE folder = ?1 ORDER BY path"_s,
        [&](db::Statement &s) {
            out.append(Retry{s.text(0), s.blob(1), s.blob(2), s.blob(3), s.text(4), s.int64(5)});
        },
        folderId);
    if (!st)
        return st.error();
    return out;
}

Result<int> SyncState::rewriteBlobs(const std::function<std::optional<QByteArray>(const QByteArray &ref)> &change)
{
    QList<std::pair<QByteArray, QByteArray>> all;
    if (Status st = db::query(*m_db, u"SELECT hash, ref FROM blobs"_s,
                              [&](db::Statement &s) {
                                  all.append({s.blob(0), s.blob(1)});
                              });
        !st)
        return st.error();
    int changed = 0;
    const Status st = db::inTransaction(*m_db, [&]() -> Status {
        for (const auto &[hash, ref] : std::as_const(all)) {
            const std::optional<QByteArray> to = change(ref);
            if (!to)
                continue;
            ++changed;
            if (Status s = to->isEmpty()
                               ? db::execute(*m_db, u"DELETE FROM blobs WHERE hash = ?1"_s, hash)
                               : db::execute(*m_db, u"UPDATE blobs SET ref = ?2 WHERE hash = ?1"_s, hash, *to);
                !s)
                return s;
        }
        return {};
    });
    if (!st)
        return st.error();
    return changed;
}

Status SyncState::addMove(const sync::LogPath &path, const QByteArray &moved)
{
    return db::execute(*m_db, u"INSERT INTO moves (folder, path, moved) VALUES (?1, ?2, ?3)"_s, path.folder, path.path,
                       moved);
}

Result<QList<SyncState::Move>> SyncState::moves()
{
    QList<Move> out;
    if (Status st = db::query(*m_db, u"SELECT id, folder, path, moved FROM moves ORDER BY id"_s,
                              [&](db::Statement &s) {
                                  out.append(Move{s.int64(0), sync::LogPath{s.text(1), s.text(2)}, s.blob(3)});
                              });
        !st)
        return st.error();
    return out;
}

Status SyncState::removeMovesUpTo(qint64 id) { return db::execute(*m_db, u"DELETE FROM moves WHERE id <= ?1"_s, id); }

} // namespace stratus::syncservice
