#pragma once

// Merkle proofs of a transparency log on the control plane: a CBOR array of
// 32-byte hashes (`log-inclusion`, `log-consistency`).

#include "translog/hashing.h"

#include <QCborArray>

#include <optional>
#include <vector>

namespace stratus::validator {

QCborArray proofToCbor(const std::vector<translog::Hash> &proof);
// Nothing unless an array of at most 128 hashes of 32 bytes each.
std::optional<std::vector<translog::Hash>> proofFromCbor(const QCborValue &value);

} // namespace stratus::validator
