#include "crypto/random.h"
#include "object/manifest.h"
#include "object/manifest_envelope.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QRandomGenerator>
#include <QTest>

using namespace stratus;
using namespace stratus::object;
using namespace Qt::StringLiterals;

namespace {

FileManifest sample()
{
    FileManifest m;
    m.name = u"report – final.pdf"_s;
    m.mtimeMs = 1700000000123;
    for (int s = 0; s < 2; ++s) {
        SegmentInfo seg;
        seg.k = 4;
        seg.m = 2;
        seg.size = 3000;
        seg.shardSize = 750;
        for (int i = 0; i < 6; ++i)
            seg.shards.push_back(ShardId{crypto::randomBytes(32), 750});
        m.segments.push_back(seg);
    }
    quint64 off = 0;
    for (int c = 0; c < 6; ++c) {
        ChunkRef ref{crypto::randomBytes(32), static_cast<quint32>(c / 3), off % 3000, 1000};
        off += 1000;
        m.chunks.push_back(ref);
        m.size += ref.plainSize();
    }
    m.contentHash = contentHashOf(m.chunks);
    return m;
}

QCborMap asMap(const FileManifest &m) { return QCborValue::fromCbor(encodeManifest(m)).toMap(); }

} // namespace

class TestManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const FileManifest m = sample();
        auto decoded = decodeManifest(encodeManifest(m));
        QVERIFY2(decoded, qPrintable(decoded.ok() ? QString() : decoded.message()));
        QVERIFY(decoded.value() == m);
    }

    void emptyFile()
    {
        FileManifest m;
        m.name = u"empty"_s;
        m.contentHash = contentHashOf({});
        auto decoded = decodeManifest(encodeManifest(m));
        QVERIFY(decoded);
        QCOMPARE(decoded->size, quint64(0));
    }

    void rejectsInconsistentManifests_data()
    {
        QTest::addColumn<QByteArray>("cbor");
        QTest::addColumn<QString>("expected");
        const FileManifest good = sample();
        auto with = [&](auto edit) {
            QCborMap map = asMap(good);
            edit(map);
            return QCborValue(map).toCbor();
        };
        QTest::newRow("future version") << with([](QCborMap &m) { m[u"v"_s] = 2; }) << u"version 2"_s;
        QTest::newRow("unknown field") << with([](QCborMap &m) { m[u"extra"_s] = 1; }) << u"unknown"_s;
        QTest::newRow("wrong type") << with([](QCborMap &m) { m[u"type"_s] = u"x"_s; }) << u"not a file"_s;
        QTest::newRow("size mismatch") << with([](QCborMap &m) { m[u"size"_s] = 5; }) << u"add up"_s;
        QTest::newRow("negative size") << with([](QCborMap &m) { m[u"size"_s] = -1; }) << u"invalid size"_s;
        QTest::newRow("name with slash") << with([](QCborMap &m) { m[u"name"_s] = u"../etc/passwd"_s; })
                                         << u"file name"_s;
        QTest::newRow("short hash") << with([](QCborMap &m) { m[u"hash"_s] = QByteArray(31, 'x'); })
                                    << u"content hash"_s;
        QTest::newRow("hash mismatch") << with([](QCborMap &m) { m[u"hash"_s] = QByteArray(32, 'x'); })
                                       << u"does not match"_s;
        QTest::newRow("chunk out of segment") << with([](QCborMap &m) {
            QCborArray chunks = m[u"chunks"_s].toArray();
            QCborArray c = chunks[0].toArray();
            c[2] = 2500;
            chunks[0] = c;
            m[u"chunks"_s] = chunks;
        }) << u"outside its segment"_s;
        QTest::newRow("missing segment") << with([](QCborMap &m) {
            QCborArray chunks = m[u"chunks"_s].toArray();
            QCborArray c = chunks[0].toArray();
            c[1] = 7;
            chunks[0] = c;
            m[u"chunks"_s] = chunks;
        }) << u"does not exist"_s;
        QTest::newRow("k+m too big") << with([](QCborMap &m) {
            QCborArray segs = m[u"segments"_s].toArray();
            QCborMap s = segs[0].toMap();
            s[u"k"_s] = 200;
            s[u"m"_s] = 100;
            segs[0] = s;
            m[u"segments"_s] = segs;
        }) << u"erasure"_s;
        QTest::newRow("wrong shard count") << with([](QCborMap &m) {
            QCborArray segs = m[u"segments"_s].toArray();
            QCborMap s = segs[1].toMap();
            QCborArray shards = s[u"shards"_s].toArray();
            shards.removeLast();
            s[u"shards"_s] = shards;
            segs[1] = s;
            m[u"segments"_s] = segs;
        }) << u"k + m shards"_s;
        QTest::newRow("segment larger than shards") << with([](QCborMap &m) {
            QCborArray segs = m[u"segments"_s].toArray();
            QCborMap s = segs[0].toMap();
            s[u"size"_s] = 3001;
            segs[0] = s;
            m[u"segments"_s] = segs;
        }) << u"does not fit"_s;
        QTest::newRow("not a map") << QCborValue(QCborArray{1, 2}).toCbor() << u"not a map"_s;
        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("trailing bytes") << encodeManifest(good) + QByteArray("\x00", 1) << u"trailing"_s;
    }

    void rejectsInconsistentManifests()
    {
        QFETCH(QByteArray, cbor);
        QFETCH(QString, expected);
        auto r = decodeManifest(cbor);
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(expected), qPrintable(r.message()));
    }

    void everyTruncationIsRejected()
    {
        const QByteArray cbor = encodeManifest(sample());
        for (qsizetype len = 0; len < cbor.size(); ++len)
            QVERIFY2(!decodeManifest(cbor.left(len)).ok(), qPrintable(QString::number(len)));
    }

    void randomAndMutatedInputsNeverCrash()
    {
        // A cheap in-process fuzzer: bit flips, byte changes, insertions,
        // deletions and splices of a valid manifest, plus pure noise. Each
        // input must give a manifest or an error; ASan/UBSan builds catch
        // any memory error on the way.
        const QByteArray seed = encodeManifest(sample());
        QRandomGenerator rng(20261124);
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray input = seed;
            const int edits = 1 + static_cast<int>(rng.bounded(8));
            for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                const qsizetype pos = static_cast<qsizetype>(rng.bounded(static_cast<quint32>(input.size())));
                switch (rng.bounded(5)) {
                case 0:
                    input[pos] = static_cast<char>(input[pos] ^ (1 << rng.bounded(8)));
                    break;
                case 1:
                    input[pos] = static_cast<char>(rng.bounded(256));
                    break;
                case 2:
                    input.insert(pos, static_cast<char>(rng.bounded(256)));
                    break;
                case 3:
                    input.remove(pos, 1 + static_cast<qsizetype>(rng.bounded(16)));
                    break;
                default:
                    input = input.left(pos) +
                            seed.mid(static_cast<qsizetype>(rng.bounded(static_cast<quint32>(seed.size()))));
                    break;
                }
            }
            if (i % 10 == 0) {
                input = QByteArray(static_cast<qsizetype>(rng.bounded(200)), Qt::Uninitialized);
                for (auto &b : input)
                    b = static_cast<char>(rng.bounded(256));
            }
            auto r = decodeManifest(input);
            if (r.ok()) {
                ++accepted;
                // Whatever is accepted is self-consistent.
                quint64 total = 0;
                for (const ChunkRef &c : r->chunks) {
                    QVERIFY(c.segment < r->segments.size());
                    QVERIFY(c.offset + c.sealedSize <= r->segments[c.segment].size);
                    total += c.plainSize();
                }
                QCOMPARE(total, r->size);
            } else {
                QVERIFY(!r.message().isEmpty());
            }
        }
        qInfo() << "mutated inputs accepted:" << accepted << "of 20000";
    }

    void envelopeIsBoundToTheAccount()
    {
        const crypto::Key256 key = crypto::randomKey();
        const FileManifest m = sample();
        const QByteArray sealed = sealManifest(m, key);
        QVERIFY(sealed.startsWith("STRMANI1"));
        QVERIFY(!sealed.contains(m.name.toUtf8()));
        auto opened = openManifest(sealed, key);
        QVERIFY(opened);
        QVERIFY(opened.value() == m);
        auto other = openManifest(sealed, crypto::randomKey());
        QVERIFY(!other.ok());
        QVERIFY(other.message().contains(u"another account"_s));
        for (qsizetype pos : {qsizetype(3), qsizetype(10), sealed.size() / 2, sealed.size() - 1}) {
            QByteArray bad = sealed;
            bad[pos] = static_cast<char>(bad[pos] ^ 4);
            QVERIFY(!openManifest(bad, key).ok());
        }
        QVERIFY(!openManifest(sealed.left(25), key).ok());
        QVERIFY(!openManifest(QByteArray(), key).ok());
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "test_manifest.moc"
