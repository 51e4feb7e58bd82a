// Repair: find shards that are gone or damaged, rebuild them from k healthy
// ones, place them on other nodes (part of RemoteStore).

#include "client/log.h"
#include "client/remote_store.h"
#include "common/files.h"
#include "node/contract.h"
#include "node/proof.h"
#include "nodeservice/wire.h"
#include "object/erasure.h"
#include "object/manifest_envelope.h"
#include "object/merkle.h"
#include "object/segment_codec.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>

#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::client {

struct RemoteStore::ShardHealth {
    object::ShardId shard;
    QList<crypto::NodeId> good; // holders whose proof verified
    QList<crypto::NodeId> bad;  // holders that failed or did not answer
    // Holders another device of the account placed (named by its log, no
    // contract here): without the node's key their proofs are not checked.
    QList<crypto::NodeId> unchecked;
};

namespace {

constexpr int kChallengesPerShard = 3;

// The node's public key, from the contract it countersigned.
QByteArray nodeKeyOf(const Placement &p)
{
    auto c = node::decodeSignedContract(p.contract);
    return c ? c->nodeKey : QByteArray();
}

} // namespace

QList<RemoteStore::ShardHealth> RemoteStore::checkSegment(const object::SegmentInfo &segment)
{
    QList<ShardHealth> out;
    for (const object::ShardId &id : segment.shards) {
        ShardHealth h{id, {}, {}, {}};
        auto placements = m_index.placementsOf(id);
        for (const Placement &p : placements ? placements.value() : QList<Placement>{}) {
            if (p.contract.isEmpty()) {
                h.unchecked.append(p.node);
                continue;
            }
            bool ok = true;
            for (int c = 0; c < kChallengesPerShard && ok; ++c) {
                const node::ProofChallenge challenge = node::randomChallenge(id);
                auto reply = m_network
                                 .request(p.node, u"prove"_s,
                                          QCborMap{{u"challenge"_s, node::encodeProofChallenge(challenge)}}, 10000)
                                 .result();
                auto proof = reply ? node::decodeProofResponse(reply->value(u"proof"_s).toByteArray())
                                   : Result<node::ProofResponse>(reply.error());
                ok = proof && node::verifyProof(challenge, proof.value(), nodeKeyOf(p)).ok();
            }
            (ok ? h.good : h.bad).append(p.node);
        }
        out.append(h);
    }
    return out;
}

Status RemoteStore::repairSegment(const object::SegmentInfo &segment, const QList<ShardHealth> &health,
                                  const QList<NodeCandidate> &ranked, RepairReport &report)
{
    // Fetch k healthy shards, as many at once as are still missing (each
    // from its next healthy holder), until k are in or no holder is left.
    std::vector<QByteArray> fetched(segment.shards.size());
    QList<qsizetype> tried(health.size(), 0); // holders of each shard asked so far
    int have = 0;
    while (have < segment.k) {
        QList<std::pair<qsizetype, QFuture<Result<QByteArray>>>> round;
        for (qsizetype i = 0; i < health.size() && have + round.size() < segment.k; ++i) {
            if (!fetched[static_cast<std::size_t>(i)].isEmpty() || tried[i] >= health[i].good.size())
                continue;
            round.append({i, m_network.fetch(health[i].shard, health[i].good[tried[i]++])});
        }
        if (round.isEmpty())
            break; // assembleSegment names what is missing
        for (auto &[i, future] : round) {
            auto bytes = future.result();
            if (bytes && bytes->size() == health[i].shard.size) {
                fetched[static_cast<std::size_t>(i)] = bytes.value();
                ++have;
            }
        }
    }
    auto data = object::assembleSegment(segment, std::move(fetched));
    if (!data)
        return data.error();
    QByteArray bytes(static_cast<qsizetype>(segment.size), Qt::Uninitialized);
    data->read(0, static_cast<std::size_t>(segment.size), reinterpret_cast<std::uint8_t *>(bytes.data()));
    auto coder = object::ErasureCoder::create(segment.k, segment.m);
    if (!coder)
        return coder.error();
    const object::CodedSegment coded = object::codeSegment(bytes, coder.value());

    // Every node that holds (or held) a shard of this segment is excluded.
    QSet<QByteArray> exclude;
    for (const ShardHealth &h : health) {
        for (const crypto::NodeId &n : h.good)
            exclude.insert(n.bytes());
        for (const crypto::NodeId &n : h.bad)
            exclude.insert(n.bytes());
        for (const crypto::NodeId &n : h.unchecked)
            exclude.insert(n.bytes());
    }
    for (qsizetype i = 0; i < health.size(); ++i) {
        if (!health[i].good.isEmpty())
            continue;
        const object::ShardId &id = health[i].shard;
        const std::uint8_t *shard = coded.shard(static_cast<int>(i));
        const std::vector<object::Hash32> leaves =
            object::merkleLeaves(shard, static_cast<std::size_t>(coded.shardSize));
        const object::Hash32 root = object::merkleRootFromLeaves(leaves);
        if (id.root != QByteArray(reinterpret_cast<const char *>(root.data()), static_cast<qsizetype>(root.size())))
            return makeError(u"rebuilt shard %1 does not match its id (this is a bug)"_s.arg(i));
        const QByteArray rebuilt(reinterpret_cast<const char *>(shard), static_cast<qsizetype>(coded.shardSize));
        auto nodes = chooseNodes(rankForPlacement(ranked, static_cast<quint64>(id.size)), 1, exclude);
        if (!nodes)
            return nodes.error();
        auto placed = uploadShard(id, rebuilt, 0, leaves, nodes->first().id);
        m_network.unload(id);
        if (!placed)
            return makeError(u"node %1 did not take rebuilt shard %2: %3"_s.arg(nodes->first().id.shortString())
                                 .arg(i)
                                 .arg(placed.message()));
        exclude.insert(nodes->first().id.bytes());
        if (Status st = m_index.addPlacement(placed.value()); !st)
            return st;
        for (const crypto::NodeId &bad : health[i].bad)
            (void)m_index.removePlacement(id, bad);
        report.notes << u"rebuilt shard %1 (%2) onto %3"_s.arg(i).arg(id.toString().left(12),
                                                                      nodes->first().id.shortString());
        ++report.shardsRebuilt;
    }
    return {};
}

Result<RepairReport> RemoteStore::repair(int threshold, qint64 renewWithinMs)
{
    RepairOptions options;
    options.threshold = threshold;
    options.renewWithinMs = renewWithinMs;
    return repair(options);
}

Result<RepairReport> RemoteStore::repair(const RepairOptions &options)
{
    // Files in the trash too: they stay restorable while kept.
    auto files = m_index.listLatest(true); // in path order
    if (!files)
        return files.error();
    QElapsedTimer clock;
    clock.start();
    std::optional<QList<NodeCandidate>> ranked; // surveyed when a segment needs new homes
    QSet<QByteArray> seenHere;
    QSet<QByteArray> &seen = options.seenSegments ? *options.seenSegments : seenHere;
    RepairReport report;
    QString last; // the last file checked
    for (const FileVersion &v : files.value()) {
        if (!options.startAfter.isEmpty() && v.path <= options.startAfter)
            continue;
        if (options.budgetMs > 0 && !last.isEmpty() && clock.elapsed() >= options.budgetMs) {
            report.resumeAfter = last; // at least one file per call: every pass ends
            break;
        }
        last = v.path;
        auto manifest = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (!manifest) {
            report.notes << u"%1: %2"_s.arg(v.path, manifest.message());
            continue;
        }
        for (std::size_t s = 0; s < manifest->segments.size(); ++s) {
            const object::SegmentInfo &segment = manifest->segments[s];
            if (segment.shards.empty() || seen.contains(segment.shards.front().root))
                continue;
            seen.insert(segment.shards.front().root);
            const int n = static_cast<int>(segment.shards.size());
            const int limit = options.threshold < 0 ? n - 1 : options.threshold;
            const QList<ShardHealth> health = checkSegment(segment);
            bool ours = false;
            for (const ShardHealth &h : health)
                ours = ours || !h.good.isEmpty() || !h.bad.isEmpty();
            if (!ours) {
                ++report.segmentsSkipped;
                continue;
            }
            // Renew what is about to end, with the holders that proved they
            // still have the data (nothing is collected before a grace
            // period after expiry, so a late renewal still works).
            for (const ShardHealth &h : health) {
                auto placements = m_index.placementsOf(h.shard);
                for (const Placement &p : placements ? placements.value() : QList<Placement>{}) {
                    if (p.contract.isEmpty() ||
                        p.expiryMs - QDateTime::currentMSecsSinceEpoch() > options.renewWithinMs ||
                        !h.good.contains(p.node))
                        continue;
                    auto renewed = proposeContract(h.shard, p.node);
                    if (renewed && m_index.addPlacement(renewed.value()))
                        ++report.contractsRenewed;
                    else
                        report.notes << u"could not renew the contract of %1 on %2: %3"_s.arg(
                            h.shard.toString().left(12), p.node.shortString(),
                            renewed ? u"database error"_s : renewed.message());
                }
            }
            int healthy = 0;
            for (const ShardHealth &h : health)
                healthy += h.good.isEmpty() ? 0 : 1;
            ++report.segmentsChecked;
            if (healthy > limit)
                continue;
            const QString where = u"%1 segment %2"_s.arg(v.path).arg(s + 1);
            if (healthy < segment.k) {
                const QString reason =
                    u"segment %1 cannot be repaired: only %2 of %3 shards are healthy, %4 are needed"_s.arg(s + 1)
                        .arg(healthy)
                        .arg(n)
                        .arg(segment.k);
                report.notes << u"%1: %2"_s.arg(v.path, reason);
                report.failures.append({v.path, reason});
                continue;
            }
            report.notes << u"%1 has %2 of %3 healthy shards: repairing"_s.arg(where).arg(healthy).arg(n);
            if (!ranked)
                ranked = survey();
            if (Status st = repairSegment(segment, health, *ranked, report); !st) {
                const QString reason = u"segment %1: repair failed: %2"_s.arg(s + 1).arg(st.message());
                report.notes << u"%1: %2"_s.arg(v.path, reason);
                report.failures.append({v.path, reason});
                continue;
            }
            ++report.segmentsRepaired;
        }
    }
    for (const QString &note : report.notes)
        qCInfo(lcClient).noquote() << note;
    return report;
}

} // namespace stratus::client
