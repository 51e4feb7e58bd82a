#include "sync/conflict_name.h"

#include <QTest>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

// 2026-01-02 03:04:05.678 UTC in nanoseconds.
constexpr qint64 kMtime = 1767323045678000000LL;

crypto::NodeId device(char fill) { return crypto::NodeId::fromBytes(QByteArray(32, fill)).value(); }

} // namespace

class TestSyncConflict : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        const QString s = u".sync-conflict-20260102-030405-MFZWI3D"_s;
        QTest::newRow("simple") << u"notes.txt"_s << u"notes"_s + s + u".txt"_s;
        QTest::newRow("in directories") << u"a/b/notes.txt"_s << u"a/b/notes"_s + s + u".txt"_s;
        QTest::newRow("no extension") << u"Makefile"_s << u"Makefile"_s + s;
        QTest::newRow("dotfile") << u".bashrc"_s << u".bashrc"_s + s;
        QTest::newRow("dotfile in dir") << u"home/.bashrc"_s << u"home/.bashrc"_s + s;
        QTest::newRow("dotfile with ext") << u".config.json"_s << u".config"_s + s + u".json"_s;
        QTest::newRow("multiple dots") << u"a.tar.gz"_s << u"a.tar"_s + s + u".gz"_s;
        QTest::newRow("dot in directory only") << u"v1.2/README"_s << u"v1.2/README"_s + s;
        QTest::newRow("trailing dot") << u"odd."_s << u"odd"_s + s + u"."_s;
    }

    void names()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QCOMPARE(conflictName(path, kMtime, u"MFZWI3D"_s), expected);
        QVERIFY(isConflictName(expected));
        QVERIFY(!isConflictName(path));
    }

    void sameNameEverywhere()
    {
        // Only the inputs matter: no local time zone, no clock.
        const QString a = conflictName(u"x.doc"_s, kMtime, u"ABCDEFG"_s);
        qputenv("TZ", "Pacific/Auckland");
        QCOMPARE(conflictName(u"x.doc"_s, kMtime, u"ABCDEFG"_s), a);
        QCOMPARE(a, u"x.sync-conflict-20260102-030405-ABCDEFG.doc"_s);
    }

    void deviceNameIsSanitised()
    {
        QCOMPARE(conflictName(u"f"_s, 0, u"my/dev ice:1"_s), u"f.sync-conflict-19700101-000000-mydevice1"_s);
        QCOMPARE(conflictName(u"f"_s, 0, QString()), u"f.sync-conflict-19700101-000000-unknown"_s);
        // Before 1970 the second is floored, not rounded toward zero.
        QCOMPARE(conflictName(u"f"_s, -1, u"D"_s), u"f.sync-conflict-19691231-235959-D"_s);
    }

    void olderMtimeLoses()
    {
        const ConflictSide older{100, device(9), false};
        const ConflictSide newer{200, device(1), false};
        QCOMPARE(conflictLoser(older, newer), Loser::First);
        QCOMPARE(conflictLoser(newer, older), Loser::Second);
    }

    void tieLowerDeviceLoses()
    {
        const ConflictSide low{100, device(1), false};
        const ConflictSide high{100, device(2), false};
        QCOMPARE(conflictLoser(low, high), Loser::First);
        QCOMPARE(conflictLoser(high, low), Loser::Second);
    }

    void editBeatsDelete()
    {
        const ConflictSide edit{100, device(1), false};
        const ConflictSide deletion{999, device(9), true}; // newer and higher id, still loses
        QCOMPARE(conflictLoser(edit, deletion), Loser::Second);
        QCOMPARE(conflictLoser(deletion, edit), Loser::First);
    }
};

QTEST_GUILESS_MAIN(TestSyncConflict)
#include "test_sync_conflict.moc"
