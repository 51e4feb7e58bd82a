#include "swarm/shard_torrent.h"

#include "common/files.h"
#include "crypto/hash.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

namespace {

constexpr std::size_t kLeavesPerPiece = static_cast<std::size_t>(kShardPieceSize) / object::kMerkleBlockSize;
static_assert(kLeavesPerPiece * object::kMerkleBlockSize == static_cast<std::size_t>(kShardPieceSize));
static_assert((kLeavesPerPiece & (kLeavesPerPiece - 1)) == 0, "a piece must hold a power of two of blocks");

// The few bencode forms a shard torrent needs. Keys are written in the
// sorted order bencode requires.
void putString(QByteArray &out, const QByteArray &bytes)
{
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
}

void putInt(QByteArray &out, qint64 value)
{
    out += 'i';
    out += QByteArray::number(value);
    out += 'e';
}

Status checkId(const object::ShardId &id)
{
    if (!id.isValid())
        return makeError(u"\"%1\" is not a valid shard id (a 32-byte root and a positive size)"_s.arg(id.toString()));
    return {};
}

QByteArray hashBytes(const object::Hash32 &h)
{
    return QByteArray(reinterpret_cast<const char *>(h.data()), static_cast<qsizetype>(h.size()));
}

Status checkLeaves(const object::ShardId &id, const std::vector<object::Hash32> &leaves)
{
    if (leaves.size() != object::merkleBlockCount(static_cast<std::uint64_t>(id.size)))
        return makeError(u"the merkle leaves given for shard %1 are %2, expected %3"_s.arg(id.toString())
                             .arg(leaves.size())
                             .arg(object::merkleBlockCount(static_cast<std::uint64_t>(id.size))));
    if (hashBytes(object::merkleRootFromLeaves(leaves)) != id.root)
        return makeError(u"the merkle leaves given for shard %1 do not hash to its root"_s.arg(id.toString()));
    return {};
}

} // namespace

Result<QByteArray> infoDictFor(const object::ShardId &id)
{
    if (auto ok = checkId(id); !ok)
        return ok.error();
    const QByteArray name = id.toString().toUtf8();
    QByteArray out;
    out.reserve(256);
    out += 'd';
    putString(out, "file tree");
    out += 'd';
    putString(out, name);
    out += 'd';
    putString(out, QByteArray()); // "" marks the file entry
    out += 'd';
    putString(out, "length");
    putInt(out, id.size);
    putString(out, "pieces root");
    putString(out, id.root);
    out += "eee";
    putString(out, "meta version");
    putInt(out, 2);
    putString(out, "name");
    putString(out, name);
    putString(out, "piece length");
    putInt(out, kShardPieceSize);
    putString(out, "private");
    putInt(out, 1);
    out += 'e';
    return out;
}

Result<QByteArray> infoHashFor(const object::ShardId &id)
{
    auto info = infoDictFor(id);
    if (!info)
        return info.error();
    return crypto::sha256(*info);
}

Result<QByteArray> pieceLayerFor(const object::ShardId &id, const std::vector<object::Hash32> &leaves)
{
    if (auto ok = checkId(id); !ok)
        return ok.error();
    if (auto ok = checkLeaves(id, leaves); !ok)
        return ok.error();
    QByteArray layer;
    if (id.size <= kShardPieceSize)
        return layer;
    layer.reserve(static_cast<qsizetype>((leaves.size() + kLeavesPerPiece - 1) / kLeavesPerPiece * 32));
    std::vector<object::Hash32> piece;
    for (std::size_t i = 0; i < leaves.size(); i += kLeavesPerPiece) {
        const std::size_t end = std::min(leaves.size(), i + kLeavesPerPiece);
        piece.assign(leaves.begin() + static_cast<std::ptrdiff_t>(i),
                     leaves.begin() + static_cast<std::ptrdiff_t>(end));
        piece.resize(kLeavesPerPiece, object::Hash32{}); // zero leaves past the end of the file
        layer += hashBytes(object::merkleRootFromLeaves(piece));
    }
    return layer;
}

Result<QByteArray> torrentFileFor(const object::ShardId &id, const std::vector<object::Hash32> &leaves)
{
    auto info = infoDictFor(id);
    if (!info)
        return info.error();
    auto layer = pieceLayerFor(id, leaves);
    if (!layer)
        return layer.error();
    QByteArray out = "d";
    putString(out, "info");
    out += *info;
    if (!layer->isEmpty()) {
        putString(out, "piece layers");
        out += 'd';
        putString(out, id.root);
        putString(out, *layer);
        out += 'e';
    }
    out += 'e';
    return out;
}

Result<QByteArray> bareTorrentFileFor(const object::ShardId &id)
{
    auto info = infoDictFor(id);
    if (!info)
        return info.error();
    QByteArray out = "d";
    putString(out, "info");
    out += *info;
    out += 'e';
    return out;
}

Result<std::vector<object::Hash32>> verifyShardFile(const QString &path, const object::ShardId &id, bool syncToDisk)
{
    if (auto ok = checkId(id); !ok)
        return ok.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(u"cannot read shard file %1: %2"_s.arg(path, file.errorString()));
    if (file.size() != id.size)
        return makeError(u"shard file %1 has %2 bytes, but shard %3 has %4"_s.arg(path)
                             .arg(file.size())
                             .arg(id.toString())
                             .arg(id.size));

    std::vector<object::Hash32> leaves;
    leaves.reserve(object::merkleBlockCount(static_cast<std::uint64_t>(id.size)));
    constexpr qint64 kChunk = 64 * static_cast<qint64>(object::kMerkleBlockSize);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        // Fill whole chunks so every leaf but the last covers a full block.
        qint64 filled = 0;
        while (filled < kChunk) {
            const qint64 n = file.read(buffer.data() + filled, kChunk - filled);
            if (n < 0)
                return makeError(u"cannot read shard file %1: %2"_s.arg(path, file.errorString()));
            if (n == 0)
                break;
            filled += n;
        }
        if (filled == 0)
            break;
        total += filled;
        if (total > id.size)
            return makeError(u"shard file %1 grew while it was read"_s.arg(path));
        const auto chunkLeaves = object::merkleLeaves(reinterpret_cast<const std::uint8_t *>(buffer.constData()),
                                                      static_cast<std::size_t>(filled));
        leaves.insert(leaves.end(), chunkLeaves.begin(), chunkLeaves.end());
        if (filled < kChunk)
            break;
    }
    if (total != id.size)
        return makeError(u"shard file %1 changed size while it was read"_s.arg(path));
    if (hashBytes(object::merkleRootFromLeaves(leaves)) != id.root)
        return makeError(u"shard file %1 does not match shard %2 (its merkle root differs)"_s.arg(path, id.toString()));
    if (syncToDisk) {
        if (auto ok = syncFileDescriptor(file.handle(), path); !ok)
            return ok.error();
    }
    return leaves;
}

} // namespace stratus::swarm
