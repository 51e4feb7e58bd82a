#include "db/transaction.h"

#include "db/database.h"
#include "db/log.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::db {

Result<Transaction> Transaction::begin(Database &db)
{
    if (db.inTransaction()) {
        if (Status st = db.exec(u"SAVEPOINT nested"_s); !st)
            return st.error();
        return Transaction(db, Kind::Savepoint);
    }
    if (Status st = db.exec(u"BEGIN IMMEDIATE"_s); !st)
        return st.error();
    return Transaction(db, Kind::Outer);
}

Result<Transaction> Transaction::beginOrJoin(Database &db)
{
    if (db.inTransaction())
        return Transaction(db, Kind::Joined);
    return begin(db);
}

Transaction::Transaction(Transaction &&other) noexcept : m_db(std::exchange(other.m_db, nullptr)), m_kind(other.m_kind)
{
}

Transaction::~Transaction()
{
    if (!m_db)
        return;
    if (Status st = rollback(); !st)
        qCWarning(lcDb).noquote() << "rollback failed:" << st.message();
}

Status Transaction::commit()
{
    if (!m_db)
        return makeError(u"commit without an open transaction"_s);
    if (m_kind != Kind::Joined) {
        if (Status st = m_db->exec(m_kind == Kind::Savepoint ? u"RELEASE nested"_s : u"COMMIT"_s); !st)
            return st;
    }
    m_db = nullptr;
    return {};
}

Status Transaction::rollback()
{
    if (!m_db)
        return makeError(u"rollback without an open transaction"_s);
    Database *db = std::exchange(m_db, nullptr);
    if (m_kind == Kind::Joined)
        return {}; // the outer transaction's owner decides
    // Some errors (SQLITE_FULL, IOERR, NOMEM, …) make SQLite roll back on its
    // own; then there is nothing left to undo.
    if (!db->inTransaction())
        return {};
    if (m_kind == Kind::Savepoint) {
        if (Status st = db->exec(u"ROLLBACK TO nested"_s); !st)
            return st;
        return db->exec(u"RELEASE nested"_s);
    }
    return db->exec(u"ROLLBACK"_s);
}

namespace {

Status runIn(Result<Transaction> tx, const std::function<Status()> &work)
{
    if (!tx)
        return tx.error();
    if (Status st = work(); !st)
        return st; // rolled back by tx's destructor
    return tx->commit();
}

} // namespace

Status inTransaction(Database &db, const std::function<Status()> &work) { return runIn(Transaction::begin(db), work); }

Status inTransactionOrJoin(Database &db, const std::function<Status()> &work)
{
    return runIn(Transaction::beginOrJoin(db), work);
}

} // namespace stratus::db
