#include "object/erasure.h"

#include <QRandomGenerator>
#include <QTest>

#include <bit>

using namespace stratus::object;
using namespace Qt::StringLiterals;

namespace {

struct Coded {
    std::vector<QByteArray> shards; // k data then m parity
};

Coded encodeRandom(const ErasureCoder &coder, std::size_t len, quint32 seed)
{
    QRandomGenerator rng(seed);
    Coded c;
    for (int i = 0; i < coder.totalShards(); ++i)
        c.shards.emplace_back(static_cast<qsizetype>(len), '\0');
    for (int i = 0; i < coder.dataShards(); ++i)
        for (auto &b : c.shards[static_cast<std::size_t>(i)])
            b = static_cast<char>(rng.generate());
    std::vector<std::uint8_t *> data, parity;
    for (int i = 0; i < coder.totalShards(); ++i)
        (i < coder.dataShards() ? data : parity)
            .push_back(reinterpret_cast<std::uint8_t *>(c.shards[static_cast<std::size_t>(i)].data()));
    coder.encode(data.data(), parity.data(), len);
    return c;
}

// Decodes with only the shards whose bit is set in `mask`.
bool decodesWith(const ErasureCoder &coder, const Coded &c, unsigned long long mask, std::size_t len)
{
    std::vector<const std::uint8_t *> shards(static_cast<std::size_t>(coder.totalShards()), nullptr);
    for (int i = 0; i < coder.totalShards(); ++i)
        if (mask & (1ull << i))
            shards[static_cast<std::size_t>(i)] =
                reinterpret_cast<const std::uint8_t *>(c.shards[static_cast<std::size_t>(i)].constData());
    std::vector<QByteArray> out(static_cast<std::size_t>(coder.dataShards()),
                                QByteArray(static_cast<qsizetype>(len), 'x'));
    std::vector<std::uint8_t *> outPtrs;
    for (auto &o : out)
        outPtrs.push_back(reinterpret_cast<std::uint8_t *>(o.data()));
    if (!coder.decode(shards, outPtrs.data(), len))
        return false;
    for (int i = 0; i < coder.dataShards(); ++i)
        if (out[static_cast<std::size_t>(i)] != c.shards[static_cast<std::size_t>(i)])
            return false;
    return true;
}

} // namespace

class TestErasure : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everySubsetOfFourPlusTwo()
    {
        auto coder = ErasureCoder::create(4, 2);
        QVERIFY(coder);
        const std::size_t len = 4099;
        const Coded c = encodeRandom(coder.value(), len, 11);
        int tried = 0;
        for (unsigned long long mask = 0; mask < 64; ++mask) {
            const int present = std::popcount(mask);
            if (present >= 4) {
                QVERIFY2(decodesWith(coder.value(), c, mask, len), qPrintable(u"mask %1"_s.arg(mask, 0, 2)));
                ++tried;
            } else {
                QVERIFY(!decodesWith(coder.value(), c, mask, len));
            }
        }
        QCOMPARE(tried, 15 + 6 + 1);
    }

    void sampleOfTenPlusFour()
    {
        auto coder = ErasureCoder::create(10, 4);
        QVERIFY(coder);
        const std::size_t len = 1000;
        const Coded c = encodeRandom(coder.value(), len, 12);
        QRandomGenerator rng(99);
        for (int round = 0; round < 300; ++round) {
            unsigned long long mask = (1ull << 14) - 1;
            const int drop = static_cast<int>(rng.bounded(5)); // lose 0..4
            for (int d = 0; d < drop;) {
                const int bit = static_cast<int>(rng.bounded(14));
                if (mask & (1ull << bit)) {
                    mask &= ~(1ull << bit);
                    ++d;
                }
            }
            QVERIFY2(decodesWith(coder.value(), c, mask, len), qPrintable(u"mask %1"_s.arg(mask, 0, 2)));
        }
        // Every way of losing exactly the four data shards 0..3 and others.
        QVERIFY(decodesWith(coder.value(), c, 0x3ff0, len));
        QVERIFY(!decodesWith(coder.value(), c, 0x1ff0, len)); // 9 shards left
    }

    void tooFewShardsIsAClearError()
    {
        auto coder = ErasureCoder::create(4, 2);
        const std::size_t len = 64;
        const Coded c = encodeRandom(coder.value(), len, 13);
        std::vector<const std::uint8_t *> shards(6, nullptr);
        shards[0] = reinterpret_cast<const std::uint8_t *>(c.shards[0].constData());
        shards[5] = reinterpret_cast<const std::uint8_t *>(c.shards[5].constData());
        QByteArray out(static_cast<qsizetype>(len * 4), '\0');
        std::uint8_t *ptrs[4];
        for (int i = 0; i < 4; ++i)
            ptrs[i] = reinterpret_cast<std::uint8_t *>(out.data()) + len * static_cast<std::size_t>(i);
        const auto st = coder->decode(shards, ptrs, len);
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"only 2 of 6"_s) && st.message().contains(u"4 are needed"_s),
                 qPrintable(st.message()));
    }

    void rebuildAnyShard()
    {
        auto coder = ErasureCoder::create(4, 2);
        const std::size_t len = 777;
        const Coded c = encodeRandom(coder.value(), len, 14);
        for (int lost = 0; lost < 6; ++lost) {
            std::vector<const std::uint8_t *> shards;
            for (int i = 0; i < 6; ++i)
                shards.push_back(i == lost ? nullptr
                                           : reinterpret_cast<const std::uint8_t *>(
                                                 c.shards[static_cast<std::size_t>(i)].constData()));
            QByteArray out(static_cast<qsizetype>(len), '\0');
            QVERIFY(coder->rebuild(shards, lost, reinterpret_cast<std::uint8_t *>(out.data()), len));
            QCOMPARE(out, c.shards[static_cast<std::size_t>(lost)]);
        }
    }

    void invalidParameters()
    {
        QVERIFY(!ErasureCoder::create(0, 2).ok());
        QVERIFY(!ErasureCoder::create(4, -1).ok());
        QVERIFY(!ErasureCoder::create(200, 56).ok());
        QVERIFY(ErasureCoder::create(1, 0).ok());
    }
};

QTEST_GUILESS_MAIN(TestErasure)
#include "test_erasure.moc"
