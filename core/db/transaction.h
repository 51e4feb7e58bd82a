#pragma once

#include "common/result.h"

#include <functional>

namespace stratus::db {

class Database;

// An explicit write transaction: BEGIN IMMEDIATE (the write lock is taken at
// once, so a later write cannot fail with SQLITE_BUSY half-way through), then
// commit(); rolled back when destroyed without a successful commit().
// Begun inside another transaction, it is a savepoint of it: its commit()
// keeps its changes for the outer commit, its rollback() undoes only them.
// The Database must outlive the Transaction.
class Transaction {
public:
    static Result<Transaction> begin(Database &db);
    // Like begin(), but inside a transaction already open it joins that one
    // instead of opening a savepoint: commit() and rollback() then leave
    // everything to the outer transaction. Inside a savepoint SQLite copies
    // every page it changes into a statement journal, and SQLCipher encrypts
    // each copy: for a small write repeated per file that costs more than
    // the write. For work whose failure leaves nothing half-done (one
    // writing statement), or whose caller then rolls the outer one back.
    static Result<Transaction> beginOrJoin(Database &db);

    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&other) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // On failure the transaction stays open (and is rolled back when destroyed).
    Status commit();
    Status rollback();
    bool isActive() const { return m_db != nullptr; }

private:
    enum class Kind { Outer, Savepoint, Joined };
    Transaction(Database &db, Kind kind) : m_db(&db), m_kind(kind) {}

    Database *m_db = nullptr; // null once committed or rolled back
    Kind m_kind = Kind::Outer;
};

// Runs `work` in a transaction (a savepoint inside another one) and commits
// it; rolled back when `work` fails.
Status inTransaction(Database &db, const std::function<Status()> &work);
// The same with Transaction::beginOrJoin(): inside an open transaction,
// `work` runs in it, without a savepoint.
Status inTransactionOrJoin(Database &db, const std::function<Status()> &work);

} // namespace stratus::db
