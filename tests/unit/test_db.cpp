#include "db/database.h"
#include "db/migrations.h"
#include "db/query.h"
#include "db/statement.h"
#include "db/transaction.h"

#include <sqlcipher/sqlite3.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <dlfcn.h>
#include <limits>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::db;

namespace {

QByteArray keyOf(char fill)
{
    QByteArray key(32, fill);
    key[0] = 0x00; // a zero byte inside the key must survive hex encoding
    key[31] = static_cast<char>(0xff);
    return key;
}

const QByteArray kMarker = "STRATUS-PLAINTEXT-MARKER-7f3a9c";

std::unique_ptr<Database> openOk(const QString &path, const QByteArray &key)
{
    auto db = Database::open(path, key);
    if (!db) {
        qWarning().noquote() << db.message();
        return nullptr;
    }
    return std::move(db).value();
}

qint64 count(Database &db, const QString &table)
{
    auto stmt = db.prepare(u"SELECT count(*) FROM "_s + table);
    if (!stmt || !stmt->step().ok())
        return -1;
    return stmt->int64(0);
}

mode_t modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

// Sets the umask for a scope, to show file modes do not depend on it.
class UmaskGuard {
public:
    explicit UmaskGuard(mode_t mask) : m_old(::umask(mask)) {}
    ~UmaskGuard() { ::umask(m_old); }
    UmaskGuard(const UmaskGuard &) = delete;
    UmaskGuard &operator=(const UmaskGuard &) = delete;

private:
    mode_t m_old;
};

// The file of plain SQLite (libsqlite3), if installed: the library that, if
// it won symbol resolution, would silently write databases in plaintext.
QString plainSqlitePath()
{
    void *lib = ::dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return {};
    QString file;
    Dl_info info{};
    if (void *sym = ::dlsym(lib, "sqlite3_libversion"); sym && ::dladdr(sym, &info) != 0 && info.dli_fname)
        file = QFile::decodeName(info.dli_fname);
    ::dlclose(lib);
    return file;
}

const std::vector<Migration> kMigrations = {
    {1, u"CREATE TABLE peer (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        u"INSERT INTO peer (name) VALUES ('seed');"_s},
    {2, u"CREATE TABLE shard (id INTEGER PRIMARY KEY, peer_id INTEGER NOT NULL REFERENCES peer(id), size INTEGER);"
        u"INSERT INTO shard (peer_id, size) VALUES (1, 10);"_s},
};

// Destroys the database, then the statement (when this returns).
void destroyDatabaseFirst(std::unique_ptr<Database> db, Statement stmt)
{
    db.reset();
    stmt.reset();
}

} // namespace

class TestDb : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void cipherVersionIsAnswered()
    {
        auto db = openOk(path(u"cipher.db"_s), keyOf('c'));
        QVERIFY(db);
        QVERIFY(!db->cipherVersion().isEmpty());
        auto stmt = db->prepare(u"PRAGMA cipher_version"_s);
        QVERIFY2(stmt.ok(), qPrintable(stmt.ok() ? QString() : stmt.message()));
        auto row = stmt->step();
        QVERIFY(row.ok());
        QVERIFY(*row);
        QCOMPARE(stmt->text(0), db->cipherVersion());
    }

    // The silent-plaintext trap (see db/database.h): with plain SQLite preloaded,
    // PRAGMA key is ignored. Run this test binary again that way and check
    // that open() refuses instead of writing a plaintext database.
    void plainSqliteIsRefused()
    {
        const QString plain = plainSqlitePath();
        if (plain.isEmpty())
            QSKIP("plain libsqlite3 is not installed");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LD_PRELOAD"_s, plain);
        env.insert(u"ASAN_OPTIONS"_s, u"verify_asan_link_order=0"_s); // ASan wants to be first otherwise
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {u"cipherVersionIsAnswered"_s});
        QVERIFY(child.waitForFinished(60000));
        const QString output = QString::fromUtf8(child.readAll());
        QVERIFY2(child.exitCode() != 0, qPrintable(output));
        QVERIFY2(output.contains(u"SQLCipher is not active"_s), qPrintable(output));
        QVERIFY2(output.contains(u"plaintext"_s), qPrintable(output));
    }

    void pragmasAreSet()
    {
        auto db = openOk(path(u"pragmas.db"_s), keyOf('p'));
        QVERIFY(db);
        auto mode = db->prepare(u"PRAGMA journal_mode"_s);
        QVERIFY(mode.ok() && mode->step().ok());
        QCOMPARE(mode->text(0), u"wal"_s);
        auto fk = db->prepare(u"PRAGMA foreign_keys"_s);
        QVERIFY(fk.ok() && fk->step().ok());
        QCOMPARE(fk->int64(0), 1);
        auto sync = db->prepare(u"PRAGMA synchronous"_s);
        QVERIFY(sync.ok() && sync->step().ok());
        QCOMPARE(sync->int64(0), 2); // FULL

        QVERIFY(db->exec(u"CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                         u"CREATE TABLE child (parent_id INTEGER REFERENCES parent(id))"_s));
        const Status bad = db->exec(u"INSERT INTO child VALUES (42)"_s);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.message().contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive), qPrintable(bad.message()));
    }

    void pagesAreFourKiB()
    {
        const QString file = path(u"pages.db"_s);
        {
            auto db = openOk(file, keyOf('s'));
            QVERIFY(db);
            QVERIFY(db->exec(u"CREATE TABLE t (v BLOB); INSERT INTO t VALUES (zeroblob(100000))"_s));
            auto size = db->prepare(u"PRAGMA page_size"_s);
            QVERIFY(size.ok() && size->step().ok());
            QCOMPARE(size->int64(0), Database::kPageSize);
            QVERIFY(db->exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
        }
        const qint64 bytes = QFileInfo(file).size();
        QVERIFY(bytes > 0);
        QCOMPARE(bytes % Database::kPageSize, 0);
    }

    // Databases written before the move to 4 KiB pages (SQLCipher 3's 1 KiB
    // default) open with their data, and a wrong key is still told apart.
    void legacyOneKiBDatabaseOpens()
    {
        const QString file = path(u"legacy.db"_s);
        {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open_v2(QFile::encodeName(file).constData(), &raw,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
                     SQLITE_OK);
            const QByteArray setup = "PRAGMA key = \"x'" + keyOf('l').toHex() +
                                     "'\"; PRAGMA cipher_page_size = 1024; PRAGMA journal_mode = WAL;"
                                     "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('from before');";
            QCOMPARE(sqlite3_exec(raw, setup.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
            QCOMPARE(sqlite3_close(raw), SQLITE_OK);
        }
        {
            // The file really is in the old format: read as 4 KiB pages, page 1 does not authenticate.
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open_v2(QFile::encodeName(file).constData(), &raw, SQLITE_OPEN_READONLY, nullptr),
                     SQLITE_OK);
            const QByteArray read = "PRAGMA key = \"x'" + keyOf('l').toHex() +
                                    "'\"; PRAGMA cipher_page_size = 4096; SELECT count(*) FROM sqlite_master;";
            QCOMPARE(sqlite3_exec(raw, read.constData(), nullptr, nullptr, nullptr) & 0xff, SQLITE_NOTADB);
            sqlite3_close(raw);
        }
        auto db = openOk(file, keyOf('l'));
        QVERIFY(db);
        auto stmt = db->prepare(u"SELECT v FROM t"_s);
        QVERIFY(stmt.ok());
        auto row = stmt->step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(stmt->text(0), u"from before"_s);
        stmt = Statement();
        QVERIFY(db->exec(u"INSERT INTO t VALUES ('after')"_s));
        QCOMPARE(count(*db, u"t"_s), 2);
        db.reset();

        auto wrong = Database::open(file, keyOf('m'));
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.message().contains(u"wrong key"_s), qPrintable(wrong.message()));
        QVERIFY(openOk(file, keyOf('l')));
    }

    void insertSelectRoundTrip()
    {
        auto db = openOk(path(u"roundtrip.db"_s), keyOf('r'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, size INTEGER)"_s));
        auto insert = db->prepare(u"INSERT INTO item (name, size) VALUES (?1, ?2)"_s);
        QVERIFY(insert.ok());
        for (int i = 0; i < 3; ++i) {
            QVERIFY(insert->bind(1, u"item %1"_s.arg(i)));
            QVERIFY(insert->bind(2, qint64(i) * 1000));
            auto done = insert->step();
            QVERIFY(done.ok());
            QVERIFY(!*done);
            QCOMPARE(db->changes(), 1);
            QCOMPARE(db->lastInsertRowId(), i + 1);
            insert->reset();
        }
        auto select = db->prepare(u"SELECT id, name, size FROM item ORDER BY id"_s);
        QVERIFY(select.ok());
        QCOMPARE(select->columnCount(), 3);
        int rows = 0;
        for (;;) {
            auto row = select->step();
            QVERIFY(row.ok());
            if (!*row)
                break;
            QCOMPARE(select->int64(0), rows + 1);
            QCOMPARE(select->text(1), u"item %1"_s.arg(rows));
            QCOMPARE(select->int64(2), qint64(rows) * 1000);
            ++rows;
        }
        QCOMPARE(rows, 3);
        QVERIFY(db->exec(u"UPDATE item SET size = 0"_s));
        QCOMPARE(db->changes(), 3);
    }

    void reopenWithSameKeySeesData()
    {
        const QString file = path(u"reopen.db"_s);
        {
            auto db = openOk(file, keyOf('k'));
            QVERIFY(db);
            QVERIFY(db->exec(u"CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')"_s));
        }
        auto db = openOk(file, keyOf('k'));
        QVERIFY(db);
        auto stmt = db->prepare(u"SELECT v FROM t"_s);
        QVERIFY(stmt.ok());
        auto row = stmt->step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(stmt->text(0), u"kept"_s);
    }

    void wrongKeyIsRejected()
    {
        const QString file = path(u"wrongkey.db"_s);
        {
            auto db = openOk(file, keyOf('a'));
            QVERIFY(db);
            QVERIFY(db->exec(u"CREATE TABLE t (v)"_s));
        }
        auto db = Database::open(file, keyOf('b'));
        QVERIFY(!db.ok());
        QVERIFY2(db.message().contains(u"wrong key"_s), qPrintable(db.message()));
        QVERIFY(db.message().contains(file));
        // The right key still works afterwards: the failed attempt changed nothing.
        QVERIFY(openOk(file, keyOf('a')));
    }

    void notADatabaseIsRejected()
    {
        const QString file = path(u"garbage.db"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto db = Database::open(file, keyOf('g'));
        QVERIFY(!db.ok());
        QVERIFY2(db.message().contains(u"not a Stratus database"_s), qPrintable(db.message()));
    }

    void keyOfWrongLengthIsRejected()
    {
        for (const int size : {0, 16, 31, 33, 64}) {
            const QString file = path(u"keylen%1.db"_s.arg(size));
            auto db = Database::open(file, QByteArray(size, 'k'));
            QVERIFY(!db.ok());
            QVERIFY2(db.message().contains(u"32 bytes"_s), qPrintable(db.message()));
            QVERIFY(!QFile::exists(file));
        }
    }

    void missingDirectoryGivesError()
    {
        auto db = Database::open(path(u"no/such/dir/x.db"_s), keyOf('m'));
        QVERIFY(!db.ok());
        QVERIFY(db.message().contains(u"no/such/dir"_s));
    }

    void fileOnDiskIsEncrypted()
    {
        const QString file = path(u"encrypted.db"_s);
        {
            auto db = openOk(file, keyOf('e'));
            QVERIFY(db);
            QVERIFY(db->exec(u"CREATE TABLE secret (v TEXT, b BLOB)"_s));
            auto insert = db->prepare(u"INSERT INTO secret VALUES (?, ?)"_s);
            QVERIFY(insert.ok());
            for (int i = 0; i < 200; ++i) { // several pages, so some reach the WAL and the main file
                QVERIFY(insert->bind(1, QString::fromLatin1(kMarker) + QString::number(i)));
                QVERIFY(insert->bind(2, kMarker));
                QVERIFY(insert->step().ok());
                insert->reset();
            }
            // While open, the data sits in the write-ahead log: it must be encrypted too.
            QFile wal(file + u"-wal"_s);
            QVERIFY(wal.open(QIODevice::ReadOnly));
            const QByteArray walBytes = wal.readAll();
            QVERIFY(walBytes.size() > 4096);
            QVERIFY(!walBytes.contains(kMarker));
            QVERIFY(!walBytes.contains("CREATE TABLE"));
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.size() >= 16);
        QVERIFY(bytes.left(16) != QByteArray("SQLite format 3\0", 16));
        QVERIFY(!bytes.startsWith("SQLite format"));
        QVERIFY(!bytes.contains(kMarker));
        QVERIFY(!bytes.contains("CREATE TABLE"));
        QVERIFY(!bytes.contains("secret"));
    }

    void newFileIsOwnerOnly()
    {
        const UmaskGuard permissive(0); // a umask of 0 would give 0644 or worse by default
        const QString file = path(u"mode.db"_s);
        auto db = openOk(file, keyOf('o'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE t (v); INSERT INTO t VALUES (1)"_s));
        QCOMPARE(modeOf(file), mode_t(0600));
        QVERIFY(QFile::exists(file + u"-wal"_s));
        QCOMPARE(modeOf(file + u"-wal"_s), mode_t(0600));
        QCOMPARE(modeOf(file + u"-shm"_s), mode_t(0600));
    }

    void transactionRollsBackWhenDestroyed()
    {
        auto db = openOk(path(u"tx-rollback.db"_s), keyOf('t'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE t (v INTEGER)"_s));
        {
            auto tx = Transaction::begin(*db);
            QVERIFY(tx.ok());
            QVERIFY(tx->isActive());
            QVERIFY(db->inTransaction());
            QVERIFY(db->exec(u"INSERT INTO t VALUES (1)"_s));
            QCOMPARE(count(*db, u"t"_s), 1);
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(count(*db, u"t"_s), 0);
    }

    // beginOrJoin: alone it is a transaction of its own; inside one it
    // joins it (no savepoint), so the outer commit or rollback decides.
    void joinedTransactionLeavesItToTheOuterOne()
    {
        auto db = openOk(path(u"tx-join.db"_s), keyOf('j'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE t (v INTEGER)"_s));
        {
            auto alone = Transaction::beginOrJoin(*db);
            QVERIFY(alone.ok());
            QVERIFY(db->inTransaction());
            QVERIFY(db->exec(u"INSERT INTO t VALUES (1)"_s));
            QVERIFY(alone->commit());
            QVERIFY(!db->inTransaction());
        }
        {
            auto outer = Transaction::begin(*db);
            QVERIFY(outer.ok());
            {
                auto joined = Transaction::beginOrJoin(*db);
                QVERIFY(joined.ok());
                QVERIFY(db->exec(u"INSERT INTO t VALUES (2)"_s));
                QVERIFY(joined->commit());
                QVERIFY(db->inTransaction()); // still the outer one's
            }
            {
                auto dropped = Transaction::beginOrJoin(*db); // destroyed uncommitted: the outer one decides
                QVERIFY(dropped.ok());
                QVERIFY(db->exec(u"INSERT INTO t VALUES (3)"_s));
            }
            QVERIFY(db->inTransaction());
            QVERIFY(outer->rollback()); // undoes 2 and 3
        }
        QCOMPARE(count(*db, u"t"_s), 1);
    }

    // replaceRow: the row with the key is replaced, others are kept, and a
    // failed insert leaves the old row (alone: its own transaction).
    void replaceRowReplacesByKey()
    {
        auto db = openOk(path(u"replace.db"_s), keyOf('q'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)"_s));
        const QString del = u"DELETE FROM kv WHERE k = ?1"_s;
        const QString ins = u"INSERT INTO kv (k, v) VALUES (?1, ?2)"_s;
        QVERIFY(db::replaceRow(*db, del, std::tuple(u"a"_s), ins, u"a"_s, u"1"_s));
        QVERIFY(db::replaceRow(*db, del, std::tuple(u"b"_s), ins, u"b"_s, u"2"_s));
        QVERIFY(db::replaceRow(*db, del, std::tuple(u"a"_s), ins, u"a"_s, u"3"_s));
        QVERIFY(!db->inTransaction());
        QCOMPARE(count(*db, u"kv"_s), 2);
        QString a;
        QVERIFY(db::query(*db, u"SELECT v FROM kv WHERE k = 'a'"_s, [&](Statement &s) { a = s.text(0); }));
        QCOMPARE(a, u"3"_s);
        // NOT NULL refuses the new row: the DELETE is rolled back with it.
        QVERIFY(!db::replaceRow(*db, del, std::tuple(u"a"_s), ins, u"a"_s, QString()).ok());
        QVERIFY(!db->inTransaction());
        QVERIFY(db::query(*db, u"SELECT v FROM kv WHERE k = 'a'"_s, [&](Statement &s) { a = s.text(0); }));
        QCOMPARE(a, u"3"_s);
    }

    void transactionCommits()
    {
        const QString file = path(u"tx-commit.db"_s);
        {
            auto db = openOk(file, keyOf('t'));
            QVERIFY(db);
            QVERIFY(db->exec(u"CREATE TABLE t (v INTEGER)"_s));
            auto tx = Transaction::begin(*db);
            QVERIFY(tx.ok());
            QVERIFY(db->exec(u"INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"_s));
            QVERIFY(tx->commit());
            QVERIFY(!tx->isActive());
            QVERIFY(!db->inTransaction());
            QVERIFY(!tx->commit().ok()); // a second commit is an error, not a crash

            // Nested, a transaction is a savepoint: its rollback undoes only
            // its own changes, its commit leaves them to the outer one.
            auto outer = Transaction::begin(*db);
            QVERIFY(outer.ok());
            QVERIFY(db->exec(u"INSERT INTO t VALUES (3)"_s));
            {
                auto inner = Transaction::begin(*db);
                QVERIFY(inner.ok());
                QVERIFY(db->exec(u"INSERT INTO t VALUES (4)"_s));
                QVERIFY(inner->rollback());
            }
            {
                auto inner = Transaction::begin(*db);
                QVERIFY(inner.ok());
                QVERIFY(db->exec(u"INSERT INTO t VALUES (5)"_s));
                QVERIFY(inner->commit());
                QVERIFY(db->inTransaction()); // still the outer one's
            }
            {
                auto dropped = Transaction::begin(*db); // destroyed uncommitted: rolled back
                QVERIFY(dropped.ok());
                QVERIFY(db->exec(u"INSERT INTO t VALUES (6)"_s));
            }
            QVERIFY(outer->commit());
            QCOMPARE(count(*db, u"t"_s), 4); // 1, 2, 3, 5

            auto discarded = Transaction::begin(*db);
            QVERIFY(discarded.ok());
            QVERIFY(db->exec(u"INSERT INTO t VALUES (7)"_s));
            QVERIFY(discarded->rollback());
        }
        auto db = openOk(file, keyOf('t'));
        QVERIFY(db);
        QCOMPARE(count(*db, u"t"_s), 4);
    }

    void migrationsApplyOnce()
    {
        const QString file = path(u"migrate.db"_s);
        {
            auto db = openOk(file, keyOf('v'));
            QVERIFY(db);
            QCOMPARE(*schemaVersion(*db), 0);
            const Status st = migrate(*db, kMigrations);
            QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
            QCOMPARE(*schemaVersion(*db), 2);
            QCOMPARE(count(*db, u"peer"_s), 1);
            QCOMPARE(count(*db, u"shard"_s), 1);
            QVERIFY(migrate(*db, kMigrations)); // a no-op: the INSERTs did not run again
            QCOMPARE(count(*db, u"peer"_s), 1);
            // Foreign keys are back on after migrating.
            QVERIFY(!db->exec(u"INSERT INTO shard (peer_id) VALUES (99)"_s).ok());
        }
        auto db = openOk(file, keyOf('v'));
        QVERIFY(db);
        QVERIFY(migrate(*db, kMigrations));
        QCOMPARE(count(*db, u"peer"_s), 1);

        // Only the new step runs; it rebuilds a referenced table (no DROP
        // COLUMN in SQLite 3.15) as migrations.h describes.
        std::vector<Migration> more = kMigrations;
        more.push_back({3, u"CREATE TABLE peer_new (id INTEGER PRIMARY KEY, label TEXT NOT NULL);"
                           u"INSERT INTO peer_new (id, label) SELECT id, name FROM peer;"
                           u"DROP TABLE peer;"
                           u"ALTER TABLE peer_new RENAME TO peer;"_s});
        const Status st = migrate(*db, more);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
        QCOMPARE(*schemaVersion(*db), 3);
        QCOMPARE(count(*db, u"shard"_s), 1);
        auto label = db->prepare(u"SELECT peer.label FROM shard JOIN peer ON peer.id = shard.peer_id"_s);
        QVERIFY(label.ok());
        auto row = label->step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(label->text(0), u"seed"_s);
        QVERIFY(!db->exec(u"INSERT INTO shard (peer_id) VALUES (99)"_s).ok()); // the reference still holds
    }

    void failedMigrationLeavesPreviousVersion()
    {
        auto db = openOk(path(u"migrate-fail.db"_s), keyOf('f'));
        QVERIFY(db);
        std::vector<Migration> steps = kMigrations;
        steps.push_back({3, u"CREATE TABLE half (v); INSERT INTO nowhere VALUES (1);"_s});
        const Status st = migrate(*db, steps);
        QVERIFY(!st.ok());
        QVERIFY2(st.message().contains(u"version 3"_s), qPrintable(st.message()));
        QCOMPARE(*schemaVersion(*db), 2);
        QCOMPARE(count(*db, u"half"_s), -1); // rolled back with its migration
        QVERIFY(!db->inTransaction());
    }

    void migrationsOutOfOrderAreRefused()
    {
        auto db = openOk(path(u"migrate-order.db"_s), keyOf('o'));
        QVERIFY(db);
        QVERIFY(!migrate(*db, {{2, u"CREATE TABLE a (v)"_s}, {1, u"CREATE TABLE b (v)"_s}}).ok());
        QVERIFY(!migrate(*db, {{0, u"CREATE TABLE a (v)"_s}}).ok());
        QCOMPARE(*schemaVersion(*db), 0);
    }

    void newerDatabaseIsRefused()
    {
        auto db = openOk(path(u"newer.db"_s), keyOf('n'));
        QVERIFY(db);
        QVERIFY(migrate(*db, kMigrations));
        QVERIFY(db->exec(u"PRAGMA user_version = 7"_s));
        const Status st = migrate(*db, kMigrations);
        QVERIFY(!st.ok());
        QVERIFY2(st.message().contains(u"created by a newer Stratus"_s), qPrintable(st.message()));
        QCOMPARE(*schemaVersion(*db), 7);
    }

    void invalidSqlGivesErrors()
    {
        auto db = openOk(path(u"invalid.db"_s), keyOf('i'));
        QVERIFY(db);
        auto bad = db->prepare(u"SELEKT nonsense FROM"_s);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.message().contains(u"syntax error"_s), qPrintable(bad.message()));
        QVERIFY(!db->prepare(u"SELECT * FROM missing_table"_s).ok());
        QVERIFY(!db->prepare(u""_s).ok());
        QVERIFY(!db->prepare(u"  -- only a comment"_s).ok());
        QVERIFY(!db->prepare(u"SELECT 1; SELECT 2"_s).ok()); // a second statement is not silently dropped
        QVERIFY(db->prepare(u"SELECT 1;  \n"_s).ok());
        const Status exec = db->exec(u"CREATE TABLE"_s);
        QVERIFY(!exec.ok());
        QVERIFY(!exec.message().isEmpty());

        // A constraint failure surfaces from step() with SQLite's words.
        QVERIFY(db->exec(u"CREATE TABLE u (v INTEGER UNIQUE); INSERT INTO u VALUES (1)"_s));
        auto dup = db->prepare(u"INSERT INTO u VALUES (?)"_s);
        QVERIFY(dup.ok());
        QVERIFY(dup->bind(1, 1));
        auto step = dup->step();
        QVERIFY(!step.ok());
        QVERIFY2(step.message().contains(u"UNIQUE"_s), qPrintable(step.message()));
        QVERIFY(!dup->bind(5, 1).ok()); // out of range

        // A moved-from or default statement answers errors, not crashes.
        Statement moved = std::move(*dup);
        QVERIFY(!dup->isValid());
        QVERIFY(!dup->step().ok());
        QVERIFY(!dup->bind(1, 1).ok());
        QVERIFY(dup->isNull(0));
        QCOMPARE(dup->text(0), QString());
        QVERIFY(moved.isValid());
    }

    void valuesRoundTrip()
    {
        auto db = openOk(path(u"values.db"_s), keyOf('x'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE v (id INTEGER PRIMARY KEY, t TEXT, b BLOB, i INTEGER, r REAL)"_s));

        const QByteArray blob("\x00\x01\x00\xff\xfe\x00 tail", 10);
        QString text = u"Grüße, 世界 🌍 — "_s;
        text.append(QChar(0)).append(u"after zero"_s);
        auto insert = db->prepare(u"INSERT INTO v (t, b, i, r) VALUES (?, ?, ?, ?)"_s);
        QVERIFY(insert.ok());
        QVERIFY(insert->bind(1, text));
        QVERIFY(insert->bind(2, blob));
        QVERIFY(insert->bind(3, std::numeric_limits<qint64>::min()));
        QVERIFY(insert->bind(4, 3.25));
        QVERIFY(insert->step().ok());
        insert->reset();
        QVERIFY(insert->bind(1, QString()));    // null text -> NULL
        QVERIFY(insert->bind(2, QByteArray())); // null blob -> NULL
        QVERIFY(insert->bind(3, nullptr));
        QVERIFY(insert->bind(4, nullptr));
        QVERIFY(insert->step().ok());
        insert->reset();
        QVERIFY(insert->bind(1, u""_s));
        QVERIFY(insert->bind(2, QByteArray("")));
        QVERIFY(insert->bind(3, std::numeric_limits<qint64>::max()));
        QVERIFY(insert->bind(4, -0.5));
        QVERIFY(insert->step().ok());

        auto select = db->prepare(u"SELECT t, b, i, r, typeof(t), typeof(b), length(b) FROM v ORDER BY id"_s);
        QVERIFY(select.ok());

        QVERIFY(*select->step());
        QCOMPARE(select->text(0), text);
        QCOMPARE(select->text(0).size(), text.size());
        QCOMPARE(select->blob(1), blob);
        QCOMPARE(select->int64(2), std::numeric_limits<qint64>::min());
        QCOMPARE(select->real(3), 3.25);
        QCOMPARE(select->text(4), u"text"_s);
        QCOMPARE(select->text(5), u"blob"_s);
        QCOMPARE(select->int64(6), 10);
        QVERIFY(!select->isNull(0));

        QVERIFY(*select->step());
        for (int c = 0; c < 4; ++c)
            QVERIFY(select->isNull(c));
        QVERIFY(select->text(0).isNull());
        QVERIFY(select->blob(1).isNull());
        QCOMPARE(select->int64(2), 0);
        QCOMPARE(select->text(4), u"null"_s);
        QCOMPARE(select->text(5), u"null"_s);

        QVERIFY(*select->step());
        QVERIFY(!select->isNull(0));
        QVERIFY(!select->isNull(1));
        QVERIFY(select->text(0).isEmpty());
        QVERIFY(!select->text(0).isNull());
        QVERIFY(select->blob(1).isEmpty());
        QVERIFY(!select->blob(1).isNull());
        QCOMPARE(select->int64(2), std::numeric_limits<qint64>::max());
        QCOMPARE(select->real(3), -0.5);
        QCOMPARE(select->text(4), u"text"_s);
        QCOMPARE(select->text(5), u"blob"_s);

        QCOMPARE(*select->step(), false);

        // Bindings survive reset(); clearBindings() sets them to NULL.
        auto echo = db->prepare(u"SELECT ?"_s);
        QVERIFY(echo.ok());
        QVERIFY(echo->bind(1, u"again"_s));
        QVERIFY(*echo->step());
        echo->reset();
        QVERIFY(*echo->step());
        QCOMPARE(echo->text(0), u"again"_s);
        echo->reset();
        echo->clearBindings();
        QVERIFY(*echo->step());
        QVERIFY(echo->isNull(0));
    }

    // Statements go back to a cache and come out again reset and unbound;
    // two uses of one SQL at once get two statements; a statement may
    // outlive its database.
    void statementsAreReusedSafely()
    {
        auto db = openOk(path(u"cache.db"_s), keyOf('c'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)"_s));
        const QString sql = u"SELECT v FROM t WHERE v >= ?1 ORDER BY v"_s;
        {
            auto first = db->prepare(sql);
            QVERIFY(first.ok());
            QVERIFY(first->bind(1, qint64(2)));
            QVERIFY(*first->step()); // left mid-result: the cache resets it
            QCOMPARE(first->int64(0), 2);
            auto second = db->prepare(sql); // the first is still in use
            QVERIFY(second.ok());
            QVERIFY(second->bind(1, qint64(3)));
            QVERIFY(*second->step());
            QCOMPARE(second->int64(0), 3);
        }
        auto again = db->prepare(sql);
        QVERIFY(again.ok());
        // Unbound: ?1 is NULL, so nothing matches (not the 2 bound before).
        QVERIFY(!*again->step());
        again->reset();
        QVERIFY(again->bind(1, qint64(1)));
        int rows = 0;
        while (*again->step())
            ++rows;
        QCOMPARE(rows, 3);
        // A reset statement holds no read open: a write from another
        // connection goes through while it sits in the cache.
        auto other = openOk(path(u"cache.db"_s), keyOf('c'));
        QVERIFY(other);
        again = db->prepare(u"SELECT 1"_s).value();
        QVERIFY(other->exec(u"INSERT INTO t VALUES (4)"_s));
        QCOMPARE(count(*db, u"t"_s), 4);
        // A schema change under a cached statement: it is compiled again.
        QVERIFY(db->exec(u"ALTER TABLE t ADD COLUMN w TEXT"_s));
        auto afterAlter = db->prepare(sql);
        QVERIFY(afterAlter.ok());
        QVERIFY(afterAlter->bind(1, qint64(4)));
        QVERIFY(*afterAlter->step());
        QCOMPARE(afterAlter->int64(0), 4);
        // Outliving the database: finalized, not returned to a freed cache.
        destroyDatabaseFirst(std::move(db), std::move(afterAlter).value());
    }

    void inMemoryDatabaseWorks()
    {
        auto db = openOk(u":memory:"_s, keyOf('z'));
        QVERIFY(db);
        QVERIFY(db->exec(u"CREATE TABLE t (v); INSERT INTO t VALUES (1)"_s));
        QCOMPARE(count(*db, u"t"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestDb)
#include "test_db.moc"
