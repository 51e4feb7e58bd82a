#pragma once

#include "common/result.h"

#include <QString>

#include <vector>

namespace stratus::db {

class Database;

// One step of the schema: `sql` (one or more statements, without BEGIN or
// COMMIT) takes the schema from the previous version to `version`.
struct Migration {
    int version = 0;
    QString sql;
};

// Brings the schema up to the newest migration: each migration newer than
// `PRAGMA user_version` runs in its own transaction that also sets
// user_version, so a crash leaves the schema at a whole version. Already
// applied migrations are skipped; a database newer than the newest migration
// known is refused (it was created by a newer Stratus). Versions must be
// positive and strictly increasing. Call outside any transaction.
//
// SQLite 3.15 has no RENAME COLUMN, DROP COLUMN, UPSERT or RETURNING. A
// migration that changes a column rebuilds the table: CREATE TABLE t_new (...);
// INSERT INTO t_new SELECT ... FROM t; DROP TABLE t; ALTER TABLE t_new RENAME
// TO t; then recreate t's indexes, triggers and views. migrate() turns foreign
// keys off while migrations run (so dropping t does not cascade nor break
// references to it) and runs PRAGMA foreign_key_check before each commit.
Status migrate(Database &db, const std::vector<Migration> &migrations);

// The schema version recorded in the database (PRAGMA user_version).
Result<int> schemaVersion(Database &db);

} // namespace stratus::db
