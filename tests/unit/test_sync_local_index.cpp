#include "crypto/random.h"
#include "sync/local_index.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

crypto::NodeId device(char fill) { return crypto::NodeId::fromBytes(QByteArray(32, fill)).value(); }

FileEntry fileEntry(const QString &path, qint64 size)
{
    FileEntry e;
    e.path = path;
    e.size = size;
    e.mtimeNs = 1767323045123456789LL + size;
    e.inode = 1000 + size;
    e.mode = 0644;
    e.hash = crypto::randomBytes(32);
    if (!e.version.increment(device(1)))
        qFatal("increment failed");
    return e;
}

} // namespace

class TestSyncLocalIndex : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(32);
    const QString kFolder = u"f1"_s;

    QString dbPath() const { return m_dir.filePath(u"sync.db"_s); }

    std::unique_ptr<LocalIndex> open()
    {
        auto index = LocalIndex::open(dbPath(), m_key);
        if (!index)
            qFatal("%s", qPrintable(index.message()));
        return std::move(index.value());
    }

private Q_SLOTS:
    void init()
    {
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(dbPath() + suffix);
    }

    void pathsAreChecked()
    {
        QVERIFY(LocalIndex::isValidPath(u"a/b.txt"_s));
        QVERIFY(LocalIndex::isValidPath(u".bashrc"_s));
        for (const QString &bad : {u""_s, u"/a"_s, u"a/"_s, u"a//b"_s, u"./a"_s, u"a/../b"_s})
            QVERIFY2(!LocalIndex::isValidPath(bad), qPrintable(bad));
        auto index = open();
        QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        QList<FileEntry> batch{fileEntry(u"../escape"_s, 1)};
        auto written = index->writeBatch(kFolder, batch);
        QVERIFY(!written.ok());
        QVERIFY(written.message().contains(u"../escape"_s));
    }

    void roundTrip()
    {
        auto index = open();
        QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s, 42, false}));
        FileEntry exe = fileEntry(u"bin/run.sh"_s, 10);
        exe.mode = 0755;
        QVERIFY(exe.version.increment(device(2)));
        FileEntry dir;
        dir.path = u"bin"_s;
        dir.type = EntryType::Directory;
        dir.mode = 0755;
        FileEntry gone = fileEntry(u"old.txt"_s, 0);
        gone.deleted = true;
        gone.hash.clear();
        QList<FileEntry> batch{exe, dir, gone};
        auto last = index->writeBatch(kFolder, batch);
        QVERIFY2(last.ok(), qPrintable(last.ok() ? QString() : last.message()));
        QCOMPARE(last.value(), 3);
        QCOMPARE(batch[0].sequence, 1);
        QCOMPARE(batch[2].sequence, 3);

        auto got = index->entry(kFolder, u"bin/run.sh"_s);
        QVERIFY(got && got->has_value());
        QCOMPARE(got->value(), batch[0]);
        QVERIFY(got->value().executable());
        QCOMPARE(index->entry(kFolder, u"bin"_s).value()->type, EntryType::Directory);
        QVERIFY(index->entry(kFolder, u"old.txt"_s).value()->deleted);
        QVERIFY(!index->entry(kFolder, u"nope"_s).value().has_value());
        QVERIFY(!index->entry(u"other-folder"_s, u"bin"_s).value().has_value());

        auto folder = index->folder(kFolder);
        QVERIFY(folder && folder->has_value());
        QCOMPARE(folder->value().label, u"Docs"_s);
        QCOMPARE(folder->value().lastScanMs, 42);
        QCOMPARE(folder->value().sequence, 3);
    }

    void writingToAnUnknownFolderFails()
    {
        auto index = open();
        QList<FileEntry> batch{fileEntry(u"a"_s, 1)};
        auto written = index->writeBatch(u"nope"_s, batch);
        QVERIFY(!written.ok());
        QVERIFY(written.message().contains(u"nope"_s));
    }

    void prefixAndSequenceQueries()
    {
        auto index = open();
        QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        QVERIFY(index->putFolder({u"f2"_s, u"/data/f2"_s, u"Other"_s}));
        QList<FileEntry> first{fileEntry(u"a/x"_s, 1), fileEntry(u"a/y/z"_s, 2), fileEntry(u"a"_s, 3),
                               fileEntry(u"ab"_s, 4),  fileEntry(u"a-b/c"_s, 5), fileEntry(u"b"_s, 6)};
        QCOMPARE(index->writeBatch(kFolder, first).value(), 6);
        QList<FileEntry> other{fileEntry(u"a/x"_s, 7)};
        QCOMPARE(index->writeBatch(u"f2"_s, other).value(), 1); // sequences are per folder

        QStringList under;
        const QList<FileEntry> entries = index->entriesUnder(kFolder, u"a"_s).value();
        for (const FileEntry &e : entries)
            under << e.path;
        QCOMPARE(under, (QStringList{u"a"_s, u"a/x"_s, u"a/y/z"_s}));
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 6);
        QCOMPARE(index->entriesUnder(kFolder, u"a/y"_s).value().size(), 1);

        QList<FileEntry> second{fileEntry(u"b"_s, 8)};
        QCOMPARE(index->writeBatch(kFolder, second).value(), 7);
        auto changed = index->changedSince(kFolder, 5).value();
        QCOMPARE(changed.size(), 1); // "b" was rewritten at 7; its old sequence 6 is gone
        QCOMPARE(changed[0].path, u"b"_s);
        QCOMPARE(changed[0].sequence, 7);
        QCOMPARE(index->changedSince(kFolder, 0).value().size(), 6);
        QCOMPARE(index->changedSince(kFolder, 7).value().size(), 0);

        // Updating the folder keeps its files; removing it forgets them.
        QVERIFY(index->putFolder({kFolder, u"/moved"_s, u"Docs"_s, 1, true}));
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 6);
        QCOMPARE(index->folder(kFolder).value()->sequence, 7);
        QVERIFY(index->folder(kFolder).value()->paused);
        QVERIFY(index->removeFolder(kFolder));
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 0);
        QCOMPARE(index->folders().value().size(), 1);
    }

    void restartKeepsEverything()
    {
        QList<FileEntry> batch{fileEntry(u"one"_s, 1), fileEntry(u"two/three"_s, 2)};
        {
            auto index = open();
            QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s, 9, false}));
            QVERIFY(index->writeBatch(kFolder, batch));
        }
        auto index = open();
        QCOMPARE(index->entriesUnder(kFolder, QString()).value(), batch);
        QCOMPARE(index->folder(kFolder).value()->sequence, 2);
        QCOMPARE(index->folders().value().size(), 1);
    }

    void wrongKeyRefused()
    {
        {
            auto index = open();
            QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        }
        auto wrong = LocalIndex::open(dbPath(), crypto::randomBytes(32));
        QVERIFY(!wrong.ok());
        QVERIFY(!wrong.message().isEmpty());
        QFile f(dbPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("/data/f1"));
    }

    // A bad entry anywhere refuses the whole batch before anything is written.
    void invalidBatchLeavesNothing()
    {
        auto index = open();
        QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        FileEntry noHash = fileEntry(u"b"_s, 2);
        noHash.hash.clear();
        QList<FileEntry> batch{fileEntry(u"a"_s, 1), noHash};
        QVERIFY(!index->writeBatch(kFolder, batch).ok());
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 0);
        QCOMPARE(index->folder(kFolder).value()->sequence, 0);
    }

    // A process killed in the middle of writing leaves whole batches only.
    void killedWriterLeavesWholeBatches()
    {
        constexpr int kBatch = 5000;
        {
            auto index = open();
            QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        } // no connection may cross fork()
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto index = LocalIndex::open(dbPath(), m_key);
            for (int b = 0; index && b < 40; ++b) {
                QList<FileEntry> batch;
                for (int i = 0; i < kBatch; ++i)
                    batch.append(fileEntry(u"b%1/f%2"_s.arg(b).arg(i), i));
                if (!index.value()->writeBatch(kFolder, batch))
                    ::_exit(2);
            }
            ::_exit(0);
        }
        QTest::qWait(700);
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        auto index = open();
        const qsizetype count = index->entriesUnder(kFolder, QString()).value().size();
        qInfo("killed after %lld whole batches", qint64(count / kBatch));
        QCOMPARE(count % kBatch, 0);
        QCOMPARE(index->folder(kFolder).value()->sequence, count);
    }

    void tenThousandEntriesInOneBatch()
    {
        auto index = open();
        QVERIFY(index->putFolder({kFolder, u"/data/f1"_s, u"Docs"_s}));
        QList<FileEntry> batch;
        for (int i = 0; i < 10000; ++i)
            batch.append(fileEntry(u"dir%1/file%2.bin"_s.arg(i % 100).arg(i), i));
        QElapsedTimer timer;
        timer.start();
        auto last = index->writeBatch(kFolder, batch);
        QVERIFY(last);
        QCOMPARE(last.value(), 10000);
        qInfo("10,000 entries written in %lld ms", timer.elapsed());
        index.reset();
        index = open();
        QCOMPARE(index->entriesUnder(kFolder, QString()).value().size(), 10000);
        QCOMPARE(index->entriesUnder(kFolder, u"dir7"_s).value().size(), 100);
        QCOMPARE(index->changedSince(kFolder, 9990).value().size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestSyncLocalIndex)
#include "test_sync_local_index.moc"
