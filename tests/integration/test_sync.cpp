// The sync engine end to end (issue 6): a real devnet, two devices of one
// account as two `stratus sync` processes, real folders. Trees are compared
// whole (paths, types, content, mtime, executable bit) in one assertion.

#include "cli_runner.h"
#include "test_timing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utime.h>

using namespace Qt::StringLiterals;
using stratus::test::CliRun;
using stratus::test::runStratus;

namespace {

using Tree = QMap<QString, QString>;

// path → "dir" or "file <size> <mtime ns> <x|-> <sha256>"; .stratus/ left out.
Tree snapshot(const QString &root)
{
    Tree tree;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel == u".stratus"_s || rel.startsWith(u".stratus/"_s))
            continue;
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            tree.insert(rel, u"dir"_s);
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            tree.insert(rel, u"special"_s);
            continue;
        }
        QFile f(path);
        QByteArray hash;
        if (f.open(QIODevice::ReadOnly))
            hash = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().left(16);
        const qint64 ns = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        tree.insert(rel, u"file %1 %2 %3 %4"_s.arg(st.st_size)
                             .arg(ns)
                             .arg((st.st_mode & S_IXUSR) ? u"x"_s : u"-"_s, QString::fromLatin1(hash)));
    }
    return tree;
}

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Device {
    QString name;
    QString data;
    QString folder;
    QProcess *process = nullptr;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestSync : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_devnet;
    QString m_network;
    QString m_secretFile;
    Device m_a;
    Device m_b;

    CliRun stratus(const QStringList &args) { return runStratus(args); }

    // `extra`: more arguments; `phases`: the engine's debug notes too (each
    // phase of a scan, store and pull).
    void start(Device &d, const QStringList &extra = {}, bool phases = false)
    {
        QVERIFY(!d.process);
        d.process = new QProcess(this);
        d.out.clear();
        d.err.clear();
        connect(d.process, &QProcess::readyReadStandardOutput, this,
                [&d] { d.out += d.process->readAllStandardOutput(); });
        connect(d.process, &QProcess::readyReadStandardError, this,
                [&d] { d.err += d.process->readAllStandardError(); });
        // The engine's notes (direct connections between devices) too.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_LOGGING_RULES"_s,
                   phases ? u"stratus.syncengine.debug=true"_s : u"stratus.syncengine.info=true"_s);
        d.process->setProcessEnvironment(env);
        const QStringList args{
            u"sync"_s,          u"--data"_s, d.data, u"--network"_s, m_network, u"--folder"_s, u"Docs="_s + d.folder,
            u"--device-name"_s, d.name};
        d.process->start(qEnvironmentVariable("STRATUS_BIN"), args + extra);
        QVERIFY(d.process->waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(d.out.contains("syncing as device") || d.process->state() != QProcess::Running,
                                 stratus::test::scaledMs(30000));
        QVERIFY2(d.process->state() == QProcess::Running, d.err.constData());
    }

    void stop(Device &d)
    {
        if (!d.process)
            return;
        d.process->terminate();
        QVERIFY(d.process->waitForFinished(stratus::test::scaledMs(20000)));
        QCOMPARE(d.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(d.process->exitCode(), 0);
        QVERIFY(d.out.contains("stopping"));
        delete d.process;
        d.process = nullptr;
    }

    // Waits until both folders hold the same tree, then compares them in one
    // assertion (so a failure shows the whole difference).
    void expectSameTrees(int timeoutMs = 30000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < stratus::test::scaledMs(timeoutMs)) {
            if (snapshot(m_a.folder) == snapshot(m_b.folder))
                break;
            QTest::qWait(250);
        }
        const Tree a = snapshot(m_a.folder);
        const Tree b = snapshot(m_b.folder);
        if (a != b) {
            qWarning().noquote() << "A:" << m_a.out.right(3000) << m_a.err.right(3000) << "\nB:" << m_b.out.right(3000)
                                 << m_b.err.right(3000);
            for (auto it = a.cbegin(); it != a.cend(); ++it)
                if (b.value(it.key()) != it.value())
                    qWarning().noquote() << "A has" << it.key() << it.value() << "B has" << b.value(it.key());
            for (auto it = b.cbegin(); it != b.cend(); ++it)
                if (!a.contains(it.key()))
                    qWarning().noquote() << "only B has" << it.key() << it.value();
        }
        QCOMPARE(a, b);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_devnet = m_tmp.filePath(u"devnet"_s);
        m_network = m_devnet + u"/network.json"_s;
        const CliRun up = stratus({u"devnet"_s, u"up"_s, u"--nodes"_s, u"6"_s, u"--validators"_s, u"1"_s,
                                   u"--storage"_s, u"256MiB"_s, u"--dir"_s, m_devnet});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        m_a.name = u"laptop"_s;
        m_a.data = m_tmp.filePath(u"a-data"_s);
        m_a.folder = m_tmp.filePath(u"a/Docs"_s);
        m_b.name = u"desktop"_s;
        m_b.data = m_tmp.filePath(u"b-data"_s);
        m_b.folder = m_tmp.filePath(u"b/Documents"_s);
        QVERIFY(QDir().mkpath(m_a.folder));
        QVERIFY(QDir().mkpath(m_b.folder));

        const CliRun created =
            stratus({u"account"_s, u"create"_s, u"--data"_s, m_a.data, u"--network"_s, m_network, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString secret = created.json().value(u"recovery_secret"_s).toString();
        QVERIFY(!created.json().value(u"account_id"_s).toString().isEmpty());
        QCOMPARE(secret.split(u'-').size(), 13);
        m_secretFile = m_tmp.filePath(u"secret.txt"_s);
        writeFile(m_secretFile, secret.toLatin1() + '\n');

        // A typo in the secret is caught and named.
        QString typo = secret;
        typo[7] = typo[7] == u'A' ? u'B' : u'A';
        writeFile(m_tmp.filePath(u"typo.txt"_s), typo.toLatin1());
        const CliRun bad = stratus({u"account"_s, u"restore"_s, u"--data"_s, m_tmp.filePath(u"typo-data"_s),
                                    u"--network"_s, m_network, u"--secret-file"_s, m_tmp.filePath(u"typo.txt"_s)});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(u"group"_s), qPrintable(bad.err));

        const CliRun restored = stratus({u"account"_s, u"restore"_s, u"--data"_s, m_b.data, u"--network"_s, m_network,
                                         u"--secret-file"_s, m_secretFile, u"--json"_s});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        QCOMPARE(restored.json().value(u"account_id"_s), created.json().value(u"account_id"_s));
        QVERIFY(restored.json().value(u"device_id"_s) != created.json().value(u"device_id"_s));
    }

    void cleanupTestCase()
    {
        stop(m_a);
        stop(m_b);
        stratus({u"devnet"_s, u"down"_s, u"--dir"_s, m_devnet});
    }

    void treeOperations()
    {
        start(m_a);
        start(m_b);
        // Create: files, an executable, Unicode and spaces, a deep path, empty directories.
        writeFile(m_a.folder + u"/notes.txt"_s, "first notes\n");
        writeFile(m_a.folder + u"/run.sh"_s, "#!/bin/sh\necho hi\n");
        QVERIFY(QFile::setPermissions(m_a.folder + u"/run.sh"_s,
                                      QFile::permissions(m_a.folder + u"/run.sh"_s) | QFileDevice::ExeOwner));
        writeFile(m_a.folder + u"/Fotos 2026/Ünïcödé ñame – 東京.txt"_s, "unicode\n");
        QString deep = m_a.folder;
        for (int i = 0; i < 12; ++i)
            deep += u"/level %1"_s.arg(i);
        writeFile(deep + u"/deep file.bin"_s, QByteArray(100000, 'd'));
        QVERIFY(QDir().mkpath(m_a.folder + u"/empty/inner empty"_s));
        writeFile(m_a.folder + u"/project/src/main.c"_s, "int main(void) { return 0; }\n");
        writeFile(m_a.folder + u"/project/README"_s, "read me\n");
        writeFile(m_a.folder + u"/old.txt"_s, "to be deleted\n");
        writeFile(m_a.folder + u"/gone/x.txt"_s, "a directory to delete\n");
        expectSameTrees();
        QCOMPARE(readFile(m_b.folder + u"/Fotos 2026/Ünïcödé ñame – 東京.txt"_s), QByteArray("unicode\n"));

        // Modify, rename, move a directory, delete a file and a directory,
        // change the executable bit and an mtime alone.
        writeFile(m_a.folder + u"/notes.txt"_s, "first notes\nsecond line\n");
        QVERIFY(QFile::rename(m_a.folder + u"/project/README"_s, m_a.folder + u"/project/README.md"_s));
        QVERIFY(QDir().rename(m_a.folder + u"/project"_s, m_a.folder + u"/archive/project-2026"_s) ||
                (QDir().mkpath(m_a.folder + u"/archive"_s) &&
                 QDir().rename(m_a.folder + u"/project"_s, m_a.folder + u"/archive/project-2026"_s)));
        QVERIFY(QFile::remove(m_a.folder + u"/old.txt"_s));
        QVERIFY(QDir(m_a.folder + u"/gone"_s).removeRecursively());
        QVERIFY(QFile::setPermissions(m_a.folder + u"/run.sh"_s, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        struct utimbuf times {
            1700000000, 1700000000
        };
        QCOMPARE(::utime(QFile::encodeName(m_a.folder + u"/Fotos 2026/Ünïcödé ñame – 東京.txt"_s).constData(), &times),
                 0);
        expectSameTrees();
        QVERIFY(!QFileInfo::exists(m_b.folder + u"/old.txt"_s));
        QVERIFY(QFileInfo(m_b.folder + u"/archive/project-2026/README.md"_s).isFile());
        QVERIFY(QFileInfo(m_b.folder + u"/empty/inner empty"_s).isDir());

        // And the other way: B's edits reach A.
        writeFile(m_b.folder + u"/from-b.txt"_s, "written on B\n");
        QVERIFY(QFile::remove(m_b.folder + u"/run.sh"_s));
        expectSameTrees();
        QVERIFY(!QFileInfo::exists(m_a.folder + u"/run.sh"_s));
    }

    void devicesOnlineTogetherTellEachOtherDirectly()
    {
        // Both run: each found where the other listens (on the nodes) and
        // watches it over a direct, mutually authenticated connection; a
        // change on A reaches B by A's notice, not B's next poll of the
        // nodes (every 10 s while every device is watched).
        QTRY_VERIFY2_WITH_TIMEOUT(m_a.err.contains("directly") && m_b.err.contains("directly"),
                                  qPrintable(QString::fromUtf8(m_a.err.right(2000) + "\n" + m_b.err.right(2000))),
                                  stratus::test::scaledMs(30000));
        const qsizetype mark = m_b.err.size();
        writeFile(m_a.folder + u"/told.txt"_s, "told directly\n");
        QTRY_VERIFY2_WITH_TIMEOUT(m_b.err.mid(mark).contains("(direct notice)"),
                                  qPrintable(QString::fromUtf8(m_b.err.mid(mark).right(3000))),
                                  stratus::test::scaledMs(30000));
        expectSameTrees();
    }

    void largeFileGoesDeviceToDevice()
    {
        // A large new file (16 MiB and up) is offered to B while A hashes
        // and stores it; B reads it over the direct connection meanwhile
        // and, when A's entry names the same content, applies its own copy
        // instead of downloading the shards. The network still gets it.
        QByteArray content(20 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); i += 4)
            *reinterpret_cast<quint32 *>(content.data() + i) = quint32(i) * 2246822519u + 11;
        const qsizetype mark = m_b.err.size();
        const qint64 before = storedOnNodes();
        writeFile(m_a.folder + u"/large/offered.bin"_s, content);
        expectSameTrees(60000);
        const QByteArray seen = m_b.err.mid(mark);
        QVERIFY2(seen.contains("read Docs/large/offered.bin directly from the device") &&
                     seen.contains("applying large/offered.bin with the copy read directly from the device"),
                 seen.right(3000).constData());
        QCOMPARE(readFile(m_b.folder + u"/large/offered.bin"_s), content);
        // Nothing of it is left in B's staging area.
        QTRY_VERIFY_WITH_TIMEOUT(
            QDir(m_b.folder + u"/.stratus/incoming"_s).entryList({u"direct-*"_s}, QDir::Files).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(storedOnNodes() - before > 20 << 20, 20000); // erasure-coded, on the nodes too
    }

    void manyChangesGoInSlices()
    {
        // More new files than one slice holds (1,250), moved into the folder
        // at once: stored and published in slices; B ends with the same
        // tree. Then their directory moves: the new paths and the old
        // ones' deletions go in slices too (deletions last), and B never
        // loses a file.
        const QString staged = m_a.folder + u"/../staged-many"_s;
        for (int i = 0; i < 1300; ++i)
            writeFile(staged + u"/d%1/f%2.txt"_s.arg(i / 100).arg(i), QByteArray::number(i).repeated(20));
        const qsizetype mark = m_a.out.size();
        QVERIFY(QDir().rename(staged, m_a.folder + u"/many"_s));
        expectSameTrees(120000);
        // Two slices stored (the first one also holds the 14 directories).
        QVERIFY2(m_a.out.mid(mark).count("files stored") >= 2, m_a.out.mid(mark).right(2000).constData());
        QVERIFY(QDir().rename(m_a.folder + u"/many"_s, m_a.folder + u"/moved-many"_s));
        expectSameTrees(120000);
        QVERIFY(!QFileInfo::exists(m_b.folder + u"/many"_s));
        QCOMPARE(QDir(m_b.folder + u"/moved-many/d12"_s).entryList(QDir::Files).size(), 100);
        QCOMPARE(readFile(m_b.folder + u"/moved-many/d12/f1299.txt"_s), QByteArray::number(1299).repeated(20));
    }

    // Bytes the devnet's storage nodes hold in all.
    qint64 storedOnNodes()
    {
        const CliRun status = stratus({u"devnet"_s, u"status"_s, u"--dir"_s, m_devnet, u"--json"_s});
        qint64 used = 0;
        const QJsonDocument doc = QJsonDocument::fromJson(status.out.toUtf8());
        const QJsonArray nodes = doc.isArray() ? doc.array() : doc.object().value(u"nodes"_s).toArray();
        for (const QJsonValue &n : nodes)
            used += n.toObject().value(u"used"_s).toInteger();
        return used;
    }

    void appendUploadsOnlyTheNewChunks()
    {
        // 8 MiB of incompressible content, synced; then 1 MiB appended.
        QByteArray content(8 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); i += 4)
            *reinterpret_cast<quint32 *>(content.data() + i) = quint32(i) * 2654435761u;
        writeFile(m_a.folder + u"/big.bin"_s, content);
        expectSameTrees();
        QTest::qWait(1000); // the log batch lands too
        const qint64 before = storedOnNodes();
        QVERIFY(before > 8 << 20);
        QByteArray more(1 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < more.size(); i += 4)
            *reinterpret_cast<quint32 *>(more.data() + i) = quint32(i) * 40503u + 7;
        QFile f(m_a.folder + u"/big.bin"_s);
        QVERIFY(f.open(QIODevice::Append));
        f.write(more);
        f.close();
        // 60 s: once in CI, B had not applied the append after 30 s (no
        // error shown). A shard fetch that stalls is given up after the
        // swarm's 30 s stall timeout and tried again; this leaves room for
        // that while the cause is looked into.
        expectSameTrees(60000);
        QTest::qWait(1000);
        const qint64 added = storedOnNodes() - before;
        // A whole new copy would be 9 MiB x 1.5 (4+2 erasure coding) =
        // 13.5 MiB; the new chunks (the last one or two, about 1-2 MiB)
        // times 1.5, plus a small log batch, are far less.
        QVERIFY2(added < (4 << 20), qPrintable(u"%1 bytes added on the nodes"_s.arg(added)));
        QCOMPARE(readFile(m_b.folder + u"/big.bin"_s), content + more);
    }

    void offlineDeviceCatchesUp()
    {
        // 60 files both devices have; then B is off while A makes 100
        // changes (30 edits, 40 new files, 15 renames, 15 deletions).
        for (int i = 0; i < 30; ++i)
            writeFile(m_a.folder + u"/away/m%1.txt"_s.arg(i), "before " + QByteArray::number(i));
        for (int i = 0; i < 15; ++i) {
            writeFile(m_a.folder + u"/away/r%1.txt"_s.arg(i), "to rename " + QByteArray::number(i));
            writeFile(m_a.folder + u"/away/d%1.txt"_s.arg(i), "to delete " + QByteArray::number(i));
        }
        expectSameTrees(60000);
        stop(m_b);
        const qsizetype mark = m_a.out.size();
        for (int i = 0; i < 30; ++i)
            writeFile(m_a.folder + u"/away/m%1.txt"_s.arg(i), "after, longer " + QByteArray::number(i));
        for (int i = 0; i < 40; ++i)
            writeFile(m_a.folder + u"/away/new/n%1.txt"_s.arg(i), "new " + QByteArray::number(i));
        QVERIFY(QDir().mkpath(m_a.folder + u"/away/renamed"_s));
        for (int i = 0; i < 15; ++i) {
            QVERIFY(
                QDir().rename(m_a.folder + u"/away/r%1.txt"_s.arg(i), m_a.folder + u"/away/renamed/r%1.txt"_s.arg(i)));
            QVERIFY(QFile::remove(m_a.folder + u"/away/d%1.txt"_s.arg(i)));
        }
        // A publishes them with B away; B starts and converges.
        QTRY_VERIFY_WITH_TIMEOUT(m_a.out.mid(mark).contains("published"), stratus::test::scaledMs(30000));
        QTest::qWait(stratus::test::scaledMs(2000));
        start(m_b);
        expectSameTrees(90000);
        QCOMPARE(QDir(m_b.folder + u"/away/new"_s).entryList(QDir::Files).size(), 40);
        QCOMPARE(readFile(m_b.folder + u"/away/m29.txt"_s), QByteArray("after, longer 29"));
        QVERIFY(!QFileInfo::exists(m_b.folder + u"/away/d0.txt"_s));
        QCOMPARE(readFile(m_b.folder + u"/away/renamed/r14.txt"_s), QByteArray("to rename 14"));
    }

    void killedMidUploadFinishesAfterRestart()
    {
        // A uploads a 24 MiB file at 2 MiB/s (36 MiB of shards: about 18 s)
        // and is killed 2 s after it began; restarted, it stores the file,
        // which reaches B once, whole, as one version.
        stop(m_a);
        start(m_a, {u"--limit-up"_s, u"2MiB"_s}, true);
        QByteArray content(24 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); i += 4)
            *reinterpret_cast<quint32 *>(content.data() + i) = quint32(i) * 3266489917u + 5;
        const qsizetype mark = m_a.err.size();
        writeFile(m_a.folder + u"/cut/upload.bin"_s, content);
        // The scan that hashed it is over: the upload is under way.
        QTRY_VERIFY_WITH_TIMEOUT(m_a.err.mid(mark).contains("1 files hashed"), stratus::test::scaledMs(30000));
        QTest::qWait(2000);
        m_a.process->kill();
        const bool ended = m_a.process->waitForFinished(stratus::test::scaledMs(20000));
        delete m_a.process;
        m_a.process = nullptr;
        QVERIFY(ended);
        QVERIFY2(!m_a.out.contains("files stored"), m_a.out.right(2000).constData());
        QVERIFY(!QFileInfo::exists(m_b.folder + u"/cut/upload.bin"_s)); // not published before the kill
        start(m_a);
        expectSameTrees(120000);
        QCOMPARE(readFile(m_b.folder + u"/cut/upload.bin"_s), content);
        QVERIFY(QDir(m_b.folder + u"/cut"_s).entryList(QDir::Files) == QStringList{u"upload.bin"_s});
        const CliRun versions = stratus({u"versions"_s, u"/Docs/cut/upload.bin"_s, u"--data"_s, m_a.data, u"--json"_s});
        QVERIFY2(versions.exitCode == 0, qPrintable(versions.err));
        QCOMPARE(QJsonDocument::fromJson(versions.out.toUtf8()).array().size(), 1);
    }

    void concurrentEditsKeepBoth()
    {
        // Apart: both edit the same file; B's edit is the newer one.
        stop(m_a);
        stop(m_b);
        writeFile(m_a.folder + u"/notes.txt"_s, "A's version\n");
        struct utimbuf older {
            1750000000, 1750000000
        };
        QCOMPARE(::utime(QFile::encodeName(m_a.folder + u"/notes.txt"_s).constData(), &older), 0);
        writeFile(m_b.folder + u"/notes.txt"_s, "B's version, newer\n");
        start(m_a);
        QTest::qWait(stratus::test::scaledMs(3000));
        start(m_b);
        expectSameTrees(40000);
        QCOMPARE(readFile(m_a.folder + u"/notes.txt"_s), QByteArray("B's version, newer\n"));
        const QStringList copies = QDir(m_a.folder).entryList({u"notes.sync-conflict-*.txt"_s}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        // The loser's UTC mtime and device short name.
        QVERIFY2(copies.first().startsWith(u"notes.sync-conflict-20250615-"_s), qPrintable(copies.first()));
        QCOMPARE(readFile(m_a.folder + u'/' + copies.first()), QByteArray("A's version\n"));

        const CliRun conflicts = stratus({u"sync"_s, u"conflicts"_s, u"--data"_s, m_b.data, u"--json"_s});
        QVERIFY2(conflicts.exitCode == 0, qPrintable(conflicts.err));
        const QJsonArray list = QJsonDocument::fromJson(conflicts.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value(u"original"_s).toString(), u"notes.txt"_s);
        QCOMPARE(list[0].toObject().value(u"path"_s).toString(), copies.first());
        QCOMPARE(list[0].toObject().value(u"copy_is_mine"_s).toBool(), false); // A's version, seen from B

        // A keeps its own version: it becomes notes.txt again on both
        // devices, the copy goes to the trash, no conflict is left.
        QCOMPARE(stratus({u"sync"_s, u"resolve"_s, u"notes.txt"_s, u"--keep"_s, u"sideways"_s, u"--data"_s, m_a.data})
                     .exitCode,
                 2);
        // A records its own copy at its next scan.
        QTRY_VERIFY_WITH_TIMEOUT(
            QJsonDocument::fromJson(
                stratus({u"sync"_s, u"conflicts"_s, u"--data"_s, m_a.data, u"--json"_s}).out.toUtf8())
                    .array()
                    .size() == 1,
            stratus::test::scaledMs(20000));
        const CliRun resolved = stratus(
            {u"sync"_s, u"resolve"_s, m_a.folder + u"/notes.txt"_s, u"--keep"_s, u"mine"_s, u"--data"_s, m_a.data});
        QVERIFY2(resolved.exitCode == 0, qPrintable(resolved.err));
        expectSameTrees(40000);
        QCOMPARE(readFile(m_b.folder + u"/notes.txt"_s), QByteArray("A's version\n"));
        QVERIFY(QDir(m_b.folder).entryList({u"notes.sync-conflict-*"_s}, QDir::Files).isEmpty());
        const CliRun none = stratus({u"sync"_s, u"conflicts"_s, u"--data"_s, m_b.data, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(none.out.toUtf8()).array().size(), 0);
    }

    void versionsAndRestore()
    {
        // Every version of notes.txt is known (this device's and B's), and
        // an older one comes back.
        const CliRun versions = stratus({u"versions"_s, u"/Docs/notes.txt"_s, u"--data"_s, m_a.data, u"--json"_s});
        QVERIFY2(versions.exitCode == 0, qPrintable(versions.err));
        const QJsonArray list = QJsonDocument::fromJson(versions.out.toUtf8()).array();
        QVERIFY2(list.size() >= 3, qPrintable(versions.out));
        const int oldest = list.last().toObject().value(u"version"_s).toInt();
        const QString out = m_tmp.filePath(u"restored-notes.txt"_s);
        const CliRun restored = stratus({u"restore"_s, u"/Docs/notes.txt"_s, u"--version"_s, QString::number(oldest),
                                         u"--data"_s, m_a.data, u"--network"_s, m_network, u"--out"_s, out});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        QCOMPARE(readFile(out), QByteArray("first notes\n"));

        // A deleted file comes back too, into the synced folder, and syncs.
        const CliRun deleted = stratus({u"versions"_s, u"/Docs/old.txt"_s, u"--data"_s, m_b.data, u"--json"_s});
        QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
        const QJsonArray dv = QJsonDocument::fromJson(deleted.out.toUtf8()).array();
        QVERIFY(dv.size() >= 2);
        // Newest first: the deletion, then the content before it.
        QVERIFY(dv[0].toObject().value(u"deleted"_s).toBool());
        QVERIFY(!dv[1].toObject().value(u"deleted"_s).toBool());
        const QString tombstone = QString::number(dv[0].toObject().value(u"version"_s).toInt());
        QCOMPARE(stratus({u"restore"_s, m_b.folder + u"/old.txt"_s, u"--version"_s, tombstone, u"--data"_s, m_b.data,
                          u"--network"_s, m_network})
                     .exitCode,
                 1);
        const CliRun back = stratus({u"restore"_s, m_b.folder + u"/old.txt"_s, u"--version"_s,
                                     QString::number(dv[1].toObject().value(u"version"_s).toInt()), u"--data"_s,
                                     m_b.data, u"--network"_s, m_network});
        QVERIFY2(back.exitCode == 0, qPrintable(back.err));
        QCOMPARE(readFile(m_b.folder + u"/old.txt"_s), QByteArray("to be deleted\n"));
        expectSameTrees();
        QCOMPARE(readFile(m_a.folder + u"/old.txt"_s), QByteArray("to be deleted\n"));
    }

    void unreadableAndSpecialFilesAreReported()
    {
        // A FIFO cannot be synced: reported with a reason, the rest goes on.
        const QString fifo = m_a.folder + u"/a pipe"_s;
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
        bool unreadable = false;
        if (::geteuid() != 0) { // root reads anything: permissions cannot make a file unreadable for it
            writeFile(m_a.folder + u"/secret.txt"_s, "no");
            QVERIFY(QFile::setPermissions(m_a.folder + u"/secret.txt"_s, QFileDevice::Permissions()));
            unreadable = true;
        }
        writeFile(m_a.folder + u"/after.txt"_s, "still synced\n");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(m_b.folder + u"/after.txt"_s), stratus::test::scaledMs(30000));
        QVERIFY(!QFileInfo::exists(m_b.folder + u"/a pipe"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_a.err.contains("a pipe"), stratus::test::scaledMs(10000));
        if (unreadable) {
            QVERIFY(m_a.err.contains("secret.txt"));
            QFile::setPermissions(m_a.folder + u"/secret.txt"_s, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QFile::remove(m_a.folder + u"/secret.txt"_s);
        }
        QFile::remove(fifo);
        QVERIFY(m_a.process->state() == QProcess::Running);
    }

    void restoreBringsBackTheTree()
    {
        const QString data = m_tmp.filePath(u"c-data"_s);
        const CliRun restored = stratus({u"account"_s, u"restore"_s, u"--data"_s, data, u"--network"_s, m_network,
                                         u"--secret-file"_s, m_secretFile, u"--json"_s});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        QVERIFY(restored.json().value(u"history_entries"_s).toInt() > 10);
        const CliRun ls = stratus({u"ls"_s, u"--data"_s, data, u"--network"_s, m_network});
        QVERIFY2(ls.exitCode == 0, qPrintable(ls.err));
        QVERIFY2(ls.out.contains(u"/Docs/archive/project-2026/README.md"_s), qPrintable(ls.out));
        QVERIFY(ls.out.contains(u"/Docs/from-b.txt"_s));
        QVERIFY(!ls.out.contains(u"/.stratus/"_s));
        const QString out = m_tmp.filePath(u"from-b.txt"_s);
        const CliRun get =
            stratus({u"get"_s, u"/Docs/from-b.txt"_s, u"--out"_s, out, u"--data"_s, data, u"--network"_s, m_network});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        QCOMPARE(readFile(out), QByteArray("written on B\n"));

        // Three devices now; one is revoked.
        const CliRun devices =
            stratus({u"account"_s, u"devices"_s, u"--data"_s, data, u"--network"_s, m_network, u"--json"_s});
        QVERIFY2(devices.exitCode == 0, qPrintable(devices.err));
        const QJsonArray list = QJsonDocument::fromJson(devices.out.toUtf8()).array();
        QCOMPARE(list.size(), 3);
        const QString me = restored.json().value(u"device_id"_s).toString();
        const CliRun revoke =
            stratus({u"account"_s, u"revoke"_s, me.left(12), u"--data"_s, m_a.data, u"--network"_s, m_network});
        QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.err));
        const CliRun after =
            stratus({u"account"_s, u"devices"_s, u"--data"_s, m_a.data, u"--network"_s, m_network, u"--json"_s});
        int revoked = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(after.out.toUtf8()).array())
            if (v.toObject().value(u"revoked_ms"_s).toInteger() > 0) {
                ++revoked;
                QCOMPARE(v.toObject().value(u"id"_s).toString(), me);
            }
        QCOMPARE(revoked, 1);
        // A revoked device cannot sync any more.
        QVERIFY(QDir().mkpath(m_tmp.filePath(u"c"_s)));
        const CliRun refused = stratus({u"sync"_s, u"--once"_s, u"--data"_s, data, u"--network"_s, m_network,
                                        u"--folder"_s, u"Docs="_s + m_tmp.filePath(u"c"_s)});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"revoked"_s), qPrintable(refused.err));
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "test_sync.moc"
