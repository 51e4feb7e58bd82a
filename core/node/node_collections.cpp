// NodeDatabase: what garbage collection reads and records.

#include "db/database.h"
#include "db/statement.h"
#include "db/transaction.h"
#include "node/node_database.h"
#include "node/statement_util.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

using sql::bindAll;
using sql::run;

Result<std::vector<CollectibleShard>> NodeDatabase::collectibleShards(qint64 nowMs, qint64 graceMs)
{
    const qint64 cutoff = nowMs - std::max<qint64>(0, graceMs);
    Result<db::Statement> stmt =
        m_db->prepare(u"SELECT shard, SUM(state = 'deleted'), SUM(state = 'active' AND expiry_ms < ?1) FROM contracts "
                      u"GROUP BY shard HAVING SUM(state != 'collected') > 0 "
                      u"AND SUM(state = 'active' AND expiry_ms >= ?1) = 0 ORDER BY shard"_s);
    if (!stmt)
        return stmt.error();
    if (Status st = stmt->bind(1, cutoff); !st)
        return st.error();
    std::vector<CollectibleShard> out;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        Result<object::ShardId> id = object::ShardId::parse(stmt->text(0));
        if (!id)
            return makeError(u"a shard id in the node database is damaged: %1"_s.arg(id.message()));
        out.push_back(CollectibleShard{*id, stmt->int64(1) > 0, stmt->int64(2) > 0});
    }
    return out;
}

Status NodeDatabase::recordCollection(const object::ShardId &shard, const QString &reason, qint64 bytesFreed,
                                      qint64 timeMs)
{
    Result<db::Transaction> tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    Result<db::Statement> mark = m_db->prepare(
        u"UPDATE contracts SET state = 'collected', state_ms = ?1 WHERE shard = ?2 AND state != 'collected'"_s);
    if (!mark)
        return mark.error();
    if (Status st = bindAll(*mark, timeMs, shard.toString()); !st)
        return st;
    if (Status st = run(*mark); !st)
        return st;
    Result<db::Statement> log =
        m_db->prepare(u"INSERT INTO collections (shard, reason, bytes, time_ms) VALUES (?1, ?2, ?3, ?4)"_s);
    if (!log)
        return log.error();
    if (Status st = bindAll(*log, shard.toString(), reason, bytesFreed, timeMs); !st)
        return st;
    if (Status st = run(*log); !st)
        return st;
    return tx->commit();
}

Result<std::vector<CollectionRecord>> NodeDatabase::collections()
{
    Result<db::Statement> stmt =
        m_db->prepare(u"SELECT id, shard, reason, bytes, time_ms FROM collections ORDER BY id"_s);
    if (!stmt)
        return stmt.error();
    std::vector<CollectionRecord> out;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        Result<object::ShardId> id = object::ShardId::parse(stmt->text(1));
        if (!id)
            return makeError(u"a shard id in the node database is damaged: %1"_s.arg(id.message()));
        out.push_back(CollectionRecord{stmt->int64(0), *id, stmt->text(2), stmt->int64(3), stmt->int64(4)});
    }
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
