#include "crypto/hash.h"
#include "crypto/random.h"
#include "sync/scanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

const crypto::NodeId kDevice = crypto::NodeId::fromBytes(QByteArray(32, 7)).value();

using Kind = ScanChange::Kind;

} // namespace

class TestSyncScanner : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_root;
    QThreadPool m_pool;
    std::unique_ptr<LocalIndex> m_index;
    const QString kFolder = u"f"_s;
    const QByteArray m_key = crypto::randomBytes(32);

    void openIndex()
    {
        m_index.reset();
        auto index = LocalIndex::open(m_root + u".db"_s, m_key);
        QVERIFY2(index.ok(), qPrintable(index.ok() ? QString() : index.message()));
        m_index = std::move(index.value());
    }

    void write(const QString &path, const QByteArray &content)
    {
        const QString abs = m_root + u'/' + path;
        QDir().mkpath(QFileInfo(abs).path());
        QFile f(abs);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(content), content.size());
    }

    // Scans against the index, then records the result as a local change.
    ScanResult scanAndRecord()
    {
        auto rules = IgnoreRules::load(m_root);
        if (!rules)
            qFatal("%s", qPrintable(rules.message()));
        Scanner scanner(m_root, rules.value(), &m_pool);
        auto result = scanner.scan(m_index->entriesUnder(kFolder, QString()).value());
        if (!result)
            qFatal("%s", qPrintable(result.message()));
        auto updates = localUpdates(result->changes, kDevice);
        if (!updates || !m_index->writeBatch(kFolder, updates.value()))
            qFatal("cannot record the scan");
        return result.value();
    }

    // The change of `path`; a missing one ends the test run loudly.
    static const ScanChange &find(const ScanResult &r, const QString &path)
    {
        for (const ScanChange &c : r.changes) {
            if (c.entry.path == path)
                return c;
        }
        qFatal("no change reported for %s", qPrintable(path));
    }

    static QStringList paths(const ScanResult &r)
    {
        QStringList out;
        for (const ScanChange &c : r.changes)
            out << c.entry.path;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_root = m_tmp.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(m_root));
        m_pool.setMaxThreadCount(2);
        openIndex();
        QVERIFY(m_index->putFolder({kFolder, m_root, u"F"_s}));
    }

    void detectsCreateModifyDeleteRename()
    {
        write(u"a.txt"_s, "alpha");
        write(u"dir/b.txt"_s, "bravo");
        write(u"old-name.bin"_s, "moved content");
        write(u"tool"_s, "#!/bin/sh\n");
        write(u"touched"_s, "same");
        ScanResult first = scanAndRecord();
        QCOMPARE(paths(first),
                 (QStringList{u"a.txt"_s, u"dir"_s, u"dir/b.txt"_s, u"old-name.bin"_s, u"tool"_s, u"touched"_s}));
        for (const ScanChange &c : first.changes)
            QCOMPARE(c.kind, Kind::Added);
        QCOMPARE(first.hashedFiles, 5);
        QCOMPARE(find(first, u"a.txt"_s).entry.hash, crypto::sha256("alpha"));
        QCOMPARE(find(first, u"dir"_s).entry.type, EntryType::Directory);
        QCOMPARE(m_index->entry(kFolder, u"a.txt"_s).value()->version.counter(kDevice), 1);

        write(u"a.txt"_s, "alpha, longer now");
        QVERIFY(QFile::remove(m_root + u"/dir/b.txt"_s));
        QVERIFY(QFile::rename(m_root + u"/old-name.bin"_s, m_root + u"/new-name.bin"_s));
        QVERIFY(::chmod(QFile::encodeName(m_root + u"/tool"_s).constData(), 0755) == 0);
        QFile touched(m_root + u"/touched"_s);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime::currentDateTimeUtc().addDays(-3), QFileDevice::FileModificationTime));
        touched.close();

        ScanResult second = scanAndRecord();
        QCOMPARE(paths(second), (QStringList{u"a.txt"_s, u"dir/b.txt"_s, u"new-name.bin"_s, u"old-name.bin"_s,
                                             u"tool"_s, u"touched"_s}));
        QCOMPARE(find(second, u"a.txt"_s).kind, Kind::Modified);
        QCOMPARE(find(second, u"dir/b.txt"_s).kind, Kind::Deleted);
        QCOMPARE(find(second, u"old-name.bin"_s).kind, Kind::Deleted);
        const ScanChange &moved = find(second, u"new-name.bin"_s);
        QCOMPARE(moved.kind, Kind::Added);
        QCOMPARE(moved.renamedFrom, u"old-name.bin"_s);
        const ScanChange &tool = find(second, u"tool"_s);
        QCOMPARE(tool.kind, Kind::MetadataChanged);
        QVERIFY(tool.executableChanged);
        QVERIFY(!tool.mtimeChanged);
        const ScanChange &t = find(second, u"touched"_s);
        QCOMPARE(t.kind, Kind::MetadataChanged);
        QVERIFY(t.mtimeChanged);
        QVERIFY(!t.executableChanged);
        // Only the files whose (size, mtime, inode) moved were read.
        QCOMPARE(second.hashedFiles, 3); // a.txt, new-name.bin, touched

        // The index now says what the disk says, with the versions bumped.
        QVERIFY(m_index->entry(kFolder, u"dir/b.txt"_s).value()->deleted);
        QVERIFY(m_index->entry(kFolder, u"tool"_s).value()->executable());
        QCOMPARE(m_index->entry(kFolder, u"a.txt"_s).value()->version.counter(kDevice), 2);
        QCOMPARE(scanAndRecord().changes.size(), 0);

        // A deleted path that comes back continues its history.
        write(u"dir/b.txt"_s, "bravo again");
        ScanResult back = scanAndRecord();
        QCOMPARE(find(back, u"dir/b.txt"_s).kind, Kind::Added);
        QCOMPARE(m_index->entry(kFolder, u"dir/b.txt"_s).value()->version.counter(kDevice), 3);
    }

    void unchangedFolderIsNotHashedAgain()
    {
        for (int i = 0; i < 200; ++i)
            write(u"d%1/file%2"_s.arg(i % 7).arg(i), crypto::randomBytes(100 + i * 37));
        write(u"big.bin"_s, crypto::randomBytes(3 * 1024 * 1024 + 5)); // several read buffers
        ScanResult first = scanAndRecord();
        QCOMPARE(first.hashedFiles, 201);
        QCOMPARE(first.changes.size(), 201 + 7);
        QFile big(m_root + u"/big.bin"_s);
        QVERIFY(big.open(QIODevice::ReadOnly));
        QCOMPARE(find(first, u"big.bin"_s).entry.hash, crypto::sha256(big.readAll()));

        // As after a restart: a new scanner and the index reopened from disk.
        openIndex();
        ScanResult second = scanAndRecord();
        QCOMPARE(second.hashedFiles, 0);
        QCOMPARE(second.hashedBytes, 0);
        QCOMPARE(second.changes.size(), 0);
        QCOMPARE(second.seenEntries, 208);
    }

    void typeChanges()
    {
        write(u"x"_s, "a file");
        write(u"y/inside"_s, "in a dir");
        scanAndRecord();
        QVERIFY(QFile::remove(m_root + u"/x"_s));
        write(u"x/now-a-dir"_s, "content");
        QVERIFY(QDir(m_root + u"/y"_s).removeRecursively());
        write(u"y"_s, "now a file");
        ScanResult r = scanAndRecord();
        QCOMPARE(find(r, u"x"_s).kind, Kind::TypeChanged);
        QCOMPARE(find(r, u"x"_s).entry.type, EntryType::Directory);
        QCOMPARE(find(r, u"x/now-a-dir"_s).kind, Kind::Added);
        QCOMPARE(find(r, u"y"_s).kind, Kind::TypeChanged);
        QCOMPARE(find(r, u"y"_s).entry.type, EntryType::File);
        QCOMPARE(find(r, u"y/inside"_s).kind, Kind::Deleted);
    }

    void ignoredFilesAreSkipped()
    {
        write(u".stratusignore"_s, "*.log\nbuild/\n");
        write(u"keep.txt"_s, "k");
        write(u"debug.log"_s, "l");
        write(u"build/out.o"_s, "o");
        write(u"sub/.DS_Store"_s, "junk");
        write(u"sub/.notes.txt.swp"_s, "swap");
        write(u".stratus/index"_s, "ours");
        write(u"sub/.stratus-tmp-42"_s, "partial");
        write(u"sub/a.sync-conflict-20260101-000000-DEV.txt"_s, "conflict copies sync");
        ScanResult r = scanAndRecord();
        QCOMPARE(paths(r), (QStringList{u".stratusignore"_s, u"keep.txt"_s, u"sub"_s,
                                        u"sub/a.sync-conflict-20260101-000000-DEV.txt"_s}));
        QCOMPARE(r.hashedFiles, 3);

        // A file that becomes ignored is not reported deleted.
        write(u".stratusignore"_s, "*.log\nbuild/\nkeep.txt\n");
        r = scanAndRecord();
        QCOMPARE(paths(r), QStringList{u".stratusignore"_s});
    }

    void symlinksAreSkippedNotFollowed()
    {
        QTemporaryDir outside;
        QFile secret(outside.filePath(u"secret"_s));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.close();
        write(u"real.txt"_s, "r");
        QVERIFY(QFile::link(outside.path(), m_root + u"/linked-dir"_s));
        QVERIFY(QFile::link(m_root + u"/real.txt"_s, m_root + u"/linked-file"_s));
        ScanResult r = scanAndRecord();
        QCOMPARE(paths(r), QStringList{u"real.txt"_s});
        QCOMPARE(r.issues.size(), 2);
        for (const ScanIssue &issue : r.issues) {
            QCOMPARE(issue.kind, ScanIssue::Kind::Skipped);
            QVERIFY(issue.reason.contains(u"symbolic link"_s));
        }
    }

    void specialEntriesAreSkipped()
    {
        write(u"plain"_s, "p");
        QVERIFY(::mkfifo(QFile::encodeName(m_root + u"/pipe"_s).constData(), 0644) == 0);
        // A name that is not UTF-8 cannot be named the same on every device.
        const QByteArray badName = QFile::encodeName(m_root) + "/bad-\xff-name";
        const int fd = ::open(badName.constData(), O_CREAT | O_WRONLY, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
        ScanResult r = scanAndRecord();
        ::unlink(badName.constData()); // QTemporaryDir could not remove it: Qt cannot name it either
        QCOMPARE(paths(r), QStringList{u"plain"_s});
        QCOMPARE(r.issues.size(), 2);
        for (const ScanIssue &issue : r.issues)
            QCOMPARE(issue.kind, ScanIssue::Kind::Skipped);
        QVERIFY(r.issues[0].reason.contains(u"UTF-8"_s));
        QCOMPARE(r.issues[1].path, u"pipe"_s);
    }

    void unreadableFileIsReportedNotFatal()
    {
        if (::geteuid() == 0)
            QSKIP("running as root: permissions do not stop root from reading, so an unreadable file cannot be made");
        write(u"ok.txt"_s, "fine");
        write(u"locked.txt"_s, "private");
        write(u"closed/inner.txt"_s, "hidden");
        write(u"listable/sub/deep.txt"_s, "names visible, attributes not");
        ScanResult first = scanAndRecord();
        QCOMPARE(first.changes.size(), 7);
        write(u"locked.txt"_s, "private, changed");
        auto setMode = [this](const QString &path, mode_t mode) {
            return ::chmod(QFile::encodeName(m_root + u'/' + path).constData(), mode) == 0;
        };
        QVERIFY(setMode(u"locked.txt"_s, 0));
        QVERIFY(setMode(u"closed"_s, 0));
        QVERIFY(setMode(u"listable"_s, 0444)); // readable, not searchable: lstat() inside fails
        write(u"new.txt"_s, "still scanned");
        ScanResult r = scanAndRecord();
        QVERIFY(setMode(u"closed"_s, 0755));
        QVERIFY(setMode(u"listable"_s, 0755));
        QStringList issuePaths;
        for (const ScanIssue &issue : r.issues) {
            issuePaths << issue.path;
            QCOMPARE(issue.kind, ScanIssue::Kind::Unreadable);
            QVERIFY2(issue.reason.contains(u"ermission"_s), qPrintable(issue.reason));
        }
        QCOMPARE(issuePaths, (QStringList{u"closed"_s, u"listable/sub"_s, u"locked.txt"_s}));
        // Nothing that could not be read counts as deleted.
        QCOMPARE(paths(r), QStringList{u"new.txt"_s});
        QVERIFY(!m_index->entry(kFolder, u"closed/inner.txt"_s).value()->deleted);
        QVERIFY(!m_index->entry(kFolder, u"listable/sub/deep.txt"_s).value()->deleted);
    }

    void missingRootIsAnError()
    {
        Scanner scanner(m_root + u"/not-there"_s, IgnoreRules(), &m_pool);
        auto r = scanner.scan({});
        QVERIFY(!r.ok());
        QVERIFY(r.message().contains(u"mounted"_s));
    }
};

QTEST_GUILESS_MAIN(TestSyncScanner)
#include "test_sync_scanner.moc"
