#include "db/database.h"

#include "db/statement_cache.h"

#include "db/log.h"

#include <QFile>

#include <sqlcipher/sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::db {

namespace {

constexpr int kBusyTimeoutMs = 5000;

// Overwrites a secret in place; volatile keeps the stores from being elided.
void wipe(QByteArray &bytes)
{
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
    bytes.clear();
}

bool isMemoryPath(const QString &path) { return path == u":memory:"_s; }

// SQL shown in an error message: on one line, and not a page of it.
QString abbreviated(const QString &sql)
{
    static constexpr qsizetype kMaxSql = 160;
    const QString line = sql.simplified();
    return line.size() > kMaxSql ? line.left(kMaxSql) + u"…"_s : line;
}

// Creates `path` empty and owner-only if it does not exist yet, so that SQLite
// (which reuses the database file's mode for its -wal and -shm files) never
// makes a world-readable file, whatever the umask. Sets `created` when it did.
Status createOwnerOnly(const QString &path, bool &created)
{
    created = false;
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return {};
        return makeError(u"cannot create database %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    created = true;
    const bool chmodOk = ::fchmod(fd, 0600) == 0; // the umask may only remove bits, but be explicit
    const int savedErrno = errno;
    ::close(fd);
    if (!chmodOk) {
        ::unlink(native.constData());
        created = false;
        return makeError(
            u"cannot make database %1 owner-only: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(savedErrno))));
    }
    return {};
}

void warnIfShared(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0 && (st.st_mode & 077) != 0)
        qCWarning(lcDb).noquote() << u"database %1 is open to other users (mode %2; expected 600)"_s.arg(
            path, QString::number(st.st_mode & 0777, 8));
}

} // namespace

Database::Database(sqlite3 *db, QString path)
    : m_db(db), m_cache(std::make_shared<StatementCache>()), m_path(std::move(path))
{
}

Database::~Database()
{
    m_cache.reset(); // finalizes the idle statements; those in use finalize themselves
    // close_v2 defers the close until the last Statement is finalized.
    if (sqlite3_close_v2(m_db) != SQLITE_OK)
        qCWarning(lcDb) << "closing" << m_path << "failed:" << lastError();
}

QString Database::lastError() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

Result<std::unique_ptr<Database>> Database::open(const QString &path, const QByteArray &key32)
{
    if (key32.size() != kKeySize)
        return makeError(
            u"the database key for %1 must be %2 bytes, not %3"_s.arg(path).arg(kKeySize).arg(key32.size()));
    if (path.isEmpty())
        return makeError(u"no database path given"_s);

    bool created = false;
    if (!isMemoryPath(path)) {
        if (Status st = createOwnerOnly(path, created); !st)
            return st.error();
        if (!created)
            warnIfShared(path);
    }

    bool notADatabase = false;
    Result<std::unique_ptr<Database>> db = openWithPageSize(path, key32, kPageSize, notADatabase);
    if (!db && notADatabase && !created) {
        // Written before databases moved to 4 KiB pages: still readable.
        Result<std::unique_ptr<Database>> legacy = openWithPageSize(path, key32, kLegacyPageSize, notADatabase);
        if (legacy) {
            qCInfo(lcDb).noquote() << "opened" << path << "in the older 1 KiB page format";
            return legacy;
        }
    }
    if (!db && created) // nothing of value was written; do not leave an empty or plaintext file behind
        ::unlink(QFile::encodeName(path).constData());
    return db;
}

Result<std::unique_ptr<Database>> Database::openWithPageSize(const QString &path, const QByteArray &key32, int pageSize,
                                                             bool &notADatabase)
{
    notADatabase = false;
    sqlite3 *raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
    // The handle exists even when opening failed; from here the Database owns it.
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK || !raw)
        return makeError(
            u"cannot open database %1: %2"_s.arg(path, raw ? db->lastError() : QString::fromUtf8(sqlite3_errstr(rc))));
    sqlite3_extended_result_codes(raw, 1);
    // Before the first read: another connection (a thread of this process
    // or another process) may be creating, migrating or writing the file.
    if (sqlite3_busy_timeout(raw, kBusyTimeoutMs) != SQLITE_OK)
        return makeError(u"cannot set busy timeout on %1: %2"_s.arg(path, db->lastError()));

    Status st = db->applyKey(key32);
    // Before the first read of the file, as SQLCipher requires.
    if (st)
        st = db->exec(u"PRAGMA cipher_page_size = %1"_s.arg(pageSize));
    if (st)
        st = db->checkCipherActive();
    if (st)
        st = db->checkKey(notADatabase);
    if (st)
        st = db->configure();
    if (!st)
        return st.error();
    qCInfo(lcDb).noquote() << "opened" << path << "with SQLCipher" << db->m_cipherVersion;
    return db;
}

Status Database::applyKey(const QByteArray &key32)
{
    // PRAGMA key = "x'<64 hex digits>'": a raw key, no passphrase derivation.
    // Built in one pre-sized buffer (no reallocation leaves copies behind),
    // wiped right after use, never logged nor put in an error message.
    static constexpr char kPrefix[] = "PRAGMA key = \"x'";
    static constexpr char kSuffix[] = "'\";";
    static constexpr char kDigits[] = "0123456789abcdef";
    const qsizetype prefixLen = static_cast<qsizetype>(sizeof kPrefix) - 1;
    const qsizetype suffixLen = static_cast<qsizetype>(sizeof kSuffix) - 1;
    QByteArray sql(prefixLen + 2 * kKeySize + suffixLen, '\0');
    char *out = sql.data();
    std::memcpy(out, kPrefix, static_cast<size_t>(prefixLen));
    out += prefixLen;
    for (qsizetype i = 0; i < kKeySize; ++i) {
        const auto byte = static_cast<unsigned char>(key32[i]);
        *out++ = kDigits[byte >> 4];
        *out++ = kDigits[byte & 0x0f];
    }
    std::memcpy(out, kSuffix, static_cast<size_t>(suffixLen));

    const int rc = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr);
    wipe(sql);
    if (rc != SQLITE_OK)
        return makeError(u"cannot apply the key to database %1: %2"_s.arg(m_path, lastError()));
    return {};
}

Status Database::checkCipherActive()
{
    // Plain SQLite ignores PRAGMA key and answers no row to cipher_version.
    Result<Statement> stmt = prepare(u"PRAGMA cipher_version"_s);
    Result<bool> row = stmt ? stmt->step() : Result<bool>(stmt.error());
    if (row && *row)
        m_cipherVersion = stmt->text(0);
    if (m_cipherVersion.isEmpty()) {
        qCCritical(lcDb).noquote() << u"SQLCipher is not the SQLite library in use (SQLite %1); refusing to open %2"_s
                                          .arg(QString::fromLatin1(sqlite3_libversion()), m_path);
        return makeError(u"SQLCipher is not active (the SQLite library in use, %1, does not encrypt): database %2 "
                         u"would be written in plaintext, so it was not opened. Check that Stratus links "
                         u"libsqlcipher and that no plain libsqlite3 is preloaded."_s.arg(
                             QString::fromLatin1(sqlite3_libversion()), m_path));
    }
    return {};
}

Status Database::checkKey(bool &notADatabase)
{
    // The first read of page 1 decrypts and authenticates it.
    Result<Statement> stmt = prepare(u"SELECT count(*) FROM sqlite_master"_s);
    Result<bool> row = stmt ? stmt->step() : Result<bool>(stmt.error());
    if (row)
        return {};
    notADatabase = (sqlite3_extended_errcode(m_db) & 0xff) == SQLITE_NOTADB;
    if (notADatabase)
        return makeError(u"wrong key for %1, or the file is not a Stratus database"_s.arg(m_path));
    return makeError(u"cannot read database %1: %2"_s.arg(m_path, lastError()));
}

Status Database::configure()
{
    // WAL: readers do not block the writer, and a commit is one append. It
    // works with SQLCipher (WAL frames are encrypted like pages) and with
    // SQLite 3.15. synchronous=FULL rather than NORMAL: under NORMAL a WAL
    // commit is not fsynced and can vanish on power loss. This database
    // records facts about the outside world (what peers hold, what was sent),
    // so a commit reported must survive; the cost is one fsync per transaction,
    // which callers amortize by batching writes in a Transaction.
    Result<Statement> mode = prepare(u"PRAGMA journal_mode = WAL"_s);
    if (!mode)
        return mode.error();
    Result<bool> row = mode->step();
    if (!row)
        return makeError(u"cannot set journal mode of %1: %2"_s.arg(m_path, row.message()));
    const QString journal = *row ? mode->text(0) : QString();
    mode = Statement();
    if (journal.compare(u"wal"_s, Qt::CaseInsensitive) != 0 && !isMemoryPath(m_path))
        qCWarning(lcDb) << "write-ahead log not available for" << m_path << "; journal mode is" << journal;

    if (Status st = exec(u"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"_s); !st)
        return st;
    // Pages in the cache are decrypted: each read past it costs an AES
    // decryption and an HMAC check of a page. SQLite's default (2 MiB)
    // is smaller than the indexes of a folder of 10,000 files, which were
    // decrypted again and again. The cache fills only as far as it is used.
    if (Status st = exec(u"PRAGMA cache_size = -%1"_s.arg(kCacheKiB)); !st)
        return st;
    return {};
}

Status Database::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    const QString why = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    return makeError(u"SQL error in %1: %2 (in \"%3\")"_s.arg(m_path, why, abbreviated(sql)));
}

Result<Statement> Database::prepare(const QString &sql)
{
    QByteArray utf8 = sql.toUtf8();
    if (sqlite3_stmt *cached = m_cache->take(utf8))
        return Statement(cached, m_cache, std::move(utf8));
    sqlite3_stmt *raw = nullptr;
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size()) + 1, &raw, &tail);
    Statement stmt(raw); // finalized on every return path below
    if (rc != SQLITE_OK)
        return makeError(u"cannot prepare \"%1\" on %2: %3"_s.arg(abbreviated(sql), m_path, lastError()));
    if (!raw)
        return makeError(u"no SQL statement in \"%1\""_s.arg(abbreviated(sql)));
    const char *end = utf8.constData() + utf8.size();
    while (tail && tail < end && (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r'))
        ++tail;
    if (tail && tail < end)
        return makeError(
            u"prepare takes one statement, but \"%1\" holds more; use exec() for several"_s.arg(abbreviated(sql)));
    stmt.m_cache = m_cache;
    stmt.m_sql = std::move(utf8);
    return stmt;
}

qint64 Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }

int Database::changes() const { return sqlite3_changes(m_db); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

} // namespace stratus::db
