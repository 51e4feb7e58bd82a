#pragma once

#include "object/shard_store.h"

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

    Status putShard(const ShardId &id, const std::uint8_t *data, std::size_t size) override;
    Status flush() override;
    Result<QByteArray> getShard(const ShardId &id) override;

    QString pathOf(const ShardId &id) const;

private:
    QString m_dir;
    bool m_durable = true;
    QMutex m_mutex;
    QStringList m_unsynced;
};

} // namespace stratus::object
