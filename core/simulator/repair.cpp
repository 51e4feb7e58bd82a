// The repairer's round (Network::repairRound): what RemoteStore::repair does
// for one client, done for every segment of the simulated network.

#include "simulator/network.h"

#include <algorithm>

namespace stratus::simulator {

void Network::repairRound(qint64 budget)
{
    struct Due {
        int healthy; // shards kept
        int segment;
        bool keepOnlineOnly;
    };
    std::vector<Due> due;
    std::vector<int> waiting; // due, but fewer than k shards online to rebuild from
    for (int segment : m_pending) {
        Segment &s = m_segments[static_cast<std::size_t>(segment)];
        int present = 0, healthyShards = 0, online = 0;
        for (int i = 0; i < m_params.n; ++i) {
            const int slot = s.holders[static_cast<std::size_t>(i)];
            if (slot < 0)
                continue;
            ++present;
            healthyShards += healthy(slot) ? 1 : 0;
            online += m_nodes[static_cast<std::size_t>(slot)].online() ? 1 : 0;
        }
        if (present < m_params.k) {
            // Fewer than k shards exist anywhere: the segment cannot be
            // decoded any more.
            s.lost = true;
            s.queued = false;
            for (int i = 0; i < m_params.n; ++i)
                if (const int slot = s.holders[static_cast<std::size_t>(i)]; slot >= 0)
                    removeShard(slot, segment);
            s.holders.fill(-1);
            --m_liveSegments;
            ++m_counters.lost;
            continue;
        }
        // Due when the healthy shards (offline for less than the grace
        // period counts as healthy) are at the threshold or below, or when
        // fewer than the threshold answer right now: two holders down at
        // once is not waited out (SIMULATOR.md, "Repair").
        const bool strict = online < m_params.repairThreshold;
        if (healthyShards > m_params.repairThreshold && !strict) {
            s.queued = false;
            continue;
        }
        if (online < m_params.k)
            waiting.push_back(segment);
        else
            due.push_back({strict ? online : healthyShards, segment, strict});
    }
    // The most endangered first.
    std::stable_sort(due.begin(), due.end(), [](const Due &a, const Due &b) { return a.healthy < b.healthy; });
    std::vector<int> chosen;
    for (const Due &d : due) {
        Segment &s = m_segments[static_cast<std::size_t>(d.segment)];
        // `healthy` is what stays: the shards counted healthy, or only those
        // online when the segment was due for too few answering.
        const int missing = m_params.n - d.healthy;
        const qint64 cost = qint64(m_params.k + missing) * m_params.shardBytes;
        QSet<QByteArray> exclude;
        for (int i = 0; i < m_params.n; ++i)
            if (const int slot = s.holders[static_cast<std::size_t>(i)]; slot >= 0)
                exclude.insert(m_nodes[static_cast<std::size_t>(slot)].id.bytes());
        if (cost > budget || !choose(missing, exclude, chosen)) {
            waiting.push_back(d.segment);
            continue;
        }
        budget -= cost;
        // The rebuilt shards replace the missing ones and those on nodes
        // that have been offline too long (their contracts are dropped).
        const bool onlyOnline = d.keepOnlineOnly;
        std::size_t next = 0;
        for (int i = 0; i < m_params.n; ++i) {
            qint32 &holder = s.holders[static_cast<std::size_t>(i)];
            if (holder >= 0 && (onlyOnline ? m_nodes[static_cast<std::size_t>(holder)].online() : healthy(holder)))
                continue;
            if (holder >= 0)
                removeShard(holder, d.segment);
            holder = chosen[next++];
            addShard(holder, d.segment);
        }
        s.queued = false;
        ++m_counters.repaired;
        m_counters.rebuilt += missing;
        m_counters.repairBytes += cost;
    }
    m_pending = std::move(waiting);
}

} // namespace stratus::simulator
