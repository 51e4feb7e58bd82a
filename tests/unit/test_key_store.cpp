// Where a data directory keeps its device seed and database key
// (client/key_store.h): owner-only files, a passphrase (Argon2id +
// AES-256-GCM), and the OS keychain with its timeout and fallback; and
// local_account using each.

#include "client/key_store.h"
#include "client/local_account.h"
#include "crypto/random.h"

#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::client;

namespace {

// Cheap Argon2id for tests (the default costs 64 MiB and three passes).
constexpr Argon2Params kTestParams{1024, 1, 1};

DeviceSecrets randomSecrets() { return DeviceSecrets{crypto::randomKey(), crypto::randomKey()}; }

bool sameSecrets(const DeviceSecrets &a, const DeviceSecrets &b)
{
    return a.deviceSeed.toByteArray() == b.deviceSeed.toByteArray() &&
           a.databaseKey.toByteArray() == b.databaseKey.toByteArray();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

class TestKeyStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void filesOwnerOnly()
    {
        QTemporaryDir dir;
        FileKeyStore store(dir.path());
        QVERIFY(!store.hasSecrets());
        QVERIFY(!store.load());
        const DeviceSecrets secrets = randomSecrets();
        QVERIFY(store.save(secrets));
        QVERIFY(store.hasSecrets());
        for (const QString &name : {u"device.seed"_s, u"database.key"_s}) {
            const QString path = dir.filePath(name);
            QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QCOMPARE(readAll(path).size(), 32);
        }
        auto loaded = store.load();
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.message()));
        QVERIFY(sameSecrets(*loaded, secrets));

        // A group-readable key file is refused, with the command that fixes it.
        const QString seed = dir.filePath(u"device.seed"_s);
        QVERIFY(QFile::setPermissions(seed, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        auto refused = store.load();
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(u"chmod 600"_s), qPrintable(refused.message()));
        QVERIFY(QFile::setPermissions(seed, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QVERIFY(store.load());
        // A key file of the wrong size is damaged.
        QVERIFY(writeAll(dir.filePath(u"database.key"_s), QByteArray(31, 'k')));
        auto damaged = store.load();
        QVERIFY(!damaged);
        QVERIFY2(damaged.message().contains(u"damaged"_s), qPrintable(damaged.message()));
    }

    void passphrase()
    {
        QTemporaryDir dir;
        PassphraseKeyStore store(dir.path(), u"correct horse battery staple"_s, kTestParams);
        QVERIFY(!store.hasSecrets());
        const DeviceSecrets secrets = randomSecrets();
        QVERIFY(store.save(secrets));
        QVERIFY(store.hasSecrets());
        const QString path = dir.filePath(u"keys.sealed"_s);
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(!readAll(path).contains(secrets.databaseKey.toByteArray()));
        QVERIFY(!QFile::exists(dir.filePath(u"database.key"_s)));

        auto opened = PassphraseKeyStore(dir.path(), u"correct horse battery staple"_s).load();
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.message()));
        QVERIFY(sameSecrets(*opened, secrets));

        auto wrong = PassphraseKeyStore(dir.path(), u"correct horse battery stapler"_s).load();
        QVERIFY(!wrong);
        QVERIFY2(wrong.message().contains(u"wrong passphrase"_s), qPrintable(wrong.message()));
        QVERIFY(!PassphraseKeyStore(dir.path(), QString()).save(secrets));
    }

    void passphraseTamperedFile()
    {
        QTemporaryDir dir;
        const QString pass = u"pass phrase"_s;
        QVERIFY(PassphraseKeyStore(dir.path(), pass, kTestParams).save(randomSecrets()));
        const QString path = dir.filePath(u"keys.sealed"_s);
        const QByteArray good = readAll(path);
        QVERIFY(PassphraseKeyStore(dir.path(), pass).load());

        // Every flipped bit: refused (never accepted, never a crash).
        for (qsizetype i = 0; i < good.size(); ++i) {
            QByteArray bad = good;
            bad[i] = static_cast<char>(bad[i] ^ (1 << (i % 8)));
            QVERIFY(writeAll(path, bad));
            QVERIFY2(!PassphraseKeyStore(dir.path(), pass).load(), qPrintable(u"byte %1 changed: accepted"_s.arg(i)));
        }
        // A changed cost (the header is authenticated too).
        QCborMap m = QCborValue::fromCbor(good).toMap();
        m.insert(u"t"_s, 2);
        QVERIFY(writeAll(path, m.toCborValue().toCbor()));
        auto cost = PassphraseKeyStore(dir.path(), pass).load();
        QVERIFY(!cost);
        QVERIFY2(cost.message().contains(u"changed"_s), qPrintable(cost.message()));
        // An absurd cost is refused before any work is done.
        m.insert(u"m"_s, qint64(1) << 40);
        QVERIFY(writeAll(path, m.toCborValue().toCbor()));
        QVERIFY(!PassphraseKeyStore(dir.path(), pass).load());
        QVERIFY(writeAll(path, good.left(good.size() - 1)));
        QVERIFY(!PassphraseKeyStore(dir.path(), pass).load());
        QVERIFY(writeAll(path, good));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
        auto readable = PassphraseKeyStore(dir.path(), pass).load();
        QVERIFY(!readable);
        QVERIFY2(readable.message().contains(u"chmod 600"_s), qPrintable(readable.message()));
    }

    void passphraseFromEnv()
    {
        qputenv("STRATUS_PASSPHRASE", "from the environment");
        QCOMPARE(passphraseFromEnvironment().value_or(QString()), u"from the environment"_s);
        qunsetenv("STRATUS_PASSPHRASE");
        QTemporaryDir creds;
        qputenv("CREDENTIALS_DIRECTORY", QFile::encodeName(creds.path()));
        QVERIFY(!passphraseFromEnvironment());
        QVERIFY(writeAll(creds.filePath(u"stratus-passphrase"_s), "from systemd\n"));
        QVERIFY(QFile::setPermissions(creds.filePath(u"stratus-passphrase"_s), QFileDevice::ReadOwner));
        QCOMPARE(passphraseFromEnvironment().value_or(QString()), u"from systemd"_s);
        qunsetenv("CREDENTIALS_DIRECTORY");
        QVERIFY(!passphraseFromEnvironment());
    }

    void keychainTimesOut()
    {
        // A session bus that accepts connections and never answers (a hung
        // D-Bus daemon; QtKeychain connects to it synchronously): the
        // keychain must still give up within its timeout.
        QTemporaryDir busDir;
        QLocalServer silentBus;
        QVERIFY(silentBus.listen(busDir.filePath(u"bus"_s)));
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(busDir.filePath(u"bus"_s)));
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        KeychainKeyStore store(dir.path(), std::make_unique<FileKeyStore>(dir.path()), std::chrono::seconds(2));
        QVERIFY(!store.hasSecrets());
        const qint64 took = clock.elapsed();
        if (saved.isNull())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
        qInfo().noquote() << "took" << took << "ms; fallback:" << store.fallbackReason();
        QVERIFY(store.usingFallback());
        QVERIFY2(took < 5000, qPrintable(u"took %1 ms"_s.arg(took)));
    }

    void keychainFallsBack()
    {
        // Here (CI, containers) no Secret Service answers on D-Bus: the
        // keychain must give up within its timeout and say why, and the keys
        // go to the fallback.
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        KeychainKeyStore store(dir.path(), std::make_unique<FileKeyStore>(dir.path()), std::chrono::seconds(3));
        const bool had = store.hasSecrets();
        const DeviceSecrets secrets = randomSecrets();
        const Status saved = store.save(secrets);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.message()));
        QVERIFY2(clock.elapsed() < 10000, qPrintable(u"took %1 ms"_s.arg(clock.elapsed())));
        if (!store.usingFallback())
            QSKIP("an OS keychain answered here; the fallback path is not exercised");
        QVERIFY(!had);
        qInfo().noquote() << "fallback:" << store.fallbackReason();
        QVERIFY(!store.fallbackReason().isEmpty());
        QVERIFY2(store.fallbackReason().contains(u"instead"_s), qPrintable(store.fallbackReason()));
        QVERIFY(store.description().contains(u"key files"_s));
        QVERIFY(QFile::exists(dir.filePath(u"database.key"_s)));
        auto loaded = store.load();
        QVERIFY(loaded);
        QVERIFY(sameSecrets(*loaded, secrets));
    }

    void accountWithEachStore()
    {
        QTemporaryDir dir;
        // Default: key files, as before.
        auto plain = openOrCreateAccount(dir.filePath(u"plain"_s));
        QVERIFY2(plain, qPrintable(plain ? QString() : plain.message()));
        QVERIFY(plain->created);
        QVERIFY(QFile::exists(dir.filePath(u"plain/device.seed"_s)));
        auto again = openOrCreateAccount(dir.filePath(u"plain"_s));
        QVERIFY(again);
        QVERIFY(!again->created);
        QCOMPARE(again->deviceId, plain->deviceId);

        // A passphrase: no key files, and the wrong passphrase opens nothing.
        const QString sealedDir = dir.filePath(u"sealed"_s);
        QVERIFY(QDir().mkpath(sealedDir));
        PassphraseKeyStore sealed(sealedDir, u"secret words"_s, kTestParams);
        auto made = openOrCreateAccount(sealedDir, &sealed);
        QVERIFY2(made, qPrintable(made ? QString() : made.message()));
        QVERIFY(QFile::exists(sealedDir + u"/keys.sealed"_s));
        QVERIFY(!QFile::exists(sealedDir + u"/device.seed"_s));
        PassphraseKeyStore reopen(sealedDir, u"secret words"_s);
        auto opened = openOrCreateAccount(sealedDir, &reopen);
        QVERIFY(opened);
        QCOMPARE(opened->deviceId, made->deviceId);
        QCOMPARE(opened->databaseKey.toByteArray(), made->databaseKey.toByteArray());
        PassphraseKeyStore wrong(sealedDir, u"other words"_s);
        auto refused = openOrCreateAccount(sealedDir, &wrong);
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(u"passphrase"_s), qPrintable(refused.message()));

        // Restore into a new directory under a passphrase.
        const QString restoredDir = dir.filePath(u"restored"_s);
        QVERIFY(QDir().mkpath(restoredDir));
        PassphraseKeyStore restoredStore(restoredDir, u"new words"_s, kTestParams);
        auto restored = restoreAccount(restoredDir, made->secret.toString(), &restoredStore);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.message()));
        QCOMPARE(restored->accountId, made->accountId);
        QVERIFY(restored->deviceId != made->deviceId);
        QVERIFY(!QFile::exists(restoredDir + u"/database.key"_s));
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "test_key_store.moc"
