#include "client/file_index.h"
#include "crypto/random.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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

    void historyKeepsWhatThePolicySays()
    {
        QTemporaryDir dir;
        auto opened = FileIndex::open(dir.filePath(u"history.db"_s), m_key);
        QVERIFY(opened);
        FileIndex &index = *opened.value();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 day = qint64(86400) * 1000;
        for (int v = 1; v <= 5; ++v)
            QVERIFY(index.addVersion(u"/Docs/a.txt"_s, v, v, "a" + QByteArray::number(v)));
        QVERIFY(index.addVersion(u"/Docs/b.txt"_s, 1, 1, "b1"));
        QVERIFY(index.addVersion(u"/Docs/gone.txt"_s, 1, 1, "g1"));
        QVERIFY(index.addVersion(u"/Docs/gone.txt"_s, 1, 1, "g2"));
        QVERIFY(index.addTombstone(u"/Docs/gone.txt"_s));
        QVERIFY(index.addVersion(u"/.stratus/log/dev/1"_s, 1, 1, "l1"));
        QVERIFY(index.addVersion(u"/.stratus/log/dev/1"_s, 1, 1, "l2"));
        QVERIFY(index.addVersion(u"/removed.bin"_s, 1, 1, "r1"));
        QVERIFY(index.addVersion(u"/removed.bin"_s, 1, 1, "r2"));
        QVERIFY(index.markDeleted(u"/removed.bin"_s));
        const auto sorted = [](QList<QByteArray> l) {
            std::sort(l.begin(), l.end());
            return l;
        };

        // No limits: nothing goes.
        QCOMPARE(index.expireVersions({0, 0}, now + 1000 * day).value(), QList<QByteArray>{});
        // Three versions kept: the two oldest of a.txt go; the trash (one
        // day old) stays whole.
        QCOMPARE(sorted(index.expireVersions({3, 30}, now).value()), (QList<QByteArray>{"a1", "a2"}));
        QCOMPARE(index.versions(u"/Docs/a.txt"_s)->size(), 3);
        QCOMPARE(index.versions(u"/Docs/gone.txt"_s)->size(), 3);
        // 31 days on: versions replaced more than 30 days ago go (the newest
        // stays, however old), the trashed file goes with its deletion; the
        // engine's log and a removed file are not history.
        QCOMPARE(sorted(index.expireVersions({3, 30}, now + 31 * day).value()),
                 (QList<QByteArray>{"a3", "a4", "g1", "g2"}));
        QCOMPARE(index.versions(u"/Docs/a.txt"_s)->size(), 1);
        QCOMPARE(index.latest(u"/Docs/a.txt"_s)->sealedManifest, QByteArray("a5"));
        QCOMPARE(index.versions(u"/Docs/b.txt"_s)->size(), 1);
        QCOMPARE(index.versions(u"/Docs/gone.txt"_s)->size(), 0);
        QCOMPARE(index.versions(u"/.stratus/log/dev/1"_s)->size(), 2);
        QCOMPARE(index.versions(u"/removed.bin"_s)->size(), 2);
        QCOMPARE(index.contentVersions()->size(), 4); // a5, b1, l1, l2
    }

    void movedManifestsAndRetiredSegments()
    {
        QTemporaryDir dir;
        auto opened = FileIndex::open(dir.filePath(u"moves.db"_s), m_key);
        QVERIFY(opened);
        FileIndex &index = *opened.value();
        QVERIFY(index.addVersion(u"/Docs/one"_s, 1, 1, "shared"));
        QVERIFY(index.addVersion(u"/Docs/two"_s, 1, 1, "shared"));
        QVERIFY(index.addVersion(u"/Docs/three"_s, 1, 1, "other"));
        QCOMPARE(index.replaceManifest("shared", "moved").value(), 2);
        QCOMPARE(index.latest(u"/Docs/two"_s)->sealedManifest, QByteArray("moved"));
        QCOMPARE(index.latest(u"/Docs/three"_s)->sealedManifest, QByteArray("other"));

        object::SegmentInfo s;
        s.k = 1;
        s.m = 1;
        s.size = 100;
        s.shardSize = 100;
        s.shards = {object::ShardId{crypto::randomBytes(32), 100}, object::ShardId{crypto::randomBytes(32), 100}};
        QVERIFY(index.retireSegment(s, 1000));
        QVERIFY(index.retireSegment(s, 2000)); // retired once: the first time counts
        auto retired = index.retiredSegments();
        QVERIFY(retired);
        QCOMPARE(retired->size(), 1);
        QCOMPARE(retired->first().segment, s);
        QCOMPARE(retired->first().retiredMs, qint64(1000));
        QVERIFY(index.unretireSegment(s));
        QVERIFY(index.retiredSegments()->isEmpty());
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
