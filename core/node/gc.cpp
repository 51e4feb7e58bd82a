#include "node/gc.h"

#include "node/log.h"
#include "node/shard_store.h"

using namespace Qt::StringLiterals;

namespace stratus::node {

Result<GcReport> GarbageCollector::collect(qint64 nowMs, qint64 graceMs)
{
    if (graceMs < 0)
        return makeError(u"the grace period cannot be negative"_s);
    Result<std::vector<CollectibleShard>> collectible = m_db.collectibleShards(nowMs, graceMs);
    if (!collectible)
        return makeError(u"garbage collection cannot read the contracts: %1"_s.arg(collectible.message()));
    GcReport report;
    for (const CollectibleShard &c : *collectible) {
        QString reason;
        if (c.deleted && c.expired)
            reason = u"deleted by its client; its other contracts expired more than %1 ms ago"_s.arg(graceMs);
        else if (c.deleted)
            reason = u"deleted by its client"_s;
        else
            reason = u"every contract expired more than %1 ms ago"_s.arg(graceMs);
        qint64 freed = 0;
        if (m_store.has(c.shard)) {
            if (Status st = m_store.remove(c.shard); !st) {
                report.errors.append(u"%1: %2"_s.arg(c.shard.toString(), st.message()));
                continue;
            }
            freed = ShardStore::footprint(c.shard.size);
        }
        if (Status st = m_db.recordCollection(c.shard, reason, freed, nowMs); !st) {
            report.errors.append(u"%1: removed, but not recorded: %2"_s.arg(c.shard.toString(), st.message()));
            continue;
        }
        qCInfo(lcNode).noquote() << "collected shard" << c.shard.toString() << "(" << reason << "," << freed
                                 << "bytes freed)";
        report.bytesFreed += freed;
        report.collected.push_back(CollectionRecord{0, c.shard, reason, freed, nowMs});
    }
    for (const object::ShardId &id : m_store.shards()) {
        Result<bool> named = m_db.hasContracts(id);
        if (!named) {
            report.errors.append(u"%1: %2"_s.arg(id.toString(), named.message()));
            continue;
        }
        if (!*named)
            report.orphans.push_back(id);
    }
    if (!report.orphans.empty())
        qCWarning(lcNode).noquote() << report.orphans.size()
                                    << "stored shards have no contract; they are kept until an operator removes them";
    for (const QString &e : report.errors)
        qCWarning(lcNode).noquote() << "garbage collection:" << e;
    return report;
}

} // namespace stratus::node
