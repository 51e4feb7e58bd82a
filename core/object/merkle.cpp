#include "object/merkle.h"

#include "crypto/hash.h"

#include <bit>

namespace stratus::object {

namespace {

Hash32 hashPair(crypto::Sha256 &h, const Hash32 &a, const Hash32 &b)
{
    Hash32 out;
    h.update(a.data(), a.size());
    h.update(b.data(), b.size());
    h.final(out.data());
    return out;
}

std::size_t paddedWidth(std::size_t leafCount) { return leafCount <= 1 ? 1 : std::bit_ceil(leafCount); }

} // namespace

std::size_t merkleBlockCount(std::uint64_t size)
{
    return static_cast<std::size_t>((size + kMerkleBlockSize - 1) / kMerkleBlockSize);
}

std::vector<Hash32> merkleLeaves(const std::uint8_t *data, std::size_t size)
{
    std::vector<Hash32> leaves(merkleBlockCount(size));
    crypto::Sha256 h;
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        const std::size_t off = i * kMerkleBlockSize;
        const std::size_t len = std::min(kMerkleBlockSize, size - off);
        h.update(data + off, len);
        h.final(leaves[i].data());
    }
    return leaves;
}

Hash32 merkleRootFromLeaves(const std::vector<Hash32> &leaves)
{
    if (leaves.empty())
        return Hash32{};
    crypto::Sha256 h;
    std::vector<Hash32> layer = leaves;
    layer.resize(paddedWidth(leaves.size()), Hash32{});
    while (layer.size() > 1) {
        for (std::size_t i = 0; i < layer.size() / 2; ++i)
            layer[i] = hashPair(h, layer[2 * i], layer[2 * i + 1]);
        layer.resize(layer.size() / 2);
    }
    return layer[0];
}

QByteArray merkleRoot(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return {};
    const Hash32 root = merkleRootFromLeaves(merkleLeaves(data, size));
    return QByteArray(reinterpret_cast<const char *>(root.data()), static_cast<qsizetype>(root.size()));
}

std::vector<Hash32> merklePath(const std::vector<Hash32> &leaves, std::size_t index)
{
    std::vector<Hash32> path;
    if (index >= leaves.size())
        return path;
    crypto::Sha256 h;
    std::vector<Hash32> layer = leaves;
    layer.resize(paddedWidth(leaves.size()), Hash32{});
    while (layer.size() > 1) {
        path.push_back(layer[index ^ 1u]);
        for (std::size_t i = 0; i < layer.size() / 2; ++i)
            layer[i] = hashPair(h, layer[2 * i], layer[2 * i + 1]);
        layer.resize(layer.size() / 2);
        index /= 2;
    }
    return path;
}

bool verifyMerklePath(const Hash32 &root, std::size_t leafCount, std::size_t index, const std::uint8_t *block,
                      std::size_t blockSize, const std::vector<Hash32> &path)
{
    if (leafCount == 0 || index >= leafCount || blockSize == 0 || blockSize > kMerkleBlockSize)
        return false;
    const std::size_t depth = static_cast<std::size_t>(std::countr_zero(paddedWidth(leafCount)));
    if (path.size() != depth)
        return false;
    crypto::Sha256 h;
    Hash32 node;
    h.update(block, blockSize);
    h.final(node.data());
    for (const Hash32 &sibling : path) {
        node = (index & 1u) ? hashPair(h, sibling, node) : hashPair(h, node, sibling);
        index /= 2;
    }
    return node == root;
}

} // namespace stratus::object
