#pragma once

#include "common/result.h"
#include "translog/hashing.h"

#include <vector>

namespace stratus::translog {

// Checks that `leaf` (a leaf hash, see leafHash) is entry `index` of the
// tree of `treeSize` entries whose root is `root`, given the inclusion proof
// (RFC 9162 section 2.1.3.2). The error says what does not fit.
Status verifyInclusion(const Hash &leaf, quint64 index, quint64 treeSize, const std::vector<Hash> &proof,
                       const Hash &root);

// Checks that the tree of `oldSize` entries with root `oldRoot` is a prefix
// of the tree of `newSize` entries with root `newRoot` (RFC 9162 section
// 2.1.4.2): the log only appended between the two. Sizes 0 (any tree extends
// the empty one) and oldSize == newSize (the roots must be equal) take an
// empty proof.
Status verifyConsistency(quint64 oldSize, quint64 newSize, const Hash &oldRoot, const Hash &newRoot,
                         const std::vector<Hash> &proof);

// How many hashes a valid proof holds (0 for arguments no proof exists for).
std::size_t inclusionProofLength(quint64 index, quint64 treeSize);
std::size_t consistencyProofLength(quint64 oldSize, quint64 newSize);

} // namespace stratus::translog
