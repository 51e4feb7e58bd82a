#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QList>
#include <QSet>

namespace stratus::client {

// What the client knows about a node when it places shards.
struct NodeCandidate {
    crypto::NodeId id;
    quint64 freeBytes = 0;
    double rttMs = 0;   // measured round trip of a control-plane ping
    double score = 1.0; // validator score in [0, 1] (median over the counted validators); 1 without validators
    bool reachable = true;
    bool eligible = true; // the validators let it take new shards (audit score, uptime, ...)
    bool vetted = true;   // it passed enough audits; a new node gets only a small share of an upload
};

// The share of one segment's shards that may go to nodes still being vetted
// (at least one), unless too few vetted nodes exist (a young network).
constexpr double kVettingShare = 0.05;

// Orders nodes for new shards: reachable, eligible nodes with room for `shardSize`,
// best first — by validator score, then by how much room they have (so data
// spreads) and how fast they answer. The weights are documented in the .cpp.
QList<NodeCandidate> rankForPlacement(QList<NodeCandidate> nodes, quint64 shardSize);

// Chooses `count` distinct nodes for the shards of one segment, skipping
// `exclude` (nodes that already hold a shard of it). Never two shards of one
// segment on one node: fails with a clear message when too few nodes fit.
// Nodes still being vetted take at most max(1, count * kVettingShare) of
// the shards while enough vetted nodes exist.
Result<QList<NodeCandidate>> chooseNodes(const QList<NodeCandidate> &ranked, int count,
                                         const QSet<QByteArray> &exclude = {});

} // namespace stratus::client
