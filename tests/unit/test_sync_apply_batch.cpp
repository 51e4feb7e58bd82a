#include "sync/apply_batch.h"

#include "crypto/hash.h"
#include "crypto/random.h"
#include "sync/apply_journal.h"
#include "sync/ignore_rules.h"
#include "sync/scanner.h"
#include "sync/versioner.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

const QString kFolder = u"f1"_s;
constexpr qint64 kNow = 1'780'000'000'000;

crypto::NodeId remoteDevice() { return crypto::NodeId::fromBytes(QByteArray(32, 'r')).value(); }

FileEntry remoteFile(const QString &path, const QByteArray &content, bool exec = false)
{
    FileEntry e;
    e.path = path;
    e.size = content.size();
    e.mtimeNs = 1'700'000'000'123'456'789;
    e.mode = exec ? 0755 : 0644;
    e.hash = crypto::sha256(content);
    if (!e.version.increment(remoteDevice()))
        qFatal("increment");
    return e;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeLocal(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

// Every file of the folder outside .stratus/, relative path → content.
QMap<QString, QByteArray> folderFiles(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        const QString rel = QDir(root).relativeFilePath(p);
        if (!rel.startsWith(u".stratus/"_s))
            out.insert(rel, readAll(p));
    }
    return out;
}

} // namespace

class TestSyncApplyBatch : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(32);
    int m_case = 0;
    QString m_root;

    QString dbPath() const { return m_dir.filePath(u"index%1.db"_s.arg(m_case)); }
    std::unique_ptr<LocalIndex> open()
    {
        auto index = LocalIndex::open(dbPath(), m_key);
        if (!index)
            qFatal("%s", qPrintable(index.message()));
        return std::move(index.value());
    }
    FolderInfo folder() const { return {kFolder, m_root, u"Docs"_s}; }

private Q_SLOTS:
    void init()
    {
        ++m_case;
        m_root = m_dir.filePath(u"folder%1"_s.arg(m_case));
        QVERIFY(QDir().mkpath(m_root));
        auto index = open();
        QVERIFY(index->putFolder(folder()));
    }

    // Leftover temps of a crashed apply go at start; a drop the desktop app
    // is copying in right now stays (an old one goes too).
    void leftoverTempsGoButAFreshDropStays()
    {
        QVERIFY(QDir().mkpath(m_root + u"/sub"_s));
        const QString crashed = m_root + u"/sub/.stratus-tmp-1a2b3c"_s;
        const QString copying = m_root + u"/"_s + kDropTempPrefix + u"big.iso"_s;
        const QString stale = m_root + u"/sub/"_s + kDropTempPrefix + u"old.iso"_s;
        for (const QString &p : {crashed, copying, stale}) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write("x") == 1);
        }
        {
            QFile f(stale);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-7200), QFileDevice::FileModificationTime));
        }
        auto removed = removeLeftoverTemps(m_root);
        QVERIFY2(removed.ok(), removed.ok() ? "" : qPrintable(removed.message()));
        QCOMPARE(removed.value(), 2);
        QVERIFY(!QFile::exists(crashed) && !QFile::exists(stale));
        QVERIFY(QFile::exists(copying));
    }

    void appliesFilesDirectoriesAndDeletes()
    {
        auto index = open();
        ApplyBatch batch(*index, folder());
        batch.writeFile(remoteFile(u"a.txt"_s, "alpha"), "alpha");
        batch.writeFile(remoteFile(u"deep/er/run.sh"_s, "#!/bin/sh\n", true), "#!/bin/sh\n");
        batch.writeFile(remoteFile(u"empty"_s, {}), {});
        FileEntry old = remoteFile(u"1969.txt"_s, "old");
        old.mtimeNs = -1'500'000'001; // 1969-12-31 23:59:58.499999999
        batch.writeFile(old, "old");
        FileEntry dir = remoteFile(u"empty dir"_s, {});
        dir.hash.clear();
        batch.makeDirectory(dir);
        Result<ApplyReport> report = batch.commit(kNow);
        QVERIFY2(report, qPrintable(report ? QString() : report.message()));
        QVERIFY(report->issues.isEmpty());
        QCOMPARE(report->applied.size(), 5);
        QCOMPARE(index->entry(kFolder, u"1969.txt"_s).value()->mtimeNs, -1'500'000'001);
        QCOMPARE(readAll(m_root + u"/a.txt"_s), QByteArray("alpha"));
        QCOMPARE(readAll(m_root + u"/deep/er/run.sh"_s), QByteArray("#!/bin/sh\n"));
        QVERIFY(QFileInfo(m_root + u"/empty dir"_s).isDir());
        QVERIFY(QFileInfo(m_root + u"/deep/er/run.sh"_s).isExecutable());
        QVERIFY(!QFileInfo(m_root + u"/a.txt"_s).isExecutable());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(m_root + u"/a.txt"_s).constData(), &st), 0);
        QCOMPARE(qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, 1'700'000'000'123'456'789);
        // The index holds what is on disk, inode included.
        auto a = index->entry(kFolder, u"a.txt"_s).value();
        QVERIFY(a);
        QCOMPARE(a->inode, qint64(st.st_ino));
        QCOMPARE(a->hash, crypto::sha256("alpha"));
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 5);

        // Replace and delete in a second batch.
        ApplyBatch second(*index, folder());
        second.writeFile(remoteFile(u"a.txt"_s, "alpha 2"), "alpha 2");
        FileEntry gone = remoteFile(u"deep/er/run.sh"_s, {});
        gone.hash.clear();
        second.remove(gone);
        FileEntry dirGone = dir;
        second.remove(dirGone);
        report = second.commit(kNow);
        QVERIFY(report);
        QVERIFY(report->issues.isEmpty());
        QCOMPARE(readAll(m_root + u"/a.txt"_s), QByteArray("alpha 2"));
        QVERIFY(!QFileInfo::exists(m_root + u"/deep/er/run.sh"_s));
        QVERIFY(!QFileInfo::exists(m_root + u"/empty dir"_s));
        QVERIFY(index->entry(kFolder, u"deep/er/run.sh"_s).value()->deleted);
        QCOMPARE(folderFiles(m_root).keys(), (QStringList{u"1969.txt"_s, u"a.txt"_s, u"empty"_s}));
    }

    // The index records exactly what the scanner would: a scan after an
    // apply finds nothing to sync (no echo of remote changes), even with
    // versions and trash under .stratus/.
    void scanAfterApplyFindsNothing()
    {
        auto index = open();
        Versioner versioner(m_root);
        ApplyBatch first(*index, folder(), &versioner);
        first.writeFile(remoteFile(u"a/b/c.txt"_s, "c"), "c");
        first.writeFile(remoteFile(u"run.sh"_s, "#!", true), "#!");
        first.writeFile(remoteFile(u"gone.txt"_s, "g"), "g");
        FileEntry dir = remoteFile(u"a"_s, {});
        dir.hash.clear();
        first.makeDirectory(dir);
        FileEntry dirB = remoteFile(u"a/b"_s, {});
        dirB.hash.clear();
        first.makeDirectory(dirB);
        FileEntry empty = remoteFile(u"empty"_s, {});
        empty.hash.clear();
        first.makeDirectory(empty);
        QVERIFY(first.commit(kNow).ok());
        ApplyBatch second(*index, folder(), &versioner);
        second.writeFile(remoteFile(u"run.sh"_s, "#!/bin/sh", true), "#!/bin/sh");
        FileEntry tomb = remoteFile(u"gone.txt"_s, {});
        tomb.hash.clear();
        second.remove(tomb);
        QVERIFY(second.commit(kNow).ok());

        QThreadPool pool;
        Scanner scanner(m_root, IgnoreRules(), &pool);
        Result<ScanResult> scan = scanner.scan(index->entriesUnder(kFolder, QString()).value());
        QVERIFY2(scan, qPrintable(scan ? QString() : scan.message()));
        for (const ScanChange &c : scan->changes)
            qWarning("unexpected change: %s kind %d", qPrintable(c.entry.path), int(c.kind));
        QVERIFY(scan->changes.isEmpty());
        QCOMPARE(scan->hashedFiles, 0); // (size, mtime, inode) all matched
    }

    void localChangesAreConflicts()
    {
        auto index = open();
        ApplyBatch first(*index, folder());
        first.writeFile(remoteFile(u"edited.txt"_s, "v1"), "v1");
        first.makeDirectory(remoteFile(u"dir"_s, {}));
        QVERIFY(first.commit(kNow).ok());
        QVERIFY(writeLocal(m_root + u"/edited.txt"_s, "local edit"));
        QVERIFY(writeLocal(m_root + u"/untracked.txt"_s, "never synced"));
        QVERIFY(writeLocal(m_root + u"/dir/new.txt"_s, "never synced"));

        ApplyBatch batch(*index, folder());
        batch.writeFile(remoteFile(u"edited.txt"_s, "remote"), "remote");
        batch.writeFile(remoteFile(u"untracked.txt"_s, "remote"), "remote");
        FileEntry dirGone = remoteFile(u"dir"_s, {});
        dirGone.hash.clear();
        batch.remove(dirGone);
        batch.writeFile(remoteFile(u".stratus/versions/x"_s, "evil"), "evil");
        batch.writeFile(remoteFile(u"ok.txt"_s, "fine"), "fine");
        batch.writeFile(remoteFile(u"ok.txt"_s, "twice"), "twice");
        Result<ApplyReport> report = batch.commit(kNow);
        QVERIFY(report);
        QCOMPARE(report->applied.size(), 1);
        QCOMPARE(report->applied[0].path, u"ok.txt"_s);
        QCOMPARE(report->issues.size(), 5);
        int conflicts = 0;
        for (const ApplyIssue &i : report->issues)
            conflicts += i.kind == ApplyIssue::Kind::Conflict;
        QCOMPARE(conflicts, 3); // the reserved path and the repeated one are refusals
        QCOMPARE(readAll(m_root + u"/ok.txt"_s), QByteArray("fine"));
        QCOMPARE(readAll(m_root + u"/edited.txt"_s), QByteArray("local edit"));
        QCOMPARE(readAll(m_root + u"/untracked.txt"_s), QByteArray("never synced"));
        QVERIFY(QFileInfo(m_root + u"/dir/new.txt"_s).isFile());
        QVERIFY(!QFileInfo::exists(m_root + u"/.stratus/versions/x"_s));
        QCOMPARE(index->entry(kFolder, u"edited.txt"_s).value()->hash, crypto::sha256("v1"));
        QVERIFY(!index->entry(kFolder, u"untracked.txt"_s).value());
        // No temp is left behind by the skipped changes.
        for (const QString &p : folderFiles(m_root).keys())
            QVERIFY2(!p.contains(u".stratus-tmp-"_s), qPrintable(p));
    }

    // A local delete the scanner has not seen yet loses to a remote edit (an
    // edit beats a delete), and a remote delete of a file already gone locally
    // just records the tombstone.
    void localDeleteLosesToRemoteEdit()
    {
        auto index = open();
        ApplyBatch first(*index, folder());
        first.writeFile(remoteFile(u"kept.txt"_s, "v1"), "v1");
        first.writeFile(remoteFile(u"gone.txt"_s, "v1"), "v1");
        QVERIFY(first.commit(kNow).ok());
        QVERIFY(QFile::remove(m_root + u"/kept.txt"_s));
        QVERIFY(QFile::remove(m_root + u"/gone.txt"_s));
        ApplyBatch second(*index, folder());
        second.writeFile(remoteFile(u"kept.txt"_s, "v2"), "v2");
        FileEntry tomb = remoteFile(u"gone.txt"_s, {});
        tomb.hash.clear();
        second.remove(tomb);
        Result<ApplyReport> report = second.commit(kNow);
        QVERIFY(report);
        QVERIFY(report->issues.isEmpty());
        QCOMPARE(readAll(m_root + u"/kept.txt"_s), QByteArray("v2"));
        QVERIFY(index->entry(kFolder, u"gone.txt"_s).value()->deleted);
    }

    void renamesMoveWithoutRewriting()
    {
        auto index = open();
        ApplyBatch first(*index, folder());
        first.writeFile(remoteFile(u"old/a.txt"_s, "aaa"), "aaa");
        first.writeFile(remoteFile(u"edited.txt"_s, "e"), "e");
        first.writeFile(remoteFile(u"blocked.txt"_s, "b"), "b");
        QVERIFY(first.commit(kNow).ok());
        const qint64 inode = index->entry(kFolder, u"old/a.txt"_s).value()->inode;
        QVERIFY(writeLocal(m_root + u"/edited.txt"_s, "local edit"));
        QVERIFY(writeLocal(m_root + u"/taken.txt"_s, "in the way"));

        auto move = [](const QString &from, const QString &to) {
            FileEntry tomb = remoteFile(from, {});
            tomb.hash.clear();
            FileEntry moved = remoteFile(to, {});
            moved.hash.clear(); // taken from the index
            return std::pair{tomb, moved};
        };
        ApplyBatch batch(*index, folder());
        auto [t1, m1] = move(u"old/a.txt"_s, u"new/dir/b.txt"_s);
        batch.rename(t1, m1);
        auto [t2, m2] = move(u"edited.txt"_s, u"edited2.txt"_s);
        batch.rename(t2, m2);
        auto [t3, m3] = move(u"blocked.txt"_s, u"taken.txt"_s);
        batch.rename(t3, m3);
        Result<ApplyReport> report = batch.commit(kNow);
        QVERIFY2(report, qPrintable(report ? QString() : report.message()));
        QCOMPARE(report->applied.size(), 2);
        QCOMPARE(report->issues.size(), 2);
        for (const ApplyIssue &i : report->issues)
            QCOMPARE(i.kind, ApplyIssue::Kind::Conflict);
        QCOMPARE(readAll(m_root + u"/new/dir/b.txt"_s), QByteArray("aaa"));
        QVERIFY(!QFileInfo::exists(m_root + u"/old/a.txt"_s));
        const auto moved = index->entry(kFolder, u"new/dir/b.txt"_s).value();
        QVERIFY(moved && !moved->deleted);
        QCOMPARE(moved->inode, inode); // the same file: moved, not rewritten
        QCOMPARE(moved->hash, crypto::sha256("aaa"));
        QVERIFY(index->entry(kFolder, u"old/a.txt"_s).value()->deleted);
        QCOMPARE(readAll(m_root + u"/edited.txt"_s), QByteArray("local edit"));
        QCOMPARE(readAll(m_root + u"/taken.txt"_s), QByteArray("in the way"));
        QCOMPARE(readAll(m_root + u"/blocked.txt"_s), QByteArray("b"));
    }

    void neverWritesThroughASymlink()
    {
        auto index = open();
        const QString outside = m_dir.filePath(u"outside%1"_s.arg(m_case));
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(QFile::link(outside, m_root + u"/link"_s));
        ApplyBatch batch(*index, folder());
        batch.writeFile(remoteFile(u"link/x.txt"_s, "x"), "x");
        batch.makeDirectory(remoteFile(u"link/sub"_s, {}));
        Result<ApplyReport> report = batch.commit(kNow);
        QVERIFY(report);
        QVERIFY(report->applied.isEmpty());
        QCOMPARE(report->issues.size(), 2);
        QVERIFY(QDir(outside).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    void versionerKeepsReplacedAndDeleted()
    {
        auto index = open();
        Versioner versioner(m_root);
        ApplyBatch first(*index, folder(), &versioner);
        first.writeFile(remoteFile(u"d/doc.txt"_s, "v1"), "v1");
        first.writeFile(remoteFile(u"gone.txt"_s, "bye"), "bye");
        QVERIFY(first.commit(kNow).ok());
        ApplyBatch second(*index, folder(), &versioner);
        second.writeFile(remoteFile(u"d/doc.txt"_s, "v2"), "v2");
        FileEntry gone = remoteFile(u"gone.txt"_s, {});
        gone.hash.clear();
        second.remove(gone);
        Result<ApplyReport> report = second.commit(kNow + 1000);
        QVERIFY(report);
        QVERIFY(report->issues.isEmpty());
        const QList<StoredVersion> versions = versioner.versions(u"d/doc.txt"_s).value();
        QCOMPARE(versions.size(), 1);
        QCOMPARE(readAll(versions[0].storedPath), QByteArray("v1"));
        const QList<StoredVersion> trash = versioner.trashed(u"gone.txt"_s).value();
        QCOMPARE(trash.size(), 1);
        QCOMPARE(readAll(trash[0].storedPath), QByteArray("bye"));
        QCOMPARE(folderFiles(m_root).keys(), QStringList{u"d/doc.txt"_s});
    }

    void tenThousandSmallFiles()
    {
        auto index = open();
        ApplyBatch batch(*index, folder());
        for (int i = 0; i < 10000; ++i) {
            const QByteArray content = "file " + QByteArray::number(i) + QByteArray(100 + i % 900, 'x');
            batch.writeFile(remoteFile(u"d%1/f%2.txt"_s.arg(i % 100).arg(i), content), content);
        }
        QElapsedTimer timer;
        batch.setStageHook(
            [&timer](ApplyBatch::Stage s) { qInfo("stage %d done at %lld ms", int(s), timer.elapsed()); });
        timer.start();
        Result<ApplyReport> report = batch.commit(kNow);
        const qint64 ms = timer.elapsed();
        QVERIFY2(report, qPrintable(report ? QString() : report.message()));
        QCOMPARE(report->applied.size(), 10000);
        qInfo("10,000 small files applied in one batch in %lld ms", ms);
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 10000);
        QCOMPARE(readAll(m_root + u"/d7/f4207.txt"_s).left(9), QByteArray("file 4207"));
    }

    // A process killed at each stage of a batch: after recover(), no temp is
    // left, every file holds a whole old or whole new content, and the index
    // records nothing that is not on disk.
    void killedAtEveryStage_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("temps written") << int(ApplyBatch::Stage::TempsWritten);
        QTest::newRow("temps flushed") << int(ApplyBatch::Stage::TempsFlushed);
        QTest::newRow("renamed") << int(ApplyBatch::Stage::Renamed);
        QTest::newRow("directories flushed") << int(ApplyBatch::Stage::DirectoriesFlushed);
        QTest::newRow("recorded") << int(ApplyBatch::Stage::Recorded);
    }
    void killedAtEveryStage()
    {
        QFETCH(int, stage);
        constexpr int kFiles = 300;
        auto oldContent = [](int i) { return "old " + QByteArray::number(i) + QByteArray(2000, 'o'); };
        auto newContent = [](int i) { return "new " + QByteArray::number(i) + QByteArray(3000, 'n'); };
        {
            auto index = open();
            ApplyBatch first(*index, folder());
            for (int i = 0; i < kFiles; i += 2) // half the paths exist before
                first.writeFile(remoteFile(u"s%1/f%2"_s.arg(i % 7).arg(i), oldContent(i)), oldContent(i));
            QVERIFY(first.commit(kNow).ok());
        } // no connection may cross fork()
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto index = LocalIndex::open(dbPath(), m_key);
            if (!index)
                ::_exit(2);
            ApplyBatch batch(*index.value(), folder());
            for (int i = 0; i < kFiles; ++i) {
                FileEntry e = remoteFile(u"s%1/f%2"_s.arg(i % 7).arg(i), newContent(i));
                e.version.increment(remoteDevice()).ok();
                batch.writeFile(e, newContent(i));
            }
            batch.setStageHook([stage](ApplyBatch::Stage s) {
                if (int(s) == stage)
                    ::raise(SIGKILL);
            });
            (void)batch.commit(kNow);
            ::_exit(3);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        {
            auto index = open();
            QVERIFY(ApplyBatch::recover(*index, folder()).ok());
        }
        QVERIFY(!QFileInfo::exists(m_root + u"/.stratus/apply-journal"_s));
        const QMap<QString, QByteArray> files = folderFiles(m_root);
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QVERIFY2(!it.key().contains(u".stratus-tmp-"_s), qPrintable(it.key()));
            const int i = it.key().section(u"/f"_s, -1).toInt();
            QVERIFY2(it.value() == newContent(i) || (i % 2 == 0 && it.value() == oldContent(i)), qPrintable(it.key()));
        }
        auto index = open();
        const QList<FileEntry> entries = index->entriesUnder(kFolder, QString()).value();
        QVERIFY(entries.size() >= kFiles / 2);
        for (const FileEntry &e : entries) {
            QVERIFY2(files.contains(e.path), qPrintable(e.path));
            QCOMPARE(crypto::sha256(files.value(e.path)), e.hash);
        }
        // Once renamed, the batch is rolled forward: every file recorded new.
        if (stage >= int(ApplyBatch::Stage::Renamed)) {
            QCOMPARE(entries.size(), kFiles);
            for (const FileEntry &e : entries)
                QCOMPARE(e.version.counter(remoteDevice()), 2);
        }
        qInfo("after the kill: %lld files on disk, %lld recorded", qint64(files.size()), qint64(entries.size()));
    }

    // A batch that failed after its renames left its journal: the next batch
    // finishes it first.
    void nextBatchCompletesALeftJournal()
    {
        auto index = open();
        QVERIFY(writeLocal(m_root + u"/done.txt"_s, "done"));
        QVERIFY(writeApplyJournal(m_root, {remoteFile(u"done.txt"_s, "done"), remoteFile(u"never.txt"_s, "no")}));
        ApplyBatch batch(*index, folder());
        batch.writeFile(remoteFile(u"next.txt"_s, "next"), "next");
        Result<ApplyReport> report = batch.commit(kNow);
        QVERIFY2(report, qPrintable(report ? QString() : report.message()));
        QVERIFY(report->issues.isEmpty());
        QCOMPARE(index->entry(kFolder, u"done.txt"_s).value()->hash, crypto::sha256("done"));
        QVERIFY(!index->entry(kFolder, u"never.txt"_s).value()); // not on disk: not recorded
        QVERIFY(index->entry(kFolder, u"next.txt"_s).value());
        QVERIFY(!QFileInfo::exists(applyJournalPath(m_root)));
    }

    void recoverRemovesOnlyTemps()
    {
        QVERIFY(QDir().mkpath(m_root + u"/sub"_s));
        QVERIFY(QDir().mkpath(m_root + u"/.stratus/versions"_s));
        QVERIFY(writeLocal(m_root + u"/sub/.stratus-tmp-0123"_s, "partial"));
        QVERIFY(writeLocal(m_root + u"/.stratus-tmp-abcd"_s, "partial"));
        QVERIFY(writeLocal(m_root + u"/sub/real.txt"_s, "real"));
        QVERIFY(writeLocal(m_root + u"/.stratus/versions/.stratus-tmp-keep"_s, "ours"));
        auto index = open();
        Result<int> removed = ApplyBatch::recover(*index, folder());
        QVERIFY(removed);
        QCOMPARE(*removed, 2);
        QCOMPARE(folderFiles(m_root).keys(), QStringList{u"sub/real.txt"_s});
        QVERIFY(QFileInfo::exists(m_root + u"/.stratus/versions/.stratus-tmp-keep"_s));
        FolderInfo missing = folder();
        missing.rootPath += u"/missing"_s;
        QVERIFY(!ApplyBatch::recover(*index, missing).ok());
    }
};

QTEST_GUILESS_MAIN(TestSyncApplyBatch)
#include "test_sync_apply_batch.moc"
