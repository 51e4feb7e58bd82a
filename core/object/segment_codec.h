#pragma once

#include "common/result.h"
#include "object/erasure.h"
#include "object/manifest.h"
#include "object/shard_store.h"

#include <QByteArray>
#include <QStringList>

namespace stratus::object {

// Shard length for a segment of `size` bytes split k ways.
quint64 shardSizeFor(quint64 size, int k);

// A segment laid out as k data shards back to back (zero-padded to
// k * shardSize) followed by the m parity shards, in one buffer.
struct CodedSegment {
    QByteArray bytes; // (k + m) * shardSize
    quint64 size = 0; // bytes of sealed chunks before padding
    quint64 shardSize = 0;
    int k = 0;
    int m = 0;

    const std::uint8_t *shard(int i) const
    {
        return reinterpret_cast<const std::uint8_t *>(bytes.constData()) + shardSize * static_cast<quint64>(i);
    }
};

// Pads `segment` and computes its parity in place (cheap: ISA-L runs at
// tens of GB/s, so this stays on the pipeline's own thread).
CodedSegment codeSegment(QByteArray segment, const ErasureCoder &coder);

// Names shard `index` of `coded` by its merkle root and puts it into `sink`
// (the expensive part; one job per shard runs on the pool).
Result<ShardId> storeShard(const CodedSegment &coded, int index, ShardSink &sink);

// Fetches a shard and checks it against its id; a wrong size or root is
// reported as corrupted.
Result<QByteArray> fetchVerifiedShard(ShardSource &source, const ShardId &id);

// The k data shards of a segment, as fetched or rebuilt.
struct SegmentData {
    std::vector<QByteArray> shards; // k buffers of shardSize
    quint64 shardSize = 0;
    quint64 size = 0;

    // Copies `len` bytes at segment offset `offset` to `out` (the caller has
    // checked the range against `size`).
    void read(quint64 offset, std::size_t len, std::uint8_t *out) const;
};

// Rebuilds the data shards from `fetched` (k + m slots, empty = missing or
// bad); needs at least k of them.
Result<SegmentData> assembleSegment(const SegmentInfo &info, std::vector<QByteArray> fetched);

} // namespace stratus::object
