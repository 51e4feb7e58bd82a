#include "client/file_index.h"
#include "crypto/random.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::client;
using namespace Qt::StringLiterals;

class TestFileIndex : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(32);

    std::unique_ptr<FileIndex> open()
    {
        auto index = FileIndex::open(m_dir.filePath(u"client.db"_s), m_key);
        if (!index)
            qFatal("%s", qPrintable(index.message()));
        return std::move(index.value());
    }

private Q_SLOTS:
    void pathsAreNormalised()
    {
        QCOMPARE(FileIndex::normalizePath(u"a//b/c.txt"_s).value(), u"/a/b/c.txt"_s);
        QCOMPARE(FileIndex::normalizePath(u"/x"_s).value(), u"/x"_s);
        QVERIFY(!FileIndex::normalizePath(u"/a/../etc"_s).ok());
        QVERIFY(!FileIndex::normalizePath(u"///"_s).ok());
    }

    void versionsAccumulateAndSurviveReopen()
    {
        {
            auto index = open();
            QCOMPARE(index->addVersion(u"docs/a.txt"_s, 10, 1000, "m1").value().version, 1);
            QCOMPARE(index->addVersion(u"/docs/a.txt"_s, 12, 2000, "m2").value().version, 2);
            QCOMPARE(index->addVersion(u"b.bin"_s, 5, 3000, "m3").value().version, 1);
        }
        auto index = open();
        auto latest = index->latest(u"docs/a.txt"_s);
        QVERIFY(latest);
        QCOMPARE(latest->version, 2);
        QCOMPARE(latest->sealedManifest, QByteArray("m2"));
        QCOMPARE(index->versions(u"/docs/a.txt"_s).value().size(), 2);
        const auto all = index->listLatest().value();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].path, u"/b.bin"_s);
        QCOMPARE(all[1].path, u"/docs/a.txt"_s);
        QCOMPARE(all[1].version, 2);

        QVERIFY(index->markDeleted(u"b.bin"_s));
        QVERIFY(!index->latest(u"b.bin"_s).ok());
        QVERIFY(index->latest(u"nope"_s).message().contains(u"stratus ls"_s));
        QCOMPARE(index->listLatest().value().size(), 1);
        QVERIFY(!index->markDeleted(u"never-there"_s).ok());
        // A new version after deletion brings the file back.
        QCOMPARE(index->addVersion(u"b.bin"_s, 6, 4000, "m4").value().version, 2);
        QCOMPARE(index->listLatest().value().size(), 2);
    }

    void placements()
    {
        auto index = open();
        const object::ShardId shard{crypto::randomBytes(32), 4096};
        const auto n1 = crypto::NodeId::fromBytes(crypto::randomBytes(32)).value();
        const auto n2 = crypto::NodeId::fromBytes(crypto::randomBytes(32)).value();
        QVERIFY(index->addPlacement({shard, n1, "c1", 100}));
        QVERIFY(index->addPlacement({shard, n2, "c2", 200}));
        QVERIFY(index->addPlacement({shard, n1, "c1b", 300})); // renewal replaces
        auto list = index->placementsOf(shard).value();
        QCOMPARE(list.size(), 2);
        QVERIFY(index->removePlacement(shard, n2));
        list = index->placementsOf(shard).value();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].node, n1);
        QCOMPARE(list[0].contract, QByteArray("c1b"));
        QCOMPARE(list[0].expiryMs, qint64(300));
    }

    void databaseIsEncrypted()
    {
        QFile f(m_dir.filePath(u"client.db"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("docs/a.txt"));
    }
};

QTEST_GUILESS_MAIN(TestFileIndex)
#include "test_file_index.moc"
