#include "simulator/simulation.h"

#include "ledger/economics.h"
#include "ledger/reward.h"
#include "simulator/network.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <thread>

using namespace Qt::StringLiterals;

namespace stratus::simulator {

namespace {

constexpr int kHoursPerEpoch = 24;
constexpr qint64 kMsPerHour = 3600 * 1000;
constexpr double kTiB = 1024.0 * 1024.0 * 1024.0 * 1024.0;
constexpr int kWatchEpochs = 7;

qint64 ppm(double v) { return std::llround(std::clamp(v, 0.0, 1.0) * 1e6); }

// Something that happens to one node at one hour of the day.
struct Event {
    enum Kind { Audit, Ping, Probe, Outage, Departure };
    int slot;
    Kind kind;
};

class Simulation {
public:
    explicit Simulation(const Params &params)
        : m_params(params), m_rng(params.seed), m_network(params, m_rng), m_economics(ledger::Economics::defaults())
    {
        m_degradeEpoch = params.degradeEpoch >= 0 ? params.degradeEpoch : params.epochs / 2;
        m_degradedCount = params.degradedNodes > 0 ? params.degradedNodes : std::max(3, params.nodes / 100);
        // 5% a month is a chance of 1 - 0.95^(1/30) per node and day.
        m_departurePerEpoch = 1.0 - std::pow(1.0 - params.churnPerMonth, 1.0 / 30.0);
        qint64 capacity = 0;
        for (const SimNode &node : m_network.nodes())
            capacity += node.capacity;
        const double targetSegments = params.targetUtilization * static_cast<double>(capacity) /
                                      static_cast<double>(params.shardBytes * params.n);
        m_firstDayUploads = targetSegments / (params.demandHorizonEpochs * (1.0 + params.demandGrowth) / 2.0);
    }

    Report run(const std::function<void(int, int)> &progress)
    {
        Report report;
        for (int epoch = 0; epoch < m_params.epochs; ++epoch) {
            if (epoch == std::max(0, m_degradeEpoch - kWatchEpochs))
                watch();
            if (epoch == m_degradeEpoch)
                degrade();
            m_network.rankForEpoch();
            scheduleDay();
            for (int hour = 0; hour < kHoursPerEpoch; ++hour)
                runHour(epoch, hour);
            m_network.download(static_cast<int>(
                std::llround(m_params.downloadsPerEpoch * static_cast<double>(m_network.liveSegments()))));
            report.epochs.append(settle(epoch));
            if (progress)
                progress(epoch + 1, m_params.epochs);
        }
        for (int slot = 0; slot < static_cast<int>(m_network.nodes().size()); ++slot) {
            const SimNode &node = m_network.nodes()[static_cast<std::size_t>(slot)];
            if (node.leaving)
                continue;
            report.nodes.append(NodeSummary{slot, node.joinedEpoch, node.hardware.quality, node.degraded, node.capacity,
                                            qint64(node.shards) * m_params.shardBytes, node.reputation.score(),
                                            node.reputation.vetted(), node.reputation.eligible(),
                                            node.reputation.auditsPassedTotal(), node.reputation.auditsFailedTotal(),
                                            node.earnings});
        }
        report.findings = findingsOf(m_params, report.epochs);
        return report;
    }

private:
    double uploadsPerEpoch(int epoch) const
    {
        const int horizon = std::max(2, m_params.demandHorizonEpochs);
        const double t = std::min(1.0, static_cast<double>(epoch) / (horizon - 1));
        return m_firstDayUploads * (1.0 + (m_params.demandGrowth - 1.0) * t);
    }

    // Picks the nodes that will degrade: of the best quartile of hardware,
    // the vetted ones with the most room (those clients pick), a week ahead
    // so that their placement and earnings before show.
    void watch()
    {
        std::vector<int> slots;
        std::vector<double> qualities;
        for (const SimNode &node : m_network.nodes())
            qualities.push_back(node.hardware.quality);
        const double best = validator::percentile(qualities, 75);
        for (int slot = 0; slot < static_cast<int>(m_network.nodes().size()); ++slot) {
            const SimNode &node = m_network.nodes()[static_cast<std::size_t>(slot)];
            if (!node.leaving && node.hardware.quality >= best)
                slots.push_back(slot);
        }
        // Vetted first (in a run too short for vetting, the others), then
        // the most room.
        auto key = [&](int slot) {
            const SimNode &node = m_network.nodes()[static_cast<std::size_t>(slot)];
            return std::make_pair(node.reputation.vetted(), node.freeBytes(m_params.shardBytes));
        };
        std::stable_sort(slots.begin(), slots.end(), [&](int a, int b) { return key(a) > key(b); });
        slots.resize(std::min<std::size_t>(slots.size(), static_cast<std::size_t>(m_degradedCount)));
        for (int slot : slots)
            m_network.nodes()[static_cast<std::size_t>(slot)].watched = true;
    }

    void degrade()
    {
        for (SimNode &node : m_network.nodes()) {
            if (!node.watched)
                continue;
            node.degraded = true;
            node.hardware = Hardware::forQuality(0.0);
            node.hardware.auditFailRate = m_params.degradedAuditFailRate;
        }
    }

    void scheduleDay()
    {
        for (auto &bucket : m_events)
            bucket.clear();
        // rng() % 24 is biased by less than 24 / 2^64.
        auto add = [&](int slot, Event::Kind kind, int count) {
            for (int i = 0; i < count; ++i)
                m_events[m_rng() % kHoursPerEpoch].push_back(Event{slot, kind});
        };
        for (int slot = 0; slot < static_cast<int>(m_network.nodes().size()); ++slot) {
            const SimNode &node = m_network.nodes()[static_cast<std::size_t>(slot)];
            add(slot, Event::Audit, m_params.auditsPerEpoch);
            add(slot, Event::Ping, m_params.pingsPerEpoch);
            add(slot, Event::Probe, m_params.throughputProbesPerEpoch);
            add(slot, Event::Outage, uniform(m_rng) < node.hardware.outagesPerEpoch ? 1 : 0);
            // The degraded nodes stay, so that what happens to them shows.
            add(slot, Event::Departure, !node.watched && uniform(m_rng) < m_departurePerEpoch ? 1 : 0);
        }
    }

    void runHour(int epoch, int hour)
    {
        const int now = epoch * kHoursPerEpoch + hour;
        m_network.advanceHour(now);
        for (const Event &e : m_events[static_cast<std::size_t>(hour)]) {
            SimNode &node = m_network.nodes()[static_cast<std::size_t>(e.slot)];
            if (node.leaving)
                continue;
            switch (e.kind) {
            case Event::Audit:
                // A node that does not answer is down, not a failed proof
                // (as the real auditor counts busy and offline nodes).
                if (!node.online())
                    node.reputation.recordPing(false, 0);
                else
                    node.reputation.recordAudit(uniform(m_rng) >= node.hardware.auditFailRate,
                                                2 * node.hardware.sampleRtt(m_rng));
                break;
            case Event::Ping:
                node.reputation.recordPing(node.online(), node.online() ? node.hardware.sampleRtt(m_rng) : 0);
                break;
            case Event::Probe:
                if (node.online())
                    node.reputation.recordThroughput(node.hardware.sampleThroughput(m_rng));
                break;
            case Event::Outage:
                ++m_outages;
                m_network.beginOutage(e.slot, now, Hardware::sampleOutageHours(m_rng));
                break;
            case Event::Departure:
                ++m_departures;
                m_network.depart(e.slot);
                break;
            }
        }
        m_uploadCarry += uploadsPerEpoch(epoch) / kHoursPerEpoch;
        for (; m_uploadCarry >= 1.0; m_uploadCarry -= 1.0)
            (void)m_network.upload();
        const int every = kHoursPerEpoch / m_params.repairRoundsPerEpoch;
        if ((hour + 1) % every == 0)
            m_network.repairRound(m_params.repairBytesPerNodePerEpoch * m_params.nodes / m_params.repairRoundsPerEpoch);
    }

    EpochStats settle(int epoch);

    // The validators' scores of every node, in parallel: computing a score
    // sorts the node's latency window, half the simulator's time when done
    // in one thread. Each node is independent, so the result is the same.
    void refreshViews()
    {
        std::vector<SimNode> &nodes = m_network.nodes();
        const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
        const std::size_t chunk = (nodes.size() + workers - 1) / workers;
        auto work = [&nodes, chunk](std::size_t w) {
            for (std::size_t i = w * chunk; i < std::min(nodes.size(), (w + 1) * chunk); ++i)
                Network::refreshView(nodes[i]);
        };
        std::vector<std::thread> threads;
        for (std::size_t w = 1; w < workers; ++w)
            threads.emplace_back(work, w);
        work(0);
        for (std::thread &t : threads)
            t.join();
    }

    Params m_params;
    Rng m_rng;
    Network m_network;
    ledger::Economics m_economics;
    int m_degradeEpoch = -1;
    int m_degradedCount = 0;
    double m_departurePerEpoch = 0;
    double m_firstDayUploads = 0;
    double m_uploadCarry = 0;
    qint64 m_outages = 0;
    qint64 m_departures = 0;
    qint64 m_lostTotal = 0;
    std::array<std::vector<Event>, kHoursPerEpoch> m_events;
};

// The day's earnings (the ledger's formula, one validator's view) and
// statistics.
EpochStats Simulation::settle(int epoch)
{
    EpochStats st;
    st.epoch = epoch;
    std::vector<SimNode *> live;
    std::vector<double> scores;
    qint64 stored = 0, capacity = 0;
    refreshViews();
    for (SimNode &node : m_network.nodes()) {
        node.accrue((epoch + 1) * kHoursPerEpoch);
        if (node.leaving)
            continue;
        live.push_back(&node);
        scores.push_back(node.score);
        stored += qint64(node.shards) * m_params.shardBytes;
        capacity += node.capacity;
    }
    st.liveNodes = static_cast<int>(live.size());
    st.utilization = capacity > 0 ? static_cast<double>(stored) / static_cast<double>(capacity) : 0;
    st.medianScore = validator::percentile(scores, 50);

    std::stable_sort(live.begin(), live.end(),
                     [](const SimNode *a, const SimNode *b) { return a->hardware.quality < b->hardware.quality; });
    PerQuartile earnings{}, dynamic{}, storedTiB{}, capacityTiB{}, uploads{}, held{}, scoreSum{}, count{};
    double allUploads = 0, allHeld = 0;
    for (std::size_t i = 0; i < live.size(); ++i) {
        SimNode &node = *live[i];
        const std::size_t q = i * kQuartiles / live.size();
        const validator::EpochTally tally = node.reputation.takeEpoch();
        ledger::EpochInputs in;
        in.capacityBytes = node.capacity;
        in.audited = !tally.empty();
        in.uptimePpm = ppm(node.reputation.uptime());
        in.auditScorePpm = ppm(node.reputation.auditScore());
        in.scorePpm = ppm(node.score);
        in.auditsFailed = tally.auditsFailed;
        in.networkMedianScorePpm = ppm(st.medianScore);
        in.networkUtilizationPpm = ppm(st.utilization);
        in.storage = ledger::storageAmount(node.shardHours * m_params.shardBytes, kMsPerHour, m_economics.storagePrice);
        in.egress = ledger::egressAmount(node.egressBytes, m_economics.egressPrice);
        const ledger::EpochEarnings earned = ledger::computeEarnings(m_economics, in);
        const double credits = static_cast<double>(earned.total) / ledger::kMicroPerCredit;
        node.earnings += credits;

        earnings[q] += credits;
        // What the data earned: the total without the base fee, which pays
        // for capacity whether it holds data or not.
        dynamic[q] += static_cast<double>(earned.total - earned.base) / ledger::kMicroPerCredit;
        storedTiB[q] +=
            static_cast<double>(node.shardHours) * static_cast<double>(m_params.shardBytes) / kHoursPerEpoch / kTiB;
        capacityTiB[q] += static_cast<double>(node.capacity) / kTiB;
        uploads[q] += static_cast<double>(node.uploadShards);
        held[q] += node.shards;
        scoreSum[q] += node.score;
        count[q] += 1;
        allUploads += static_cast<double>(node.uploadShards);
        allHeld += node.shards;
        if (node.watched) {
            ++st.degradedNodes;
            st.degradedShardsPlaced += node.placedShards;
            st.degradedEarnings += credits;
            st.degradedScore += node.score;
            st.degradedEligible += node.eligible ? 1 : 0;
        }
        node.shardHours = node.egressBytes = node.uploadShards = node.placedShards = 0;
    }
    for (int q = 0; q < kQuartiles; ++q) {
        st.rewardPerTiBStored[q] = storedTiB[q] > 0 ? dynamic[q] / storedTiB[q] : 0;
        st.rewardPerTiBCapacity[q] = capacityTiB[q] > 0 ? earnings[q] / capacityTiB[q] : 0;
        st.meanScore[q] = count[q] > 0 ? scoreSum[q] / count[q] : 0;
        st.shareOfNewData[q] = allUploads > 0 ? uploads[q] / allUploads : 0;
        st.shareOfAllData[q] = allHeld > 0 ? held[q] / allHeld : 0;
    }
    if (st.degradedNodes > 0) {
        st.degradedEarnings /= st.degradedNodes;
        st.degradedScore /= st.degradedNodes;
    }

    const DataCounters data = m_network.takeCounters();
    m_lostTotal += data.lost;
    st.segmentsStored = m_network.liveSegments();
    st.segmentsUploaded = data.uploaded;
    st.segmentsLost = data.lost;
    st.segmentsLostTotal = m_lostTotal;
    st.segmentsRepaired = data.repaired;
    st.shardsRebuilt = data.rebuilt;
    st.repairBytes = data.repairBytes;
    st.repairsPending = m_network.pendingRepairs();
    st.departures = std::exchange(m_departures, 0);
    st.outages = std::exchange(m_outages, 0);
    st.downloadsFailed = data.downloadsFailed;
    return st;
}

double meanOver(const QList<EpochStats> &epochs, int from, int to, const std::function<double(const EpochStats &)> &f)
{
    from = std::max(0, from);
    to = std::min(static_cast<int>(epochs.size()), to);
    if (to <= from)
        return 0;
    double sum = 0;
    for (int e = from; e < to; ++e)
        sum += f(epochs[e]);
    return sum / (to - from);
}

} // namespace

Status validate(const Params &p)
{
    if (p.nodes < 20 || p.nodes > 1000000)
        return makeError(u"--nodes must be between 20 and 1,000,000 (got %1)"_s.arg(p.nodes));
    if (p.epochs < 1 || p.epochs > 36500)
        return makeError(u"--epochs must be between 1 and 36,500 days (got %1)"_s.arg(p.epochs));
    if (p.k < 1 || p.n <= p.k || p.n > kMaxShards || p.n * 2 > p.nodes)
        return makeError(
            u"erasure parameters %1+%2 do not fit (n at most %3 and half the nodes)"_s.arg(p.k).arg(p.n - p.k).arg(
                kMaxShards));
    if (p.repairThreshold < p.k || p.repairThreshold >= p.n)
        return makeError(u"the repair threshold must be between k and n - 1"_s);
    if (p.repairRoundsPerEpoch < 1 || kHoursPerEpoch % p.repairRoundsPerEpoch != 0)
        return makeError(u"repair rounds per day must divide 24"_s);
    if (p.shardBytes <= 0 || p.minCapacityBytes < p.shardBytes || p.maxCapacityBytes < p.minCapacityBytes)
        return makeError(u"shard size and node capacities do not fit"_s);
    if (p.churnPerMonth < 0 || p.churnPerMonth >= 1 || p.targetUtilization <= 0 || p.targetUtilization > 1 ||
        p.downloadsPerEpoch < 0 || p.offersPerSegment < p.n || p.outageGraceHours < 0 ||
        p.repairBytesPerNodePerEpoch < 0 || p.demandGrowth <= 0 || p.demandHorizonEpochs < 1)
        return makeError(u"a simulation parameter is out of range"_s);
    return {};
}

Result<Report> run(const Params &params, const std::function<void(int done, int total)> &progress)
{
    if (Status ok = validate(params); !ok)
        return ok.error();
    QElapsedTimer timer;
    timer.start();
    Simulation simulation(params);
    Report report = simulation.run(progress);
    report.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return report;
}

Findings findingsOf(const Params &params, const QList<EpochStats> &epochs)
{
    Findings f;
    const int total = static_cast<int>(epochs.size());
    if (total == 0)
        return f;
    const int quarter = std::max(1, total / 4);
    f.bestRewardPerTiB = meanOver(epochs, total - quarter, total, [](auto &e) { return e.rewardPerTiBStored[3]; });
    f.worstRewardPerTiB = meanOver(epochs, total - quarter, total, [](auto &e) { return e.rewardPerTiBStored[0]; });
    // -1 when the worst quartile's data earned nothing or less (penalties).
    f.rewardRatio = f.worstRewardPerTiB > 0 ? f.bestRewardPerTiB / f.worstRewardPerTiB : -1;
    f.bestEarningsPerTiBCapacity =
        meanOver(epochs, total - quarter, total, [](auto &e) { return e.rewardPerTiBCapacity[3]; });
    f.worstEarningsPerTiBCapacity =
        meanOver(epochs, total - quarter, total, [](auto &e) { return e.rewardPerTiBCapacity[0]; });
    f.capacityRatio =
        f.worstEarningsPerTiBCapacity > 0 ? f.bestEarningsPerTiBCapacity / f.worstEarningsPerTiBCapacity : 0;
    const int weekEnd = std::min(total, 7);
    f.bestNewShareEarly = meanOver(epochs, 0, weekEnd, [](auto &e) { return e.shareOfNewData[3]; });
    f.worstNewShareEarly = meanOver(epochs, 0, weekEnd, [](auto &e) { return e.shareOfNewData[0]; });
    f.bestNewShareLate = meanOver(epochs, total - quarter, total, [](auto &e) { return e.shareOfNewData[3]; });
    f.worstNewShareLate = meanOver(epochs, total - quarter, total, [](auto &e) { return e.shareOfNewData[0]; });
    f.bestAllShareEarly = epochs[weekEnd - 1].shareOfAllData[3];
    f.bestAllShareEnd = epochs.last().shareOfAllData[3];
    f.worstAllShareEnd = epochs.last().shareOfAllData[0];

    const int d = params.degradeEpoch >= 0 ? params.degradeEpoch : params.epochs / 2;
    if (d > 0 && d < total) {
        f.degradeEpoch = d;
        f.degradedNodes = epochs[d].degradedNodes;
        const double n = std::max(1, f.degradedNodes);
        auto placed = [n](const EpochStats &e) { return static_cast<double>(e.degradedShardsPlaced) / n; };
        auto earned = [](const EpochStats &e) { return e.degradedEarnings; };
        f.degradedPlacementBefore = meanOver(epochs, d - 7, d, placed);
        f.degradedPlacementAfter = meanOver(epochs, d + kReactionEpochs, d + kReactionEpochs + 7, placed);
        f.degradedEarningsBefore = meanOver(epochs, d - 7, d, earned);
        f.degradedEarningsAfter = meanOver(epochs, d + kReactionEpochs, d + kReactionEpochs + 7, earned);
        // The first day from which a whole week follows that passes `ok`.
        auto firstWeek = [&](const std::function<bool(const EpochStats &)> &ok) {
            for (int e = d; e + 7 <= total; ++e) {
                bool week = true;
                for (int i = e; i < e + 7 && week; ++i)
                    week = ok(epochs[i]);
                if (week)
                    return e - d;
            }
            return -1;
        };
        // Lost placement: a week of days with less than 5% of the shards
        // they got a day before (zero for a handful of nodes; with 100
        // nodes one slow to be caught does not hide the rest).
        const double placedBefore = f.degradedPlacementBefore * n;
        f.epochsToLosePlacement = firstWeek([placedBefore](const EpochStats &e) {
            return static_cast<double>(e.degradedShardsPlaced) <= 0.05 * placedBefore;
        });
        const double half = f.degradedEarningsBefore / 2;
        f.epochsToLoseHalfEarnings = firstWeek([half](const EpochStats &e) { return e.degradedEarnings < half; });
    }
    for (const EpochStats &e : epochs) {
        f.segmentsLost += e.segmentsLost;
        f.segmentsRepaired += e.segmentsRepaired;
        f.repairBytes += e.repairBytes;
        f.maxRepairsPending = std::max(f.maxRepairsPending, e.repairsPending);
        f.departures += e.departures;
        f.outages += e.outages;
    }
    f.segmentsStored = epochs.last().segmentsStored;
    return f;
}

} // namespace stratus::simulator
