// Shard torrents are a pure function of the ShardId: the same info-hash for
// the same bytes wherever and whenever they are stored, and byte for byte
// what libtorrent itself makes for the same settings.

#include "swarm/endpoint.h"
#include "swarm/shard_torrent.h"

#include "object/merkle.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "test_data.h"

#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/torrent_info.hpp>

using namespace stratus;
using namespace stratus::swarm;
using namespace Qt::StringLiterals;
using object::ShardId;
using test::pseudoRandom;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

ShardId idOf(const QByteArray &data)
{
    return ShardId{object::merkleRoot(reinterpret_cast<const std::uint8_t *>(data.constData()),
                                      static_cast<std::size_t>(data.size())),
                   data.size()};
}

QByteArray bytesOf(lt::span<const char> s) { return QByteArray(s.data(), static_cast<qsizetype>(s.size())); }

} // namespace

class TestSwarmTorrent : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameBytesSameInfoHash()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray data = pseudoRandom(3 * kShardPieceSize + 12345, 1);
        const QString a = dir.filePath(u"a"_s);
        QVERIFY(QDir().mkpath(dir.filePath(u"elsewhere/deeper"_s)));
        const QString b = dir.filePath(u"elsewhere/deeper/b.bin"_s);
        QVERIFY(writeFile(a, data));
        QVERIFY(writeFile(b, data));
        {
            QFile f(b);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addDays(-400), QFileDevice::FileModificationTime));
        }
        const ShardId id = idOf(data);
        const auto leavesA = verifyShardFile(a, id);
        const auto leavesB = verifyShardFile(b, id);
        QVERIFY2(leavesA.ok(), qPrintable(leavesA.ok() ? QString() : leavesA.message()));
        QVERIFY(leavesB.ok());
        QVERIFY(*leavesA == *leavesB);

        const auto hash = infoHashFor(id);
        QVERIFY(hash.ok());
        QCOMPARE(hash->size(), 32);
        // The downloader side: from the id alone, twice.
        QCOMPARE(infoHashFor(id)->toHex(), hash->toHex());
        QCOMPARE(*torrentFileFor(id, *leavesA), *torrentFileFor(id, *leavesB));

        // Different bytes of the same size: a different swarm.
        QByteArray other = data;
        other[100] = static_cast<char>(other[100] ^ 1);
        QVERIFY(infoHashFor(idOf(other))->toHex() != hash->toHex());
    }

    void matchesLibtorrent_data()
    {
        QTest::addColumn<qint64>("size");
        for (qint64 s : {qint64(1), qint64(16384), qint64(kShardPieceSize - 1), qint64(kShardPieceSize),
                         qint64(kShardPieceSize + 1), qint64(3 * kShardPieceSize - 100), qint64(5 * 1024 * 1024 + 3)})
            QTest::addRow("%lld", static_cast<long long>(s)) << s;
    }

    void matchesLibtorrent()
    {
        QFETCH(qint64, size);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray data = pseudoRandom(size, static_cast<quint32>(size));
        const ShardId id = idOf(data);
        QVERIFY(writeFile(dir.filePath(id.toString()), data));

        // libtorrent's own v2-only private torrent of the same file.
        lt::file_storage fs;
        lt::add_files(fs, dir.filePath(id.toString()).toStdString());
        lt::create_torrent ct(fs, static_cast<int>(kShardPieceSize), lt::create_torrent::v2_only);
        ct.set_priv(true);
        lt::set_piece_hashes(ct, dir.path().toStdString());
        std::vector<char> buf;
        lt::bencode(std::back_inserter(buf), ct.generate());
        const lt::torrent_info theirs(buf, lt::from_span);

        const auto leaves = verifyShardFile(dir.filePath(id.toString()), id);
        QVERIFY(leaves.ok());
        const QByteArray ours = *torrentFileFor(id, *leaves);
        const lt::torrent_info mine(lt::span<const char>(ours.constData(), ours.size()), lt::from_span);

        QCOMPARE(bytesOf(theirs.info_section()), *infoDictFor(id));
        QCOMPARE(bytesOf(mine.info_section()), *infoDictFor(id));
        QVERIFY(mine.info_hashes().has_v2());
        QVERIFY(!mine.info_hashes().has_v1());
        QCOMPARE(bytesOf(mine.info_hashes().v2).toHex(), infoHashFor(id)->toHex());
        QVERIFY(mine.priv());
        // One file (libtorrent's file list may add a tail pad file of its own).
        for (int i = 1; i < mine.num_files(); ++i)
            QVERIFY(mine.files().pad_file_at(lt::file_index_t(i)));
        QCOMPARE(mine.piece_length(), static_cast<int>(kShardPieceSize));
        QCOMPARE(QString::fromStdString(mine.name()), id.toString());
        const lt::sha256_hash root = mine.files().root(lt::file_index_t(0));
        QCOMPARE(bytesOf(root).toHex(), id.root.toHex());
        // The piece layer: ours, libtorrent's, and the one it accepted. A
        // one-piece file has none (BEP 52); libtorrent writes its root as a
        // one-entry layer there, which is outside the info dict.
        if (size > kShardPieceSize) {
            QCOMPARE(bytesOf(mine.piece_layer(lt::file_index_t(0))).toHex(),
                     bytesOf(theirs.piece_layer(lt::file_index_t(0))).toHex());
            QCOMPARE(bytesOf(mine.piece_layer(lt::file_index_t(0))).toHex(), pieceLayerFor(id, *leaves)->toHex());
        } else {
            QVERIFY(pieceLayerFor(id, *leaves)->isEmpty());
            QCOMPARE(bytesOf(theirs.piece_layer(lt::file_index_t(0))).toHex(), id.root.toHex());
        }

        // What a downloader loads: the info dict alone, same info-hash.
        const QByteArray bare = *bareTorrentFileFor(id);
        const lt::torrent_info fromId(lt::span<const char>(bare.constData(), bare.size()), lt::from_span);
        QCOMPARE(bytesOf(fromId.info_hashes().v2).toHex(), infoHashFor(id)->toHex());
        QCOMPARE(bytesOf(fromId.files().root(lt::file_index_t(0))).toHex(), id.root.toHex());
    }

    void rejectsWhatDoesNotMatch()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray data = pseudoRandom(kShardPieceSize * 2 + 7, 9);
        const ShardId id = idOf(data);
        const QString path = dir.filePath(u"s"_s);
        QVERIFY(writeFile(path, data));

        QVERIFY(!infoDictFor(ShardId{}).ok());
        QVERIFY(!infoHashFor(ShardId{id.root, 0}).ok());
        QVERIFY(!infoHashFor(ShardId{id.root.left(31), id.size}).ok());

        auto leaves = *verifyShardFile(path, id);
        auto wrong = leaves;
        wrong[3][0] ^= 1;
        QVERIFY(!pieceLayerFor(id, wrong).ok());
        QVERIFY(!torrentFileFor(id, {leaves.begin(), leaves.end() - 1}).ok());

        // Same size, one flipped byte: the file is not the shard.
        QByteArray bad = data;
        bad[kShardPieceSize + 5] = static_cast<char>(bad[kShardPieceSize + 5] ^ 0x40);
        QVERIFY(writeFile(path, bad));
        const auto flipped = verifyShardFile(path, id);
        QVERIFY(!flipped.ok());
        QVERIFY2(flipped.message().contains(path), qPrintable(flipped.message()));
        // Wrong size and missing file.
        QVERIFY(writeFile(path, data.left(data.size() - 1)));
        QVERIFY(!verifyShardFile(path, id).ok());
        QVERIFY(!verifyShardFile(dir.filePath(u"missing"_s), id).ok());
    }

    void endpoints()
    {
        QCOMPARE(Endpoint::parse(u"127.0.0.21:6881")->toString(), u"127.0.0.21:6881"_s);
        QCOMPARE(Endpoint::parse(u"[::1]:5")->address, u"::1"_s);
        QCOMPARE(Endpoint::parse(u"[::1]:5")->toString(), u"[::1]:5"_s);
        for (const QString &bad : {u"localhost:80"_s, u"1.2.3.4:0"_s, u"1.2.3.4:65536"_s, u"1.2.3.4"_s, u"1.2.3.4:+5"_s,
                                   u"::1:5"_s, u"[::1]5"_s, u":80"_s, u""_s})
            QVERIFY2(!Endpoint::parse(bad).ok(), qPrintable(bad));
        QVERIFY(!(Endpoint{u"127.0.0.1"_s, 0}).isValid());
        QVERIFY((Endpoint{u"127.0.0.1"_s, 1}).isValid());
    }
};

QTEST_GUILESS_MAIN(TestSwarmTorrent)
#include "test_swarm_torrent.moc"
