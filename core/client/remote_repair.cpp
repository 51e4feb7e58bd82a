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
#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>

using namespace Qt::StringLiterals;

namespace stratus::client {

struct RemoteStore::ShardHealth {
    object::ShardId shard;
    QList<crypto::NodeId> good; // holders whose proof verified
    QList<crypto::NodeId> bad;  // holders that failed or did not answer
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
        ShardHealth h{id, {}, {}};
        auto placements = m_index.placementsOf(id);
        for (const Placement &p : placements ? placements.value() : QList<Placement>{}) {
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
    // Fetch k healthy shards.
    std::vector<QByteArray> fetched(segment.shards.size());
    const QString tmp = m_workDir + u"/repair-"_s + QString::number(QRandomGenerator::system()->generate64(), 16);
    QDir().mkpath(tmp);
    auto cleanup = qScopeGuard([&]() { QDir(tmp).removeRecursively(); });
    int have = 0;
    for (qsizetype i = 0; i < health.size() && have < segment.k; ++i) {
        for (const crypto::NodeId &holder : health[i].good) {
            auto path = m_network.fetch(health[i].shard, holder, tmp).result();
            if (!path)
                continue;
            auto bytes = readFileLimited(path.value(), health[i].shard.size);
            QFile::remove(path.value());
            if (bytes) {
                fetched[static_cast<std::size_t>(i)] = bytes.value();
                ++have;
                break;
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
    }
    for (qsizetype i = 0; i < health.size(); ++i) {
        if (!health[i].good.isEmpty())
            continue;
        const object::ShardId &id = health[i].shard;
        const std::uint8_t *shard = coded.shard(static_cast<int>(i));
        if (object::merkleRoot(shard, static_cast<std::size_t>(coded.shardSize)) != id.root)
            return makeError(u"rebuilt shard %1 does not match its id (this is a bug)"_s.arg(i));
        const QString path = tmp + u'/' + id.toString();
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(reinterpret_cast<const char *>(shard), static_cast<qint64>(coded.shardSize)) != id.size)
            return makeError(u"cannot write %1"_s.arg(path));
        f.close();
        auto nodes = chooseNodes(rankForPlacement(ranked, static_cast<quint64>(id.size)), 1, exclude);
        if (!nodes)
            return nodes.error();
        auto placed = uploadShard(id, path, nodes->first().id);
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
    // Files in the trash too: they stay restorable while kept.
    auto files = m_index.listLatest(true);
    if (!files)
        return files.error();
    const QList<NodeCandidate> ranked = survey();
    RepairReport report;
    for (const FileVersion &v : files.value()) {
        auto manifest = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (!manifest) {
            report.notes << u"%1: %2"_s.arg(v.path, manifest.message());
            continue;
        }
        for (std::size_t s = 0; s < manifest->segments.size(); ++s) {
            const object::SegmentInfo &segment = manifest->segments[s];
            const int n = static_cast<int>(segment.shards.size());
            const int limit = threshold < 0 ? n - 1 : threshold;
            const QList<ShardHealth> health = checkSegment(segment);
            // Renew what is about to end, with the holders that proved they
            // still have the data (nothing is collected before a grace
            // period after expiry, so a late renewal still works).
            for (const ShardHealth &h : health) {
                auto placements = m_index.placementsOf(h.shard);
                for (const Placement &p : placements ? placements.value() : QList<Placement>{}) {
                    if (p.expiryMs - QDateTime::currentMSecsSinceEpoch() > renewWithinMs || !h.good.contains(p.node))
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
                report.notes << u"%1 cannot be repaired: only %2 of %3 shards are healthy, %4 are needed"_s.arg(where)
                                    .arg(healthy)
                                    .arg(n)
                                    .arg(segment.k);
                continue;
            }
            report.notes << u"%1 has %2 of %3 healthy shards: repairing"_s.arg(where).arg(healthy).arg(n);
            if (Status st = repairSegment(segment, health, ranked, report); !st) {
                report.notes << u"%1: repair failed: %2"_s.arg(where, st.message());
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
