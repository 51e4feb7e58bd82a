#pragma once

#include <QByteArray>

#include <array>
#include <cstdint>
#include <vector>

namespace stratus::object {

// BitTorrent v2 (BEP 52) merkle trees: leaves are SHA-256 of 16 KiB blocks
// (the last one may be shorter), the leaf layer is padded to a power of two
// with all-zero hashes, and each parent is SHA-256(left || right). The root
// of a file's tree is its "pieces root" — what libtorrent computes.
constexpr std::size_t kMerkleBlockSize = 16 * 1024;
using Hash32 = std::array<std::uint8_t, 32>;

std::size_t merkleBlockCount(std::uint64_t size);

// SHA-256 of each 16 KiB block of `data`.
std::vector<Hash32> merkleLeaves(const std::uint8_t *data, std::size_t size);

// The root over `leaves`, padded to a power of two with zero hashes.
Hash32 merkleRootFromLeaves(const std::vector<Hash32> &leaves);

// merkleRootFromLeaves(merkleLeaves(data)) as 32 bytes; empty input has no
// root (an empty QByteArray).
QByteArray merkleRoot(const std::uint8_t *data, std::size_t size);

// The sibling hashes from leaf `index` up to the root (an audit path).
std::vector<Hash32> merklePath(const std::vector<Hash32> &leaves, std::size_t index);

// Checks that `block` is leaf `index` of a tree with `leafCount` leaves whose
// root is `root`, using `path` as returned by merklePath().
bool verifyMerklePath(const Hash32 &root, std::size_t leafCount, std::size_t index, const std::uint8_t *block,
                      std::size_t blockSize, const std::vector<Hash32> &path);

} // namespace stratus::object
