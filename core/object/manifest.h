#pragma once

#include "common/result.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace stratus::object {

// Where one chunk of a file lives: its id and its place in a segment.
struct ChunkRef {
    QByteArray id;          // 32-byte keyed hash of the plaintext
    quint32 segment = 0;    // index into FileManifest::segments
    quint64 offset = 0;     // byte offset of the sealed chunk in the segment
    quint32 sealedSize = 0; // plaintext size + 16 (GCM tag)

    quint32 plainSize() const { return sealedSize - 16; }
    friend bool operator==(const ChunkRef &, const ChunkRef &) = default;
};

// A segment: sealed chunks back to back, erasure-coded into k + m shards of
// `shardSize` bytes each (the segment zero-padded to k * shardSize).
struct SegmentInfo {
    int k = 0;
    int m = 0;
    quint64 size = 0; // bytes of sealed chunks in the segment
    quint64 shardSize = 0;
    std::vector<ShardId> shards; // k data shards, then m parity shards

    friend bool operator==(const SegmentInfo &, const SegmentInfo &) = default;
};

// One version of one file. Format: see core/object/MANIFEST.md.
struct FileManifest {
    static constexpr int kVersion = 1;

    QString name;           // the file's base name when it was packed
    quint64 size = 0;       // plaintext bytes
    qint64 mtimeMs = 0;     // modification time, ms since the Unix epoch (UTC)
    QByteArray contentHash; // SHA-256 over the chunk ids in order
    std::vector<ChunkRef> chunks;
    std::vector<SegmentInfo> segments;

    friend bool operator==(const FileManifest &, const FileManifest &) = default;
};

QByteArray encodeManifest(const FileManifest &manifest);

// Strict: any malformed, truncated, inconsistent or oversized input is
// refused with an error that says what is wrong. Never crashes.
Result<FileManifest> decodeManifest(const QByteArray &cbor);

// Computes FileManifest::contentHash from chunk ids.
QByteArray contentHashOf(const std::vector<ChunkRef> &chunks);

} // namespace stratus::object
