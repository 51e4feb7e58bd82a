#include "sync/versioner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNow = 1'780'000'000'000; // 2026-05-28 UTC
constexpr qint64 kDay = 24LL * 3600 * 1000;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

// Replaces the file the way ApplyBatch does: keep a version, rename over.
void replace(Versioner &v, const QString &root, const QString &rel, const QByteArray &content, qint64 now)
{
    if (!v.archive(rel, Versioner::Reason::Replaced, now).ok())
        qFatal("archive failed");
    if (!writeFile(root + u"/tmp-new"_s, content) || !QFile::remove(root + u'/' + rel) ||
        !QFile::rename(root + u"/tmp-new"_s, root + u'/' + rel))
        qFatal("replace failed");
}

} // namespace

class TestSyncVersioner : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_case = 0;
    QString m_root;

private Q_SLOTS:
    void init()
    {
        m_root = m_dir.filePath(u"folder%1"_s.arg(++m_case));
        QVERIFY(QDir().mkpath(m_root));
    }

    void namesAreUtcStamps()
    {
        QCOMPARE(Versioner::timestampSuffix(0), u"19700101-000000-000"_s);
        QCOMPARE(Versioner::timestampSuffix(kNow + 42), u"20260528-202640-042"_s);
    }

    void replacedVersionsAreListedNewestFirst()
    {
        Versioner v(m_root);
        const QString rel = u"docs/report.txt"_s;
        QVERIFY(writeFile(m_root + u'/' + rel, "v1"));
        replace(v, m_root, rel, "v2", kNow);
        replace(v, m_root, rel, "v3", kNow + 1000);
        // Same millisecond: the next free stamp, nothing overwritten.
        replace(v, m_root, rel, "v4", kNow + 1000);
        const QList<StoredVersion> list = v.versions(rel).value();
        QCOMPARE(list.size(), 3);
        QCOMPARE(readAll(list[0].storedPath), QByteArray("v3"));
        QCOMPARE(readAll(list[1].storedPath), QByteArray("v2"));
        QCOMPARE(readAll(list[2].storedPath), QByteArray("v1"));
        QCOMPARE(list[2].archivedMs, kNow);
        QCOMPARE(list[0].archivedMs, kNow + 1001);
        QVERIFY(list[0].storedPath.startsWith(m_root + u"/.stratus/versions/docs/report.txt~"_s));
        QCOMPARE(readAll(m_root + u'/' + rel), QByteArray("v4"));
        // Another file of the same directory is not mixed in.
        QVERIFY(writeFile(m_root + u"/docs/report.txt.bak"_s, "x"));
        QVERIFY(v.archive(u"docs/report.txt.bak"_s, Versioner::Reason::Replaced, kNow).ok());
        QCOMPARE(v.versions(rel).value().size(), 3);
        QVERIFY(v.versions(u"nothing/here"_s).value().isEmpty());
        // Glob characters in a name are just characters.
        QVERIFY(writeFile(m_root + u"/a[1]*?.txt"_s, "g"));
        QVERIFY(v.archive(u"a[1]*?.txt"_s, Versioner::Reason::Replaced, kNow).ok());
        QCOMPARE(v.versions(u"a[1]*?.txt"_s).value().size(), 1);
        QCOMPARE(v.all().value().size(), 5);
    }

    void deletedFilesGoToTheTrash()
    {
        Versioner v(m_root);
        QVERIFY(writeFile(m_root + u"/a/b.txt"_s, "bye"));
        Result<StoredVersion> kept = v.archive(u"a/b.txt"_s, Versioner::Reason::Deleted, kNow);
        QVERIFY(kept);
        QVERIFY(kept->trashed);
        QVERIFY(!QFileInfo::exists(m_root + u"/a/b.txt"_s));
        QCOMPARE(v.trashed(u"a/b.txt"_s).value(), QList<StoredVersion>{*kept});
        QVERIFY(v.versions(u"a/b.txt"_s).value().isEmpty());
        QVERIFY(!v.archive(u"a/missing"_s, Versioner::Reason::Deleted, kNow).ok());
        QVERIFY(!v.archive(u"../escape"_s, Versioner::Reason::Deleted, kNow).ok());
    }

    void restorePutsBackAndKeepsTheCurrent()
    {
        Versioner v(m_root);
        const QString rel = u"notes.md"_s;
        QVERIFY(writeFile(m_root + u'/' + rel, "old"));
        replace(v, m_root, rel, "current", kNow);
        const StoredVersion old = v.versions(rel).value().first();
        QVERIFY(v.restore(old, kNow + 5000));
        QCOMPARE(readAll(m_root + u'/' + rel), QByteArray("old"));
        // The replaced current content is now a version itself.
        const QList<StoredVersion> list = v.versions(rel).value();
        QCOMPARE(list.size(), 2);
        QCOMPARE(readAll(list[0].storedPath), QByteArray("current"));
        QCOMPARE(readAll(old.storedPath), QByteArray("old")); // the copy stays
        // From the trash, into a directory that no longer exists.
        QVERIFY(writeFile(m_root + u"/gone/x.txt"_s, "x"));
        QVERIFY(v.archive(u"gone/x.txt"_s, Versioner::Reason::Deleted, kNow).ok());
        QVERIFY(QDir(m_root + u"/gone"_s).removeRecursively());
        QVERIFY(v.restore(v.trashed(u"gone/x.txt"_s).value().first(), kNow));
        QCOMPARE(readAll(m_root + u"/gone/x.txt"_s), QByteArray("x"));
        // No temp left anywhere.
        QDirIterator it(m_root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            QVERIFY(!it.next().contains(u".stratus-tmp-"_s));
    }

    void purgeByCountAndAge()
    {
        Versioner v(m_root, {3, 30});
        QCOMPARE(v.policy().keepVersions, 3);
        const QString rel = u"busy.txt"_s;
        QVERIFY(writeFile(m_root + u'/' + rel, "0"));
        for (int i = 1; i <= 6; ++i) // six versions, one a day, over the last week
            replace(v, m_root, rel, QByteArray::number(i), kNow - (7 - i) * kDay);
        QVERIFY(writeFile(m_root + u"/old.txt"_s, "old"));
        replace(v, m_root, u"old.txt"_s, "new", kNow - 40 * kDay); // one version, 40 days old
        QVERIFY(writeFile(m_root + u"/t/recent"_s, "r"));
        QVERIFY(v.archive(u"t/recent"_s, Versioner::Reason::Deleted, kNow - kDay).ok());
        QVERIFY(writeFile(m_root + u"/t2/ancient"_s, "a"));
        QVERIFY(v.archive(u"t2/ancient"_s, Versioner::Reason::Deleted, kNow - 31 * kDay).ok());

        Result<int> removed = v.purge(kNow);
        QVERIFY(removed);
        QCOMPARE(*removed, 3 + 1 + 1); // three beyond the count, one too old, one old trash
        const QList<StoredVersion> busy = v.versions(rel).value();
        QCOMPARE(busy.size(), 3);
        QCOMPARE(readAll(busy[0].storedPath), QByteArray("5")); // the newest three kept
        QVERIFY(v.versions(u"old.txt"_s).value().isEmpty());
        QCOMPARE(v.trashed(u"t/recent"_s).value().size(), 1);
        QVERIFY(v.trashed(u"t2/ancient"_s).value().isEmpty());
        QVERIFY(!QFileInfo::exists(m_root + u"/.stratus/trash/t2"_s)); // emptied directories go
        QCOMPARE(*v.purge(kNow), 0);                                   // idempotent

        // Zero disables a limit: no count limit, only age.
        v.setPolicy({0, 2});
        QCOMPARE(*v.purge(kNow), 1); // the version of 3 days ago; 2 days is not past 2 days
        QCOMPARE(v.versions(rel).value().size(), 2);
        // Files in the store that are not ours are left alone.
        QVERIFY(writeFile(m_root + u"/.stratus/versions/README"_s, "mine"));
        v.setPolicy({1, 0});
        QVERIFY(v.purge(kNow + 1000 * kDay).ok());
        QVERIFY(QFileInfo::exists(m_root + u"/.stratus/versions/README"_s));
    }
};

QTEST_GUILESS_MAIN(TestSyncVersioner)
#include "test_sync_versioner.moc"
