#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <memory>

struct sqlite3_stmt;

namespace stratus::db {

class Database;
struct StatementCache;

// A compiled statement (made by Database::prepare). When destroyed it goes
// back, reset and unbound, to its connection's cache for the next prepare of
// the same SQL (or is finalized, if the connection is gone or already holds
// one). Movable, not copyable. Parameters and columns follow SQLite's numbering:
// parameters from 1, columns from 0.
//
// Null values: a null QByteArray or a null QString binds SQL NULL (an empty
// but non-null one binds an empty blob or text); reading NULL back gives a
// null QByteArray or QString, 0 or 0.0.
class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    Status bind(int index, qint64 value);
    Status bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Status bind(int index, double value);
    Status bind(int index, const QString &value);
    Status bind(int index, const QByteArray &value);
    Status bind(int index, std::nullptr_t);
    // A C string would convert to QByteArray and bind as a blob: say u"..."_s
    // for text or QByteArray(...) for a blob.
    Status bind(int index, const char *value) = delete;

    // Runs the statement one step: true when a row is available, false when the
    // statement has finished, an error otherwise.
    Result<bool> step();

    int columnCount() const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

    // Makes the statement ready to run again; bindings are kept.
    void reset();
    // Sets every parameter back to NULL.
    void clearBindings();

private:
    friend class Database;
    explicit Statement(sqlite3_stmt *stmt) : m_stmt(stmt) {}
    Statement(sqlite3_stmt *stmt, const std::shared_ptr<StatementCache> &cache, QByteArray sql)
        : m_stmt(stmt), m_cache(cache), m_sql(std::move(sql))
    {
    }

    Status bindResult(int rc, int index);
    QString describe() const;
    void release();

    sqlite3_stmt *m_stmt = nullptr;
    std::weak_ptr<StatementCache> m_cache;
    QByteArray m_sql; // the cache's key
};

} // namespace stratus::db
