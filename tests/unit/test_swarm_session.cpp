// Real libtorrent sessions on distinct loopback addresses in one process:
// seeding, fetching with verification, corrupted and absent peers, idle
// unloading.

#include "swarm/shard_torrent.h"
#include "swarm/swarm_session.h"

#include "object/merkle.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "test_timing.h"

#include "test_data.h"

#include <optional>

using namespace stratus;
using namespace stratus::swarm;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using object::ShardId;

namespace {

struct Shard {
    ShardId id;
    QString path;
    QByteArray data;
    std::vector<object::Hash32> leaves;
};

Shard writeShard(const QString &dir, qsizetype size, quint32 seed, const QString &name = QString())
{
    Shard s;
    s.data = test::pseudoRandom(size, seed);
    const auto *p = reinterpret_cast<const std::uint8_t *>(s.data.constData());
    s.leaves = object::merkleLeaves(p, static_cast<std::size_t>(size));
    const auto root = object::merkleRootFromLeaves(s.leaves);
    s.id = ShardId{QByteArray(reinterpret_cast<const char *>(root.data()), 32), size};
    s.path = QDir(dir).filePath(name.isEmpty() ? s.id.toString() : name);
    QFile f(s.path);
    if (!f.open(QIODevice::WriteOnly) || f.write(s.data) != size)
        qFatal("cannot write %s", qPrintable(s.path));
    return s;
}

void flipByte(const QString &path, qint64 offset)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        qFatal("cannot open %s", qPrintable(path));
    char c = 0;
    f.getChar(&c);
    f.seek(offset);
    f.putChar(static_cast<char>(c ^ 0x5a));
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::unique_ptr<SwarmSession> startSession(const QString &ip, SwarmSettings settings = {})
{
    settings.listenAddress = ip;
    settings.enableDht = false;
    auto session = SwarmSession::create(settings);
    if (!session)
        qFatal("%s", qPrintable(session.message()));
    return std::move(session).value();
}

// Records what a session reports.
struct Watch {
    explicit Watch(SwarmSession *s)
    {
        QObject::connect(s, &SwarmSession::seedReady, s, [this](const ShardId &id) { ready.append(id); });
        QObject::connect(s, &SwarmSession::seedFailed, s, [this](const ShardId &id, const QString &e) {
            failed.append({id, e});
        });
        QObject::connect(s, &SwarmSession::fetchFinished, s, [this](const FetchResult &r) { fetched.append(r); });
        QObject::connect(s, &SwarmSession::unloaded, s, [this](const ShardId &id) { unloaded.append(id); });
    }
    QList<ShardId> ready;
    QList<std::pair<ShardId, QString>> failed;
    QList<FetchResult> fetched;
    QList<ShardId> unloaded;
};

// Once connected: libtorrent's connection cadence (up to ~1 s) is reported
// apart.
double megabytesPerSecond(const FetchStats &s)
{
    return s.transferSeconds() > 0 ? static_cast<double>(s.bytes) / s.transferSeconds() / 1e6 : 0;
}

} // namespace

class TestSwarmSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rejectsBadSettings()
    {
        SwarmSettings s;
        s.listenAddress = u"lo"_s;
        QVERIFY(!SwarmSession::create(s).ok());
        s.listenAddress = u"192.0.2.77"_s; // TEST-NET-1: not on this machine
        const auto notHere = SwarmSession::create(s);
        QVERIFY(!notHere.ok());
        QVERIFY2(notHere.message().contains(u"192.0.2.77"_s), qPrintable(notHere.message()));
    }

    void fetchVerifiedShard_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("seedWithLeaves");
        const qsizetype fiveMiB = 5 * 1024 * 1024 + 77;
        QTest::newRow("5 MiB, seeder checks the file") << fiveMiB << false;
        QTest::newRow("5 MiB, seeder in seed mode with leaves") << fiveMiB << true;
        QTest::newRow("one piece, seed mode") << qsizetype(100000) << true;
    }

    // A 5 MiB shard seeded by one session is fetched by a second one, byte
    // for byte, and then served by the second to a third.
    void fetchVerifiedShard()
    {
        QFETCH(qsizetype, size);
        QFETCH(bool, seedWithLeaves);
        QTemporaryDir dirA, dirB, dirC;
        QVERIFY(dirA.isValid() && dirB.isValid() && dirC.isValid());
        const Shard shard = writeShard(dirA.path(), size, 21, u"stored-under-another-name"_s);
        auto a = startSession(u"127.0.0.21"_s);
        auto b = startSession(u"127.0.0.22"_s);
        auto c = startSession(u"127.0.0.23"_s);
        Watch wa(a.get()), wb(b.get()), wc(c.get());
        QCOMPARE(a->listenEndpoint().address, u"127.0.0.21"_s);
        QVERIFY(a->listenEndpoint().port != 0);

        QElapsedTimer loadTimer;
        qint64 readyAfterNs = -1;
        connect(a.get(), &SwarmSession::seedReady, this, [&] {
            if (readyAfterNs < 0)
                readyAfterNs = loadTimer.nsecsElapsed();
        });
        loadTimer.start();
        const auto seeded =
            a->seedShard(shard.id, shard.path, seedWithLeaves ? shard.leaves : std::vector<object::Hash32>{});
        QVERIFY2(seeded.ok(), qPrintable(seeded.ok() ? QString() : seeded.message()));
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(20000));
        const double loadMs = static_cast<double>(readyAfterNs) / 1e6;
        QCOMPARE(a->loadedCount(), 1);
        QVERIFY(a->isLoaded(shard.id));
        // Loading it again only refreshes it (and says it is ready); from
        // another file it is refused.
        QVERIFY(a->seedShard(shard.id, shard.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 2, stratus::test::scaledMs(20000));
        const QString copy = QDir(dirC.path()).filePath(u"copy"_s);
        QVERIFY(QFile::copy(shard.path, copy));
        const auto second = a->seedShard(shard.id, copy);
        QVERIFY(!second.ok());
        QVERIFY2(second.message().contains(u"already seeding"_s), qPrintable(second.message()));
        QVERIFY(QFile::remove(copy));
        QCOMPARE(a->loadedCount(), 1);

        QVERIFY(b->fetchShard(shard.id, dirB.path(), {a->listenEndpoint()}).ok());
        QVERIFY(!b->fetchShard(shard.id, dirB.path(), {a->listenEndpoint()}).ok()); // already running
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(10000));
        const FetchResult got = wb.fetched.first();
        QVERIFY2(got.ok(), qPrintable(got.error));
        QCOMPARE(got.id, shard.id);
        QCOMPARE(got.path, QDir(dirB.path()).filePath(shard.id.toString()));
        QVERIFY(readAll(got.path) == shard.data);
        QVERIFY(!QFile::exists(got.path + u".part"_s));
        QCOMPARE(got.stats.bytes, shard.id.size);
        QCOMPARE(got.stats.hashFailures, 0);
        QVERIFY(verifyShardFile(got.path, shard.id).ok());
        QVERIFY(got.stats.connectSeconds >= 0 && got.stats.connectSeconds <= got.stats.seconds);
        qInfo("seed ready after %.1f ms; %lld bytes verified in place %.3f s after fetchShard, %.3f s after the "
              "connection: %.1f MB/s",
              loadMs, static_cast<long long>(size), got.stats.seconds, got.stats.transferSeconds(),
              megabytesPerSecond(got.stats));

        // The fetched file is the caller's: nothing stays loaded. Seeded from
        // there, a third session pulls it from the second one alone.
        QVERIFY(!b->isLoaded(shard.id));
        QCOMPARE(b->loadedCount(), 0);
        QVERIFY(b->seedShard(shard.id, got.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.ready.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(c->fetchShard(shard.id, dirC.path(), {b->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wc.fetched.size(), 1, stratus::test::scaledMs(10000));
        QVERIFY2(wc.fetched.first().ok(), qPrintable(wc.fetched.first().error));
        QVERIFY(readAll(wc.fetched.first().path) == shard.data);

        // A fetch into a directory that already holds the shard is refused.
        QVERIFY(!c->fetchShard(shard.id, dirC.path(), {a->listenEndpoint()}).ok());
        a->unload(shard.id);
        QCOMPARE(a->loadedCount(), 0);
        QCOMPARE(wa.unloaded.size(), 1);
        QVERIFY(wa.failed.isEmpty() && wb.failed.isEmpty());
    }

    // A shard served from memory and fetched into memory (an uploader's and a
    // restore's path: no file on either side), mixed with files both ways.
    void memoryShards()
    {
        QTemporaryDir dirA, dirC;
        QVERIFY(dirA.isValid() && dirC.isValid());
        const Shard shard = writeShard(dirA.path(), 3 * kShardPieceSize + 1234, 60);
        auto a = startSession(u"127.0.0.31"_s);
        auto b = startSession(u"127.0.0.32"_s);
        auto c = startSession(u"127.0.0.33"_s);
        Watch wa(a.get()), wb(b.get()), wc(c.get());
        // Refused: the wrong number of bytes, or no leaves.
        QVERIFY(!a->seedShardFromMemory(shard.id, shard.data.left(100), 0, shard.leaves).ok());
        QVERIFY(!a->seedShardFromMemory(shard.id, shard.data, 1, shard.leaves).ok());
        QVERIFY(!a->seedShardFromMemory(shard.id, shard.data, 0, {}).ok());
        // The shard inside a larger buffer (as a put's coded segment holds it).
        const QByteArray buffer = QByteArray(777, 'x') + shard.data + QByteArray(99, 'y');
        QVERIFY(a->seedShardFromMemory(shard.id, buffer, 777, shard.leaves).ok());
        // Loaded at once, serving only once libtorrent has added it (a node
        // answers "open" then, not before).
        QVERIFY(a->isLoaded(shard.id) && !a->isServing(shard.id));
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(a->isLoaded(shard.id) && a->isServing(shard.id));

        QVERIFY(b->fetchShardToMemory(shard.id, {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(10000));
        QVERIFY2(wb.fetched.first().ok(), qPrintable(wb.fetched.first().error));
        QVERIFY(wb.fetched.first().path.isEmpty());
        QVERIFY(wb.fetched.first().data == shard.data);
        QCOMPARE(b->loadedCount(), 0);

        // From memory into a file, then from that file into memory.
        QVERIFY(c->fetchShard(shard.id, dirC.path(), {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wc.fetched.size(), 1, stratus::test::scaledMs(10000));
        QVERIFY2(wc.fetched.first().ok(), qPrintable(wc.fetched.first().error));
        QVERIFY(readAll(wc.fetched.first().path) == shard.data);
        a->unload(shard.id);
        QCOMPARE(a->loadedCount(), 0);
        QVERIFY(c->seedShard(shard.id, wc.fetched.first().path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wc.ready.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(b->fetchShardToMemory(shard.id, {c->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 2, stratus::test::scaledMs(10000));
        QVERIFY2(wb.fetched.last().ok(), qPrintable(wb.fetched.last().error));
        QVERIFY(wb.fetched.last().data == shard.data);
        QVERIFY(wa.failed.isEmpty() && wc.failed.isEmpty());

        // Every byte that moved is counted, once per transfer, on both sides
        // (pieces are read and written in whole blocks; the tail block of the
        // last piece may be short or padded).
        const qint64 size = shard.id.size;
        QVERIFY2(a->payloadTotals().sent >= 2 * size && a->payloadTotals().sent < 2 * size + 2 * 16384,
                 qPrintable(QString::number(a->payloadTotals().sent)));
        QVERIFY(a->payloadTotals().received == 0);
        QVERIFY(b->payloadTotals().received >= 2 * size && b->payloadTotals().received < 2 * size + 2 * 16384);
        QVERIFY(b->payloadTotals().sent == 0);
        QVERIFY(c->payloadTotals().received >= size && c->payloadTotals().sent >= size);
    }

    // Bytes that do not match the shard never come out of a fetch into
    // memory: the memory storage hashes what arrived, and the check fails.
    void memoryFetchRefusesBadData()
    {
        QTemporaryDir dirA;
        const Shard shard = writeShard(dirA.path(), 2 * 1024 * 1024, 61);
        auto a = startSession(u"127.0.0.34"_s);
        SwarmSettings fast;
        fast.fetchStallTimeout = 1500ms;
        auto b = startSession(u"127.0.0.35"_s, fast);
        Watch wa(a.get()), wb(b.get());
        QVERIFY(a->seedShard(shard.id, shard.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(20000));
        flipByte(shard.path, 1024 * 1024 + 100);
        QVERIFY(b->fetchShardToMemory(shard.id, {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(10000));
        const FetchResult r = wb.fetched.first();
        QVERIFY(!r.ok());
        QVERIFY(r.data.isEmpty());
        QVERIFY(r.stats.hashFailures > 0);
        QCOMPARE(b->loadedCount(), 0);
    }

    // Optional: STRATUS_SWARM_BENCH_MIB=256 for a one-off larger transfer.
    void largeTransfer()
    {
        const int mib = qEnvironmentVariableIntValue("STRATUS_SWARM_BENCH_MIB");
        if (mib <= 0)
            QSKIP("set STRATUS_SWARM_BENCH_MIB to run");
        QTemporaryDir dirA, dirB;
        const Shard shard = writeShard(dirA.path(), qsizetype(mib) * 1024 * 1024, 5);
        auto a = startSession(u"127.0.0.24"_s);
        auto b = startSession(u"127.0.0.25"_s);
        Watch wa(a.get()), wb(b.get());
        QElapsedTimer t;
        t.start();
        QVERIFY(a->seedShard(shard.id, shard.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(60000));
        const double checkSeconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QVERIFY(b->fetchShard(shard.id, dirB.path(), {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(120000));
        QVERIFY2(wb.fetched.first().ok(), qPrintable(wb.fetched.first().error));
        const FetchStats &st = wb.fetched.first().stats;
        qInfo("%d MiB: seeder check %.2f s; fetched and verified in %.2f s (%.2f s after the connection) = %.1f MB/s",
              mib, checkSeconds, st.seconds, st.transferSeconds(), megabytesPerSecond(st));
    }

    void seedRefusesFileThatIsNotTheShard()
    {
        QTemporaryDir dir;
        const Shard shard = writeShard(dir.path(), 3 * kShardPieceSize + 10, 30);
        auto a = startSession(u"127.0.0.26"_s);
        Watch wa(a.get());
        // Wrong size: refused at once.
        const Shard other = writeShard(dir.path(), 1000, 31);
        QVERIFY(!a->seedShard(shard.id, other.path).ok());
        QVERIFY(!a->seedShard(shard.id, dir.filePath(u"missing"_s)).ok());
        // Right size, one flipped byte: the check fails, nothing is served.
        flipByte(shard.path, kShardPieceSize + 3);
        QVERIFY(a->seedShard(shard.id, shard.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.failed.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(wa.ready.isEmpty());
        QVERIFY2(wa.failed.first().second.contains(shard.path), qPrintable(wa.failed.first().second));
        QCOMPARE(a->loadedCount(), 0);
    }

    // The seeder checked good bytes, then the file rots: what it sends fails
    // the downloader's check, and no bad file ever appears.
    void corruptedSeederYieldsNoFile()
    {
        QTemporaryDir dirA, dirB;
        const Shard shard = writeShard(dirA.path(), 2 * 1024 * 1024, 40);
        auto a = startSession(u"127.0.0.27"_s);
        SwarmSettings fast;
        fast.fetchStallTimeout = 1500ms;
        auto b = startSession(u"127.0.0.28"_s, fast);
        Watch wa(a.get()), wb(b.get());
        QVERIFY(a->seedShard(shard.id, shard.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(20000));
        flipByte(shard.path, 1024 * 1024 + 100);

        QVERIFY(b->fetchShard(shard.id, dirB.path(), {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(10000));
        const FetchResult r = wb.fetched.first();
        QVERIFY(!r.ok());
        QVERIFY(r.stats.hashFailures > 0);
        QVERIFY2(r.error.contains(u"hash check"_s), qPrintable(r.error));
        qInfo("%s", qPrintable(r.error));
        QVERIFY(!QFile::exists(QDir(dirB.path()).filePath(shard.id.toString())));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(QDir(dirB.path()).filePath(shard.id.toString() + u".part"_s)), 5000);
        QCOMPARE(b->loadedCount(), 0);
    }

    // Seed mode trusts the leaves and checks each piece when it is first
    // asked for: a damaged piece ends the seed, and the downloader gets no
    // file.
    void seedModeDetectsDamage()
    {
        QTemporaryDir dirA, dirB;
        const Shard shard = writeShard(dirA.path(), 2 * 1024 * 1024, 50);
        flipByte(shard.path, 700 * 1024);
        auto a = startSession(u"127.0.0.29"_s);
        SwarmSettings fast;
        fast.fetchStallTimeout = 1500ms;
        auto b = startSession(u"127.0.0.30"_s, fast);
        Watch wa(a.get()), wb(b.get());
        QVERIFY(a->seedShard(shard.id, shard.path, shard.leaves).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(b->fetchShard(shard.id, dirB.path(), {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.failed.size(), 1, stratus::test::scaledMs(10000));
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(10000));
        QVERIFY(!wb.fetched.first().ok());
        QVERIFY(!QFile::exists(QDir(dirB.path()).filePath(shard.id.toString())));
        QCOMPARE(a->loadedCount(), 0);
    }

    void unknownPeerTimesOut()
    {
        QTemporaryDir dir;
        const Shard shard = writeShard(dir.path(), 100000, 60);
        QTemporaryDir dirB;
        SwarmSettings fast;
        fast.fetchStallTimeout = 1s;
        auto b = startSession(u"127.0.0.31"_s, fast);
        Watch wb(b.get());
        const Endpoint nobody{u"127.0.0.32"_s, 9};
        QVERIFY(!b->fetchShard(shard.id, dirB.path(), {Endpoint{u"not-an-ip"_s, 9}}).ok());
        QElapsedTimer t;
        t.start();
        QVERIFY(b->fetchShard(shard.id, dirB.path(), {nobody}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(20000));
        const FetchResult r = wb.fetched.first();
        QVERIFY(!r.ok());
        QVERIFY(t.elapsed() >= 1000);
        QVERIFY2(r.error.contains(nobody.toString()) && r.error.contains(shard.id.toString()), qPrintable(r.error));
        qInfo("%s", qPrintable(r.error));
        QCOMPARE(b->loadedCount(), 0);
        QCOMPARE(QDir(dirB.path()).entryList(QDir::Files).size(), 0);

        // Cancelling reports once, too.
        QVERIFY(b->fetchShard(shard.id, dirB.path(), {nobody}).ok());
        b->cancelFetch(shard.id);
        QCOMPARE(wb.fetched.size(), 2);
        QVERIFY2(wb.fetched.last().error.contains(u"cancelled"_s), qPrintable(wb.fetched.last().error));
        QCOMPARE(b->loadedCount(), 0);
    }

    void idleShardsAreUnloaded()
    {
        QTemporaryDir dirA, dirB;
        const Shard one = writeShard(dirA.path(), 300000, 70);
        const Shard two = writeShard(dirA.path(), 400000, 71);
        SwarmSettings idle;
        // Long enough that the seeder still holds `one` when B starts to
        // fetch it on a loaded machine (nothing here reopens it on demand,
        // as a node's control plane does); short enough for a quick test.
        idle.idleUnloadAfter = std::chrono::milliseconds(stratus::test::scaledMs(4000));
        auto a = startSession(u"127.0.0.33"_s, idle);
        auto b = startSession(u"127.0.0.34"_s, idle);
        Watch wa(a.get()), wb(b.get());
        QVERIFY(a->seedShard(one.id, one.path).ok());
        QVERIFY(a->seedShard(two.id, two.path, two.leaves).ok());
        QCOMPARE(a->loadedCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 2, stratus::test::scaledMs(20000));
        // A shard that is fetched from stays; then it goes idle too.
        QVERIFY(b->fetchShard(one.id, dirB.path(), {a->listenEndpoint()}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wb.fetched.size(), 1, stratus::test::scaledMs(20000));
        QVERIFY(wb.fetched.first().ok());
        QVERIFY(b->seedShard(one.id, wb.fetched.first().path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(a->loadedCount(), 0, stratus::test::scaledMs(20000));
        QCOMPARE(wa.unloaded.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(b->loadedCount(), 0, stratus::test::scaledMs(20000));
        QCOMPARE(wb.unloaded.size(), 1);
        // The files stay, and load again on demand.
        QVERIFY(QFile::exists(one.path));
        QVERIFY(a->seedShard(one.id, one.path).ok());
        QTRY_COMPARE_WITH_TIMEOUT(wa.ready.size(), 3, stratus::test::scaledMs(20000));
        QCOMPARE(a->loadedCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSwarmSession)
#include "test_swarm_session.moc"
