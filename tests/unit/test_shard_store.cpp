// The storage node's shard store: verification before accepting, capacity
// and disk-space refusals, crash-safe layout, and the scan that rebuilds the
// accounting from disk.

#include "node/limits.h"
#include "node/shard_store.h"
#include "object/merkle.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "test_data.h"
#include "test_node_fixtures.h"

#include <atomic>
#include <memory>
#include <sys/stat.h>
#include <vector>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using object::ShardId;
using stratus::test::pseudoRandom;
using stratus::test::shardIdOf;

namespace {

constexpr qint64 kBlock = qint64(object::kMerkleBlockSize);

ShardStoreOptions options(qint64 capacity)
{
    ShardStoreOptions o;
    o.capacity = capacity;
    o.diskReserve = 1024 * 1024;
    return o;
}

std::unique_ptr<ShardStore> openStore(const QString &dir, qint64 capacity = 64 * 1024 * 1024)
{
    auto store = ShardStore::open(dir, options(capacity));
    if (!store) {
        qWarning().noquote() << store.message();
        return nullptr;
    }
    return std::move(store).value();
}

// Every file under `dir` (recursively), relative to it.
QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestShardStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void putStoresInFanOutLayoutWithLeaves()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(5 * kBlock + 123, 1);
        const ShardId id = shardIdOf(data);
        QVERIFY(!store->has(id));
        const Status st = store->put(id, data);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
        QVERIFY(store->has(id));

        const QString hex = id.toString();
        const QString expected = u"%1/shards/%2/%3/%4"_s.arg(dir.path(), hex.mid(0, 2), hex.mid(2, 2), hex);
        QCOMPARE(store->pathOf(id), expected);
        QCOMPARE(readAll(expected), data);
        QCOMPARE(QFileInfo(expected + u".leaves"_s).size(), 6 * 32);
        const auto leaves = store->readLeaves(id);
        QVERIFY(leaves.ok());
        QCOMPARE(object::merkleRootFromLeaves(*leaves),
                 object::merkleRootFromLeaves(object::merkleLeaves(
                     reinterpret_cast<const std::uint8_t *>(data.constData()), std::size_t(data.size()))));

        QCOMPARE(store->shardCount(), 1);
        QCOMPARE(store->usedBytes(), data.size() + 6 * 32);
        QCOMPARE(ShardStore::footprint(data.size()), data.size() + 6 * 32);
        QCOMPARE(store->freeBytes(), store->capacity() - store->usedBytes());

        // Storing it again changes nothing.
        QVERIFY(store->put(id, data).ok());
        QCOMPARE(store->shardCount(), 1);
        QCOMPARE(store->usedBytes(), data.size() + 6 * 32);
        // No temporary file is left behind.
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s),
                 QStringList({QDir(dir.path() + u"/shards"_s).relativeFilePath(expected),
                              QDir(dir.path() + u"/shards"_s).relativeFilePath(expected + u".leaves"_s)}));
    }

    void largeShardsAndKnownLeaves()
    {
        // Several MiB (written around the page cache in 4 MiB steps, then
        // the tail); leaves a transfer verified are taken when they lead to
        // the root, and ignored (the bytes hashed) when they do not.
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(9 * 1024 * 1024 + 5, 7);
        const ShardId id = shardIdOf(data);
        const auto leaves =
            object::merkleLeaves(reinterpret_cast<const std::uint8_t *>(data.constData()), std::size_t(data.size()));
        QVERIFY(store->put(id, data, leaves).ok());
        QCOMPARE(readAll(store->pathOf(id)), data);
        QCOMPARE(*store->readLeaves(id), leaves);

        const QByteArray other = pseudoRandom(2 * kBlock + 1, 8);
        const ShardId otherId = shardIdOf(other);
        std::vector<object::Hash32> wrong(leaves.begin(), leaves.begin() + 3);
        QVERIFY(store->put(otherId, other, wrong).ok());
        QCOMPARE(readAll(store->pathOf(otherId)), other);
        QCOMPARE(object::merkleRootFromLeaves(*store->readLeaves(otherId)),
                 object::merkleRootFromLeaves(object::merkleLeaves(
                     reinterpret_cast<const std::uint8_t *>(other.constData()), std::size_t(other.size()))));
    }

    void readBlockReadsOneBlock()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(3 * kBlock + 10, 2);
        const ShardId id = shardIdOf(data);
        QVERIFY(store->put(id, data).ok());
        QCOMPARE(*store->readBlock(id, 0), data.left(kBlock));
        QCOMPARE(*store->readBlock(id, 1), data.mid(kBlock, kBlock));
        QCOMPARE(*store->readBlock(id, 3), data.mid(3 * kBlock));
        QVERIFY(!store->readBlock(id, 4).ok());
    }

    void refusesWrongSizeOrRoot()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(2 * kBlock + 7, 3);
        const ShardId id = shardIdOf(data);

        QByteArray flipped = data;
        flipped[kBlock + 5] = static_cast<char>(flipped[kBlock + 5] ^ 0x01);
        const Status corrupt = store->put(id, flipped);
        QVERIFY(!corrupt.ok());
        QVERIFY2(corrupt.message().contains(u"merkle root"_s), qPrintable(corrupt.message()));

        const Status shorter = store->put(id, data.left(data.size() - 1));
        QVERIFY(!shorter.ok());
        QVERIFY2(shorter.message().contains(u"bytes"_s), qPrintable(shorter.message()));

        QVERIFY(!store->put(ShardId{QByteArray(31, 'x'), data.size()}, data).ok());
        QVERIFY(!store->put(ShardId{id.root, kMaxShardSize + 1}, data).ok());
        QVERIFY(!store->has(id));
        QCOMPARE(store->usedBytes(), 0);
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s), QStringList());
    }

    void importVerifiesAndCopies()
    {
        QTemporaryDir dir;
        QTemporaryDir incoming;
        auto store = openStore(dir.path());
        QVERIFY(store);
        // Larger than the 1 MiB copy buffer, not a multiple of a block.
        const QByteArray data = pseudoRandom(70 * kBlock + 999, 4);
        const ShardId id = shardIdOf(data);
        const QString source = incoming.path() + u"/download.part"_s;
        QVERIFY(writeFile(source, data));
        const Status st = store->importFile(id, source);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
        QVERIFY(store->has(id));
        QCOMPARE(readAll(store->pathOf(id)), data);
        QCOMPARE(readAll(source), data); // the source is left alone
        QCOMPARE(QFileInfo(store->leavesPathOf(id)).size(), 71 * 32);
    }

    void corruptedImportIsRefused()
    {
        QTemporaryDir dir;
        QTemporaryDir incoming;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(40 * kBlock + 1, 5);
        const ShardId id = shardIdOf(data);

        QByteArray corrupt = data;
        corrupt[30 * kBlock] = static_cast<char>(corrupt[30 * kBlock] ^ 0x80);
        const QString source = incoming.path() + u"/bad"_s;
        QVERIFY(writeFile(source, corrupt));
        const Status bad = store->importFile(id, source);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.message().contains(u"merkle root"_s), qPrintable(bad.message()));

        QVERIFY(writeFile(source, data + QByteArray("x")));
        QVERIFY(!store->importFile(id, source).ok());
        QVERIFY(writeFile(source, data.left(data.size() - 1)));
        QVERIFY(!store->importFile(id, source).ok());
        QVERIFY(!store->importFile(id, incoming.path() + u"/missing"_s).ok());
        QVERIFY(!store->importFile(id, incoming.path()).ok()); // a directory

        QVERIFY(!store->has(id));
        QCOMPARE(store->usedBytes(), 0);
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s), QStringList());
    }

    void capacityRefusalLeavesNoFile()
    {
        QTemporaryDir dir;
        const QByteArray a = pseudoRandom(4 * kBlock, 6);
        const QByteArray b = pseudoRandom(4 * kBlock, 7);
        // Room for one shard and its leaves, not for two.
        auto store = openStore(dir.path(), ShardStore::footprint(a.size()) + 100);
        QVERIFY(store);
        QVERIFY(store->put(shardIdOf(a), a).ok());
        const QStringList before = filesUnder(dir.path() + u"/shards"_s);

        const Status refused = store->put(shardIdOf(b), b);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(u"allocated"_s), qPrintable(refused.message()));
        QTemporaryDir incoming;
        QVERIFY(writeFile(incoming.path() + u"/b"_s, b));
        QVERIFY(!store->importFile(shardIdOf(b), incoming.path() + u"/b"_s).ok());

        QVERIFY(!store->has(shardIdOf(b)));
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s), before);
        QCOMPARE(store->shardCount(), 1);
        QCOMPARE(store->freeBytes(), 100);

        // Removing frees the space for the next one.
        QVERIFY(store->remove(shardIdOf(a)).ok());
        QCOMPARE(store->usedBytes(), 0);
        QVERIFY(!QFile::exists(store->pathOf(shardIdOf(a))));
        QVERIFY(!QFile::exists(store->leavesPathOf(shardIdOf(a))));
        QVERIFY(store->put(shardIdOf(b), b).ok());
        QVERIFY(!store->remove(shardIdOf(a)).ok());
    }

    void diskSpaceRefusalLeavesNoFile()
    {
        QTemporaryDir dir;
        ShardStoreOptions o;
        o.capacity = 64 * 1024 * 1024;
        o.diskReserve = std::numeric_limits<qint64>::max() / 4; // more than any disk has
        auto opened = ShardStore::open(dir.path(), o);
        QVERIFY(opened.ok());
        auto store = std::move(opened).value();
        const QByteArray data = pseudoRandom(kBlock, 8);
        const Status refused = store->put(shardIdOf(data), data);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(u"free disk space"_s), qPrintable(refused.message()));
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s), QStringList());
        QCOMPARE(store->usedBytes(), 0);
    }

    void restartSeesEverything()
    {
        QTemporaryDir dir;
        std::vector<QByteArray> shards;
        {
            auto store = openStore(dir.path());
            QVERIFY(store);
            for (int i = 0; i < 5; ++i) {
                shards.push_back(pseudoRandom((i + 1) * kBlock + i, 10 + i));
                QVERIFY(store->put(shardIdOf(shards.back()), shards.back()).ok());
            }
        }
        auto store = openStore(dir.path());
        QVERIFY(store);
        QCOMPARE(store->shardCount(), 5);
        qint64 used = 0;
        for (const QByteArray &s : shards) {
            QVERIFY(store->has(shardIdOf(s)));
            QCOMPARE(readAll(store->pathOf(shardIdOf(s))), s);
            used += ShardStore::footprint(s.size());
        }
        QCOMPARE(store->usedBytes(), used);
    }

    void secondOpenOfTheSameDirectoryIsRefused()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        auto second = ShardStore::open(dir.path(), options(1024));
        QVERIFY(!second.ok());
        QVERIFY2(second.message().contains(u"in use"_s), qPrintable(second.message()));
    }

    void scanCleansAndRepairs()
    {
        QTemporaryDir dir;
        const QByteArray good = pseudoRandom(3 * kBlock + 1, 20);
        const QByteArray noLeaves = pseudoRandom(2 * kBlock + 2, 21);
        const QByteArray truncated = pseudoRandom(2 * kBlock + 3, 22);
        const QByteArray rotten = pseudoRandom(2 * kBlock + 4, 23);
        const QByteArray leavesOnly = pseudoRandom(kBlock, 24);
        QString shardsDir;
        {
            auto store = openStore(dir.path());
            QVERIFY(store);
            for (const QByteArray *d : {&good, &noLeaves, &truncated, &rotten, &leavesOnly})
                QVERIFY(store->put(shardIdOf(*d), *d).ok());
            shardsDir = dir.path() + u"/shards"_s;

            // What a crash and a bad disk leave behind:
            QVERIFY(QFile::remove(store->leavesPathOf(shardIdOf(noLeaves))));    // leaves lost
            QVERIFY(QFile::resize(store->pathOf(shardIdOf(truncated)), kBlock)); // shard truncated
            QByteArray bad = rotten;                                             // shard rotten and
            bad[5] = static_cast<char>(bad[5] ^ 0x10);                           // its leaves lost
            QVERIFY(writeFile(store->pathOf(shardIdOf(rotten)), bad));
            QVERIFY(QFile::remove(store->leavesPathOf(shardIdOf(rotten))));
            QVERIFY(QFile::remove(store->pathOf(shardIdOf(leavesOnly)))); // leaves without shard
            const QString goodDir = QFileInfo(store->pathOf(shardIdOf(good))).path();
            QVERIFY(writeFile(goodDir + u"/."_s + shardIdOf(good).toString() + u".tmp-0123456789abcdef"_s, "partial"));
            QVERIFY(writeFile(goodDir + u"/stray.txt"_s, "operator's note"));
            QVERIFY(writeFile(shardsDir + u"/zz/00/file"_s, "misplaced"));
            // A valid shard in the wrong fan-out directory.
            const QByteArray other = pseudoRandom(kBlock, 25);
            QVERIFY(writeFile(shardsDir + u"/00/00/"_s + shardIdOf(other).toString(), other));
        }

        auto opened = ShardStore::open(dir.path(), options(64 * 1024 * 1024));
        QVERIFY(opened.ok());
        auto store = std::move(opened).value();
        auto report = store->scan(); // a second scan on a clean store changes nothing
        QVERIFY(report.ok());
        QCOMPARE(report->tempFilesRemoved, 0);
        QCOMPARE(report->quarantined.size(), 0);

        QCOMPARE(store->shardCount(), 2);
        QVERIFY(store->has(shardIdOf(good)));
        QVERIFY(store->has(shardIdOf(noLeaves)));
        QVERIFY(!store->has(shardIdOf(truncated)));
        QVERIFY(!store->has(shardIdOf(rotten)));
        QVERIFY(!store->has(shardIdOf(leavesOnly)));
        QCOMPARE(store->usedBytes(), ShardStore::footprint(good.size()) + ShardStore::footprint(noLeaves.size()));
        // The lost leaves were rebuilt, and are right.
        QCOMPARE(QFileInfo(store->leavesPathOf(shardIdOf(noLeaves))).size(), 3 * 32);
        auto leaves = store->readLeaves(shardIdOf(noLeaves));
        QVERIFY(leaves.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(object::merkleRootFromLeaves(*leaves).data()), 32),
                 shardIdOf(noLeaves).root);

        const QStringList left = filesUnder(shardsDir);
        for (const QString &f : left)
            QVERIFY2(!f.contains(u".tmp-"_s) && !f.contains(u"stray"_s) && !f.startsWith(u"zz"_s) &&
                         !f.startsWith(u"00/00"_s),
                     qPrintable(f));
        QCOMPARE(left.size(), 4); // two shards, two leaves files
        const QStringList quarantined = filesUnder(store->quarantineDirectory());
        QCOMPARE(quarantined.size(), 5); // truncated, rotten, stray.txt, zz/, misplaced shard
    }

    void concurrentPutsRespectCapacity()
    {
        QTemporaryDir dir;
        std::vector<QByteArray> shards;
        for (int i = 0; i < 8; ++i)
            shards.push_back(pseudoRandom(8 * kBlock, 40 + i));
        // Room for exactly five.
        auto store = openStore(dir.path(), 5 * ShardStore::footprint(8 * kBlock));
        QVERIFY(store);
        std::atomic<int> accepted{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (const QByteArray &s : shards) {
            threads.emplace_back(QThread::create([&store, &accepted, s] {
                if (store->put(shardIdOf(s), s).ok())
                    ++accepted;
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(10000));
        QCOMPARE(accepted.load(), 5);
        QCOMPARE(store->shardCount(), 5);
        QCOMPARE(store->freeBytes(), 0);
        QCOMPARE(filesUnder(dir.path() + u"/shards"_s).size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestShardStore)
#include "test_shard_store.moc"
