#include "node/node_database.h"

#include "db/query.h"

#include "db/database.h"
#include "db/statement.h"
#include "db/transaction.h"
#include "node/log.h"
#include "node/statement_util.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace stratus::node {

using sql::bindAll;
using sql::run;

namespace {

const QString kContractColumns =
    u"id, payload, client_key, client_sig, node_key, node_sig, state, accepted_ms, cost, state_ms, "
    u"(SELECT MIN(stored_ms) FROM receipts WHERE receipts.contract_id = contracts.id)"_s;

std::optional<ContractState> stateFromName(const QString &name)
{
    if (name == u"active"_s)
        return ContractState::Active;
    if (name == u"deleted"_s)
        return ContractState::Deleted;
    if (name == u"collected"_s)
        return ContractState::Collected;
    return std::nullopt;
}

Result<bool> exists(db::Database &db, const QString &sql, const QByteArray &clientId, const auto &second)
{
    Result<db::Statement> stmt = db.prepare(sql);
    if (!stmt)
        return stmt.error();
    if (Status st = bindAll(*stmt, clientId, second); !st)
        return st.error();
    return stmt->step();
}

} // namespace

QString contractStateName(ContractState state)
{
    switch (state) {
    case ContractState::Active:
        return u"active"_s;
    case ContractState::Deleted:
        return u"deleted"_s;
    case ContractState::Collected:
        return u"collected"_s;
    }
    return {};
}

NodeDatabase::NodeDatabase(std::unique_ptr<db::Database> db, const crypto::NodeId &self)
    : m_db(std::move(db)), m_self(self)
{
}

NodeDatabase::~NodeDatabase() = default;

Result<std::unique_ptr<NodeDatabase>> NodeDatabase::open(const QString &path, const QByteArray &key32,
                                                         const crypto::NodeId &self)
{
    if (self.bytes().size() != crypto::NodeId::kSize)
        return makeError(u"the node database needs this node's id"_s);
    Result<std::unique_ptr<db::Database>> db = db::Database::open(path, key32);
    if (!db)
        return db.error();
    if (Status st = db::migrate(**db, migrations()); !st)
        return makeError(u"cannot prepare the node database %1: %2"_s.arg(path, st.message()));
    return std::unique_ptr<NodeDatabase>(new NodeDatabase(std::move(*db), self));
}

Result<qint64> NodeDatabase::addContract(const SignedContract &contract, qint64 acceptedMs)
{
    Result<ContractTerms> terms = verifyContract(contract);
    if (!terms)
        return makeError(u"contract refused: %1"_s.arg(terms.message()));
    if (terms->node != m_self)
        return makeError(u"contract refused: it is for node %1, not for this node %2"_s.arg(terms->node.shortString(),
                                                                                            m_self.shortString()));
    if (terms->expiryMs <= acceptedMs)
        return makeError(u"contract refused: it has already expired"_s);
    Result<db::Transaction> tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    Result<bool> seen = exists(*m_db, u"SELECT 1 FROM contracts WHERE client_id = ?1 AND nonce = ?2"_s,
                               terms->client.bytes(), terms->nonce);
    if (!seen)
        return seen.error();
    if (*seen)
        return makeError(u"contract refused: this contract (same client and nonce) was already received; a "
                         u"renewal needs a new nonce"_s);
    Result<db::Statement> stmt = m_db->prepare(
        u"INSERT INTO contracts (shard, client_id, nonce, start_ms, expiry_ms, size, price, cost, payload, "
        u"client_key, client_sig, node_key, node_sig, state, accepted_ms, state_ms) "
        u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'active', ?14, ?14)"_s);
    if (!stmt)
        return stmt.error();
    if (Status st =
            bindAll(*stmt, terms->shard.toString(), terms->client.bytes(), terms->nonce, terms->startMs,
                    terms->expiryMs, terms->size(), terms->price, contractCost(*terms), contract.payload,
                    contract.clientKey, contract.clientSignature, contract.nodeKey, contract.nodeSignature, acceptedMs);
        !st)
        return st.error();
    if (Status st = run(*stmt); !st)
        return st.error();
    const qint64 id = m_db->lastInsertRowId();
    if (Status st = tx->commit(); !st)
        return st.error();
    qCDebug(lcNode).noquote() << "contract" << id << "for shard" << terms->shard.toString() << "from client"
                              << terms->client.shortString();
    return id;
}

Result<qint64> NodeDatabase::addReceipt(qint64 contractId, qint64 storedMs)
{
    Result<std::optional<ContractRecord>> record = contract(contractId);
    if (!record)
        return record.error();
    if (!*record)
        return makeError(u"no contract %1 to write a receipt for"_s.arg(contractId));
    const ContractRecord &c = **record;
    Result<db::Statement> stmt = m_db->prepare(
        u"INSERT INTO receipts (contract_id, shard, stored_ms, bytes, signed_contract) VALUES (?1, ?2, ?3, ?4, ?5)"_s);
    if (!stmt)
        return stmt.error();
    if (Status st = bindAll(*stmt, contractId, c.terms.shard.toString(), storedMs, c.terms.size(),
                            encodeSignedContract(c.contract));
        !st)
        return st.error();
    if (Status st = run(*stmt); !st)
        return st.error();
    return m_db->lastInsertRowId();
}

Result<std::vector<ContractRecord>> NodeDatabase::queryContracts(const QString &where,
                                                                 const std::function<Status(db::Statement &)> &bind)
{
    Result<db::Statement> stmt =
        m_db->prepare(u"SELECT %1 FROM contracts WHERE %2 ORDER BY id"_s.arg(kContractColumns, where));
    if (!stmt)
        return stmt.error();
    if (Status st = bind(*stmt); !st)
        return st.error();
    std::vector<ContractRecord> out;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ContractRecord r;
        r.id = stmt->int64(0);
        r.contract = SignedContract{stmt->blob(1), stmt->blob(2), stmt->blob(3), stmt->blob(4), stmt->blob(5)};
        Result<ContractTerms> terms = decodeContractTerms(r.contract.payload);
        const std::optional<ContractState> state = stateFromName(stmt->text(6));
        if (!terms || !state)
            return makeError(u"contract %1 in the node database is damaged (%2)"_s.arg(r.id).arg(
                terms ? u"unknown state"_s : terms.message()));
        r.terms = std::move(*terms);
        r.state = *state;
        r.acceptedMs = stmt->int64(7);
        r.cost = stmt->int64(8);
        r.stateMs = stmt->int64(9);
        r.storedMs = stmt->int64(10); // NULL (no receipt yet) reads as 0
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::optional<ContractRecord>> NodeDatabase::contract(qint64 id)
{
    Result<std::vector<ContractRecord>> rows =
        queryContracts(u"id = ?1"_s, [id](db::Statement &s) { return s.bind(1, id); });
    if (!rows)
        return rows.error();
    if (rows->empty())
        return std::optional<ContractRecord>();
    return std::optional<ContractRecord>(std::move(rows->front()));
}

Result<std::vector<ContractRecord>> NodeDatabase::contractsOfShard(const object::ShardId &shard)
{
    const QString key = shard.toString();
    return queryContracts(u"shard = ?1"_s, [&key](db::Statement &s) { return s.bind(1, key); });
}

Result<std::vector<ReceiptRecord>> NodeDatabase::receiptsOfShard(const object::ShardId &shard)
{
    Result<db::Statement> stmt = m_db->prepare(
        u"SELECT id, contract_id, stored_ms, bytes, signed_contract FROM receipts WHERE shard = ?1 ORDER BY id"_s);
    if (!stmt)
        return stmt.error();
    if (Status st = stmt->bind(1, shard.toString()); !st)
        return st.error();
    std::vector<ReceiptRecord> out;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.push_back(
            ReceiptRecord{stmt->int64(0), stmt->int64(1), shard, stmt->int64(2), stmt->int64(3), stmt->blob(4)});
    }
    return out;
}

Result<std::vector<ContractRecord>> NodeDatabase::expiredContracts(qint64 nowMs, qint64 graceMs)
{
    const qint64 cutoff = nowMs - std::max<qint64>(0, graceMs);
    return queryContracts(u"state = 'active' AND expiry_ms < ?1"_s,
                          [cutoff](db::Statement &s) { return s.bind(1, cutoff); });
}

Result<std::optional<SignedOrder>> NodeDatabase::deletionOf(const object::ShardId &shard)
{
    std::optional<SignedOrder> found;
    if (Status st = db::query(
            *m_db, u"SELECT payload, client_key, client_sig FROM deletions WHERE shard = ?1 ORDER BY id DESC LIMIT 1"_s,
            [&found](db::Statement &s) {
                found = SignedOrder{s.blob(0), s.blob(1), s.blob(2)};
            },
            shard.toString());
        !st)
        return st.error();
    return found;
}

Result<qint64> NodeDatabase::claimCount(qint64 nowMs)
{
    qint64 count = 0;
    if (Status st = db::query(
            *m_db, u"SELECT COUNT(*) FROM contracts WHERE state = 'active' AND expiry_ms > ?1"_s,
            [&count](db::Statement &s) { count = s.int64(0); }, nowMs);
        !st)
        return st.error();
    return count;
}

Result<std::optional<ContractRecord>> NodeDatabase::claimAt(qint64 position, qint64 nowMs)
{
    auto found = queryContracts(u"id = (SELECT id FROM contracts WHERE state = 'active' AND expiry_ms > ?1 "
                                u"ORDER BY id LIMIT 1 OFFSET ?2)"_s,
                                [&](db::Statement &s) -> Status {
                                    if (Status st = s.bind(1, nowMs); !st)
                                        return st;
                                    return s.bind(2, std::max<qint64>(0, position));
                                });
    if (!found)
        return found.error();
    if (found->empty())
        return std::optional<ContractRecord>{};
    return std::optional<ContractRecord>{std::move(found->front())};
}

Result<std::vector<ClientTotals>> NodeDatabase::totalsPerClient(qint64 nowMs)
{
    QMap<QByteArray, ClientTotals> totals;
    Result<db::Statement> contracts =
        m_db->prepare(u"SELECT client_id, "
                      u"SUM(CASE WHEN state = 'active' AND expiry_ms > ?1 THEN 1 ELSE 0 END), "
                      u"SUM(CASE WHEN state = 'active' AND expiry_ms > ?1 THEN size ELSE 0 END), "
                      u"SUM(cost) FROM contracts GROUP BY client_id"_s);
    if (!contracts)
        return contracts.error();
    if (Status st = contracts->bind(1, nowMs); !st)
        return st.error();
    for (;;) {
        Result<bool> row = contracts->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ClientTotals &t = totals[contracts->blob(0)];
        t.activeContracts = contracts->int64(1);
        t.activeBytes = contracts->int64(2);
        t.contractCost = contracts->int64(3);
    }
    Result<db::Statement> orders =
        m_db->prepare(u"SELECT client_id, COUNT(*), SUM(bytes) FROM bandwidth_orders GROUP BY client_id"_s);
    if (!orders)
        return orders.error();
    for (;;) {
        Result<bool> row = orders->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ClientTotals &t = totals[orders->blob(0)];
        t.bandwidthOrders = orders->int64(1);
        t.bandwidthBytes = orders->int64(2);
    }
    std::vector<ClientTotals> out;
    for (auto it = totals.begin(); it != totals.end(); ++it) {
        Result<crypto::NodeId> id = crypto::NodeId::fromBytes(it.key());
        if (!id)
            return makeError(u"a client id in the node database is damaged"_s);
        it->client = *id;
        out.push_back(*it);
    }
    return out;
}

Result<qint64> NodeDatabase::addBandwidthOrder(const SignedOrder &order, qint64 receivedMs)
{
    Result<BandwidthOrder> o = verifyBandwidthOrder(order, m_self);
    if (!o)
        return makeError(u"bandwidth order refused: %1"_s.arg(o.message()));
    Result<db::Transaction> tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    Result<bool> seen = exists(*m_db, u"SELECT 1 FROM bandwidth_orders WHERE client_id = ?1 AND serial = ?2"_s,
                               o->client.bytes(), o->serial);
    if (!seen)
        return seen.error();
    if (*seen)
        return makeError(
            u"bandwidth order refused: serial %1 of client %2 was already used (a replay)"_s.arg(o->serial).arg(
                o->client.shortString()));
    if (Status st = db::execute(*m_db,
                                u"INSERT INTO bandwidth_orders (client_id, serial, shard, bytes, time_ms, payload, "
                                u"client_key, client_sig, received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"_s,
                                o->client.bytes(), o->serial, o->shard.toString(), o->bytes, o->timeMs, order.payload,
                                order.clientKey, order.clientSignature, receivedMs);
        !st)
        return st.error();
    const qint64 id = m_db->lastInsertRowId();
    if (Status st = tx->commit(); !st)
        return st.error();
    return id;
}

Result<int> NodeDatabase::applyDeletion(const SignedOrder &order, qint64 receivedMs)
{
    Result<DeletionOrder> o = verifyDeletionOrder(order, m_self);
    if (!o)
        return makeError(u"deletion order refused: %1"_s.arg(o.message()));
    Result<db::Transaction> tx = db::Transaction::begin(*m_db);
    if (!tx)
        return tx.error();
    Result<bool> seen =
        exists(*m_db, u"SELECT 1 FROM deletions WHERE client_id = ?1 AND nonce = ?2"_s, o->client.bytes(), o->nonce);
    if (!seen)
        return seen.error();
    if (*seen)
        return makeError(u"deletion order refused: it was already received (a replay)"_s);
    if (Status st = db::execute(*m_db,
                                u"UPDATE contracts SET state = 'deleted', state_ms = ?1 "
                                u"WHERE shard = ?2 AND client_id = ?3 AND state = 'active' AND start_ms <= ?4"_s,
                                receivedMs, o->shard.toString(), o->client.bytes(), o->timeMs);
        !st)
        return st.error();
    const int cancelled = m_db->changes();
    if (cancelled == 0)
        return makeError(u"deletion order refused: client %1 has no active contract for shard %2 that started "
                         u"before the order"_s.arg(o->client.shortString(), o->shard.toString().left(12)));
    if (Status st = db::execute(*m_db,
                                u"INSERT INTO deletions (client_id, nonce, shard, time_ms, payload, client_key, "
                                u"client_sig, received_ms, contracts_cancelled) "
                                u"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"_s,
                                o->client.bytes(), o->nonce, o->shard.toString(), o->timeMs, order.payload,
                                order.clientKey, order.clientSignature, receivedMs, qint64(cancelled));
        !st)
        return st.error();
    if (Status st = tx->commit(); !st)
        return st.error();
    qCInfo(lcNode).noquote() << "client" << o->client.shortString() << "deleted shard" << o->shard.toString() << "("
                             << cancelled << "contracts cancelled)";
    return cancelled;
}

} // namespace stratus::node
