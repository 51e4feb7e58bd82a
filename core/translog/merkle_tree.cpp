#include "translog/merkle_tree.h"

#include <bit>

namespace stratus::translog {

quint64 splitPoint(quint64 n)
{
    Q_ASSERT(n >= 2);
    return std::bit_floor(n - 1);
}

void MerkleTree::append(const Hash &leaf)
{
    if (m_levels.empty())
        m_levels.emplace_back();
    m_levels.front().push_back(leaf);
    // Each level that now ends in a complete pair gives its parent one more
    // complete subtree.
    for (std::size_t level = 0; m_levels[level].size() % 2 == 0; ++level) {
        if (level + 1 == m_levels.size())
            m_levels.emplace_back();
        const std::vector<Hash> &below = m_levels[level];
        const Hash parent = nodeHash(below[below.size() - 2], below[below.size() - 1]);
        m_levels[level + 1].push_back(parent);
    }
}

void MerkleTree::reserve(quint64 leaves)
{
    if (m_levels.empty())
        m_levels.emplace_back();
    for (std::size_t level = 0; leaves > 0; ++level, leaves /= 2) {
        if (level == m_levels.size())
            m_levels.emplace_back();
        m_levels[level].reserve(leaves);
    }
}

// The hash of leaves [start, start + count). Every caller passes a start
// that is a multiple of the smallest power of two >= count (the recursion
// of RFC 9162 keeps that true), so a power-of-two range is one complete
// subtree we already hold, and any other range is a complete left subtree
// plus a smaller ragged right part.
Hash MerkleTree::rangeHash(quint64 start, quint64 count) const
{
    Q_ASSERT(count >= 1);
    if (std::has_single_bit(count)) {
        const int level = std::countr_zero(count);
        return m_levels[static_cast<std::size_t>(level)][start >> level];
    }
    const quint64 k = splitPoint(count);
    return nodeHash(rangeHash(start, k), rangeHash(start + k, count - k));
}

Hash MerkleTree::root(quint64 treeSize) const
{
    Q_ASSERT(treeSize <= size());
    if (treeSize == 0 || treeSize > size())
        return emptyTreeHash();
    return rangeHash(0, treeSize);
}

// PATH(m, D[n]) of RFC 9162 2.1.3.1 over leaves [start, start + count).
void MerkleTree::path(quint64 index, quint64 start, quint64 count, std::vector<Hash> &out) const
{
    if (count <= 1)
        return;
    const quint64 k = splitPoint(count);
    if (index < k) {
        path(index, start, k, out);
        out.push_back(rangeHash(start + k, count - k));
    } else {
        path(index - k, start + k, count - k, out);
        out.push_back(rangeHash(start, k));
    }
}

std::vector<Hash> MerkleTree::inclusionProof(quint64 index, quint64 treeSize) const
{
    Q_ASSERT(index < treeSize && treeSize <= size());
    std::vector<Hash> out;
    if (index >= treeSize || treeSize > size())
        return out;
    out.reserve(64);
    path(index, 0, treeSize, out);
    return out;
}

// SUBPROOF(m, D[n], b) of RFC 9162 2.1.4.1 over leaves [start, start + count).
void MerkleTree::subproof(quint64 oldSize, quint64 start, quint64 count, bool whole, std::vector<Hash> &out) const
{
    if (oldSize == count) {
        if (!whole)
            out.push_back(rangeHash(start, count));
        return;
    }
    const quint64 k = splitPoint(count);
    if (oldSize <= k) {
        subproof(oldSize, start, k, whole, out);
        out.push_back(rangeHash(start + k, count - k));
    } else {
        subproof(oldSize - k, start + k, count - k, false, out);
        out.push_back(rangeHash(start, k));
    }
}

std::vector<Hash> MerkleTree::consistencyProof(quint64 oldSize, quint64 newSize) const
{
    Q_ASSERT(oldSize <= newSize && newSize <= size());
    std::vector<Hash> out;
    if (oldSize == 0 || oldSize >= newSize || newSize > size())
        return out;
    out.reserve(64);
    subproof(oldSize, 0, newSize, true, out);
    return out;
}

} // namespace stratus::translog
