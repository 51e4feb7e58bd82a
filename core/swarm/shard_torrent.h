#pragma once

// Deterministic BitTorrent v2 torrents for shards (see SWARM.md).
//
// A shard's torrent is a pure function of its ShardId: v2 only, one file
// named ShardId::toString(), 256 KiB pieces, private, and nothing else (no
// creation date, creator, comment, trackers or attributes). Its info dict
// holds the file's length and "pieces root" (= the ShardId root) but no
// piece hashes, so anyone who knows the id can build it and compute the
// info-hash without the data. The piece layer (hashes of the 256 KiB
// subtrees) lives outside the info dict; a downloader fetches it from peers
// and libtorrent checks it against the root.

#include "common/result.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace stratus::swarm {

// Fixed for every shard of every network: it is part of the info-hash.
// A power of two >= 16 KiB as BEP 52 requires; 16 merkle blocks per piece.
constexpr qint64 kShardPieceSize = 256 * 1024;

// The bencoded info dict of a shard's torrent. Needs only the id.
Result<QByteArray> infoDictFor(const object::ShardId &id);

// The v2 info-hash: SHA-256 of infoDictFor(id), 32 bytes. (The BitTorrent
// wire and the DHT use its first 20 bytes.)
Result<QByteArray> infoHashFor(const object::ShardId &id);

// The piece layer: one 32-byte hash per 256 KiB piece (the root of its 16
// blocks, the last piece padded with zero leaves). Checks that `leaves` are
// the shard's merkle leaves (count and root). Empty for a one-piece shard,
// whose only piece hash is the root.
Result<QByteArray> pieceLayerFor(const object::ShardId &id, const std::vector<object::Hash32> &leaves);

// A complete .torrent file: the info dict and, for shards over one piece,
// the piece layer. Holders who keep the leaves use it to seed without
// hashing the shard twice and to pin damage down to single pieces.
Result<QByteArray> torrentFileFor(const object::ShardId &id, const std::vector<object::Hash32> &leaves);

// A torrent holding only the info dict (what a downloader, or a holder
// without the leaves, loads; the piece layer comes from peers or from the
// hash check).
Result<QByteArray> bareTorrentFileFor(const object::ShardId &id);

// Reads the file at `path` (hostile: any size, any bytes) and computes its
// merkle leaves; fails unless its size and root match `id`. When
// `syncToDisk`, the file is also fsync'ed (used before a fetched shard is
// renamed into place).
Result<std::vector<object::Hash32>> verifyShardFile(const QString &path, const object::ShardId &id,
                                                    bool syncToDisk = false);

} // namespace stratus::swarm
