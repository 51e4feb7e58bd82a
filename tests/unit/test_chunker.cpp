#include "object/chunker.h"

#include <QRandomGenerator>
#include <QTest>

#include "test_data.h"

#include <algorithm>
#include <bit>
#include <set>
#include <vector>

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

// The chunker's definition, one byte at a time: the gear table (SplitMix64
// from "Stratus1", as chunker.cpp builds it) and the two top-bit masks.
std::size_t referenceCut(const std::uint8_t *data, std::size_t size, const ChunkerParams &p)
{
    static const std::vector<std::uint64_t> gear = [] {
        std::vector<std::uint64_t> t(256);
        std::uint64_t state = 0x5374726174757331ull;
        for (auto &v : t) {
            state += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = state;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            v = z ^ (z >> 31);
        }
        return t;
    }();
    const int bits = std::countr_zero(p.avgSize);
    const std::uint64_t small = ~0ull << (64 - (bits + 2));
    const std::uint64_t large = ~0ull << (64 - (bits - 2));
    if (size <= p.minSize)
        return size;
    size = std::min<std::size_t>(size, p.maxSize);
    const std::size_t normal = std::min<std::size_t>(size, p.avgSize);
    std::uint64_t h = 0;
    for (std::size_t i = p.minSize; i < size; ++i) {
        h = (h << 1) + gear[data[i]];
        if ((h & (i < normal ? small : large)) == 0)
            return i + 1;
    }
    return size;
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

    // cut() takes two bytes a step; it must cut exactly where the one-byte
    // definition does, for odd and even bounds and any length handed in.
    void cutsWhereTheDefinitionDoes()
    {
        const QByteArray data = pseudoRandom(4 * 1024 * 1024, 11);
        const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
        const std::size_t total = static_cast<std::size_t>(data.size());
        for (const ChunkerParams params : {ChunkerParams{}, ChunkerParams{2048, 8192, 32768},
                                           ChunkerParams{2049, 8192, 32767}, ChunkerParams{64, 128, 1001}}) {
            const Chunker chunker(params);
            QRandomGenerator rng(17);
            std::size_t off = 0;
            int compared = 0;
            while (off < total) {
                // The whole rest, and a few lengths around the bounds.
                const std::size_t rest = total - off;
                for (const std::size_t len :
                     {rest, std::size_t(params.minSize), std::size_t(params.minSize + 1),
                      std::size_t(params.avgSize - 1), std::size_t(params.avgSize), std::size_t(params.avgSize + 1),
                      std::size_t(params.minSize + rng.bounded(quint32(params.maxSize)))}) {
                    const std::size_t n = std::min(len, rest);
                    QCOMPARE(chunker.cut(p + off, n), referenceCut(p + off, n, params));
                    ++compared;
                }
                off += chunker.cut(p + off, rest);
            }
            QVERIFY(compared >= 14); // two chunks at least
        }
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
