#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>

struct sqlite3_stmt;

namespace stratus::db {

class Database;

// A compiled statement (made by Database::prepare), finalized when destroyed.
// Movable, not copyable. Parameters and columns follow SQLite's numbering:
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

    Status bindResult(int rc, int index);
    QString describe() const;

    sqlite3_stmt *m_stmt = nullptr;
};

} // namespace stratus::db
