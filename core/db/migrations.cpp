#include "db/migrations.h"

#include "db/database.h"
#include "db/log.h"
#include "db/transaction.h"

using namespace Qt::StringLiterals;

namespace stratus::db {

namespace {

Status checkOrder(const std::vector<Migration> &migrations)
{
    int previous = 0;
    for (const Migration &m : migrations) {
        if (m.version <= previous)
            return makeError(
                u"migration versions must be positive and strictly increasing (%1 after %2)"_s.arg(m.version).arg(
                    previous));
        previous = m.version;
    }
    return {};
}

Result<bool> pragmaFlag(Database &db, const QString &pragma)
{
    Result<Statement> stmt = db.prepare(u"PRAGMA %1"_s.arg(pragma));
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row && stmt->int64(0) != 0;
}

// Turns foreign key enforcement off for its lifetime and restores it after.
// (PRAGMA foreign_keys is a no-op inside a transaction, hence outside.)
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Database &db) : m_db(db) {}
    ~ForeignKeysOff()
    {
        if (!m_restore)
            return;
        if (Status st = m_db.exec(u"PRAGMA foreign_keys = ON"_s); !st)
            qCWarning(lcDb).noquote() << "cannot turn foreign keys back on:" << st.message();
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

    Status apply()
    {
        Result<bool> on = pragmaFlag(m_db, u"foreign_keys"_s);
        if (!on)
            return on.error();
        if (!*on)
            return {};
        if (Status st = m_db.exec(u"PRAGMA foreign_keys = OFF"_s); !st)
            return st;
        m_restore = true;
        return {};
    }

private:
    Database &m_db;
    bool m_restore = false;
};

Status checkForeignKeys(Database &db, int version)
{
    Result<Statement> stmt = db.prepare(u"PRAGMA foreign_key_check"_s);
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (*row)
        return makeError(
            u"migration to schema version %1 of %2 leaves rows in table %3 that break a foreign key"_s.arg(version).arg(
                db.path(), stmt->text(0)));
    return {};
}

Error newerError(const Database &db, int found, int newest)
{
    return makeError(u"database %1 was created by a newer Stratus (schema version %2; this version knows up to %3). "
                     u"Update Stratus to open it."_s.arg(db.path())
                         .arg(found)
                         .arg(newest));
}

Status applyOne(Database &db, const Migration &m, int newest)
{
    Result<Transaction> tx = Transaction::begin(db);
    if (!tx)
        return tx.error();
    // Read again under the write lock: another process may have migrated.
    Result<int> current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current > newest)
        return newerError(db, *current, newest);
    if (*current >= m.version)
        return {};
    if (Status st = db.exec(m.sql); !st)
        return makeError(u"migration to schema version %1 failed: %2"_s.arg(m.version).arg(st.message()));
    if (Status st = checkForeignKeys(db, m.version); !st)
        return st;
    if (Status st = db.exec(u"PRAGMA user_version = %1"_s.arg(m.version)); !st)
        return st;
    if (Status st = tx->commit(); !st)
        return st;
    qCInfo(lcDb).noquote() << "migrated" << db.path() << "to schema version" << m.version;
    return {};
}

} // namespace

Result<int> schemaVersion(Database &db)
{
    Result<Statement> stmt = db.prepare(u"PRAGMA user_version"_s);
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError(u"PRAGMA user_version gave no answer for %1"_s.arg(db.path()));
    return static_cast<int>(stmt->int64(0));
}

Status migrate(Database &db, const std::vector<Migration> &migrations)
{
    if (Status st = checkOrder(migrations); !st)
        return st;
    const int newest = migrations.empty() ? 0 : migrations.back().version;
    Result<int> current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current > newest)
        return newerError(db, *current, newest);
    if (*current == newest)
        return {};
    if (db.inTransaction())
        return makeError(u"migrate() was called inside a transaction on %1"_s.arg(db.path()));

    ForeignKeysOff foreignKeysOff(db);
    if (Status st = foreignKeysOff.apply(); !st)
        return st;
    for (const Migration &m : migrations) {
        if (m.version <= *current)
            continue;
        if (Status st = applyOne(db, m, newest); !st)
            return st;
    }
    return {};
}

} // namespace stratus::db
