#include "client/placement.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::client {

// Desirability of a node for a new shard, higher is better:
//   score (validator reputation, weight 1.0)
// + 0.5 * log10(1 + free GiB) / 3      (room to grow; saturates near 1 TiB)
// - 0.3 * min(rtt / 200 ms, 1)          (slow answers cost)
// Reputation dominates; among equally trusted nodes data goes to the emptiest
// and nearest, so load spreads and uploads finish sooner.
static double desirability(const NodeCandidate &n)
{
    const double freeGiB = static_cast<double>(n.freeBytes) / (1024.0 * 1024.0 * 1024.0);
    return n.score + 0.5 * std::log10(1.0 + freeGiB) / 3.0 - 0.3 * std::min(n.rttMs / 200.0, 1.0);
}

QList<NodeCandidate> rankForPlacement(QList<NodeCandidate> nodes, quint64 shardSize)
{
    nodes.removeIf([&](const NodeCandidate &n) { return !n.reachable || !n.eligible || n.freeBytes < shardSize; });
    // Each node's desirability once (two logarithms), not once per
    // comparison: the simulator ranks 10,000 nodes every simulated day.
    std::vector<std::pair<double, qsizetype>> keys;
    keys.reserve(static_cast<std::size_t>(nodes.size()));
    for (qsizetype i = 0; i < nodes.size(); ++i)
        keys.emplace_back(desirability(nodes[i]), i);
    std::stable_sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    QList<NodeCandidate> ranked;
    ranked.reserve(nodes.size());
    for (const auto &key : keys)
        ranked.append(std::move(nodes[key.second]));
    return ranked;
}

Result<QList<NodeCandidate>> chooseNodes(const QList<NodeCandidate> &ranked, int count, const QSet<QByteArray> &exclude)
{
    QList<NodeCandidate> out;
    QSet<QByteArray> used = exclude;
    const int vettedAvailable =
        static_cast<int>(std::count_if(ranked.begin(), ranked.end(), [&](const NodeCandidate &n) {
            return n.vetted && !exclude.contains(n.id.bytes());
        }));
    // New nodes get a small share, or whatever the vetted ones cannot take.
    const int newAllowed = std::max(std::max(1, static_cast<int>(count * kVettingShare)), count - vettedAvailable);
    int newTaken = 0;
    for (const NodeCandidate &n : ranked) {
        if (out.size() == count)
            break;
        if (used.contains(n.id.bytes()) || (!n.vetted && newTaken >= newAllowed))
            continue;
        used.insert(n.id.bytes());
        newTaken += n.vetted ? 0 : 1;
        out.append(n);
    }
    if (out.size() < count)
        return makeError(u"only %1 reachable nodes have room for these shards, but %2 are needed (one shard per "
                         u"node); add nodes or free space"_s.arg(out.size())
                             .arg(count));
    return out;
}

} // namespace stratus::client
