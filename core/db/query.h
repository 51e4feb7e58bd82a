#pragma once

#include "db/database.h"
#include "db/statement.h"
#include "db/transaction.h"

#include <tuple>
#include <utility>

namespace stratus::db {

// Binds `args` to parameters 1..N of `stmt`.
template <typename... Args>
Status bindAll(Statement &stmt, Args &&...args)
{
    int index = 0;
    Status result;
    auto one = [&](auto &&value) {
        if (result.ok())
            result = stmt.bind(++index, std::forward<decltype(value)>(value));
    };
    (one(std::forward<Args>(args)), ...);
    (void)one; // no arguments: nothing to bind
    return result;
}

// Prepares `sql`, binds `args`, and calls `onRow(Statement&)` for each row.
template <typename OnRow, typename... Args>
Status query(Database &db, const QString &sql, OnRow &&onRow, Args &&...args)
{
    Result<Statement> stmt = db.prepare(sql);
    if (!stmt)
        return stmt.error();
    if (Status st = bindAll(stmt.value(), std::forward<Args>(args)...); !st)
        return st;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error();
        if (!row.value())
            return {};
        onRow(stmt.value());
    }
}

// Prepares `sql`, binds `args` and runs it to completion (no result rows).
template <typename... Args>
Status execute(Database &db, const QString &sql, Args &&...args)
{
    return query(
        db, sql, [](Statement &) {}, std::forward<Args>(args)...);
}

// Writes a row in place of the one with the same key: what INSERT OR REPLACE
// does, as a DELETE by key (`deleteSql`, bound to `key`) and a plain INSERT
// (`insertSql`, bound to `row`). REPLACE makes SQLite copy every page the
// statement touches into a statement journal first (for the statement's own
// rollback), and SQLCipher encrypts each copy: that was most of what the sync
// engine's databases cost. Neither a DELETE by key nor a one-row INSERT needs
// a statement journal. Both run in one transaction: the caller's, or one
// opened here.
template <typename... Key, typename... Row>
Status replaceRow(Database &db, const QString &deleteSql, const std::tuple<Key...> &key, const QString &insertSql,
                  Row &&...row)
{
    Result<Transaction> tx = Transaction::beginOrJoin(db);
    if (!tx)
        return tx.error();
    if (Status st = std::apply([&](const Key &...k) { return execute(db, deleteSql, k...); }, key); !st)
        return st;
    if (Status st = execute(db, insertSql, std::forward<Row>(row)...); !st)
        return st;
    return tx->commit();
}

} // namespace stratus::db
