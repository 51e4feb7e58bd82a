#include "db/statement.h"

#include "db/statement_cache.h"

#include <sqlcipher/sqlite3.h>

#include <utility>

using namespace Qt::StringLiterals;

namespace stratus::db {

namespace {

// SQLite copies bound values before the bind call returns.
const sqlite3_destructor_type kTransient = SQLITE_TRANSIENT;

QString errorText(sqlite3_stmt *stmt) { return QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(stmt))); }

} // namespace

Statement::~Statement() { release(); }

void Statement::release()
{
    if (!m_stmt)
        return;
    sqlite3_stmt *stmt = std::exchange(m_stmt, nullptr);
    if (const std::shared_ptr<StatementCache> cache = m_cache.lock(); cache && cache->keep(m_sql, stmt))
        return;
    sqlite3_finalize(stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_cache(std::move(other.m_cache)), m_sql(std::move(other.m_sql))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        release();
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_cache = std::move(other.m_cache);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

QString Statement::describe() const
{
    static constexpr qsizetype kMaxSql = 160;
    QString sql = QString::fromUtf8(sqlite3_sql(m_stmt));
    if (sql.size() > kMaxSql)
        sql = sql.left(kMaxSql) + u"…"_s;
    return sql;
}

Status Statement::bindResult(int rc, int index)
{
    if (rc == SQLITE_OK)
        return {};
    return makeError(u"cannot bind parameter %1 of \"%2\": %3"_s.arg(index).arg(describe(), errorText(m_stmt)));
}

Status Statement::bind(int index, qint64 value)
{
    if (!m_stmt)
        return makeError(u"bind on a statement that was not prepared"_s);
    return bindResult(sqlite3_bind_int64(m_stmt, index, value), index);
}

Status Statement::bind(int index, double value)
{
    if (!m_stmt)
        return makeError(u"bind on a statement that was not prepared"_s);
    return bindResult(sqlite3_bind_double(m_stmt, index, value), index);
}

Status Statement::bind(int index, const QString &value)
{
    if (!m_stmt)
        return makeError(u"bind on a statement that was not prepared"_s);
    if (value.isNull())
        return bindResult(sqlite3_bind_null(m_stmt, index), index);
    const QByteArray utf8 = value.toUtf8();
    return bindResult(sqlite3_bind_text64(m_stmt, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()),
                                          kTransient, SQLITE_UTF8),
                      index);
}

Status Statement::bind(int index, const QByteArray &value)
{
    if (!m_stmt)
        return makeError(u"bind on a statement that was not prepared"_s);
    if (value.isNull())
        return bindResult(sqlite3_bind_null(m_stmt, index), index);
    if (value.isEmpty()) // a null data pointer would bind NULL, not an empty blob
        return bindResult(sqlite3_bind_zeroblob(m_stmt, index, 0), index);
    return bindResult(
        sqlite3_bind_blob64(m_stmt, index, value.constData(), static_cast<sqlite3_uint64>(value.size()), kTransient),
        index);
}

Status Statement::bind(int index, std::nullptr_t)
{
    if (!m_stmt)
        return makeError(u"bind on a statement that was not prepared"_s);
    return bindResult(sqlite3_bind_null(m_stmt, index), index);
}

Result<bool> Statement::step()
{
    if (!m_stmt)
        return makeError(u"step on a statement that was not prepared"_s);
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // With prepare_v2, sqlite3_errmsg already holds the specific error.
    return makeError(u"\"%1\" failed: %2"_s.arg(describe(), errorText(m_stmt)));
}

int Statement::columnCount() const { return m_stmt ? sqlite3_column_count(m_stmt) : 0; }

bool Statement::isNull(int column) const { return !m_stmt || sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

qint64 Statement::int64(int column) const { return m_stmt ? sqlite3_column_int64(m_stmt, column) : 0; }

double Statement::real(int column) const { return m_stmt ? sqlite3_column_double(m_stmt, column) : 0.0; }

QString Statement::text(int column) const
{
    if (isNull(column))
        return {};
    // Pointer first, then size: the documented order for a stable conversion.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data)
        return QString(u""_s);
    return QString::fromUtf8(data, size);
}

QByteArray Statement::blob(int column) const
{
    if (isNull(column))
        return {};
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data || size == 0)
        return QByteArray("", 0); // empty, not null
    return QByteArray(data, size);
}

void Statement::reset()
{
    // The return value repeats the error of the last step(), already reported.
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

void Statement::clearBindings()
{
    if (m_stmt)
        sqlite3_clear_bindings(m_stmt);
}

} // namespace stratus::db
