#include "object/chunker.h"

#include <QRandomGenerator>
#include <QTest>

#include "test_data.h"

#include <set>

using namespace stratus::object;

using stratus::test::pseudoRandom;

namespace {

std::vector<QByteArray> chunk(const QByteArray &data, const ChunkerParams &params)
{
    const Chunker chunker(params);
    std::vector<QByteArray> out;
    const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
    std::size_t off = 0;
    const std::size_t size = static_cast<std::size_t>(data.size());
    while (off < size) {
        const std::size_t len = chunker.cut(p + off, size - off);
        out.push_back(data.mid(static_cast<qsizetype>(off), static_cast<qsizetype>(len)));
        off += len;
    }
    return out;
}

// How many chunks of `b` do not occur in `a`.
int newChunks(const std::vector<QByteArray> &a, const std::vector<QByteArray> &b)
{
    std::set<QByteArray> known(a.begin(), a.end());
    int n = 0;
    for (const QByteArray &c : b)
        n += known.count(c) ? 0 : 1;
    return n;
}

} // namespace

class TestChunker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheDesignedSizes()
    {
        const ChunkerParams p;
        QCOMPARE(p.minSize, std::size_t(256 * 1024));
        QCOMPARE(p.avgSize, std::size_t(1024 * 1024));
        QCOMPARE(p.maxSize, std::size_t(4 * 1024 * 1024));
        QVERIFY(p.valid());
        QVERIFY(!(ChunkerParams{1024, 3000, 8192}.valid())); // average not a power of two
        QVERIFY(!(ChunkerParams{4096, 2048, 8192}.valid()));
    }

    void chunksCoverInputWithinBounds()
    {
        const ChunkerParams p;
        const QByteArray data = pseudoRandom(24 * 1024 * 1024, 1);
        const auto chunks = chunk(data, p);
        QByteArray joined;
        for (std::size_t i = 0; i < chunks.size(); ++i) {
            QVERIFY(static_cast<std::size_t>(chunks[i].size()) <= p.maxSize);
            if (i + 1 < chunks.size())
                QVERIFY(static_cast<std::size_t>(chunks[i].size()) > p.minSize);
            joined += chunks[i];
        }
        QCOMPARE(joined, data);
        // About 1 MiB on average (normalised chunking keeps it near).
        const double avg = double(data.size()) / double(chunks.size());
        QVERIFY2(avg > 700 * 1024 && avg < 1500 * 1024, qPrintable(QString::number(avg)));
    }

    void deterministic()
    {
        const QByteArray data = pseudoRandom(8 * 1024 * 1024, 2);
        QCOMPARE(chunk(data, {}), chunk(data, {}));
    }

    void pinnedBoundaries()
    {
        // The gear table and masks are part of the format: identical input
        // must cut identically forever, on every machine.
        const QByteArray data = pseudoRandom(6 * 1024 * 1024, 7);
        std::vector<qsizetype> sizes;
        for (const QByteArray &c : chunk(data, {}))
            sizes.push_back(c.size());
        const std::vector<qsizetype> pinned{325398, 310564, 1977203, 1443051, 1179479, 1055761};
        QCOMPARE(sizes, pinned);
    }

    void insertionAtStartChangesOnlyFirstChunks()
    {
        const QByteArray data = pseudoRandom(32 * 1024 * 1024, 3);
        const auto before = chunk(data, {});
        for (qsizetype insert : {1, 100, 5000}) {
            const auto after = chunk(pseudoRandom(insert, 9) + data, {});
            QVERIFY2(newChunks(before, after) <= 2,
                     qPrintable(QStringLiteral("%1 new chunks").arg(newChunks(before, after))));
        }
    }

    void editInTheMiddleIsLocal()
    {
        QByteArray data = pseudoRandom(32 * 1024 * 1024, 4);
        const auto before = chunk(data, {});
        data[16 * 1024 * 1024] = static_cast<char>(data[16 * 1024 * 1024] ^ 0x5a);
        data.remove(20 * 1024 * 1024, 77);
        const auto after = chunk(data, {});
        QVERIFY(newChunks(before, after) <= 4);
    }

    void lowEntropyInputCutsAtMax()
    {
        const ChunkerParams p;
        const QByteArray zeros(10 * 1024 * 1024, '\0');
        const auto chunks = chunk(zeros, p);
        QCOMPARE(chunks.front().size(), qsizetype(p.maxSize));
    }

    void tinyInputs()
    {
        QCOMPARE(chunk(QByteArray("x"), {}).size(), std::size_t(1));
        QVERIFY(chunk(QByteArray(), {}).empty());
        const ChunkerParams small{2048, 8192, 32768};
        const auto chunks = chunk(pseudoRandom(1 << 20, 5), small);
        QVERIFY(chunks.size() > 60 && chunks.size() < 250);
    }
};

QTEST_GUILESS_MAIN(TestChunker)
#include "test_chunker.moc"
