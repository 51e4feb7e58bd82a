#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace stratus::translog {

// A SHA-256 value: a leaf hash, an interior node hash or a tree root.
using Hash = std::array<std::uint8_t, 32>;

// The hashes of RFC 9162 section 2.1.1, with SHA-256:
//   leaf:  SHA-256(0x00 || entry)
//   node:  SHA-256(0x01 || left || right)
//   empty tree: SHA-256 of the empty string.
// The prefixes keep a leaf from ever being taken for an interior node.
Hash leafHash(const QByteArray &entry);
Hash leafHash(const void *data, std::size_t size);
Hash nodeHash(const Hash &left, const Hash &right);
Hash emptyTreeHash();

QByteArray toByteArray(const Hash &hash);
// Exactly 32 bytes, or nothing.
std::optional<Hash> hashFromBytes(const QByteArray &bytes);
QString toHex(const Hash &hash);

} // namespace stratus::translog
