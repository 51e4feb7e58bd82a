#pragma once

#include <QCborMap>
#include <QtGlobal>

#include <deque>
#include <vector>

namespace stratus::validator {

// How a paper node turns what it saw into a score. The defaults are the
// network's; VALIDATOR.md explains each number.
struct ReputationParams {
    // Audit score: a beta-style estimate of the chance that the node answers
    // a proof-of-storage challenge correctly. After each audit both counts
    // decay by `forgetting`, then a pass adds 1 to alpha and a failure adds
    // `failureWeight` to beta, so recent results count most and a failure
    // weighs more than a pass.
    double forgetting = 0.95;
    double failureWeight = 2.0;
    // Uptime: the same kind of estimate over pings (answered / not).
    double uptimeForgetting = 0.98;
    // Latency score 1 / (1 + p95 / reference); throughput score
    // t / (t + reference).
    double latencyReferenceMs = 250.0;
    double throughputReferenceBytesPerSecond = 2.0 * 1024 * 1024;
    // The combined score is the weighted mean of the four parts (throughput
    // drops out, and the others are renormalized, until it was measured).
    double auditWeight = 0.6;
    double uptimeWeight = 0.2;
    double latencyWeight = 0.1;
    double throughputWeight = 0.1;
    // Placement: a node whose audit score is below `auditThreshold`, whose
    // combined score is below `scoreThreshold`, or that is offline gets no
    // new shards. Until a node has passed `vettingAudits` audits it is new
    // and gets at most `vettingShare` of the shards of an upload.
    double auditThreshold = 0.9;
    // Once below auditThreshold a node stays excluded until its audit score
    // is back above this (about 25 passes in a row), so a node that lost
    // data does not flicker back in between two failed audits.
    double auditRecovery = 0.97;
    double scoreThreshold = 0.5;
    int vettingAudits = 100;
    double vettingShare = 0.05;
};

// Percentile (0..100) of `values` by nearest rank; 0 when empty.
double percentile(std::vector<double> values, double p);

// What one epoch of audits of one node added up to (the attestation).
struct EpochTally {
    qint64 pingsAnswered = 0;
    qint64 pings = 0;
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    std::vector<double> latenciesMs; // capped; see kMaxSamples
    std::vector<double> throughputs; // bytes per second
    bool empty() const { return pings == 0 && auditsPassed == 0 && auditsFailed == 0; }
};

// The latency part of a node's score from its 95th percentile: 1 / (1 +
// p95 / reference).
double latencyScoreOf(double p95Ms, const ReputationParams &params = {});

// A paper node's running view of one storage node.
class NodeReputation {
public:
    static constexpr int kLatencyWindow = 64;
    static constexpr int kThroughputWindow = 16;
    static constexpr std::size_t kMaxSamples = 4096;

    explicit NodeReputation(const ReputationParams &params = {}) : m_params(params) {}

    void recordPing(bool answered, double rttMs);
    void recordAudit(bool passed, double latencyMs);
    void recordThroughput(double bytesPerSecond);

    double auditScore() const; // in [0, 1]; 1 for a node never audited
    double uptime() const;     // in [0, 1]; 1 for a node never pinged
    double latencyP50Ms() const;
    double latencyP95Ms() const;
    double latencyScore() const;
    double throughputBytesPerSecond() const; // median of the recent probes; 0 if none
    double throughputScore() const;          // -1 while unmeasured
    double score() const;                    // the weighted combination, in [0, 1]

    bool online() const { return m_online; }
    // Excluded from new shards for failed audits (see auditRecovery).
    bool suspended() const { return m_suspended; }
    qint64 auditsPassedTotal() const { return m_passedTotal; }
    qint64 auditsFailedTotal() const { return m_failedTotal; }
    bool vetted() const { return m_passedTotal >= m_params.vettingAudits; }
    // Whether clients may place new shards on the node.
    bool eligible() const;

    // The epoch so far; takeEpoch() returns it and starts a new one.
    const EpochTally &epoch() const { return m_epoch; }
    EpochTally takeEpoch();

    // Persistence (the validator's state file); unknown or bad fields fall
    // back to defaults.
    QCborMap toCbor() const;
    static NodeReputation fromCbor(const QCborMap &map, const ReputationParams &params);

private:
    ReputationParams m_params;
    double m_alpha = 1.0; // a fresh node starts with the benefit of the doubt
    double m_beta = 0.0;
    double m_upAlpha = 1.0;
    double m_upBeta = 0.0;
    bool m_online = false;
    bool m_suspended = false;
    qint64 m_passedTotal = 0;
    qint64 m_failedTotal = 0;
    std::deque<double> m_latencies;
    std::deque<double> m_throughputs;
    EpochTally m_epoch;
};

} // namespace stratus::validator
