#include "client/staged_shards.h"

namespace stratus::client {

Status StagedShards::putShard(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                              const std::vector<object::Hash32> &leaves)
{
    if (offset < 0 || offset > buffer.size() || buffer.size() - offset < id.size)
        return makeError(QStringLiteral("shard %1 lies outside the buffer it was given").arg(id.toString()));
    Shard shard{buffer, offset, static_cast<qsizetype>(id.size), leaves, false};
    QMutexLocker lock(&m_mutex);
    const QString key = id.toString();
    if (m_shards.contains(key))
        return {}; // the same bytes (a shard id names its content)
    m_bytes += shard.size;
    m_shards.insert(key, std::move(shard));
    return {};
}

StagedShards::Shard StagedShards::get(const object::ShardId &id) const
{
    QMutexLocker lock(&m_mutex);
    return m_shards.value(id.toString());
}

void StagedShards::placing(const object::SegmentInfo &segment)
{
    QMutexLocker lock(&m_mutex);
    for (const object::ShardId &id : segment.shards)
        if (const auto it = m_shards.find(id.toString()); it != m_shards.end() && !it->placing) {
            it->placing = true;
            m_placing += it->size;
        }
}

void StagedShards::release(const object::ShardId &id)
{
    QMutexLocker lock(&m_mutex);
    releaseLocked(id);
    m_room.wakeAll();
}

void StagedShards::release(const object::SegmentInfo &segment)
{
    QMutexLocker lock(&m_mutex);
    for (const object::ShardId &id : segment.shards)
        releaseLocked(id);
    m_room.wakeAll();
}

void StagedShards::releaseLocked(const object::ShardId &id)
{
    const auto it = m_shards.constFind(id.toString());
    if (it == m_shards.constEnd())
        return;
    m_bytes -= it->size;
    if (it->placing)
        m_placing -= it->size;
    m_shards.erase(it);
}

void StagedShards::waitForRoom()
{
    QMutexLocker lock(&m_mutex);
    while (m_placing > m_budget)
        m_room.wait(&m_mutex);
}

qint64 StagedShards::stagedBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

} // namespace stratus::client
