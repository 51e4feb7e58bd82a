// The whole client data pipeline on real files: ingest into a directory of
// shards, lose or damage shards, restore.

#include "crypto/account_keys.h"
#include "crypto/random.h"
#include "object/chunk_cipher.h"
#include "object/ingest.h"
#include "object/restore.h"
#include "object/shard_directory.h"
#include "object/split_writer.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "test_data.h"
#include <QThreadPool>

#include <cstring>
#include <set>

using namespace stratus;
using namespace stratus::object;
using namespace Qt::StringLiterals;

using stratus::test::pseudoRandom;

namespace {

PipelineParams smallParams()
{
    PipelineParams p;
    p.chunker = ChunkerParams{2048, 8192, 32768};
    p.maxSegmentSize = 96 * 1024;
    return p;
}

struct Account {
    crypto::AccountKeys keys = crypto::AccountKeys::derive(crypto::RecoverySecret::generate());
    ChunkCipher cipher{keys.dedup, keys.dataMaster};
};

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT

    QThreadPool m_pool;

    FileManifest ingest(const Account &a, const QByteArray &data, const QString &dir,
                        const PipelineParams &params = smallParams())
    {
        ShardDirectory shards(dir);
        Ingestor ingestor(a.cipher, params, m_pool, shards);
        QBuffer in;
        in.setData(data);
        in.open(QIODevice::ReadOnly);
        auto m = ingestor.ingest(in, u"data.bin"_s, 1234567, data.size());
        if (!m)
            qFatal("ingest failed: %s", qPrintable(m.message()));
        return m.value();
    }

    Result<QByteArray> restore(const Account &a, const FileManifest &m, const QString &dir,
                               QStringList *problems = nullptr)
    {
        ShardDirectory shards(dir);
        Restorer restorer(a.cipher, m_pool, shards);
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        if (Status st = restorer.restore(m, out); !st)
            return st.error();
        if (problems)
            *problems = restorer.problems();
        return out.data();
    }

    void expectRestores(const Account &a, const FileManifest &m, const QString &dir, const QByteArray &data)
    {
        auto back = restore(a, m, dir);
        QVERIFY2(back, qPrintable(back.ok() ? QString() : back.message()));
        QVERIFY(back.value() == data);
    }

private Q_SLOTS:
    void roundTripAcrossSegments()
    {
        QTemporaryDir dir;
        Account a;
        const QByteArray data = pseudoRandom(600 * 1024 + 33, 1);
        const FileManifest m = ingest(a, data, dir.path());
        QVERIFY(m.segments.size() >= 6);
        QCOMPARE(m.size, quint64(data.size()));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), qsizetype(m.segments.size() * 6));
        for (const SegmentInfo &s : m.segments) {
            QCOMPARE(s.k, 4);
            QCOMPARE(s.m, 2);
            QVERIFY(s.size <= 96 * 1024);
        }
        expectRestores(a, m, dir.path(), data);
    }

    void shardsRevealNoPlaintext()
    {
        QTemporaryDir dir;
        Account a;
        QByteArray data;
        for (int i = 0; i < 4000; ++i)
            data += "a very recognisable plaintext line number " + QByteArray::number(i) + '\n';
        ingest(a, data, dir.path());
        for (const QString &f : QDir(dir.path()).entryList(QDir::Files)) {
            QFile shard(dir.filePath(f));
            QVERIFY(shard.open(QIODevice::ReadOnly));
            QVERIFY(!shard.readAll().contains("recognisable plaintext"));
        }
    }

    void anyTwoShardsOfEverySegmentMayBeLost()
    {
        Account a;
        const QByteArray data = pseudoRandom(300 * 1024, 2);
        for (int i = 0; i < 6; ++i) {
            for (int j = i + 1; j < 6; ++j) {
                QTemporaryDir dir;
                const FileManifest m = ingest(a, data, dir.path());
                for (const SegmentInfo &s : m.segments) {
                    QVERIFY(QFile::remove(dir.filePath(s.shards[static_cast<std::size_t>(i)].toString())));
                    QVERIFY(QFile::remove(dir.filePath(s.shards[static_cast<std::size_t>(j)].toString())));
                }
                QStringList problems;
                auto back = restore(a, m, dir.path(), &problems);
                QVERIFY2(back, qPrintable(back.ok() ? QString() : back.message()));
                QVERIFY(back.value() == data);
                if (i < 4)
                    QVERIFY(!problems.isEmpty());
            }
        }
    }

    void extraFetchesUseTheFirstKToArrive()
    {
        QTemporaryDir dir;
        Account a;
        const QByteArray data = pseudoRandom(300 * 1024, 11);
        const FileManifest m = ingest(a, data, dir.path());
        for (const SegmentInfo &s : m.segments)
            QVERIFY(QFile::remove(dir.filePath(s.shards[1].toString())));
        for (int extra : {0, 1, 2, 5}) {
            ShardDirectory shards(dir.path());
            Restorer restorer(a.cipher, m_pool, shards);
            restorer.setExtraFetches(extra);
            QBuffer out;
            out.open(QIODevice::WriteOnly);
            QVERIFY(restorer.restore(m, out));
            QVERIFY(out.data() == data);
        }
    }

    void smallFilesShareSegments()
    {
        QTemporaryDir dir;
        Account a;
        ShardDirectory shards(dir.path());
        Ingestor ingestor(a.cipher, smallParams(), m_pool, shards);
        std::vector<QByteArray> files;
        QRandomGenerator rng(12);
        for (int i = 0; i < 300; ++i) {
            files.push_back(pseudoRandom(1 + static_cast<qsizetype>(rng.bounded(8 * 1024)), 100 + i));
            QBuffer in(&files.back());
            in.open(QIODevice::ReadOnly);
            QVERIFY(ingestor.add(in, u"f%1"_s.arg(i), i, files.back().size()));
        }
        files.push_back(files[7]); // a duplicate is stored once
        QBuffer dup(&files.back());
        dup.open(QIODevice::ReadOnly);
        QVERIFY(ingestor.add(dup, u"dup"_s, 0, files.back().size()));
        auto manifests = ingestor.finish();
        QVERIFY(manifests);
        QCOMPARE(manifests->size(), files.size());
        // ~1.3 MB of input in 96 KiB segments: about 14 segments, not 301.
        const qsizetype shardFiles = QDir(dir.path()).entryList(QDir::Files).size();
        QVERIFY2(shardFiles <= 20 * 6, qPrintable(QString::number(shardFiles)));
        for (std::size_t i = 0; i < files.size(); ++i) {
            const FileManifest &m = manifests->at(i);
            QVERIFY(m.segments.size() <= 2);
            auto back = decodeManifest(encodeManifest(m));
            QVERIFY(back);
            expectRestores(a, back.value(), dir.path(), files[i]);
        }
        QCOMPARE(manifests->back().chunks.front().id, manifests->at(7).chunks.front().id);
    }

    void chunksMoveWithTheirIds()
    {
        // Repacking: the chunks of a file, added as they were cut, come out
        // under the same ids and sealed sizes, in new segments, and restore
        // the same bytes.
        QTemporaryDir dir;
        Account a;
        const QByteArray data = pseudoRandom(200 * 1024 + 7, 21);
        const FileManifest first = ingest(a, data, dir.path());
        QList<QByteArray> chunks;
        qsizetype at = 0;
        for (const ChunkRef &c : first.chunks) {
            chunks.append(data.mid(at, c.plainSize()));
            at += c.plainSize();
        }
        ShardDirectory shards(dir.path());
        Ingestor ingestor(a.cipher, smallParams(), m_pool, shards);
        QVERIFY(ingestor.addChunks(chunks, u"moved"_s, 5));
        auto moved = ingestor.finish();
        QVERIFY(moved);
        const FileManifest &m = moved->front();
        QCOMPARE(m.chunks.size(), first.chunks.size());
        for (std::size_t i = 0; i < m.chunks.size(); ++i) {
            QCOMPARE(m.chunks[i].id, first.chunks[i].id);
            QCOMPARE(m.chunks[i].sealedSize, first.chunks[i].sealedSize);
        }
        QCOMPARE(m.contentHash, first.contentHash);
        expectRestores(a, m, dir.path(), data);

        // A chunk the chunker could not have cut is refused.
        Ingestor other(a.cipher, smallParams(), m_pool, shards);
        QVERIFY(!other.addChunks({QByteArray(32769, 'x')}, u"big"_s, 0));
        QVERIFY(!other.addChunks({QByteArray()}, u"empty"_s, 0));
    }

    void splitWriterFillsEachFileInTurn()
    {
        // Small, empty and large (around the page cache) files from one
        // stream written in pieces that cross their boundaries.
        QTemporaryDir dir;
        const QList<qint64> sizes{10, 0, (qint64(64) << 20) + 3, 5, 0};
        QList<std::pair<QString, qint64>> files;
        qint64 total = 0;
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            files.append({dir.filePath(u"f%1"_s.arg(i)), sizes[i]});
            total += sizes[i];
        }
        const QByteArray data = pseudoRandom(total, 31);
        SplitWriter writer(files);
        for (qint64 at = 0, step = 7; at < total; at += step, step = step * 3 % 5000000 + 1)
            QCOMPARE(writer.write(data.constData() + at, std::min(step, total - at)), std::min(step, total - at));
        QVERIFY2(writer.finish(), qPrintable(writer.errorString()));
        qint64 at = 0;
        for (const auto &[path, size] : files) {
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            QVERIFY(f.readAll() == data.mid(at, size));
            at += size;
        }
        // More bytes than the files hold is an error.
        SplitWriter tooMuch({{dir.filePath(u"small"_s), 2}});
        QCOMPARE(tooMuch.write("abc", 3), qint64(-1));
    }

    void progressComesFileByFileInOrder()
    {
        // Chunks of many files are sealed at once; each file's progress is
        // still reported in the order the files were added, ending at its
        // size (an empty file included).
        QTemporaryDir dir;
        Account a;
        ShardDirectory shards(dir.path());
        Ingestor ingestor(a.cipher, smallParams(), m_pool, shards);
        QList<std::pair<int, qint64>> calls; // file, done
        QList<qint64> sizes;
        for (int i = 0; i < 60; ++i) {
            QByteArray data = i == 30 ? QByteArray() : pseudoRandom(1 + (i * 7919) % 20000, 200 + i);
            sizes.append(data.size());
            QBuffer in(&data);
            in.open(QIODevice::ReadOnly);
            QVERIFY(ingestor.add(in, u"f%1"_s.arg(i), i, data.size(), [&calls, i](qint64 done, qint64 total) {
                calls.append({i, done});
                if (done > total)
                    calls.append({-1, -1}); // never more than the size
            }));
        }
        QVERIFY(ingestor.finish());
        int file = 0;
        for (const auto &[f, done] : std::as_const(calls)) {
            QVERIFY(f >= file);
            if (f > file) {
                QCOMPARE(calls[calls.indexOf(std::pair<int, qint64>{f, done}) - 1].second, sizes[file]);
                file = f;
            }
        }
        QCOMPARE(file, 59);
        QCOMPARE(calls.last().second, sizes.last());
        QVERIFY(calls.contains(std::pair<int, qint64>{30, 0}));
    }

    void threeLostShardsIsAClearError()
    {
        QTemporaryDir dir;
        Account a;
        const FileManifest m = ingest(a, pseudoRandom(200 * 1024, 3), dir.path());
        const SegmentInfo &s = m.segments[1];
        for (int i : {0, 2, 5})
            QVERIFY(QFile::remove(dir.filePath(s.shards[static_cast<std::size_t>(i)].toString())));
        auto back = restore(a, m, dir.path());
        QVERIFY(!back.ok());
        QVERIFY2(back.message().contains(u"segment 2 of"_s) && back.message().contains(u"only 3 of 6"_s) &&
                     back.message().contains(u"missing"_s),
                 qPrintable(back.message()));
    }

    void corruptedShardsAreDetectedAndWorkedAround()
    {
        QTemporaryDir dir;
        Account a;
        const QByteArray data = pseudoRandom(150 * 1024, 4);
        const FileManifest m = ingest(a, data, dir.path());
        auto corrupt = [&](const ShardId &id, qint64 at) {
            QFile f(dir.filePath(id.toString()));
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(at);
            char c = 0;
            f.getChar(&c);
            f.seek(at);
            f.putChar(static_cast<char>(c ^ 0x01));
        };
        corrupt(m.segments[0].shards[1], 7);
        corrupt(m.segments[0].shards[4], 100);
        QStringList problems;
        auto back = restore(a, m, dir.path(), &problems);
        QVERIFY(back);
        QVERIFY(back.value() == data);
        QVERIFY2(problems.join(u';').contains(u"merkle root does not match"_s), qPrintable(problems.join(u';')));

        corrupt(m.segments[0].shards[0], 3);
        corrupt(m.segments[0].shards[5], 3);
        auto broken = restore(a, m, dir.path());
        QVERIFY(!broken.ok());
        QVERIFY2(broken.message().contains(u"corrupted"_s), qPrintable(broken.message()));

        // A truncated or empty shard is corrupted too, not a crash.
        QTemporaryDir dir2;
        const FileManifest m2 = ingest(a, data, dir2.path());
        QFile t(dir2.filePath(m2.segments[1].shards[2].toString()));
        QVERIFY(t.resize(10));
        QFile e(dir2.filePath(m2.segments[1].shards[0].toString()));
        QVERIFY(e.resize(0));
        QStringList problems2;
        auto back2 = restore(a, m2, dir2.path(), &problems2);
        QVERIFY(back2);
        QVERIFY(back2.value() == data);
        QCOMPARE(problems2.size(), 2);
    }

    void everyFlippedBitOfAChunkIsDetected()
    {
        Account a;
        const QByteArray plain = pseudoRandom(333, 5);
        QByteArray sealed = plain + QByteArray(16, '\0');
        std::uint8_t id[32];
        a.cipher.seal(reinterpret_cast<const std::uint8_t *>(plain.constData()), 333, id,
                      reinterpret_cast<std::uint8_t *>(sealed.data()));
        for (qsizetype bit = 0; bit < sealed.size() * 8; ++bit) {
            QByteArray bad = sealed;
            bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
            QVERIFY(
                !a.cipher.open(id, reinterpret_cast<std::uint8_t *>(bad.data()), static_cast<std::size_t>(bad.size())));
        }
        QByteArray good = sealed;
        QVERIFY(
            a.cipher.open(id, reinterpret_cast<std::uint8_t *>(good.data()), static_cast<std::size_t>(good.size())));
        QCOMPARE(good.left(333), plain);
        // Sealing is deterministic within an account, different across accounts.
        QByteArray again = plain + QByteArray(16, '\0');
        std::uint8_t id2[32];
        a.cipher.seal(reinterpret_cast<const std::uint8_t *>(plain.constData()), 333, id2,
                      reinterpret_cast<std::uint8_t *>(again.data()));
        QCOMPARE(again, sealed);
        Account b;
        QByteArray other = plain + QByteArray(16, '\0');
        std::uint8_t id3[32];
        b.cipher.seal(reinterpret_cast<const std::uint8_t *>(plain.constData()), 333, id3,
                      reinterpret_cast<std::uint8_t *>(other.data()));
        QVERIFY(std::memcmp(id, id3, 32) != 0);
        QVERIFY(!b.cipher.open(id, reinterpret_cast<std::uint8_t *>(sealed.data()),
                               static_cast<std::size_t>(sealed.size())));
    }

    void anotherAccountCannotRestore()
    {
        QTemporaryDir dir;
        Account a, b;
        const FileManifest m = ingest(a, pseudoRandom(50 * 1024, 6), dir.path());
        auto r = restore(b, m, dir.path());
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(u"another account"_s), qPrintable(r.message()));
    }

    void repeatedContentIsStoredOnce()
    {
        QTemporaryDir dir;
        Account a;
        const QByteArray block = pseudoRandom(64 * 1024, 7);
        const QByteArray data = block + block + block + block;
        const FileManifest m = ingest(a, data, dir.path());
        std::set<QByteArray> unique;
        quint64 stored = 0;
        for (const ChunkRef &c : m.chunks)
            unique.insert(c.id);
        for (const SegmentInfo &s : m.segments)
            stored += s.size;
        QVERIFY(unique.size() < m.chunks.size());
        QVERIFY(stored < quint64(data.size()) / 2);
        expectRestores(a, m, dir.path(), data);
    }

    void emptyAndTinyFiles()
    {
        Account a;
        for (qsizetype size : {qsizetype(0), qsizetype(1), qsizetype(15), qsizetype(2049)}) {
            QTemporaryDir dir;
            const QByteArray data = pseudoRandom(size, 8);
            const FileManifest m = ingest(a, data, dir.path());
            auto back = restore(a, m, dir.path());
            QVERIFY(back);
            QCOMPARE(back.value(), data);
        }
    }

    void defaultParametersWithWideCode()
    {
        QTemporaryDir dir;
        Account a;
        PipelineParams p;
        p.k = 10;
        p.m = 4;
        p.maxSegmentSize = 8 * 1024 * 1024;
        const QByteArray data = pseudoRandom(12 * 1024 * 1024, 9);
        const FileManifest m = ingest(a, data, dir.path(), p);
        QCOMPARE(m.segments.size(), std::size_t(2));
        for (int i : {0, 3, 7, 12})
            QVERIFY(QFile::remove(dir.filePath(m.segments[0].shards[static_cast<std::size_t>(i)].toString())));
        expectRestores(a, m, dir.path(), data);
    }

    void restoreFileIsAtomicAndKeepsMtime()
    {
        QTemporaryDir dir;
        Account a;
        const QByteArray data = pseudoRandom(100 * 1024, 10);
        const FileManifest m = ingest(a, data, dir.path());
        const QString target = dir.filePath(u"out.bin"_s);
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old contents");
        }
        // A failed restore leaves the old file untouched and no temp file.
        for (const ShardId &id : m.segments[0].shards)
            QFile::rename(dir.filePath(id.toString()), dir.filePath(id.toString() + u".away"_s));
        ShardDirectory shards(dir.path());
        Restorer restorer(a.cipher, m_pool, shards);
        QVERIFY(!restorer.restoreFile(m, target).ok());
        QFile check(target);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("old contents"));
        check.close();
        const QStringList leftovers = QDir(dir.path()).entryList({u"out.bin*"_s}, QDir::Files | QDir::Hidden);
        QCOMPARE(leftovers, QStringList{u"out.bin"_s});
        for (const ShardId &id : m.segments[0].shards)
            QFile::rename(dir.filePath(id.toString() + u".away"_s), dir.filePath(id.toString()));
        QVERIFY(restorer.restoreFile(m, target).ok());
        QVERIFY(check.open(QIODevice::ReadOnly));
        QVERIFY(check.readAll() == data);
        QCOMPARE(QFileInfo(target).lastModified().toMSecsSinceEpoch(), qint64(1234567));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
