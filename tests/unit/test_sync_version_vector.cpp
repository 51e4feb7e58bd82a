#include "sync/version_vector.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTest>

#include <iterator>
#include <limits>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

crypto::NodeId device(char fill) { return crypto::NodeId::fromBytes(QByteArray(32, fill)).value(); }

VersionVector vv(std::initializer_list<std::pair<char, int>> counts)
{
    VersionVector v;
    for (auto [fill, n] : counts) {
        for (int i = 0; i < n; ++i) {
            if (!v.increment(device(fill)))
                qFatal("increment failed");
        }
    }
    return v;
}

// Hand-built encodings, to feed the decoder what encode() never writes.
QByteArray encodeRaw(const QCborArray &counters, const QString &type = u"stratus.version-vector"_s)
{
    return QCborValue(QCborMap{{u"v"_s, 1}, {u"type"_s, type}, {u"counters"_s, counters}}).toCbor();
}

QCborArray pair(char fill, qint64 n) { return QCborArray{QByteArray(32, fill), n}; }

// A list of one pair ("{pair}" would copy the pair instead of wrapping it).
QCborArray only(const QCborArray &item)
{
    QCborArray list;
    list.append(item);
    return list;
}

} // namespace

class TestSyncVersionVector : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void incrementAndCounter()
    {
        VersionVector v;
        QVERIFY(v.isEmpty());
        QVERIFY(v.increment(device(1)));
        QVERIFY(v.increment(device(1)));
        QVERIFY(v.increment(device(2)));
        QCOMPARE(v.counter(device(1)), 2);
        QCOMPARE(v.counter(device(2)), 1);
        QCOMPARE(v.counter(device(3)), 0);
        QVERIFY(!v.increment(crypto::NodeId()).ok());
    }

    void compare_data()
    {
        QTest::addColumn<VersionVector>("a");
        QTest::addColumn<VersionVector>("b");
        QTest::addColumn<int>("order");
        using O = VersionVector::Order;
        QTest::newRow("both empty") << VersionVector() << VersionVector() << int(O::Equal);
        QTest::newRow("equal") << vv({{1, 2}, {2, 1}}) << vv({{2, 1}, {1, 2}}) << int(O::Equal);
        QTest::newRow("dominates by counter") << vv({{1, 3}}) << vv({{1, 2}}) << int(O::Dominates);
        QTest::newRow("dominates by device") << vv({{1, 1}, {2, 1}}) << vv({{1, 1}}) << int(O::Dominates);
        QTest::newRow("dominates empty") << vv({{1, 1}}) << VersionVector() << int(O::Dominates);
        QTest::newRow("dominated by counter") << vv({{1, 1}, {2, 1}}) << vv({{1, 2}, {2, 1}}) << int(O::Dominated);
        QTest::newRow("dominated by device") << vv({{2, 1}}) << vv({{1, 1}, {2, 1}}) << int(O::Dominated);
        QTest::newRow("dominated from empty") << VersionVector() << vv({{3, 1}}) << int(O::Dominated);
        QTest::newRow("concurrent counters") << vv({{1, 2}, {2, 1}}) << vv({{1, 1}, {2, 2}}) << int(O::Concurrent);
        QTest::newRow("concurrent devices") << vv({{1, 1}}) << vv({{2, 1}}) << int(O::Concurrent);
        QTest::newRow("concurrent mixed") << vv({{1, 5}, {3, 1}}) << vv({{1, 6}}) << int(O::Concurrent);
    }

    void compare()
    {
        QFETCH(VersionVector, a);
        QFETCH(VersionVector, b);
        QFETCH(int, order);
        QCOMPARE(int(a.compare(b)), order);
        // The relation seen from the other side.
        using O = VersionVector::Order;
        const O mirrored = O(order) == O::Dominates ? O::Dominated : O(order) == O::Dominated ? O::Dominates : O(order);
        QCOMPARE(int(b.compare(a)), int(mirrored));
        // The merge has seen both.
        const VersionVector m = a.merged(b);
        QVERIFY(m.compare(a) == O::Dominates || m.compare(a) == O::Equal);
        QVERIFY(m.compare(b) == O::Dominates || m.compare(b) == O::Equal);
    }

    void mergeIsElementwiseMax()
    {
        const VersionVector m = vv({{1, 3}, {2, 1}}).merged(vv({{1, 1}, {2, 4}, {3, 2}}));
        QCOMPARE(m, vv({{1, 3}, {2, 4}, {3, 2}}));
    }

    void roundTrip()
    {
        for (const VersionVector &v : {VersionVector(), vv({{1, 1}}), vv({{5, 300}, {1, 2}, {9, 70000}})}) {
            const QByteArray bytes = v.encode();
            auto back = VersionVector::decode(bytes);
            QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.message()));
            QCOMPARE(back.value(), v);
            QCOMPARE(back->encode(), bytes);
        }
    }

    // encode() and decode() read and write the bytes directly; they must
    // stay exactly what a general CBOR writer makes of the same map, for
    // counters of every integer width.
    void encodingMatchesGeneralCborWriter()
    {
        const qint64 counts[] = {1,     23,    24,           255,           256,
                                 65535, 65536, 0xffffffffLL, 0x100000000LL, std::numeric_limits<qint64>::max()};
        QCborArray list;
        QByteArray expectedDevices;
        for (int i = 0; i < 30; ++i) { // past 23 and 24 entries: the list head's own widths
            const qint64 n = counts[i % std::size(counts)];
            list.append(pair(char(i + 1), n));
            const QByteArray bytes = encodeRaw(list);
            auto decoded = VersionVector::decode(bytes);
            QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.message()));
            QCOMPARE(decoded->size(), qsizetype(i + 1));
            QCOMPARE(decoded->counter(device(char(i + 1))), n);
            QCOMPARE(decoded->encode(), bytes);
        }
        QCOMPARE(VersionVector().encode(), encodeRaw(QCborArray()));
    }

    void encodingIsSortedWhateverTheOrderOfChanges()
    {
        QCOMPARE(vv({{9, 1}, {1, 1}}).encode(), vv({{1, 1}, {9, 1}}).encode());
        QCOMPARE(vv({{1, 1}, {9, 1}}).encode(), encodeRaw({pair(1, 1), pair(9, 1)}));
    }

    void hostileInputsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray good = vv({{1, 2}, {2, 3}}).encode();
        QTest::newRow("empty") << QByteArray();
        for (int cut : {1, 5, 20, int(good.size()) / 2, int(good.size()) - 1})
            QTest::newRow(qPrintable(u"truncated to %1"_s.arg(cut))) << good.left(cut);
        QTest::newRow("trailing byte") << good + QByteArray(1, '\0');
        QTest::newRow("not a map") << QCborValue(QCborArray{1, 2}).toCbor();
        QTest::newRow("duplicate device") << encodeRaw({pair(1, 1), pair(1, 2)});
        QTest::newRow("unsorted devices") << encodeRaw({pair(2, 1), pair(1, 1)});
        QTest::newRow("zero counter") << encodeRaw(only(pair(1, 0)));
        QTest::newRow("negative counter") << encodeRaw(only(pair(1, -1)));
        QTest::newRow("short device") << encodeRaw(only(QCborArray{QByteArray(31, 1), 1}));
        QTest::newRow("pair of three") << encodeRaw(only(QCborArray{QByteArray(32, 1), 1, 1}));
        QTest::newRow("counter as text") << encodeRaw(only(QCborArray{QByteArray(32, 1), u"1"_s}));
        QTest::newRow("wrong type") << encodeRaw(only(pair(1, 1)), u"stratus.contract"_s);
        QTest::newRow("counters not a list")
            << QCborValue(QCborMap{{u"v"_s, 1}, {u"type"_s, u"stratus.version-vector"_s}, {u"counters"_s, 7}}).toCbor();
        QTest::newRow("unknown field") << QCborValue(QCborMap{{u"v"_s, 1},
                                                              {u"type"_s, u"stratus.version-vector"_s},
                                                              {u"counters"_s, QCborArray()},
                                                              {u"x"_s, 1}})
                                              .toCbor();
        QTest::newRow("keys reordered") << QCborValue(QCborMap{{u"type"_s, u"stratus.version-vector"_s},
                                                               {u"v"_s, 1},
                                                               {u"counters"_s, QCborArray()}})
                                               .toCbor();
        // A repeated top-level key, spliced by hand: {"v":1, "v":1, ...}.
        QByteArray dup = good;
        dup[0] = char(0xa4);           // a map of 4 pairs...
        dup.insert(1, "\x61v\x01", 3); // ...whose first pair repeats "v": 1
        QTest::newRow("duplicate key") << dup;
        QCborArray many;
        for (int i = 0; i <= VersionVector::kMaxDevices; ++i) {
            QByteArray id(32, 0);
            id[0] = char(i >> 8);
            id[1] = char(i);
            many.append(QCborArray{id, 1});
        }
        QTest::newRow("too many devices") << encodeRaw(many);
        QTest::newRow("too large") << QByteArray(VersionVector::kMaxEncodedBytes + 1, char(0xa3));
        // A non-minimal integer: counter 1 written as 0x18 0x01.
        QByteArray loose = encodeRaw(only(pair(1, 1)));
        QVERIFY(VersionVector::decode(loose).ok()); // the minimal form is fine
        loose.chop(1);
        loose.append("\x18\x01", 2);
        QTest::newRow("non-minimal integer") << loose;
    }

    void hostileInputsRefused()
    {
        QFETCH(QByteArray, bytes);
        auto decoded = VersionVector::decode(bytes);
        QVERIFY(!decoded.ok());
        QVERIFY(!decoded.message().isEmpty());
        qInfo("%s", qPrintable(decoded.message())); // shows each refusal has its own reason
    }
};

QTEST_GUILESS_MAIN(TestSyncVersionVector)
#include "test_sync_version_vector.moc"
