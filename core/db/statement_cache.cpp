#include "db/statement_cache.h"

#include <sqlcipher/sqlite3.h>

namespace stratus::db {

StatementCache::~StatementCache()
{
    for (sqlite3_stmt *stmt : std::as_const(idle))
        sqlite3_finalize(stmt);
}

sqlite3_stmt *StatementCache::take(const QByteArray &sql)
{
    const auto it = idle.find(sql);
    if (it == idle.end())
        return nullptr;
    sqlite3_stmt *stmt = it.value();
    idle.erase(it);
    return stmt;
}

bool StatementCache::keep(const QByteArray &sql, sqlite3_stmt *stmt)
{
    if (sql.isEmpty() || idle.contains(sql) || idle.size() >= kMaxStatements)
        return false;
    // Reset ends a read the statement may hold open; its result repeats the
    // error of the last step, already reported.
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt); // and frees copies of large bound blobs
    idle.insert(sql, stmt);
    return true;
}

} // namespace stratus::db
