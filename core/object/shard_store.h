#pragma once

#include "common/result.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>

namespace stratus::object {

// Where the pipeline puts shards. Implementations are thread-safe: the
// pipeline writes several shards at once from its worker threads.
class ShardSink {
public:
    virtual ~ShardSink() = default;
    // The shard is the id.size bytes of `buffer` at `offset` (a coded
    // segment holds all of its shards; a sink may keep a reference instead
    // of a copy: nothing writes to the buffer any more). `leaves` are its
    // merkle leaves (the hashes its id's root is made of).
    virtual Status putShard(const ShardId &id, const QByteArray &buffer, qsizetype offset,
                            const std::vector<Hash32> &leaves) = 0;
    // Makes every shard put so far durable (batched fsync).
    virtual Status flush() = 0;
};

// Where the pipeline gets shards back. What it returns is untrusted: the
// pipeline checks every shard against its merkle root before use.
class ShardSource {
public:
    virtual ~ShardSource() = default;
    virtual Result<QByteArray> getShard(const ShardId &id) = 0;
    // True when every shard getShard() returns was already checked against
    // its id's merkle root on the way (BitTorrent v2 hashes each piece
    // against that root's tree), so the pipeline need not hash it again.
    virtual bool verifiesShards() const { return false; }
    // Asks a getShard() still running for `id` to give up soon (its result is
    // no longer needed). Sources that answer at once need not implement it.
    virtual void cancel(const ShardId &id) { Q_UNUSED(id); }
};

} // namespace stratus::object
