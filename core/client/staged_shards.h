#pragma once

#include "object/manifest.h"
#include "object/merkle.h"
#include "object/shard_store.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QWaitCondition>

#include <vector>

namespace stratus::client {

// The shards a put has made and not yet placed, kept in memory with their
// merkle leaves: they are served to the nodes from here (no staging files
// written and read back). A shard is a reference into its coded segment,
// not a copy; a segment's buffer goes when its last shard is released. The pipeline's workers put shards without ever
// waiting. The ingesting thread hands each finished segment to placement
// (placing()) and then waits in waitForRoom() while the segments being
// placed hold more than `budgetBytes`: placement always ends, so this never
// waits for itself, and memory stays at about the budget plus the segments
// the pipeline is still coding.
class StagedShards final : public object::ShardSink {
public:
    explicit StagedShards(qint64 budgetBytes) : m_budget(budgetBytes) {}

    Status putShard(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                    const std::vector<object::Hash32> &leaves) override;
    Status flush() override { return {}; } // nothing here is meant to last

    struct Shard {
        QByteArray buffer; // holds the shard at `offset` (shared: its coded segment); empty when not staged
        qsizetype offset = 0;
        qsizetype size = 0;
        std::vector<object::Hash32> leaves;
        bool placing = false; // counted in m_placing
    };
    Shard get(const object::ShardId &id) const;
    // A segment whose shards are all here goes to placement.
    void placing(const object::SegmentInfo &segment);
    // Lets go of a shard (placed, or given up on), or all of a segment's.
    void release(const object::ShardId &id);
    void release(const object::SegmentInfo &segment);
    // Blocks while the segments being placed hold more than the budget.
    void waitForRoom();
    qint64 stagedBytes() const;

private:
    void releaseLocked(const object::ShardId &id);

    const qint64 m_budget;
    mutable QMutex m_mutex;
    QWaitCondition m_room;
    QHash<QString, Shard> m_shards; // by ShardId text
    qint64 m_bytes = 0;             // all staged shards
    qint64 m_placing = 0;           // those of segments handed to placement
};

} // namespace stratus::client
