#pragma once

#include "common/result.h"
#include "db/statement.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct sqlite3;

namespace stratus::db {

// One connection to an encrypted SQLCipher database.
//
// A connection belongs to one thread at a time (it is opened without SQLite's
// own mutex): give each thread that needs the database its own Database.
//
// The silent-plaintext trap: plain SQLite (pulled in by libbotan) exports the
// same sqlite3_* symbols as SQLCipher. If it wins symbol resolution, `PRAGMA
// key` is ignored and everything is written in clear. open() refuses to run
// unless `PRAGMA cipher_version` answers, so that can never happen silently.
//
// Format note: databases are written in SQLCipher 3 format (the library
// installed here). SQLCipher 4 opens them only with `PRAGMA
// cipher_compatibility = 3` or after `PRAGMA cipher_migrate`; whoever upgrades
// the library must add that here.
//
// Pages are 4 KiB (SQLCipher 3's default is 1 KiB). Every page read past the
// cache costs an AES decryption and an HMAC check, and every page written a
// fresh IV: per-page costs that were a sixth of the sync engine's time with
// 1 KiB pages. Databases written before the change (1 KiB pages) are still
// opened: open() tries 4 KiB first and, when page 1 does not authenticate,
// 1 KiB.
class Database {
public:
    static constexpr qsizetype kKeySize = 32;
    static constexpr int kPageSize = 4096;
    static constexpr int kLegacyPageSize = 1024;
    // The most memory one connection's page cache may use.
    static constexpr int kCacheKiB = 32 * 1024;

    // Opens (creating if needed, owner-only 0600) the database at `path` under
    // the raw 256-bit key `key32`. Fails with a message a person can act on if
    // the key has the wrong length, the key is wrong, the file is not a
    // Stratus database, or SQLCipher is not the SQLite in use.
    // `path` may be ":memory:" for a private in-memory database.
    static Result<std::unique_ptr<Database>> open(const QString &path, const QByteArray &key32);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Runs one or more statements that return no rows.
    Status exec(const QString &sql);
    // Compiles exactly one statement (trailing text other than white space is
    // refused, so a second statement is never silently ignored). A statement
    // of the same SQL used before and not in use is handed out again instead.
    Result<Statement> prepare(const QString &sql);

    qint64 lastInsertRowId() const;
    // Rows changed by the most recent INSERT, UPDATE or DELETE.
    int changes() const;

    const QString &path() const { return m_path; }
    // The SQLCipher version that answered at open, e.g. "3.4.1".
    const QString &cipherVersion() const { return m_cipherVersion; }
    // True while an explicit transaction is open on this connection.
    bool inTransaction() const;

    // The raw handle, for the other classes of this library.
    sqlite3 *handle() const { return m_db; }

private:
    Database(sqlite3 *db, QString path);

    // Opens `path` with SQLCipher pages of `pageSize` bytes; `notADatabase`
    // tells whether page 1 failed to authenticate (wrong key, wrong page
    // size or not a database).
    static Result<std::unique_ptr<Database>> openWithPageSize(const QString &path, const QByteArray &key32,
                                                              int pageSize, bool &notADatabase);
    Status applyKey(const QByteArray &key32);
    Status checkCipherActive();
    Status checkKey(bool &notADatabase);
    Status configure();
    QString lastError() const;

    sqlite3 *m_db = nullptr;
    std::shared_ptr<StatementCache> m_cache;
    QString m_path;
    QString m_cipherVersion;
};

} // namespace stratus::db
