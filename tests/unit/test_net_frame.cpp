#include "net/frame.h"

#include "test_data.h"

#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace stratus::net;

namespace {

QByteArray header(quint32 length)
{
    QByteArray h(4, Qt::Uninitialized);
    qToBigEndian(length, h.data());
    return h;
}

// Feeds the pieces in order and returns the frames, checking the buffer
// bound on the way.
QList<QByteArray> readAll(FrameReader &reader, const QList<QByteArrayView> &pieces, bool *ok)
{
    QList<QByteArray> frames;
    *ok = true;
    for (QByteArrayView piece : pieces) {
        const bool more = reader.feedAll(piece, [&](QByteArray f) {
            frames.append(std::move(f));
            return true;
        });
        if (reader.bufferedBytes() > reader.maxFrame() + kFrameHeaderSize)
            *ok = false;
        if (!more)
            break;
    }
    return frames;
}

} // namespace

class TestNetFrame : public QObject {
    Q_OBJECT

private:
    QList<QByteArray> m_payloads;
    QByteArray m_stream;

private Q_SLOTS:
    void initTestCase()
    {
        const qsizetype sizes[] = {1, 2, 3, 4, 5, 17, 64, 300};
        quint32 seed = 1;
        for (qsizetype s : sizes) {
            m_payloads.append(stratus::test::pseudoRandom(s, seed++));
            m_stream += *encodeFrame(m_payloads.last());
        }
    }

    void encodeShape()
    {
        const std::optional<QByteArray> f = encodeFrame(QByteArray("abc"));
        QVERIFY(f.has_value());
        QCOMPARE(*f, QByteArray::fromHex("00000003") + "abc");
        QVERIFY(!encodeFrame(QByteArray()).has_value());
    }

    void wholeStreamAtOnce()
    {
        FrameReader reader(1024);
        bool ok = false;
        QCOMPARE(readAll(reader, {QByteArrayView(m_stream)}, &ok), m_payloads);
        QVERIFY(ok);
        QVERIFY(!reader.failed());
        QCOMPARE(reader.bufferedBytes(), 0);
    }

    void byteByByte()
    {
        FrameReader reader(1024);
        QList<QByteArrayView> pieces;
        for (qsizetype i = 0; i < m_stream.size(); ++i)
            pieces.append(QByteArrayView(m_stream).sliced(i, 1));
        bool ok = false;
        QCOMPARE(readAll(reader, pieces, &ok), m_payloads);
        QVERIFY(ok);
    }

    void everyOneAndTwoSplitPoints()
    {
        const QByteArrayView all(m_stream);
        const qsizetype n = all.size();
        for (qsizetype i = 0; i <= n; ++i) {
            for (qsizetype j = i; j <= n; ++j) {
                FrameReader reader(300);
                bool ok = false;
                const QList<QByteArray> got =
                    readAll(reader, {all.sliced(0, i), all.sliced(i, j - i), all.sliced(j)}, &ok);
                if (got != m_payloads || !ok || reader.failed())
                    QFAIL(qPrintable(QStringLiteral("split at %1, %2 broke the stream").arg(i).arg(j)));
            }
        }
    }

    void randomSplits()
    {
        QRandomGenerator rng(7);
        for (int round = 0; round < 2000; ++round) {
            QList<QByteArrayView> pieces;
            qsizetype at = 0;
            while (at < m_stream.size()) {
                const qsizetype len = std::min<qsizetype>(rng.bounded(1, 40), m_stream.size() - at);
                pieces.append(QByteArrayView(m_stream).sliced(at, len));
                at += len;
            }
            FrameReader reader(300);
            bool ok = false;
            QCOMPARE(readAll(reader, pieces, &ok), m_payloads);
            QVERIFY(ok);
        }
    }

    void feedStopsAtFrameEnd()
    {
        FrameReader reader(1024);
        QCOMPARE(reader.feed(m_stream), 4 + 1);
        QCOMPARE(reader.feed(m_stream), 0); // a frame waits
        QCOMPARE(reader.takeFrame(), std::optional<QByteArray>(m_payloads[0]));
        QVERIFY(!reader.takeFrame().has_value());
    }

    void capIsInclusive()
    {
        for (qsizetype cap : {qsizetype(1), qsizetype(100), kDefaultMaxFrame}) {
            const QByteArray payload(cap, 'x');
            FrameReader reader(cap);
            bool ok = false;
            const QByteArray framed = *encodeFrame(payload);
            QCOMPARE(readAll(reader, {QByteArrayView(framed)}, &ok), QList<QByteArray>{payload});
            QVERIFY(ok);

            FrameReader over(cap);
            const QByteArray big = header(static_cast<quint32>(cap + 1)) + QByteArray(cap + 1, 'y');
            QVERIFY(readAll(over, {QByteArrayView(big)}, &ok).isEmpty());
            QVERIFY(ok);
            QCOMPARE(over.error(), FrameReader::Error::Oversized);
            QVERIFY(over.bufferedBytes() <= cap + kFrameHeaderSize);
        }
    }

    void defaultCapFitsAProof()
    {
        // A 16 KiB block and a merkle path of 40 hashes, with envelope room.
        QVERIFY(kDefaultMaxFrame >= 16 * 1024 + 40 * 32 + 1024);
        FrameReader reader;
        QCOMPARE(reader.maxFrame(), kDefaultMaxFrame);
    }

    void hugeLengthIsRefusedAtTheHeader()
    {
        FrameReader reader(kDefaultMaxFrame);
        const QByteArray h = header(0xffffffffu);
        QCOMPARE(reader.feed(h), 4);
        QVERIFY(reader.failed());
        QCOMPARE(reader.error(), FrameReader::Error::Oversized);
        QCOMPARE(reader.bufferedBytes(), 4);
        QVERIFY(reader.errorString().contains(QStringLiteral("4294967295")));
    }

    void zeroLengthIsAnError()
    {
        FrameReader reader(1024);
        const QByteArray stream = *encodeFrame(QByteArray("a")) + header(0) + *encodeFrame(QByteArray("b"));
        bool ok = false;
        const QList<QByteArray> got = readAll(reader, {QByteArrayView(stream)}, &ok);
        QCOMPARE(got, QList<QByteArray>{QByteArray("a")});
        QCOMPARE(reader.error(), FrameReader::Error::ZeroLength);
    }

    void errorsAreSticky()
    {
        FrameReader reader(16);
        QCOMPARE(reader.feed(header(17)), 4);
        QVERIFY(reader.failed());
        QCOMPARE(reader.feed(*encodeFrame(QByteArray("ok"))), 0);
        QVERIFY(!reader.takeFrame().has_value());
        QVERIFY(!reader.feedAll(QByteArray("more"), [](QByteArray) { return true; }));
        QCOMPARE(reader.error(), FrameReader::Error::Oversized);
    }

    void callbackCanStop()
    {
        FrameReader reader(1024);
        int seen = 0;
        QVERIFY(!reader.feedAll(m_stream, [&](QByteArray) { return ++seen < 2; }));
        QCOMPARE(seen, 2);
        QVERIFY(!reader.failed());
    }

    void truncatedFrameStaysPending()
    {
        FrameReader reader(1024);
        const QByteArray framed = *encodeFrame(QByteArray(100, 'z'));
        bool ok = false;
        QVERIFY(readAll(reader, {QByteArrayView(framed).first(50)}, &ok).isEmpty());
        QVERIFY(!reader.failed());
        QCOMPARE(reader.bufferedBytes(), 50);
    }
};

QTEST_GUILESS_MAIN(TestNetFrame)
#include "test_net_frame.moc"
