#pragma once

#include "object/shard_store.h"

#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace stratus::object {

// Shards as files named by their ShardId in one directory. Writes go to a
// temporary name and are renamed into place; flush() fsyncs them all and the
// directory, so a batch is durable with one pass instead of one per shard.
class ShardDirectory final : public ShardSink, public ShardSource {
public:
    // `durable` false: flush() does not fsync (a staging area whose loss
    // costs only a retry).
    explicit ShardDirectory(QString dir, bool durable = true);

    Status putShard(const ShardId &id, const QByteArray &buffer, qsizetype offset,
                    const std::vector<Hash32> &leaves) override;
    Status flush() override;
    Result<QByteArray> getShard(const ShardId &id) override;

    QString pathOf(const ShardId &id) const;

    // Remembers the merkle leaves of every shard put from now on (an
    // uploader's staging area: it seeds and offers them with the leaves it
    // already has instead of hashing the files again).
    void setKeepLeaves(bool keep) { m_keepLeaves = keep; }
    // The leaves of a shard put while they were kept; empty otherwise.
    std::vector<Hash32> leavesOf(const ShardId &id) const;

private:
    QString m_dir;
    bool m_durable = true;
    bool m_keepLeaves = false;
    mutable QMutex m_mutex;
    QStringList m_unsynced;
    QHash<QString, std::vector<Hash32>> m_leaves; // by ShardId text
};

} // namespace stratus::object
