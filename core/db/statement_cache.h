#pragma once

#include <QByteArray>
#include <QHash>

struct sqlite3_stmt;

namespace stratus::db {

// Compiled statements of one connection not in use, by their SQL text.
// Compiling is a large share of a small query's cost (SQLCipher parses and
// plans it each time); the engines run the same few dozen statements
// thousands of times. Owned by the Database; a Statement finds it gone once
// the Database is destroyed and finalizes itself instead.
struct StatementCache {
    // More distinct statements than any component runs; past it, extra
    // ones are finalized (SQL built with inlined values is not worth keeping).
    static constexpr qsizetype kMaxStatements = 256;

    StatementCache() = default;
    ~StatementCache();
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    // A statement for `sql`, ready to bind and run, or null.
    sqlite3_stmt *take(const QByteArray &sql);
    // Takes `stmt` back, reset and unbound; false if it is not wanted (the
    // caller finalizes it).
    bool keep(const QByteArray &sql, sqlite3_stmt *stmt);

    QHash<QByteArray, sqlite3_stmt *> idle;
};

} // namespace stratus::db
