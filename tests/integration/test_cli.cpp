// Runs the real `stratus` binary: pack, lose shards, unpack, and bad input.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run stratus(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("STRATUS_BIN"), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList shardFiles(const QString &dir)
{
    QStringList files = QDir(dir).entryList(QDir::Files);
    files.removeAll(u"manifest.stratus"_s);
    return files;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_input;
    QByteArray m_data;

    QString path(const QString &name) const { return m_tmp.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("STRATUS_BIN").isEmpty());
        QVERIFY(m_tmp.isValid());
        m_data.resize(3 * 1024 * 1024 + 1234);
        QRandomGenerator rng(42);
        for (auto &b : m_data)
            b = static_cast<char>(rng.generate());
        m_data += QByteArray("SECRET-PLAINTEXT-MARKER ").repeated(1000);
        m_input = path(u"input.bin"_s);
        QFile f(m_input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_data);
    }

    void packCreatesAccountAndShards()
    {
        const Run r =
            stratus({u"pack"_s, m_input, u"--out"_s, path(u"shards"_s), u"--data"_s, path(u"acct"_s), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(u"created a new account"_s) && r.err.contains(u"recovery secret"_s), qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"bytes"_s).toInteger(), m_data.size());
        QCOMPARE(o.value(u"k"_s).toInt(), 4);
        QCOMPARE(o.value(u"m"_s).toInt(), 2);
        QCOMPARE(o.value(u"shard_files"_s).toInt(), shardFiles(path(u"shards"_s)).size());
        QCOMPARE(shardFiles(path(u"shards"_s)).size(), 6);
        for (const QString &f : {u"account.secret"_s, u"device.seed"_s, u"database.key"_s}) {
            const QFile::Permissions perms = QFile::permissions(path(u"acct/"_s + f));
            QCOMPARE(perms & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                     QFile::Permissions());
        }
        // The shard directory alone reveals nothing of the file.
        for (const QString &f : QDir(path(u"shards"_s)).entryList(QDir::Files)) {
            const QByteArray bytes = readAll(path(u"shards/"_s + f));
            QVERIFY(!bytes.contains("SECRET-PLAINTEXT-MARKER"));
            QVERIFY(!bytes.contains("input.bin"));
        }
    }

    void unpackAfterLosingTwoShards()
    {
        const QStringList shards = shardFiles(path(u"shards"_s));
        QVERIFY(QFile::remove(path(u"shards/"_s + shards[1])));
        QVERIFY(QFile::remove(path(u"shards/"_s + shards[4])));
        const Run r = stratus(
            {u"unpack"_s, path(u"shards"_s), u"--out"_s, path(u"restored.bin"_s), u"--data"_s, path(u"acct"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(readAll(path(u"restored.bin"_s)) == m_data);
    }

    void refusesToOverwriteWithoutForce()
    {
        const Run r = stratus(
            {u"unpack"_s, path(u"shards"_s), u"--out"_s, path(u"restored.bin"_s), u"--data"_s, path(u"acct"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"--force"_s), qPrintable(r.err));
    }

    void anotherAccountCannotUnpack()
    {
        const Run r = stratus(
            {u"unpack"_s, path(u"shards"_s), u"--out"_s, path(u"other.bin"_s), u"--data"_s, path(u"other-acct"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"another account"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(path(u"other.bin"_s)));
    }

    void corruptedShardIsReportedAndSkipped()
    {
        QTemporaryDir dir;
        QVERIFY(stratus({u"pack"_s, m_input, u"--out"_s, dir.path(), u"--data"_s, path(u"acct"_s)}).exitCode == 0);
        // Damage each shard in turn: every restore succeeds, and each time
        // a data shard was the damaged one (4 of the 6) it is reported.
        const QStringList shards = shardFiles(dir.path());
        int reported = 0;
        for (const QString &name : shards) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadWrite));
            const QByteArray original = f.readAll();
            f.seek(1000);
            f.write(original.mid(1000, 1) == "X" ? "Y" : "X");
            f.close();
            const Run r = stratus({u"unpack"_s, dir.path(), u"--out"_s, dir.filePath(u"out"_s), u"--force"_s,
                                   u"--data"_s, path(u"acct"_s)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY(readAll(dir.filePath(u"out"_s)) == m_data);
            if (r.err.contains(u"corrupted (merkle root does not match)"_s))
                ++reported;
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(original);
            f.close();
        }
        QCOMPARE(reported, 4);
        QFile f(dir.filePath(shards[0]));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(1000);
        f.write(QByteArray(16, char(0xA5)) + QByteArray(16, char(0x5A)));
        f.close();
        Run r;
        // Two more gone: three of six unusable, a clear error and exit 1.
        QVERIFY(QFile::remove(dir.filePath(shards[2])));
        QVERIFY(QFile::remove(dir.filePath(shards[3])));
        r = stratus({u"unpack"_s, dir.path(), u"--out"_s, dir.filePath(u"out2"_s), u"--data"_s, path(u"acct"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"only 3 of 6 shards are usable, 4 are needed"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(dir.filePath(u"out2"_s)));
    }

    void damagedManifestIsAClearError()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(u"manifest.stratus"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a manifest");
        f.close();
        const Run r =
            stratus({u"unpack"_s, dir.path(), u"--out"_s, dir.filePath(u"x"_s), u"--data"_s, path(u"acct"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"not a Stratus manifest"_s), qPrintable(r.err));
    }

    void badCommandLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString acct = path(u"acct"_s);
        QTest::newRow("no command") << QStringList{} << 2 << u"Usage"_s;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2 << u"unknown command"_s;
        QTest::newRow("pack without --out") << QStringList{u"pack"_s, m_input, u"--data"_s, acct} << 2 << u"--out"_s;
        QTest::newRow("pack unknown option") << QStringList{u"pack"_s, m_input, u"--bogus"_s} << 2 << u"bogus"_s;
        QTest::newRow("pack missing file")
            << QStringList{u"pack"_s, path(u"nope"_s), u"--out"_s, path(u"o1"_s), u"--data"_s, acct} << 1
            << u"does not exist"_s;
        QTest::newRow("pack a directory")
            << QStringList{u"pack"_s, m_tmp.path(), u"--out"_s, path(u"o2"_s), u"--data"_s, acct} << 1
            << u"not a regular file"_s;
        QTest::newRow("pack into used dir")
            << QStringList{u"pack"_s, m_input, u"--out"_s, path(u"shards"_s), u"--data"_s, acct} << 1
            << u"already holds"_s;
        QTest::newRow("bad k") << QStringList{u"pack"_s, m_input, u"--out"_s,  path(u"o3"_s),
                                              u"--k"_s,  u"x"_s,  u"--data"_s, acct}
                               << 2 << u"whole numbers"_s;
        QTest::newRow("k too large") << QStringList{u"pack"_s, m_input,  u"--out"_s, path(u"o4"_s), u"--k"_s,
                                                    u"250"_s,  u"--m"_s, u"10"_s,    u"--data"_s,   acct}
                                     << 1 << u"not supported"_s;
        QTest::newRow("unpack not a pack dir")
            << QStringList{u"unpack"_s, m_tmp.path(), u"--out"_s, path(u"o5"_s), u"--data"_s, acct} << 1
            << u"not a directory written by"_s;
        QTest::newRow("unpack two dirs") << QStringList{u"unpack"_s, u"a"_s, u"b"_s, u"--out"_s, u"c"_s} << 2
                                         << u"exactly one"_s;
        // Earnings and credits.
        QTest::newRow("earnings alone") << QStringList{u"earnings"_s} << 2 << u"show, export, verify"_s;
        QTest::newRow("earnings unknown") << QStringList{u"earnings"_s, u"pay"_s} << 2 << u"unknown earnings"_s;
        QTest::newRow("earnings show without network")
            << QStringList{u"earnings"_s, u"show"_s, u"--data"_s, acct} << 2 << u"--network"_s;
        QTest::newRow("earnings verify without file") << QStringList{u"earnings"_s, u"verify"_s} << 2 << u"FILE"_s;
        QTest::newRow("earnings verify missing file")
            << QStringList{u"earnings"_s, u"verify"_s, path(u"nothing.stratus"_s)} << 1 << u"cannot read"_s;
        QTest::newRow("earnings verify not a statement")
            << QStringList{u"earnings"_s, u"verify"_s, m_input} << 1 << u"not a Stratus statement"_s;
        QTest::newRow("credits without network") << QStringList{u"credits"_s, u"--data"_s, acct} << 2 << u"--network"_s;
        QTest::newRow("sync repair interval not a number")
            << QStringList{u"sync"_s, u"--data"_s, acct, u"--repair-interval"_s, u"often"_s} << 2
            << u"--repair-interval takes whole seconds"_s;
        QTest::newRow("sync repair interval negative")
            << QStringList{u"sync"_s, u"--data"_s, acct, u"--repair-interval"_s, u"-5"_s} << 2 << u"\"-5\""_s;
        QTest::newRow("sync repair interval fraction")
            << QStringList{u"sync"_s, u"--data"_s, acct, u"--repair-interval"_s, u"1.5"_s} << 2
            << u"--repair-interval"_s;
        QTest::newRow("simulate bad nodes")
            << QStringList{u"simulate"_s, u"--nodes"_s, u"many"_s, u"--epochs"_s, u"3"_s} << 2 << u"--nodes"_s;
    }

    void badCommandLines()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = stratus(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2((r.err + r.out).contains(message), qPrintable(r.err + r.out));
    }

    void readableKeyFileIsRefused()
    {
        const QString secret = path(u"acct/account.secret"_s);
        QVERIFY(QFile::setPermissions(secret, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        const Run r = stratus({u"pack"_s, m_input, u"--out"_s, path(u"o6"_s), u"--data"_s, path(u"acct"_s)});
        QVERIFY(QFile::setPermissions(secret, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"chmod 600"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
