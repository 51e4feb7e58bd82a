// The node database's earnings records: what an epoch statement is built
// from, and the statements themselves.

#include "db/database.h"
#include "db/query.h"
#include "node/node_database.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

Result<std::vector<ContractRecord>> NodeDatabase::contractsStoredDuring(qint64 startMs, qint64 endMs)
{
    return queryContracts(u"start_ms < ?2 AND expiry_ms > ?1 AND (state = 'active' OR state_ms > ?1) "
                          u"AND EXISTS (SELECT 1 FROM receipts WHERE receipts.contract_id = contracts.id "
                          u"AND receipts.stored_ms < ?2)"_s,
                          [&](db::Statement &s) { return db::bindAll(s, startMs, endMs); });
}

Result<std::vector<OrderRecord>> NodeDatabase::ordersReceivedDuring(qint64 startMs, qint64 endMs)
{
    std::vector<OrderRecord> out;
    Status st = db::query(
        *m_db,
        u"SELECT id, payload, client_key, client_sig, bytes, received_ms FROM bandwidth_orders "
        u"WHERE received_ms >= ?1 AND received_ms < ?2 ORDER BY id"_s,
        [&](db::Statement &s) {
            out.push_back(
                OrderRecord{s.int64(0), SignedOrder{s.blob(1), s.blob(2), s.blob(3)}, s.int64(4), s.int64(5)});
        },
        startMs, endMs);
    if (!st)
        return st.error();
    return out;
}

Status NodeDatabase::addStatement(const StatementRow &row)
{
    auto existing = statement(row.epoch);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return makeError(u"epoch %1 is already closed"_s.arg(row.epoch));
    return db::execute(*m_db,
                       u"INSERT INTO statements (epoch, statement, receipts, evidence, total, created_ms) "
                       u"VALUES (?1, ?2, ?3, ?4, ?5, ?6)"_s,
                       row.epoch, row.statement, row.receipts, row.evidence, row.total, row.createdMs);
}

namespace {

const QString kStatementColumns = u"epoch, statement, receipts, evidence, total, created_ms"_s;

StatementRow statementRow(db::Statement &s)
{
    return StatementRow{s.int64(0), s.blob(1), s.blob(2), s.blob(3), s.int64(4), s.int64(5)};
}

} // namespace

Result<std::optional<StatementRow>> NodeDatabase::statement(qint64 epoch)
{
    std::optional<StatementRow> out;
    Status st = db::query(
        *m_db, u"SELECT %1 FROM statements WHERE epoch = ?1"_s.arg(kStatementColumns),
        [&](db::Statement &s) { out = statementRow(s); }, epoch);
    if (!st)
        return st.error();
    return out;
}

Result<std::vector<StatementRow>> NodeDatabase::latestStatements(int limit)
{
    std::vector<StatementRow> out;
    Status st = db::query(
        *m_db, u"SELECT %1 FROM statements ORDER BY epoch DESC LIMIT ?1"_s.arg(kStatementColumns),
        [&](db::Statement &s) { out.push_back(statementRow(s)); }, qint64(limit));
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<qint64>> NodeDatabase::lastStatementEpoch()
{
    std::optional<qint64> out;
    Status st = db::query(*m_db, u"SELECT MAX(epoch) FROM statements WHERE epoch IS NOT NULL"_s, [&](db::Statement &s) {
        if (!s.isNull(0))
            out = s.int64(0);
    });
    if (!st)
        return st.error();
    return out;
}

Result<std::optional<qint64>> NodeDatabase::firstContractMs()
{
    std::optional<qint64> out;
    Status st = db::query(*m_db, u"SELECT MIN(accepted_ms) FROM contracts"_s, [&](db::Statement &s) {
        if (!s.isNull(0))
            out = s.int64(0);
    });
    if (!st)
        return st.error();
    return out;
}

} // namespace stratus::node
