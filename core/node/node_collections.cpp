// NodeDatabase: what garbage collection reads and records.

#include "db/database.h"
#include "db/statement.h"
#include "db/transaction.h"
#include "node/node_database.h"

#include "db/query.h"

#include "node/statement_util.h"
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::node {

using sql::bindAll;
using sql::run;

namespace {

Error damagedShard(const QString &why)
{
    return makeError(u"a shard id in the node database is damaged: %1"_s.arg(why));
}

} // namespace

Result<std::vector<CollectibleShard>> NodeDatabase::collectibleShards(qint64 nowMs, qint64 graceMs)
{
    const qint64 cutoff = nowMs - std::max<qint64>(0, graceMs);
    std::vector<CollectibleShard> out;
    std::optional<Error> damaged;
    const Status st = db::query(
        *m_db,
        u"SELECT shard, SUM(state = 'deleted'), SUM(state = 'active' AND expiry_ms < ?1) FROM contracts "
        u"GROUP BY shard HAVING SUM(state != 'collected') > 0 "
        u"AND SUM(state = 'active' AND expiry_ms >= ?1) = 0 ORDER BY shard"_s,
        [&](db::Statement &row) {
            Result<object::ShardId> id = object::ShardId::parse(row.text(0));
            if (!id)
                damaged = damagedShard(id.message());
            else
                out.push_back(CollectibleShard{*id, row.int64(1) > 0, row.int64(2) > 0});
        },
        cutoff);
    if (!st)
        return st.error();
    if (damaged)
        return *damaged;
    return out;
}

Status NodeDatabase::recordCollection(const object::ShardId &shard, const QString &reason, qint64 bytesFreed,
                                      qint64 timeMs)
{
    Result<db::Transaction> tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    if (Status st = db::execute(
            *m_db,
            u"UPDATE contracts SET state = 'collected', state_ms = ?1 WHERE shard = ?2 AND state != 'collected'"_s,
            timeMs, shard.toString());
        !st)
        return st;
    if (Status st =
            db::execute(*m_db, u"INSERT INTO collections (shard, reason, bytes, time_ms) VALUES (?1, ?2, ?3, ?4)"_s,
                        shard.toString(), reason, bytesFreed, timeMs);
        !st)
        return st;
    return tx->commit();
}

Result<std::vector<CollectionRecord>> NodeDatabase::collections()
{
    std::vector<CollectionRecord> out;
    std::optional<Error> damaged;
    const Status st = db::query(
        *m_db, u"SELECT id, shard, reason, bytes, time_ms FROM collections ORDER BY id"_s, [&](db::Statement &row) {
            Result<object::ShardId> id = object::ShardId::parse(row.text(1));
            if (!id)
                damaged = damagedShard(id.message());
            else
                out.push_back(CollectionRecord{row.int64(0), *id, row.text(2), row.int64(3), row.int64(4)});
        });
    if (!st)
        return st.error();
    if (damaged)
        return *damaged;
    return out;
}

Result<bool> NodeDatabase::hasContracts(const object::ShardId &shard)
{
    Result<db::Statement> stmt = m_db->prepare(u"SELECT 1 FROM contracts WHERE shard = ?1 LIMIT 1"_s);
    if (!stmt)
        return stmt.error();
    if (Status st = stmt->bind(1, shard.toString()); !st)
        return st.error();
    return stmt->step();
}

} // namespace stratus::node
