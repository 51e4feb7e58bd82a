#include "validator/reputation.h"

#include <QCborArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::validator {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(values.size()));
    const std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
    return values[std::min(index, values.size() - 1)];
}

namespace {

template <typename T>
void pushCapped(std::deque<T> &window, T value, std::size_t cap)
{
    window.push_back(value);
    while (window.size() > cap)
        window.pop_front();
}

void pushSample(std::vector<double> &samples, double value)
{
    if (samples.size() < NodeReputation::kMaxSamples)
        samples.push_back(value);
}

} // namespace

void NodeReputation::recordPing(bool answered, double rttMs)
{
    m_upAlpha = m_params.uptimeForgetting * m_upAlpha + (answered ? 1.0 : 0.0);
    m_upBeta = m_params.uptimeForgetting * m_upBeta + (answered ? 0.0 : 1.0);
    m_online = answered;
    ++m_epoch.pings;
    if (answered) {
        ++m_epoch.pingsAnswered;
        pushCapped(m_latencies, rttMs, kLatencyWindow);
        pushSample(m_epoch.latenciesMs, rttMs);
    }
}

void NodeReputation::recordAudit(bool passed, double latencyMs)
{
    m_alpha = m_params.forgetting * m_alpha + (passed ? 1.0 : 0.0);
    m_beta = m_params.forgetting * m_beta + (passed ? 0.0 : m_params.failureWeight);
    if (auditScore() < m_params.auditThreshold)
        m_suspended = true;
    else if (auditScore() >= m_params.auditRecovery)
        m_suspended = false;
    if (passed) {
        ++m_passedTotal;
        ++m_epoch.auditsPassed;
        pushCapped(m_latencies, latencyMs, kLatencyWindow);
        pushSample(m_epoch.latenciesMs, latencyMs);
    } else {
        ++m_failedTotal;
        ++m_epoch.auditsFailed;
    }
}

void NodeReputation::recordThroughput(double bytesPerSecond)
{
    pushCapped(m_throughputs, bytesPerSecond, kThroughputWindow);
    pushSample(m_epoch.throughputs, bytesPerSecond);
}

double NodeReputation::auditScore() const
{
    const double total = m_alpha + m_beta;
    return total > 0 ? m_alpha / total : 1.0;
}

double NodeReputation::uptime() const
{
    const double total = m_upAlpha + m_upBeta;
    return total > 0 ? m_upAlpha / total : 1.0;
}

double NodeReputation::latencyP50Ms() const { return percentile({m_latencies.begin(), m_latencies.end()}, 50); }
double NodeReputation::latencyP95Ms() const { return percentile({m_latencies.begin(), m_latencies.end()}, 95); }

double latencyScoreOf(double p95Ms, const ReputationParams &params)
{
    return 1.0 / (1.0 + p95Ms / params.latencyReferenceMs);
}

double NodeReputation::latencyScore() const
{
    return m_latencies.empty() ? 1.0 : latencyScoreOf(latencyP95Ms(), m_params);
}

double NodeReputation::throughputBytesPerSecond() const
{
    return percentile({m_throughputs.begin(), m_throughputs.end()}, 50);
}

double NodeReputation::throughputScore() const
{
    if (m_throughputs.empty())
        return -1;
    const double t = throughputBytesPerSecond();
    return t / (t + m_params.throughputReferenceBytesPerSecond);
}

double NodeReputation::score() const
{
    double sum = m_params.auditWeight * auditScore() + m_params.uptimeWeight * uptime() +
                 m_params.latencyWeight * latencyScore();
    double weights = m_params.auditWeight + m_params.uptimeWeight + m_params.latencyWeight;
    if (const double t = throughputScore(); t >= 0) {
        sum += m_params.throughputWeight * t;
        weights += m_params.throughputWeight;
    }
    return weights > 0 ? std::clamp(sum / weights, 0.0, 1.0) : 0.0;
}

bool NodeReputation::eligible() const { return m_online && !m_suspended && score() >= m_params.scoreThreshold; }

EpochTally NodeReputation::takeEpoch()
{
    EpochTally out = std::move(m_epoch);
    m_epoch = {};
    return out;
}

QCborMap NodeReputation::toCbor() const
{
    QCborArray latencies, throughputs;
    for (double v : m_latencies)
        latencies.append(v);
    for (double v : m_throughputs)
        throughputs.append(v);
    return QCborMap{{u"alpha"_s, m_alpha},        {u"beta"_s, m_beta},         {u"up_alpha"_s, m_upAlpha},
                    {u"up_beta"_s, m_upBeta},     {u"online"_s, m_online},     {u"passed"_s, m_passedTotal},
                    {u"failed"_s, m_failedTotal}, {u"latencies"_s, latencies}, {u"throughputs"_s, throughputs}};
}

NodeReputation NodeReputation::fromCbor(const QCborMap &map, const ReputationParams &params)
{
    NodeReputation r(params);
    auto number = [&](const QString &key, double fallback, double max) {
        const double v = map.value(key).toDouble(fallback);
        return std::isfinite(v) && v >= 0 && v <= max ? v : fallback;
    };
    r.m_alpha = number(u"alpha"_s, 1.0, 1e9);
    r.m_beta = number(u"beta"_s, 0.0, 1e9);
    r.m_upAlpha = number(u"up_alpha"_s, 1.0, 1e9);
    r.m_upBeta = number(u"up_beta"_s, 0.0, 1e9);
    r.m_online = map.value(u"online"_s).toBool(false);
    r.m_suspended = map.value(u"suspended"_s).toBool(false);
    r.m_passedTotal = std::max<qint64>(0, map.value(u"passed"_s).toInteger(0));
    r.m_failedTotal = std::max<qint64>(0, map.value(u"failed"_s).toInteger(0));
    for (const QCborValue &v : map.value(u"latencies"_s).toArray())
        if (const double d = v.toDouble(-1); std::isfinite(d) && d >= 0)
            pushCapped(r.m_latencies, d, kLatencyWindow);
    for (const QCborValue &v : map.value(u"throughputs"_s).toArray())
        if (const double d = v.toDouble(-1); std::isfinite(d) && d >= 0)
            pushCapped(r.m_throughputs, d, kThroughputWindow);
    return r;
}

} // namespace stratus::validator
