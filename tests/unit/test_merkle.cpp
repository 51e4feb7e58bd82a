// Checks our BitTorrent v2 merkle roots against the ones libtorrent computes
// for the same bytes, and audit paths against the roots.

#include "object/merkle.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "test_data.h"

#include <libtorrent/create_torrent.hpp>
#include <libtorrent/torrent_info.hpp>

using namespace stratus::object;
using namespace Qt::StringLiterals;

using stratus::test::pseudoRandom;

namespace {

QByteArray libtorrentRoot(const QString &dir, const QByteArray &data)
{
    const QString path = dir + u"/shard"_s;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return {};
    f.close();
    lt::file_storage fs;
    lt::add_files(fs, path.toStdString());
    lt::create_torrent ct(fs, 0, lt::create_torrent::v2_only);
    lt::set_piece_hashes(ct, dir.toStdString());
    std::vector<char> buf;
    lt::bencode(std::back_inserter(buf), ct.generate());
    const lt::torrent_info ti(buf, lt::from_span);
    const lt::sha256_hash root = ti.files().root(lt::file_index_t(0));
    return QByteArray(root.data(), static_cast<qsizetype>(root.size()));
}

} // namespace

class TestMerkle : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesLibtorrent_data()
    {
        QTest::addColumn<qsizetype>("size");
        for (qsizetype s : {qsizetype(1), qsizetype(1000), qsizetype(16383), qsizetype(16384), qsizetype(16385),
                            qsizetype(3 * 16384 + 5), qsizetype(64 * 16384), qsizetype(1024 * 1024 + 17),
                            qsizetype(5 * 1024 * 1024 + 3)})
            QTest::addRow("%lld", static_cast<long long>(s)) << s;
    }

    void matchesLibtorrent()
    {
        QFETCH(qsizetype, size);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QByteArray data = pseudoRandom(size, static_cast<quint32>(size));
        const QByteArray ours =
            merkleRoot(reinterpret_cast<const std::uint8_t *>(data.constData()), static_cast<std::size_t>(data.size()));
        const QByteArray theirs = libtorrentRoot(dir.path(), data);
        QCOMPARE(ours.size(), 32);
        QCOMPARE(ours.toHex(), theirs.toHex());
    }

    void auditPathsVerify()
    {
        const QByteArray data = pseudoRandom(11 * 16384 + 100, 5);
        const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
        const auto leaves = merkleLeaves(p, static_cast<std::size_t>(data.size()));
        QCOMPARE(leaves.size(), std::size_t(12));
        const Hash32 root = merkleRootFromLeaves(leaves);
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            const std::size_t off = i * kMerkleBlockSize;
            const std::size_t len = std::min(kMerkleBlockSize, static_cast<std::size_t>(data.size()) - off);
            const auto path = merklePath(leaves, i);
            QCOMPARE(path.size(), std::size_t(4));
            QVERIFY(verifyMerklePath(root, leaves.size(), i, p + off, len, path));
            // A flipped byte, the wrong index, or a damaged path fail.
            QByteArray block = data.mid(static_cast<qsizetype>(off), static_cast<qsizetype>(len));
            block[0] = static_cast<char>(block[0] ^ 1);
            QVERIFY(!verifyMerklePath(root, leaves.size(), i, reinterpret_cast<const std::uint8_t *>(block.constData()),
                                      len, path));
            QVERIFY(!verifyMerklePath(root, leaves.size(), (i + 1) % leaves.size(), p + off, len, path));
            auto badPath = path;
            badPath.back()[3] ^= 0x10;
            QVERIFY(!verifyMerklePath(root, leaves.size(), i, p + off, len, badPath));
            QVERIFY(!verifyMerklePath(root, leaves.size(), i, p + off, len, {path.begin(), path.end() - 1}));
        }
        QVERIFY(!verifyMerklePath(root, leaves.size(), 99, p, kMerkleBlockSize, merklePath(leaves, 0)));
    }

    void singleBlockRootIsBlockHash()
    {
        const QByteArray data = pseudoRandom(500, 6);
        const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
        const auto leaves = merkleLeaves(p, 500);
        QCOMPARE(leaves.size(), std::size_t(1));
        QVERIFY(verifyMerklePath(leaves[0], 1, 0, p, 500, {}));
        QVERIFY(merkleRoot(p, 0).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMerkle)
#include "test_merkle.moc"
