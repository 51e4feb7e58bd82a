#pragma once

#include "object/chunker.h"

#include <functional>

namespace stratus::object {

struct PipelineParams {
    ChunkerParams chunker;
    int k = 4; // data shards per segment
    int m = 2; // parity shards per segment
    quint64 maxSegmentSize = 64ull * 1024 * 1024;
};

// Called with bytes done and bytes in all, from the calling thread.
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

} // namespace stratus::object
