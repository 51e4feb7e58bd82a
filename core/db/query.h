#pragma once

#include "db/database.h"
#include "db/statement.h"

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

} // namespace stratus::db
