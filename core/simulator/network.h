#pragma once

#include "client/placement.h"
#include "simulator/hardware.h"
#include "simulator/params.h"
#include "validator/reputation.h"

#include <QList>

#include <array>
#include <vector>

namespace stratus::simulator {

constexpr int kMaxShards = 8; // n of a segment, at most

// One storage node. A slot is reused by the node that replaces a departed
// one (a new generation, a new id).
struct SimNode {
    crypto::NodeId id;
    int generation = 0;
    int joinedEpoch = 0;
    Hardware hardware;
    bool degraded = false;
    bool watched = false; // one of the nodes that will degrade (tracked from a week before)
    bool leaving = false; // departed; written off after the grace period
    qint64 capacity = 0;
    int shards = 0;
    std::vector<int> segments; // the segments with a shard here
    int offlineSince = -1;     // hour the current outage began; -1 while online
    int offlineUntil = -1;
    validator::NodeReputation reputation = validator::NodeReputation(validator::ReputationParams{});
    // This epoch.
    qint64 shardHours = 0; // shards held times hours, up to `accruedTo`
    int accruedTo = 0;     // hour
    qint64 egressBytes = 0;
    qint64 uploadShards = 0; // shards of new uploads placed here
    qint64 placedShards = 0; // uploads and rebuilt shards
    double earnings = 0;     // credits over the run
    // The validator's view at the end of the last epoch (computing a score
    // sorts its latency window; the ranking of the next day reuses it).
    double score = 1.0;
    bool eligible = true;

    bool online() const { return offlineSince < 0; }
    // Counts the shards held until `hour` (called before the count changes
    // and at the end of the day, instead of visiting every node each hour).
    void accrue(int hour)
    {
        shardHours += qint64(shards) * (hour - accruedTo);
        accruedTo = hour;
    }
    qint64 freeBytes(qint64 shardBytes) const { return capacity - qint64(shards) * shardBytes; }
};

struct Segment {
    std::array<qint32, kMaxShards> holders{}; // node slot per shard; -1 once the shard is gone
    bool lost = false;
    bool queued = false; // in the repairer's list
};

// What happened to the data during an epoch.
struct DataCounters {
    qint64 uploaded = 0;
    qint64 uploadFailures = 0; // too few nodes with room
    qint64 lost = 0;
    qint64 repaired = 0;
    qint64 rebuilt = 0;
    qint64 repairBytes = 0;
    qint64 downloadsFailed = 0;
};

// The nodes and the segments they hold; placement and repair go through
// the client's real rankForPlacement and chooseNodes.
class Network {
public:
    Network(const Params &params, Rng &rng);

    const Params &params() const { return m_params; }
    std::vector<SimNode> &nodes() { return m_nodes; }
    const std::vector<SimNode> &nodes() const { return m_nodes; }
    qint64 liveSegments() const { return m_liveSegments; }
    qint64 pendingRepairs() const { return static_cast<qint64>(m_pending.size()); }
    DataCounters takeCounters();

    // A new node in `slot` (a fresh generation), with `warmupEpochs` of
    // audit history when it is one of the network's first nodes.
    void createNode(int slot, int epoch, int warmupEpochs);

    // The epoch's placement order: every node as a client sees it
    // (validator score, room, round trip), ranked once. Nodes that joined
    // since the last refreshView() are seen as they are now.
    void rankForEpoch();
    // Takes the validator's current score and verdict into the node's view.
    static void refreshView(SimNode &node);
    // One new segment of n shards; false when too few nodes have room.
    bool upload();
    // A node leaves for good: its shards are gone; once the repairer has
    // noticed (after the grace period), a new node takes its slot.
    void depart(int slot);
    void beginOutage(int slot, int hour, int hours);
    // Ends outages that are over, hands the repairer the segments of nodes
    // that have been offline for the grace period, and writes off the
    // shards of nodes that left.
    void advanceHour(int hour);
    // One repair round (repair.cpp) with a budget in bytes.
    void repairRound(qint64 budget);
    // Downloads of random segments, served by the k fastest of k + 1
    // online holders (egress for those nodes).
    void download(int count);

    // A shard on this node counts as healthy for the repairer.
    bool healthy(int slot) const;

private:
    void markDirty(int segment);
    void lookAtSegmentsOf(const SimNode &node);
    void writeOff(int slot);
    void removeShard(int slot, int segment);
    void addShard(int slot, int segment);
    // Chooses `count` nodes for a segment, skipping the holders in
    // `exclude` (chooseNodes over a sample of the ranked nodes).
    bool choose(int count, const QSet<QByteArray> &exclude, std::vector<int> &out);
    QList<client::NodeCandidate> offers(int sample);
    int slotOf(const crypto::NodeId &id) const;

    Params m_params;
    Rng &m_rng;
    int m_hour = 0;
    std::vector<SimNode> m_nodes;
    std::vector<Segment> m_segments;
    qint64 m_liveSegments = 0;
    std::vector<int> m_pending; // segments the repairer must look at
    std::vector<int> m_offline; // slots of nodes in an outage
    QList<client::NodeCandidate> m_ranked;
    DataCounters m_counters;
};

} // namespace stratus::simulator
