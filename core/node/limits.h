#pragma once

#include <QtGlobal>

namespace stratus::node {

// The largest shard a node stores or signs a contract for (the pipeline's
// shards are at most 64 MiB; this leaves room for wider segments). It bounds
// what one shard costs in memory: its leaves are at most 2 MiB.
constexpr qint64 kMaxShardSize = qint64(1) << 30;

// Every nonce in the node's objects (proof challenges, contracts, deletions).
constexpr qsizetype kNonceSize = 32;

} // namespace stratus::node
