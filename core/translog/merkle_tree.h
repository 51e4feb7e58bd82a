#pragma once

#include "translog/hashing.h"

#include <QtGlobal>

#include <vector>

namespace stratus::translog {

// An append-only Merkle tree over leaf hashes, shaped as in RFC 9162
// section 2.1: the tree of n leaves splits at the largest power of two
// smaller than n. Answers the root of any earlier size and the inclusion
// and consistency proofs of RFC 9162 sections 2.1.3.1 and 2.1.4.1.
//
// It keeps the hash of every complete, aligned subtree: level L holds the
// hashes of leaves [i * 2^L, (i + 1) * 2^L) for every complete such range,
// about two hashes (64 bytes) per leaf in all. A root or a proof is then a
// few lookups plus O(log n) hashes along the ragged right edge; no big
// subtree is ever hashed again. Appending costs one leaf plus, on average,
// one interior hash.
//
// Not thread-safe; a const object may be read from several threads.
class MerkleTree {
public:
    void append(const Hash &leaf);
    void reserve(quint64 leaves);
    quint64 size() const { return m_levels.empty() ? 0 : m_levels.front().size(); }
    const Hash &leaf(quint64 index) const { return m_levels.front()[index]; }

    // The root of the first `treeSize` leaves (treeSize <= size());
    // root(0) is SHA-256 of the empty string.
    Hash root(quint64 treeSize) const;
    Hash root() const { return root(size()); }

    // The audit path of leaf `index` in the tree of the first `treeSize`
    // leaves (index < treeSize <= size()), nearest sibling first.
    std::vector<Hash> inclusionProof(quint64 index, quint64 treeSize) const;

    // The proof that the tree of `oldSize` leaves is a prefix of the tree of
    // `newSize` leaves (oldSize <= newSize <= size()). Empty when oldSize is
    // 0 or equals newSize.
    std::vector<Hash> consistencyProof(quint64 oldSize, quint64 newSize) const;

private:
    Hash rangeHash(quint64 start, quint64 count) const;
    void path(quint64 index, quint64 start, quint64 count, std::vector<Hash> &out) const;
    void subproof(quint64 oldSize, quint64 start, quint64 count, bool whole, std::vector<Hash> &out) const;

    std::vector<std::vector<Hash>> m_levels;
};

// The largest power of two strictly smaller than n (n >= 2): where RFC 9162
// splits a tree of n leaves.
quint64 splitPoint(quint64 n);

} // namespace stratus::translog
