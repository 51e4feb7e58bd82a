#include "client/file_index.h"
#include "client/file_index_rows.h"
#include "common/cbor_parse.h"

#include "db/migrations.h"
#include "db/query.h"
#include "db/transaction.h"

#include <QCborArray>
#include <QCborValue>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

const std::vector<db::Migration> kMigrations{
    {1, uR"(
        CREATE TABLE file_versions (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            version INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime_ms INTEGER NOT NULL,
            created_ms INTEGER NOT NULL,
            manifest BLOB NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (path, version));
        CREATE TABLE placements (
            shard_root BLOB NOT NULL,
            shard_size INTEGER NOT NULL,
            node_id BLOB NOT NULL,
            contract BLOB,
            expiry_ms INTEGER NOT NULL,
            PRIMARY KEY (shard_root, shard_size, node_id));
        CREATE INDEX placements_by_node ON placements (node_id);
    )"_s},
    {2, uR"(
        CREATE TABLE chunks (
            id BLOB PRIMARY KEY,
            segment BLOB NOT NULL,
            offset INTEGER NOT NULL,
            sealed_size INTEGER NOT NULL);
    )"_s},
    {3, uR"(
        CREATE TABLE egress (
            time_ms INTEGER NOT NULL,
            bytes INTEGER NOT NULL);
        CREATE INDEX egress_by_time ON egress (time_ms);
    )"_s},
    {4, uR"(
        CREATE TABLE retired_segments (
            segment BLOB PRIMARY KEY,
            retired_ms INTEGER NOT NULL);
    )"_s},
};

} // namespace

QByteArray encodeSegment(const object::SegmentInfo &s)
{
    QCborArray shards;
    for (const object::ShardId &id : s.shards)
        shards.append(id.toString());
    return QCborArray{s.k, s.m, qint64(s.size), qint64(s.shardSize), shards}.toCborValue().toCbor();
}

std::optional<object::SegmentInfo> decodeSegment(const QByteArray &bytes)
{
    const QCborArray a = parseCbor(bytes).toArray();
    if (a.size() != 5 || !a[4].isArray())
        return std::nullopt;
    object::SegmentInfo s;
    s.k = static_cast<int>(a[0].toInteger());
    s.m = static_cast<int>(a[1].toInteger());
    s.size = static_cast<quint64>(a[2].toInteger());
    s.shardSize = static_cast<quint64>(a[3].toInteger());
    for (const QCborValue &v : a[4].toArray()) {
        auto id = object::ShardId::parse(v.toString());
        if (!id)
            return std::nullopt;
        s.shards.push_back(id.value());
    }
    if (s.k < 1 || s.m < 0 || s.shards.size() != std::size_t(s.k + s.m))
        return std::nullopt;
    return s;
}

FileVersion readVersion(db::Statement &s)
{
    FileVersion v;
    v.path = s.text(0);
    v.version = static_cast<int>(s.int64(1));
    v.size = s.int64(2);
    v.mtimeMs = s.int64(3);
    v.createdMs = s.int64(4);
    v.sealedManifest = s.blob(5);
    v.deleted = s.int64(6) != 0;
    return v;
}

const QString kVersionColumns = u"path, version, size, mtime_ms, created_ms, manifest, deleted"_s;

FileIndex::FileIndex(std::unique_ptr<db::Database> db) : m_db(std::move(db)) {}

Result<std::unique_ptr<FileIndex>> FileIndex::open(const QString &path, const QByteArray &key32)
{
    auto database = db::Database::open(path, key32);
    if (!database)
        return database.error();
    if (Status st = db::migrate(*database.value(), kMigrations); !st)
        return st.error();
    return std::unique_ptr<FileIndex>(new FileIndex(std::move(database.value())));
}

Result<QString> FileIndex::normalizePath(const QString &path)
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return makeError(u"\"%1\" does not name a file"_s.arg(path));
    for (const QString &p : parts)
        if (p == u"."_s || p == u".."_s || p.contains(QChar(0)))
            return makeError(u"\"%1\" is not a valid path in the account (no . or .. parts)"_s.arg(path));
    return u"/"_s + parts.join(u'/');
}

Result<FileVersion> FileIndex::addVersion(const QString &path, qint64 size, qint64 mtimeMs,
                                          const QByteArray &sealedManifest)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    // One writing statement: inside a caller's transaction no savepoint is
    // needed (and one would journal every page the insert touches).
    auto tx = db::Transaction::beginOrJoin(*m_db);
    if (!tx)
        return tx.error();
    int last = 0;
    if (Status st = db::query(
            *m_db, u"SELECT COALESCE(MAX(version), 0) FROM file_versions WHERE path = ?"_s,
            [&](db::Statement &s) { last = static_cast<int>(s.int64(0)); }, norm.value());
        !st)
        return st.error();
    FileVersion v;
    v.path = norm.value();
    v.version = last + 1;
    v.size = size;
    v.mtimeMs = mtimeMs;
    v.createdMs = QDateTime::currentMSecsSinceEpoch();
    v.sealedManifest = sealedManifest;
    if (Status st =
            db::execute(*m_db, u"INSERT INTO file_versions (%1) VALUES (?, ?, ?, ?, ?, ?, 0)"_s.arg(kVersionColumns),
                        v.path, qint64(v.version), v.size, v.mtimeMs, v.createdMs, v.sealedManifest);
        !st)
        return st.error();
    if (Status st = tx->commit(); !st)
        return st.error();
    return v;
}

Result<QList<FileVersion>> FileIndex::selectVersions(const QString &where, const QString &arg)
{
    QList<FileVersion> out;
    const QString sql = u"SELECT %1 FROM file_versions WHERE %2"_s.arg(kVersionColumns, where);
    Status st = arg.isNull() ? db::query(*m_db, sql, [&](db::Statement &s) { out.append(readVersion(s)); })
                             : db::query(
                                   *m_db, sql, [&](db::Statement &s) { out.append(readVersion(s)); }, arg);
    if (!st)
        return st.error();
    return out;
}

Result<FileVersion> FileIndex::latest(const QString &path)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    auto list = selectVersions(u"path = ? AND deleted = 0 ORDER BY version DESC LIMIT 1"_s, norm.value());
    if (!list)
        return list.error();
    if (list->isEmpty())
        return makeError(u"no file %1 in this account (see `stratus ls`)"_s.arg(norm.value()));
    return list->first();
}

Result<QList<FileVersion>> FileIndex::versions(const QString &path)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    return selectVersions(u"path = ? ORDER BY version"_s, norm.value());
}

Result<QList<FileVersion>> FileIndex::versionsOfOthers(const QString &path)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    return selectVersions(u"path <> ? ORDER BY path, version"_s, norm.value());
}

Status FileIndex::forgetSegment(const object::SegmentInfo &segment)
{
    return db::execute(*m_db, u"DELETE FROM chunks WHERE segment = ?"_s, encodeSegment(segment));
}

Result<QList<FileVersion>> FileIndex::listLatest(bool withDeleted)
{
    return selectVersions(withDeleted ? u"deleted = 0 AND version = (SELECT MAX(version) FROM file_versions f "
                                        u"WHERE f.path = file_versions.path AND f.deleted = 0) ORDER BY path"_s
                                      : u"deleted = 0 AND version = (SELECT MAX(version) FROM file_versions f "
                                        u"WHERE f.path = file_versions.path) ORDER BY path"_s,
                          QString());
}

Status FileIndex::addTombstone(const QString &path)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    // One writing statement, as in addVersion: no savepoint inside a caller's transaction.
    return db::inTransactionOrJoin(*m_db, [&]() -> Status {
        int last = 0;
        bool deleted = true;
        if (Status st = db::query(
                *m_db, u"SELECT version, deleted FROM file_versions WHERE path = ? ORDER BY version DESC LIMIT 1"_s,
                [&](db::Statement &s) {
                    last = static_cast<int>(s.int64(0));
                    deleted = s.int64(1) != 0;
                },
                norm.value());
            !st)
            return st;
        if (deleted)
            return {};
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        return db::execute(*m_db, u"INSERT INTO file_versions (%1) VALUES (?, ?, 0, ?, ?, ?, 1)"_s.arg(kVersionColumns),
                           norm.value(), qint64(last + 1), now, now, QByteArray(""));
    });
}

Status FileIndex::markDeleted(const QString &path)
{
    auto norm = normalizePath(path);
    if (!norm)
        return norm.error();
    if (Status st = db::execute(*m_db, u"UPDATE file_versions SET deleted = 1 WHERE path = ?"_s, norm.value()); !st)
        return st;
    if (m_db->changes() == 0)
        return makeError(u"no file %1 in this account (see `stratus ls`)"_s.arg(norm.value()));
    return {};
}

Status FileIndex::addChunks(const object::FileManifest &manifest)
{
    for (const object::ChunkRef &c : manifest.chunks) {
        if (c.segment >= manifest.segments.size())
            continue;
        if (Status st =
                db::execute(*m_db,
                            u"INSERT OR IGNORE INTO chunks (id, segment, offset, sealed_size) "
                            u"VALUES (?, ?, ?, ?)"_s,
                            c.id, encodeSegment(manifest.segments[c.segment]), qint64(c.offset), qint64(c.sealedSize));
            !st)
            return st;
    }
    return {};
}

std::optional<object::Ingestor::KnownChunk> FileIndex::knownChunk(const QByteArray &id)
{
    std::optional<object::Ingestor::KnownChunk> out;
    (void)db::query(
        *m_db, u"SELECT segment, offset, sealed_size FROM chunks WHERE id = ?"_s,
        [&](db::Statement &s) {
            if (auto seg = decodeSegment(s.blob(0)))
                out = object::Ingestor::KnownChunk{*seg, static_cast<quint64>(s.int64(1)),
                                                   static_cast<quint32>(s.int64(2))};
        },
        id);
    return out;
}

Status FileIndex::inTransaction(const std::function<Status()> &work) { return db::inTransaction(*m_db, work); }

Status FileIndex::addEgress(qint64 timeMs, qint64 bytes)
{
    if (bytes <= 0)
        return {};
    // A year of it is plenty for "the last 30 days".
    if (Status st = db::execute(*m_db, u"DELETE FROM egress WHERE time_ms < ?1"_s, timeMs - qint64(366) * 86400000);
        !st)
        return st;
    return db::execute(*m_db, u"INSERT INTO egress (time_ms, bytes) VALUES (?1, ?2)"_s, timeMs, bytes);
}

Result<qint64> FileIndex::egressSince(qint64 timeMs)
{
    qint64 total = 0;
    const Status st = db::query(
        *m_db, u"SELECT COALESCE(SUM(bytes), 0) FROM egress WHERE time_ms >= ?1"_s,
        [&](db::Statement &row) { total = row.int64(0); }, timeMs);
    if (!st)
        return st.error();
    return total;
}

Status FileIndex::addPlacement(const Placement &p)
{
    return db::replaceRow(*m_db, u"DELETE FROM placements WHERE shard_root = ?1 AND shard_size = ?2 AND node_id = ?3"_s,
                          std::tuple(p.shard.root, p.shard.size, p.node.bytes()),
                          u"INSERT INTO placements (shard_root, shard_size, node_id, contract, expiry_ms) "
                          u"VALUES (?1, ?2, ?3, ?4, ?5)"_s,
                          p.shard.root, p.shard.size, p.node.bytes(), p.contract, p.expiryMs);
}

Result<QList<Placement>> FileIndex::placementsOf(const object::ShardId &shard)
{
    QList<Placement> out;
    Status st = db::query(
        *m_db,
        u"SELECT node_id, contract, expiry_ms FROM placements WHERE shard_root = ? AND shard_size = ? "
        u"ORDER BY rowid"_s,
        [&](db::Statement &s) {
            Placement p;
            p.shard = shard;
            auto id = crypto::NodeId::fromBytes(s.blob(0));
            if (id)
                p.node = id.value();
            p.contract = s.blob(1);
            p.expiryMs = s.int64(2);
            out.append(p);
        },
        shard.root, shard.size);
    if (!st)
        return st.error();
    return out;
}

Result<QList<std::pair<object::ShardId, crypto::NodeId>>> FileIndex::holdersOf(const object::FileManifest &manifest)
{
    QList<std::pair<object::ShardId, crypto::NodeId>> out;
    for (const object::SegmentInfo &s : manifest.segments)
        for (const object::ShardId &id : s.shards) {
            auto placements = placementsOf(id);
            if (!placements)
                return placements.error();
            for (const Placement &p : placements.value())
                out.append({id, p.node});
        }
    return out;
}

Status FileIndex::removePlacement(const object::ShardId &shard, const crypto::NodeId &node)
{
    return db::execute(*m_db, u"DELETE FROM placements WHERE shard_root = ? AND shard_size = ? AND node_id = ?"_s,
                       shard.root, shard.size, node.bytes());
}

} // namespace stratus::client
