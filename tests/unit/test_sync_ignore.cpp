#include "sync/ignore_rules.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

class TestSyncIgnore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");
        auto row = [](const char *name, const QString &rules, const QString &path, bool isDir, bool ignored) {
            QTest::newRow(name) << rules << path << isDir << ignored;
        };
        const QString none;
        // Defaults.
        row("plain file kept", none, u"docs/report.pdf"_s, false, false);
        row("emacs backup", none, u"notes.txt~"_s, false, true);
        row("vim swap", none, u"src/.main.cpp.swp"_s, false, true);
        row("vim swo", none, u".a.swo"_s, false, true);
        row("office owner file", none, u"work/~$budget.xlsx"_s, false, true);
        row("libreoffice lock", none, u".~lock.letter.odt#"_s, false, true);
        row("DS_Store deep", none, u"a/b/.DS_Store"_s, false, true);
        row("Thumbs.db", none, u"pics/Thumbs.db"_s, false, true);
        row("desktop.ini", none, u"desktop.ini"_s, false, true);
        row("trash dir", none, u".Trash-1000"_s, true, true);
        row("inside trash dir", none, u".Trash-1000/files/x"_s, false, true);
        row("conflict copies sync", none, u"a.sync-conflict-20260101-120000-ABCDEFG.txt"_s, false, false);
        row("stratus folder", none, u".stratus"_s, true, true);
        row("inside stratus folder", none, u".stratus/index.db"_s, false, true);
        row("stratus file not dir", none, u".stratus"_s, false, false);
        row("partial download", none, u"d/.stratus-tmp-123-a.bin"_s, false, true);
        row("ignore file itself syncs", none, u".stratusignore"_s, false, false);
        // Comments, blanks, escapes.
        row("comment is no rule", u"# build\n\n"_s, u"# build"_s, false, false);
        row("escaped hash", u"\\#notes\n"_s, u"#notes"_s, false, true);
        row("escaped bang", u"\\!important\n"_s, u"!important"_s, false, true);
        row("trailing spaces dropped", u"*.log   \n"_s, u"x.log"_s, false, true);
        row("crlf line", u"*.log\r\n"_s, u"x.log"_s, false, true);
        // Basename patterns match at any depth.
        row("star ext", u"*.o\n"_s, u"a/b/c.o"_s, false, true);
        row("star no slash crossing", u"*.o\n"_s, u"a/b/c.of"_s, false, false);
        row("question mark", u"file?.txt\n"_s, u"file1.txt"_s, false, true);
        row("question mark one char", u"file?.txt\n"_s, u"file12.txt"_s, false, false);
        row("class", u"log[0-9].txt\n"_s, u"d/log7.txt"_s, false, true);
        row("class miss", u"log[0-9].txt\n"_s, u"d/logx.txt"_s, false, false);
        row("negated class", u"log[!0-9].txt\n"_s, u"logx.txt"_s, false, true);
        row("unterminated class literal", u"a[b\n"_s, u"a[b"_s, false, true);
        // Anchoring.
        row("leading slash anchors", u"/build\n"_s, u"build"_s, true, true);
        row("leading slash not deep", u"/build\n"_s, u"src/build"_s, true, false);
        row("middle slash anchors", u"doc/*.txt\n"_s, u"doc/a.txt"_s, false, true);
        row("middle slash one level", u"doc/*.txt\n"_s, u"doc/x/a.txt"_s, false, false);
        row("middle slash not deep", u"doc/*.txt\n"_s, u"x/doc/a.txt"_s, false, false);
        // Directories only.
        row("dir only matches dir", u"cache/\n"_s, u"a/cache"_s, true, true);
        row("dir only skips file", u"cache/\n"_s, u"a/cache"_s, false, false);
        row("dir only hides contents", u"cache/\n"_s, u"a/cache/x/y.bin"_s, false, true);
        // '**'.
        row("leading globstar", u"**/logs\n"_s, u"a/b/logs"_s, true, true);
        row("leading globstar at root", u"**/logs\n"_s, u"logs"_s, true, true);
        row("trailing globstar", u"out/**\n"_s, u"out/x/y/z"_s, false, true);
        row("trailing globstar not self", u"out/**\n"_s, u"out"_s, true, false);
        row("middle globstar zero", u"a/**/b\n"_s, u"a/b"_s, false, true);
        row("middle globstar many", u"a/**/b\n"_s, u"a/x/y/b"_s, false, true);
        row("middle globstar anchored", u"a/**/b\n"_s, u"z/a/x/b"_s, false, false);
        row("double star inside name is a star", u"a**z\n"_s, u"abcz"_s, false, true);
        // Negation, last match wins.
        row("negation re-includes", u"*.log\n!keep.log\n"_s, u"d/keep.log"_s, false, false);
        row("negation others still out", u"*.log\n!keep.log\n"_s, u"d/other.log"_s, false, true);
        row("last match wins", u"!keep.log\n*.log\n"_s, u"keep.log"_s, false, true);
        row("negate default", u"!Thumbs.db\n"_s, u"Thumbs.db"_s, false, false);
        row("cannot negate hard rule", u"!.stratus-tmp-*\n"_s, u".stratus-tmp-1"_s, false, true);
        row("no re-include inside ignored dir", u"build/\n!build/keep.txt\n"_s, u"build/keep.txt"_s, false, true);
        row("re-include with dir contents pattern", u"build/*\n!build/keep.txt\n"_s, u"build/keep.txt"_s, false, false);
        row("globstar then negation", u"**/*.tmp\n!a/**/important.tmp\n"_s, u"a/b/important.tmp"_s, false, false);
        row("leading slash path input", u"/build\n"_s, u"/build"_s, true, true);
    }

    void table()
    {
        QFETCH(QString, rules);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        auto parsed = IgnoreRules::parse(rules);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.message()));
        QCOMPARE(parsed->ignored(path, isDir), ignored);
    }

    void listedDirSkipsAncestors()
    {
        auto rules = IgnoreRules::parse(u"build/\n*.o\n"_s);
        QVERIFY(rules);
        QVERIFY(rules->ignored(u"build/x.txt"_s, false));
        QVERIFY(!rules->ignoredInListedDir(u"build/x.txt"_s, false)); // the walk never lists build/
        QVERIFY(rules->ignoredInListedDir(u"build/x.o"_s, false));
        QVERIFY(rules->ignoredInListedDir(u"build"_s, true));
    }

    void commentsAndBlanksAreNoRules()
    {
        auto rules = IgnoreRules::parse(u"# a comment\n\n   \n*.o\n!x.o\n"_s);
        QVERIFY(rules);
        QCOMPARE(rules->userRuleCount(), 2);
    }

    void hugeFileRefused()
    {
        const QString text = QString(u"x\n"_s).repeated(IgnoreRules::kMaxRules + 1);
        auto rules = IgnoreRules::parse(text);
        QVERIFY(!rules.ok());
        QVERIFY(rules.message().contains(u"rules"_s));
    }

    void loadFromFolder()
    {
        QTemporaryDir dir;
        auto none = IgnoreRules::load(dir.path());
        QVERIFY(none);
        QCOMPARE(none->userRuleCount(), 0);
        QFile f(dir.filePath(u".stratusignore"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("*.iso\n");
        f.close();
        auto rules = IgnoreRules::load(dir.path());
        QVERIFY(rules);
        QVERIFY(rules->ignored(u"big/disk.iso"_s, false));
    }
};

QTEST_GUILESS_MAIN(TestSyncIgnore)
#include "test_sync_ignore.moc"
