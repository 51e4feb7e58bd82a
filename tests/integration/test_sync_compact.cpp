// Compaction (issue 6: "when expired versions leave segments mostly dead,
// live chunks are repacked into new segments and the old ones deleted"): a
// devnet of 7 storage nodes and one `stratus sync --keep-versions 1
// --compact-interval 3` device. 40 small files are packed into one segment;
// 30 of them are edited, so their first versions expire and the segment is
// three-quarters dead: the 10 unchanged files' chunks move into a new
// segment and the old one is deleted from the nodes. A second device of the
// account, restored afterwards, reads the whole log (written before the
// move) and still gets every file.

#include "cli_runner.h"
#include "sync_process.h"
#include "test_data.h"
#include "test_timing.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using stratus::test::CliRun;
using stratus::test::runStratus;
using stratus::test::scaledMs;
using stratus::test::startSyncProcess;
using stratus::test::stopSyncProcess;
using stratus::test::SyncProcess;

namespace {

constexpr int kFiles = 40;
constexpr int kEdited = 30;
constexpr qint64 kFileSize = 32 * 1024;

QString nameOf(int i) { return u"f%1.bin"_s.arg(i, 2, 10, QChar(u'0')); }

// Every file under `root` (but .stratus/) with its bytes.
QMap<QString, QByteArray> treeOf(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(u".stratus/"_s))
            continue;
        QFile f(path);
        out.insert(rel, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
    }
    return out;
}

} // namespace

class TestSyncCompact : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_devnet;
    QString m_network;
    QString m_data;
    QString m_folder;
    QString m_secretFile;
    SyncProcess m_a;
    SyncProcess m_b;
    bool m_devnetUp = false;

    CliRun devnet(const QStringList &args)
    {
        return runStratus(QStringList{u"devnet"_s} + args + QStringList{u"--dir"_s, m_devnet});
    }

    // Bytes the storage nodes hold, all together.
    qint64 storedOnNodes()
    {
        qint64 total = 0;
        const QJsonArray nodes = devnet({u"status"_s, u"--json"_s}).json().value(u"nodes"_s).toArray();
        for (const QJsonValue &v : nodes)
            total += v.toObject().value(u"used"_s).toInteger();
        return total;
    }

    void startSync(SyncProcess &d, const QString &data, const QString &folder)
    {
        startSyncProcess(this, d,
                         {u"sync"_s, u"--data"_s, data, u"--network"_s, m_network, u"--folder"_s, u"Docs="_s + folder,
                          u"--repair-interval"_s, u"0"_s, u"--keep-versions"_s, u"1"_s, u"--compact-interval"_s,
                          u"3"_s});
    }

    void stopDevnet()
    {
        if (m_devnetUp)
            devnet({u"down"_s});
        m_devnetUp = false;
    }

    // How many versions the account's history on `data` lists for `path`.
    int versionsOf(const QString &data, const QString &path)
    {
        const CliRun r = runStratus({u"versions"_s, path, u"--data"_s, data, u"--json"_s});
        if (r.exitCode != 0)
            return -1;
        return static_cast<int>(QJsonDocument::fromJson(r.out.toUtf8()).array().size());
    }

    void writeFile(const QString &name, quint32 seed)
    {
        QFile f(m_folder + u'/' + name);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(stratus::test::pseudoRandom(kFileSize, seed)), kFileSize);
    }

public:
    ~TestSyncCompact() override
    {
        stopSyncProcess(m_a);
        stopSyncProcess(m_b);
        stopDevnet();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("STRATUS_BIN").isEmpty());
        QVERIFY(m_tmp.isValid());
        m_devnet = m_tmp.filePath(u"devnet"_s);
        m_network = m_devnet + u"/network.json"_s;
        m_data = m_tmp.filePath(u"data"_s);
        m_folder = m_tmp.filePath(u"Docs"_s);
        const CliRun up = devnet({u"up"_s, u"--nodes"_s, u"7"_s, u"--storage"_s, u"64MiB"_s});
        m_devnetUp = true;
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));

        const CliRun created =
            runStratus({u"account"_s, u"create"_s, u"--data"_s, m_data, u"--network"_s, m_network, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        m_secretFile = m_tmp.filePath(u"secret.txt"_s);
        QFile secret(m_secretFile);
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write(created.json().value(u"recovery_secret"_s).toString().toLatin1() + '\n');
        secret.close();

        QVERIFY(QDir().mkpath(m_folder));
        for (int i = 0; i < kFiles; ++i)
            writeFile(nameOf(i), quint32(100 + i));
        startSync(m_a, m_data, m_folder);
    }

    void cleanupTestCase()
    {
        stopSyncProcess(m_a);
        stopSyncProcess(m_b);
        stopDevnet();
    }

    void expiredVersionsLeaveASegmentThatIsRepackedAndDeleted()
    {
        // The 40 files, packed together, are on the nodes.
        QTRY_VERIFY2_WITH_TIMEOUT(m_a.out.contains("published"), qPrintable(m_a.output(6000)), scaledMs(30000));
        const qint64 before = storedOnNodes();
        const qint64 packed = kFiles * kFileSize * 3 / 2; // 4+2 shards: 1.5 times the bytes
        QVERIFY2(before >= packed, qPrintable(u"%1 bytes on the nodes"_s.arg(before)));

        // 30 edits: their first versions expire (one version kept), which
        // leaves three quarters of the segment dead.
        const qsizetype mark = m_a.out.size();
        for (int i = 0; i < kEdited; ++i)
            writeFile(nameOf(i), quint32(500 + i));
        QTRY_VERIFY2_WITH_TIMEOUT(
            QRegularExpression(u"compacted \\d+ old versions expired; [1-9]\\d* segments repacked"_s)
                .match(QString::fromUtf8(m_a.out.mid(mark)))
                .hasMatch(),
            qPrintable(m_a.output(6000)), scaledMs(40000));
        // One interval later the retired segment goes from the nodes.
        QTRY_VERIFY2_WITH_TIMEOUT(QRegularExpression(u"compacted .*, [1-9]\\d* deleted \\([1-9]\\d* bytes freed"_s)
                                      .match(QString::fromUtf8(m_a.out.mid(mark)))
                                      .hasMatch(),
                                  qPrintable(m_a.output(6000)), scaledMs(30000));
        for (const QByteArray &line : m_a.out.mid(mark).split('\n'))
            if (line.startsWith("compacted"))
                qInfo().noquote() << "sync:" << line;

        // What the nodes hold is back to about one copy of the folder (the
        // new versions and the moved files), not two.
        const qint64 after = storedOnNodes();
        qInfo().noquote() << "on the nodes:" << before << "bytes before the edits," << after << "after";
        QVERIFY2(after < before + packed / 4, qPrintable(u"%1 -> %2 bytes"_s.arg(before).arg(after)));

        // The history keeps one version of an edited file; a moved file
        // still comes back byte for byte.
        QCOMPARE(versionsOf(m_data, u"/Docs/"_s + nameOf(0)), 1);
        const QString out = m_tmp.filePath(u"moved.bin"_s);
        const CliRun got = runStratus({u"get"_s, u"/Docs/"_s + nameOf(kFiles - 1), u"--out"_s, out, u"--data"_s, m_data,
                                       u"--network"_s, m_network});
        QVERIFY2(got.exitCode == 0, qPrintable(got.err));
        QFile moved(out);
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), stratus::test::pseudoRandom(kFileSize, quint32(100 + kFiles - 1)));
        QVERIFY2(!m_a.out.contains("problem"), qPrintable(m_a.output(6000)));
    }

    void aDeviceRestoredAfterTheMoveGetsEveryFile()
    {
        // Its log says where the files were first stored (a deleted
        // segment) and, later, where they moved: it fetches them there.
        const QString data = m_tmp.filePath(u"data-b"_s);
        const QString folder = m_tmp.filePath(u"b/Docs"_s);
        QVERIFY(QDir().mkpath(folder));
        const CliRun restored = runStratus({u"account"_s, u"restore"_s, u"--data"_s, data, u"--network"_s, m_network,
                                            u"--secret-file"_s, m_secretFile});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        startSync(m_b, data, folder);
        const QMap<QString, QByteArray> expected = treeOf(m_folder);
        QCOMPARE(expected.size(), kFiles);
        QTRY_VERIFY2_WITH_TIMEOUT(treeOf(folder) == expected, qPrintable(m_b.output(6000)), scaledMs(40000));
        QVERIFY2(!m_b.out.contains("problem"), qPrintable(m_b.output(6000)));
    }
};

QTEST_GUILESS_MAIN(TestSyncCompact)
#include "test_sync_compact.moc"
