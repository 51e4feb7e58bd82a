#include "api/simulation.h"

#include "simulator/hardware.h"
#include "simulator/simulation.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

Quartiles quartiles(const simulator::PerQuartile &q) { return {q[0], q[1], q[2], q[3]}; }

SimulationEpoch toApi(const simulator::EpochStats &s)
{
    SimulationEpoch e;
    e.epoch = s.epoch;
    e.liveNodes = s.liveNodes;
    e.utilization = s.utilization;
    e.medianScore = s.medianScore;
    e.rewardPerTiBStored = quartiles(s.rewardPerTiBStored);
    e.rewardPerTiBCapacity = quartiles(s.rewardPerTiBCapacity);
    e.meanScore = quartiles(s.meanScore);
    e.shareOfNewData = quartiles(s.shareOfNewData);
    e.shareOfAllData = quartiles(s.shareOfAllData);
    e.segmentsStored = s.segmentsStored;
    e.segmentsUploaded = s.segmentsUploaded;
    e.segmentsLost = s.segmentsLost;
    e.segmentsLostTotal = s.segmentsLostTotal;
    e.segmentsRepaired = s.segmentsRepaired;
    e.shardsRebuilt = s.shardsRebuilt;
    e.repairBytes = s.repairBytes;
    e.repairsPending = s.repairsPending;
    e.departures = s.departures;
    e.outages = s.outages;
    e.downloadsFailed = s.downloadsFailed;
    e.degradedShardsPlaced = s.degradedShardsPlaced;
    e.degradedEarnings = s.degradedEarnings;
    e.degradedScore = s.degradedScore;
    e.degradedEligible = s.degradedEligible;
    return e;
}

SimulationNode toApi(const simulator::NodeSummary &s)
{
    return SimulationNode{s.slot,  s.joinedEpoch, s.quality,  s.degraded,     s.capacityBytes, s.storedBytes,
                          s.score, s.vetted,      s.eligible, s.auditsPassed, s.auditsFailed,  s.earnings};
}

SimulationFindings toApi(const simulator::Findings &f)
{
    SimulationFindings o;
    o.bestRewardPerTiB = f.bestRewardPerTiB;
    o.worstRewardPerTiB = f.worstRewardPerTiB;
    o.rewardRatio = f.rewardRatio;
    o.bestEarningsPerTiBCapacity = f.bestEarningsPerTiBCapacity;
    o.worstEarningsPerTiBCapacity = f.worstEarningsPerTiBCapacity;
    o.capacityRatio = f.capacityRatio;
    o.bestNewShareEarly = f.bestNewShareEarly;
    o.bestNewShareLate = f.bestNewShareLate;
    o.worstNewShareEarly = f.worstNewShareEarly;
    o.worstNewShareLate = f.worstNewShareLate;
    o.bestAllShareEarly = f.bestAllShareEarly;
    o.bestAllShareEnd = f.bestAllShareEnd;
    o.worstAllShareEnd = f.worstAllShareEnd;
    o.degradeEpoch = f.degradeEpoch;
    o.degradedNodes = f.degradedNodes;
    o.degradedPlacementBefore = f.degradedPlacementBefore;
    o.degradedPlacementAfter = f.degradedPlacementAfter;
    o.degradedEarningsBefore = f.degradedEarningsBefore;
    o.degradedEarningsAfter = f.degradedEarningsAfter;
    o.epochsToLosePlacement = f.epochsToLosePlacement;
    o.epochsToLoseHalfEarnings = f.epochsToLoseHalfEarnings;
    o.segmentsLost = f.segmentsLost;
    o.segmentsStored = f.segmentsStored;
    o.segmentsRepaired = f.segmentsRepaired;
    o.repairBytes = f.repairBytes;
    o.maxRepairsPending = f.maxRepairsPending;
    o.departures = f.departures;
    o.outages = f.outages;
    return o;
}

SimulationAssumptions assumptionsOf(const simulator::Params &p)
{
    SimulationAssumptions a;
    a.k = p.k;
    a.n = p.n;
    a.repairThreshold = p.repairThreshold;
    a.repairRoundsPerEpoch = p.repairRoundsPerEpoch;
    a.outageGraceHours = p.outageGraceHours;
    a.repairBytesPerNodePerEpoch = p.repairBytesPerNodePerEpoch;
    a.shardBytes = p.shardBytes;
    a.minCapacityBytes = p.minCapacityBytes;
    a.maxCapacityBytes = p.maxCapacityBytes;
    a.churnPerMonth = p.churnPerMonth;
    a.outagesPerDayBest = simulator::Hardware::forQuality(1.0).outagesPerEpoch;
    a.outagesPerDayWorst = simulator::Hardware::forQuality(0.0).outagesPerEpoch;
    a.meanOutageHours = simulator::Hardware::kMeanOutageHours;
    a.targetUtilization = p.targetUtilization;
    a.auditsPerEpoch = p.auditsPerEpoch;
    a.pingsPerEpoch = p.pingsPerEpoch;
    a.degradeEpoch = p.degradeEpoch >= 0 ? p.degradeEpoch : p.epochs / 2;
    a.degradedNodes = p.degradedNodes > 0 ? p.degradedNodes : std::max(3, p.nodes / 100);
    return a;
}

QString number(double v) { return QString::number(v, 'g', 6); }

QString quartileColumns(const QString &name) { return u"%1_q1,%1_q2,%1_q3,%1_q4"_s.arg(name); }

QString quartileValues(const Quartiles &q)
{
    return u"%1,%2,%3,%4"_s.arg(number(q[0]), number(q[1]), number(q[2]), number(q[3]));
}

Status writeText(const QString &path, const QString &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return makeError(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    file.write(text.toUtf8());
    if (!file.commit())
        return makeError(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

} // namespace

Result<SimulationResult> runSimulation(const SimulationOptions &options,
                                       const std::function<void(int done, int total)> &progress)
{
    simulator::Params params;
    params.nodes = options.nodes;
    params.epochs = options.epochs;
    params.seed = options.seed;
    auto report = simulator::run(params, progress);
    if (!report)
        return report.error();
    SimulationResult out;
    out.options = options;
    out.assumptions = assumptionsOf(params);
    out.epochs.reserve(report->epochs.size());
    for (const simulator::EpochStats &e : report->epochs)
        out.epochs.append(toApi(e));
    out.nodes.reserve(report->nodes.size());
    for (const simulator::NodeSummary &n : report->nodes)
        out.nodes.append(toApi(n));
    out.findings = toApi(report->findings);
    out.seconds = report->seconds;
    return out;
}

Status writeSimulationFiles(const SimulationResult &result, const QString &dir, QStringList *written)
{
    // Quartile q1 is the worst hardware, q4 the best.
    QString epochs = u"epoch,live_nodes,utilization,median_score,"_s + quartileColumns(u"reward_per_tib_stored"_s) +
                     u","_s + quartileColumns(u"earnings_per_tib_capacity"_s) + u","_s +
                     quartileColumns(u"mean_score"_s) + u","_s + quartileColumns(u"share_of_new_data"_s) + u","_s +
                     quartileColumns(u"share_of_all_data"_s) +
                     u",segments_stored,segments_uploaded,segments_lost,segments_lost_total,segments_repaired,"
                     u"shards_rebuilt,repair_bytes,repairs_pending,departures,outages,downloads_failed,"
                     u"degraded_shards_placed,degraded_earnings,degraded_score,degraded_eligible\n"_s;
    for (const SimulationEpoch &e : result.epochs)
        epochs += u"%1,%2,%3,%4,%5,%6,%7,%8,%9,"_s.arg(e.epoch)
                      .arg(e.liveNodes)
                      .arg(number(e.utilization), number(e.medianScore), quartileValues(e.rewardPerTiBStored),
                           quartileValues(e.rewardPerTiBCapacity), quartileValues(e.meanScore),
                           quartileValues(e.shareOfNewData), quartileValues(e.shareOfAllData)) +
                  u"%1,%2,%3,%4,%5,%6,%7,%8,%9,"_s.arg(e.segmentsStored)
                      .arg(e.segmentsUploaded)
                      .arg(e.segmentsLost)
                      .arg(e.segmentsLostTotal)
                      .arg(e.segmentsRepaired)
                      .arg(e.shardsRebuilt)
                      .arg(e.repairBytes)
                      .arg(e.repairsPending)
                      .arg(e.departures) +
                  u"%1,%2,%3,%4,%5,%6\n"_s.arg(e.outages)
                      .arg(e.downloadsFailed)
                      .arg(e.degradedShardsPlaced)
                      .arg(number(e.degradedEarnings), number(e.degradedScore))
                      .arg(e.degradedEligible);
    QString nodes = u"slot,joined_epoch,quality,degraded,capacity_bytes,stored_bytes,score,vetted,eligible,"
                    u"audits_passed,audits_failed,earnings\n"_s;
    for (const SimulationNode &n : result.nodes)
        nodes += u"%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11,%12\n"_s.arg(n.slot)
                     .arg(n.joinedEpoch)
                     .arg(number(n.quality))
                     .arg(n.degraded ? 1 : 0)
                     .arg(n.capacityBytes)
                     .arg(n.storedBytes)
                     .arg(number(n.score))
                     .arg(n.vetted ? 1 : 0)
                     .arg(n.eligible ? 1 : 0)
                     .arg(n.auditsPassed)
                     .arg(n.auditsFailed)
                     .arg(number(n.earnings));
    const QDir out(dir);
    const QList<std::pair<QString, QString>> files{
        {u"epochs.csv"_s, epochs},
        {u"nodes.csv"_s, nodes},
        {u"summary.json"_s, QString::fromUtf8(QJsonDocument(simulationSummary(result)).toJson())}};
    for (const auto &[name, text] : files) {
        const QString path = out.filePath(name);
        if (Status ok = writeText(path, text); !ok)
            return ok;
        if (written)
            written->append(path);
    }
    return {};
}

QJsonObject simulationSummary(const SimulationResult &r)
{
    const SimulationAssumptions &a = r.assumptions;
    const SimulationFindings &f = r.findings;
    return QJsonObject{
        {u"nodes"_s, r.options.nodes},
        {u"epochs"_s, r.options.epochs},
        {u"seed"_s, QString::number(r.options.seed)},
        {u"seconds"_s, r.seconds},
        {u"assumptions"_s, QJsonObject{{u"k"_s, a.k},
                                       {u"n"_s, a.n},
                                       {u"repair_at_healthy_or_fewer"_s, a.repairThreshold},
                                       {u"repair_rounds_per_day"_s, a.repairRoundsPerEpoch},
                                       {u"outage_grace_hours"_s, a.outageGraceHours},
                                       {u"repair_bytes_per_node_per_day"_s, a.repairBytesPerNodePerEpoch},
                                       {u"shard_bytes"_s, a.shardBytes},
                                       {u"capacity_bytes_min"_s, a.minCapacityBytes},
                                       {u"capacity_bytes_max"_s, a.maxCapacityBytes},
                                       {u"churn_per_month"_s, a.churnPerMonth},
                                       {u"outages_per_day_best"_s, a.outagesPerDayBest},
                                       {u"outages_per_day_worst"_s, a.outagesPerDayWorst},
                                       {u"mean_outage_hours"_s, a.meanOutageHours},
                                       {u"target_utilization"_s, a.targetUtilization},
                                       {u"audits_per_day"_s, a.auditsPerEpoch},
                                       {u"pings_per_day"_s, a.pingsPerEpoch},
                                       {u"degrade_epoch"_s, a.degradeEpoch},
                                       {u"degraded_nodes"_s, a.degradedNodes}}},
        {u"rewards"_s, QJsonObject{{u"best_per_tib_stored"_s, f.bestRewardPerTiB},
                                   {u"worst_per_tib_stored"_s, f.worstRewardPerTiB},
                                   {u"ratio"_s, f.rewardRatio},
                                   {u"best_per_tib_capacity"_s, f.bestEarningsPerTiBCapacity},
                                   {u"worst_per_tib_capacity"_s, f.worstEarningsPerTiBCapacity},
                                   {u"capacity_ratio"_s, f.capacityRatio}}},
        {u"placement"_s, QJsonObject{{u"best_new_share_early"_s, f.bestNewShareEarly},
                                     {u"best_new_share_late"_s, f.bestNewShareLate},
                                     {u"worst_new_share_early"_s, f.worstNewShareEarly},
                                     {u"worst_new_share_late"_s, f.worstNewShareLate},
                                     {u"best_all_share_early"_s, f.bestAllShareEarly},
                                     {u"best_all_share_end"_s, f.bestAllShareEnd},
                                     {u"worst_all_share_end"_s, f.worstAllShareEnd}}},
        {u"degraded"_s, QJsonObject{{u"epoch"_s, f.degradeEpoch},
                                    {u"nodes"_s, f.degradedNodes},
                                    {u"shards_per_day_before"_s, f.degradedPlacementBefore},
                                    {u"shards_per_day_after"_s, f.degradedPlacementAfter},
                                    {u"credits_per_day_before"_s, f.degradedEarningsBefore},
                                    {u"credits_per_day_after"_s, f.degradedEarningsAfter},
                                    {u"epochs_to_lose_placement"_s, f.epochsToLosePlacement},
                                    {u"epochs_to_lose_half_earnings"_s, f.epochsToLoseHalfEarnings}}},
        {u"durability"_s, QJsonObject{{u"segments_lost"_s, f.segmentsLost},
                                      {u"segments_stored"_s, f.segmentsStored},
                                      {u"segments_repaired"_s, f.segmentsRepaired},
                                      {u"repair_bytes"_s, f.repairBytes},
                                      {u"max_repairs_pending"_s, f.maxRepairsPending},
                                      {u"departures"_s, f.departures},
                                      {u"outages"_s, f.outages}}}};
}

} // namespace stratus::api
