// Automatic repair in a long-running client (issue 3): a devnet of 7 storage
// nodes and a paper node, one `stratus sync --repair-interval 2` process
// syncing a folder with a 3 MiB file. One node that holds a shard of it is
// stopped; without `stratus repair`, the sync process alone brings every
// segment back to n healthy shards, on a node that held none. Then a second
// device of the account runs the same passes and leaves that file to the
// device that stored it.

#include "cli_runner.h"
#include "sync_process.h"
#include "test_data.h"
#include "test_timing.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
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

constexpr qint64 kFileSize = 3 * 1024 * 1024 + 123;
constexpr qint64 kShardBytes = 512 * 1024; // a node with this much holds a shard of the file (768 KiB each)

} // namespace

class TestSyncRepair : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_devnet;
    QString m_network;
    QString m_data;
    QString m_folder;
    QString m_secretFile;
    SyncProcess m_a; // the device that stored the file
    SyncProcess m_b; // another device of the account
    bool m_devnetUp = false;

    CliRun devnet(const QStringList &args)
    {
        return runStratus(QStringList{u"devnet"_s} + args + QStringList{u"--dir"_s, m_devnet});
    }

    // Storage nodes by name: bytes they hold, or -1 when stopped.
    QMap<QString, qint64> storageNodes()
    {
        QMap<QString, qint64> out;
        const QJsonArray nodes = devnet({u"status"_s, u"--json"_s}).json().value(u"nodes"_s).toArray();
        for (const QJsonValue &v : nodes) {
            const QJsonObject n = v.toObject();
            if (n.value(u"role"_s).toString() != u"storage"_s)
                continue;
            const bool running = n.value(u"state"_s).toString() != u"stopped"_s;
            out.insert(n.value(u"name"_s).toString(), running ? n.value(u"used"_s).toInteger() : -1);
        }
        return out;
    }

    // The file's healthy shards (of its weakest segment) as `stratus ls`
    // sees them, with the number of shards per segment; -1 when not listed.
    std::pair<int, int> health(const QString &path)
    {
        const CliRun ls = runStratus({u"ls"_s, u"--json"_s, u"--data"_s, m_data, u"--network"_s, m_network}, 60000);
        if (ls.exitCode != 0)
            return {-1, -1};
        for (const QJsonValue &v : ls.json().value(u"files"_s).toArray()) {
            const QJsonObject f = v.toObject();
            if (f.value(u"path"_s).toString() == path)
                return {f.value(u"healthy_shards"_s).toInt(), f.value(u"shards_per_segment"_s).toInt()};
        }
        return {-1, -1};
    }

    bool waitUntilHealthy(const QString &path, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < scaledMs(timeoutMs)) {
            const auto [healthy, n] = health(path);
            if (healthy > 0 && healthy == n)
                return true;
            QTest::qWait(500);
        }
        return false;
    }

    void startSync(SyncProcess &d, const QString &data, const QString &folder)
    {
        startSyncProcess(this, d,
                         {u"sync"_s, u"--data"_s, data, u"--network"_s, m_network, u"--folder"_s, u"Docs="_s + folder,
                          u"--repair-interval"_s, u"2"_s});
    }

    void stopDevnet()
    {
        if (m_devnetUp)
            devnet({u"down"_s});
        m_devnetUp = false;
    }

    QString syncOutput() const { return m_a.output(); }

public:
    ~TestSyncRepair() override
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
        const CliRun up =
            devnet({u"up"_s, u"--nodes"_s, u"7"_s, u"--validators"_s, u"1"_s, u"--storage"_s, u"64MiB"_s});
        m_devnetUp = true;
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        QCOMPARE(storageNodes().size(), 7);

        const CliRun created =
            runStratus({u"account"_s, u"create"_s, u"--data"_s, m_data, u"--network"_s, m_network, u"--json"_s});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        m_secretFile = m_tmp.filePath(u"secret.txt"_s);
        QFile secret(m_secretFile);
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write(created.json().value(u"recovery_secret"_s).toString().toLatin1() + '\n');
        secret.close();

        QVERIFY(QDir().mkpath(m_folder));
        QFile f(m_folder + u"/big.bin"_s);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(stratus::test::pseudoRandom(kFileSize, 11)), kFileSize);
        f.close();

        startSync(m_a, m_data, m_folder);
    }

    void cleanupTestCase()
    {
        stopSyncProcess(m_a);
        stopSyncProcess(m_b);
        stopDevnet();
    }

    void lostShardsComeBackWithoutStratusRepair()
    {
        QElapsedTimer total;
        total.start();
        // Stored: every shard of the file on a node of its own.
        QVERIFY2(waitUntilHealthy(u"/Docs/big.bin"_s, 20000), qPrintable(syncOutput()));
        const auto [healthy, n] = health(u"/Docs/big.bin"_s);
        QCOMPARE(healthy, n);
        // A pass ran and found nothing to do.
        QTRY_VERIFY2_WITH_TIMEOUT(m_a.out.contains("repaired checked"), qPrintable(syncOutput()), scaledMs(10000));
        QVERIFY2(!m_a.out.contains("shards rebuilt") || m_a.out.contains("(0 shards rebuilt)"),
                 qPrintable(syncOutput()));
        const qsizetype before = m_a.out.size();

        const QMap<QString, qint64> used = storageNodes();
        QStringList holders, others;
        for (auto it = used.cbegin(); it != used.cend(); ++it)
            (it.value() >= kShardBytes ? holders : others).append(it.key());
        QCOMPARE(int(holders.size()), n);
        QCOMPARE(int(others.size()), 7 - n);
        const QString victim = holders.first();
        QCOMPARE(devnet({u"kill"_s, victim}).exitCode, 0);
        QCOMPARE(storageNodes().value(victim), -1);
        qInfo().noquote() << "stopped" << victim << "after" << total.elapsed() << "ms; shards on" << holders.join(u' ');

        // No `stratus repair`: the sync process's pass finds the segment at
        // n - 1 and rebuilds the lost shard on a node that held none.
        QVERIFY2(waitUntilHealthy(u"/Docs/big.bin"_s, 30000), qPrintable(syncOutput()));
        qInfo().noquote() << "healthy again after" << total.elapsed() << "ms";
        const QMap<QString, qint64> after = storageNodes();
        int newHolders = 0;
        for (const QString &other : others)
            newHolders += after.value(other) >= kShardBytes ? 1 : 0;
        QVERIFY2(newHolders >= 1, qPrintable(syncOutput()));
        // And the sync process said so (a "repaired" event with shards rebuilt).
        QTRY_VERIFY2_WITH_TIMEOUT(QRegularExpression(u"repaired checked \\d+ segments: [1-9]\\d* repaired"_s)
                                      .match(QString::fromUtf8(m_a.out.mid(before)))
                                      .hasMatch(),
                                  qPrintable(syncOutput()), scaledMs(10000));
        for (const QByteArray &line : m_a.out.mid(before).split('\n'))
            if (line.startsWith("repaired"))
                qInfo().noquote() << "sync:" << line;
        QVERIFY2(m_a.process->state() == QProcess::Running, qPrintable(syncOutput()));
    }

    void anotherDevicesSegmentsAreLeftToIt()
    {
        // A second device of the account: `account restore` brings the
        // file's history into its index, with the holders named by the log
        // but no contracts of its own, so its repair passes leave the file
        // (and the log batch) to the device that stored it, and report
        // nothing as unrepairable.
        const QString data = m_tmp.filePath(u"data-b"_s);
        const QString folder = m_tmp.filePath(u"b/Docs"_s);
        QVERIFY(QDir().mkpath(folder));
        const CliRun restored = runStratus({u"account"_s, u"restore"_s, u"--data"_s, data, u"--network"_s, m_network,
                                            u"--secret-file"_s, m_secretFile});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        startSync(m_b, data, folder);
        QTRY_VERIFY2_WITH_TIMEOUT(m_b.out.contains("left to them"), qPrintable(m_b.output()), scaledMs(15000));
        QVERIFY2(m_b.out.contains("repaired checked 0 segments: 0 repaired"), qPrintable(m_b.output()));
        QVERIFY2(!m_b.err.contains("cannot be repaired") && !m_b.err.contains("repair pass stopped"),
                 qPrintable(m_b.output()));
    }
};

QTEST_GUILESS_MAIN(TestSyncRepair)
#include "test_sync_repair.moc"
