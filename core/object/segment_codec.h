#pragma once

#include "common/result.h"
#include "object/erasure.h"
#include "object/manifest.h"
#include "object/shard_store.h"

#include <QByteArray>

namespace stratus::object {

// Shard length for a segment of `size` bytes split k ways.
quint64 shardSizeFor(quint64 size, int k);

// Erasure-codes a segment of sealed chunks into k + m shards, names each by
// its merkle root and puts it into `sink`. `segment` is padded in place.
Result<SegmentInfo> encodeSegment(QByteArray segment, const ErasureCoder &coder, ShardSink &sink);

// Fetches shards of `info` from `source` (data shards first, parity as
// needed), checks each against its merkle root, and rebuilds the segment's
// bytes. Fails with an error that lists what was missing or corrupted when
// fewer than k good shards are found. `problems` (optional) receives a line
// for each shard that was skipped even when the segment could be rebuilt.
Result<QByteArray> loadSegment(const SegmentInfo &info, ShardSource &source, QStringList *problems = nullptr);

} // namespace stratus::object
