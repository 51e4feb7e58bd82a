#include "simulator/network.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stratus::simulator {

namespace {

// A node id that names its slot and generation, so the simulator finds the
// node behind a candidate that chooseNodes returns without a lookup table.
crypto::NodeId makeId(int slot, int generation)
{
    QByteArray bytes(crypto::NodeId::kSize, '\0');
    qToBigEndian<quint32>(static_cast<quint32>(slot), bytes.data());
    qToBigEndian<quint32>(static_cast<quint32>(generation), bytes.data() + 4);
    return crypto::NodeId::fromBytes(bytes).value();
}

} // namespace

Network::Network(const Params &params, Rng &rng) : m_params(params), m_rng(rng)
{
    m_nodes.resize(static_cast<std::size_t>(params.nodes));
    for (int slot = 0; slot < params.nodes; ++slot)
        createNode(slot, 0, params.warmupEpochs);
}

DataCounters Network::takeCounters() { return std::exchange(m_counters, {}); }

void Network::createNode(int slot, int epoch, int warmupEpochs)
{
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    const int generation = node.id.isNull() ? 0 : node.generation + 1;
    node = SimNode();
    node.generation = generation;
    node.id = makeId(slot, generation);
    node.joinedEpoch = epoch;
    node.accruedTo = m_hour;
    node.hardware = Hardware::forQuality(uniform(m_rng));
    const double logMin = std::log(static_cast<double>(m_params.minCapacityBytes));
    const double logMax = std::log(static_cast<double>(m_params.maxCapacityBytes));
    node.capacity = static_cast<qint64>(std::exp(logMin + (logMax - logMin) * uniform(m_rng)));
    // The first nodes have been audited for a while already (they start
    // vetted, with scores that match their hardware); a newcomer starts
    // from nothing, as on the real network.
    for (int e = 0; e < warmupEpochs; ++e) {
        for (int i = 0; i < m_params.auditsPerEpoch; ++i)
            node.reputation.recordAudit(uniform(m_rng) >= node.hardware.auditFailRate, node.hardware.sampleRtt(m_rng));
        for (int i = 0; i < m_params.pingsPerEpoch; ++i)
            node.reputation.recordPing(uniform(m_rng) >= node.hardware.outagesPerEpoch / 8,
                                       node.hardware.sampleRtt(m_rng));
        for (int i = 0; i < m_params.throughputProbesPerEpoch; ++i)
            node.reputation.recordThroughput(node.hardware.sampleThroughput(m_rng));
    }
    node.reputation.recordPing(true, node.hardware.sampleRtt(m_rng)); // it is up now
    node.reputation.takeEpoch();
    refreshView(node);
}

int Network::slotOf(const crypto::NodeId &id) const
{
    return static_cast<int>(qFromBigEndian<quint32>(id.bytes().constData()));
}

void Network::refreshView(SimNode &node)
{
    node.score = node.reputation.score();
    node.eligible = node.reputation.eligible();
}

void Network::rankForEpoch()
{
    QList<client::NodeCandidate> candidates;
    candidates.reserve(static_cast<qsizetype>(m_nodes.size()));
    for (const SimNode &node : m_nodes) {
        client::NodeCandidate c;
        c.id = node.id;
        c.freeBytes = static_cast<quint64>(std::max<qint64>(0, node.freeBytes(m_params.shardBytes)));
        c.rttMs = node.hardware.sampleRtt(m_rng); // the client's own ping
        c.score = node.score;
        c.reachable = node.online();
        c.eligible = node.eligible;
        c.vetted = node.reputation.vetted();
        candidates.append(std::move(c));
    }
    m_ranked = client::rankForPlacement(std::move(candidates), static_cast<quint64>(m_params.shardBytes));
}

QList<client::NodeCandidate> Network::offers(int sample)
{
    // A random sample of the ranked list, kept in rank order: what one
    // client learns of the network for one segment. Nodes that left, went
    // offline or filled up since the ranking would refuse the shard.
    const int ranked = static_cast<int>(m_ranked.size());
    std::vector<int> positions;
    if (sample >= ranked) {
        positions.resize(static_cast<std::size_t>(ranked));
        for (int i = 0; i < ranked; ++i)
            positions[static_cast<std::size_t>(i)] = i;
    } else {
        std::uniform_int_distribution<int> pick(0, ranked - 1);
        positions.reserve(static_cast<std::size_t>(sample));
        for (int i = 0; i < sample; ++i)
            positions.push_back(pick(m_rng));
        std::sort(positions.begin(), positions.end());
        positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
    QList<client::NodeCandidate> out;
    out.reserve(static_cast<qsizetype>(positions.size()));
    for (int pos : positions) {
        const client::NodeCandidate &c = m_ranked[pos];
        const SimNode &node = m_nodes[static_cast<std::size_t>(slotOf(c.id))];
        if (node.id != c.id || !node.online() || node.freeBytes(m_params.shardBytes) < m_params.shardBytes)
            continue;
        out.append(c);
    }
    return out;
}

bool Network::choose(int count, const QSet<QByteArray> &exclude, std::vector<int> &out)
{
    out.clear();
    const int ranked = static_cast<int>(m_ranked.size());
    for (int sample = std::max(m_params.offersPerSegment, count);; sample *= 2) {
        auto chosen = client::chooseNodes(offers(sample), count, exclude);
        if (chosen) {
            for (const client::NodeCandidate &c : chosen.value())
                out.push_back(slotOf(c.id));
            return true;
        }
        if (sample >= ranked)
            return false;
    }
}

bool Network::upload()
{
    std::vector<int> chosen;
    if (!choose(m_params.n, {}, chosen)) {
        ++m_counters.uploadFailures;
        return false;
    }
    Segment s;
    s.holders.fill(-1);
    const int id = static_cast<int>(m_segments.size());
    m_segments.push_back(s);
    for (int i = 0; i < m_params.n; ++i) {
        m_segments.back().holders[static_cast<std::size_t>(i)] = chosen[static_cast<std::size_t>(i)];
        addShard(chosen[static_cast<std::size_t>(i)], id);
        ++m_nodes[static_cast<std::size_t>(chosen[static_cast<std::size_t>(i)])].uploadShards;
    }
    ++m_liveSegments;
    ++m_counters.uploaded;
    return true;
}

void Network::addShard(int slot, int segment)
{
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    node.accrue(m_hour);
    node.segments.push_back(segment);
    ++node.shards;
    ++node.placedShards;
}

void Network::removeShard(int slot, int segment)
{
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    auto it = std::find(node.segments.begin(), node.segments.end(), segment);
    if (it == node.segments.end())
        return;
    node.accrue(m_hour);
    *it = node.segments.back();
    node.segments.pop_back();
    --node.shards;
}

void Network::markDirty(int segment)
{
    Segment &s = m_segments[static_cast<std::size_t>(segment)];
    if (s.lost || s.queued)
        return;
    s.queued = true;
    m_pending.push_back(segment);
}

void Network::depart(int slot)
{
    // A node that leaves looks like one that went offline: the repairer
    // learns of it only after the grace period (advanceHour), when its
    // shards are written off and a new node takes the slot.
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    if (node.online()) {
        node.offlineSince = m_hour;
        m_offline.push_back(slot);
        lookAtSegmentsOf(node);
    }
    node.offlineUntil = std::numeric_limits<int>::max();
    node.leaving = true;
}

void Network::lookAtSegmentsOf(const SimNode &node)
{
    // A segment with another holder already unreachable is due at once
    // (repairRound); the others are dropped from the list again there.
    for (int segment : node.segments)
        markDirty(segment);
}

void Network::writeOff(int slot)
{
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    for (int segment : node.segments) {
        Segment &s = m_segments[static_cast<std::size_t>(segment)];
        for (int i = 0; i < m_params.n; ++i)
            if (s.holders[static_cast<std::size_t>(i)] == slot)
                s.holders[static_cast<std::size_t>(i)] = -1;
        markDirty(segment);
    }
    createNode(slot, m_hour / 24, 0);
}

void Network::beginOutage(int slot, int hour, int hours)
{
    SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    if (!node.online())
        return;
    node.offlineSince = hour;
    node.offlineUntil = hour + hours;
    m_offline.push_back(slot);
    lookAtSegmentsOf(node);
}

void Network::advanceHour(int hour)
{
    m_hour = hour;
    for (std::size_t i = 0; i < m_offline.size();) {
        const int slot = m_offline[i];
        SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
        const bool noticed = hour - node.offlineSince >= m_params.outageGraceHours;
        if (hour >= node.offlineUntil || (node.leaving && noticed)) {
            if (node.leaving)
                writeOff(slot); // a new node, online
            else
                node.offlineSince = node.offlineUntil = -1;
            m_offline[i] = m_offline.back();
            m_offline.pop_back();
            continue;
        }
        if (hour - node.offlineSince == m_params.outageGraceHours)
            for (int segment : node.segments)
                markDirty(segment);
        ++i;
    }
}

bool Network::healthy(int slot) const
{
    if (slot < 0)
        return false;
    const SimNode &node = m_nodes[static_cast<std::size_t>(slot)];
    return node.online() || m_hour - node.offlineSince < m_params.outageGraceHours;
}

void Network::download(int count)
{
    if (m_segments.empty())
        return;
    std::uniform_int_distribution<std::size_t> pick(0, m_segments.size() - 1);
    std::vector<std::pair<double, int>> servers;
    for (int d = 0; d < count; ++d) {
        const Segment &s = m_segments[pick(m_rng)];
        if (s.lost)
            continue;
        servers.clear();
        for (int i = 0; i < m_params.n; ++i) {
            const int slot = s.holders[static_cast<std::size_t>(i)];
            if (slot >= 0 && m_nodes[static_cast<std::size_t>(slot)].online())
                servers.emplace_back(uniform(m_rng), slot);
        }
        if (static_cast<int>(servers.size()) < m_params.k) {
            ++m_counters.downloadsFailed;
            continue;
        }
        // The client asks k + 1 holders at once and keeps the first k
        // shards to arrive: the fastest.
        std::sort(servers.begin(), servers.end());
        servers.resize(std::min<std::size_t>(servers.size(), static_cast<std::size_t>(m_params.k + 1)));
        for (auto &server : servers)
            server.first = -m_nodes[static_cast<std::size_t>(server.second)].hardware.sampleThroughput(m_rng);
        std::sort(servers.begin(), servers.end());
        for (int i = 0; i < m_params.k; ++i)
            m_nodes[static_cast<std::size_t>(servers[static_cast<std::size_t>(i)].second)].egressBytes +=
                m_params.shardBytes;
    }
}

} // namespace stratus::simulator
