#pragma once

#include "common/result.h"
#include "node/node_database.h"
#include "object/shard_id.h"

#include <QStringList>

#include <vector>

namespace stratus::node {

class ShardStore;

struct GcReport {
    std::vector<CollectionRecord> collected; // what this run removed (also logged in the database)
    qint64 bytesFreed = 0;
    // Shards in the store that no contract names (an interrupted upload, a
    // lost database). Reported, never deleted: only a contract says a shard
    // may go.
    std::vector<object::ShardId> orphans;
    QStringList errors; // shards that could not be collected this time (tried again next run)
};

// Garbage collection of the storage node: a shard is deleted when none of its
// contracts keeps it any more, that is when every contract either expired
// more than `grace` ago or was cancelled by a signed deletion order of its
// client. A contract still in its grace period keeps the shard, and so does a
// renewal (a newer contract for the same shard). Deletion orders take effect
// at the next run, without a grace period: the client asked for it.
//
// The file is removed first, then the contracts are marked Collected and the
// collection logged, in one transaction: a crash in between only means the
// next run logs it (with 0 bytes freed).
class GarbageCollector {
public:
    GarbageCollector(ShardStore &store, NodeDatabase &db) : m_store(store), m_db(db) {}

    Result<GcReport> collect(qint64 nowMs, qint64 graceMs);

private:
    ShardStore &m_store;
    NodeDatabase &m_db;
};

} // namespace stratus::node
