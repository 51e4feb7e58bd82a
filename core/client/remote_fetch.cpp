// RemoteStore's read path: files and versions back from the nodes that hold
// their shards (get, getVersion, getVersions).

#include "client/remote_store.h"
#include "client/remote_store_private.h"
#include "common/files.h"
#include "node/orders.h"
#include "object/chunk_cipher.h"
#include "object/manifest_envelope.h"
#include "object/restore.h"
#include "object/split_writer.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

// Fetches shards from the nodes that hold them, for the restore pipeline.
// Segments fetched ahead of the one being written: each holds k + 1 shards
// in memory (about 80 MiB for 4+2 and 64 MiB segments) until it is decoded.
constexpr int kPrefetchSegments = 4;

class NetworkShardSource final : public object::ShardSource {
public:
    using OrderFn = std::function<QByteArray(const object::ShardId &, const crypto::NodeId &)>;

    NetworkShardSource(NetworkContext &network, std::map<QString, QList<crypto::NodeId>> holders, OrderFn order)
        : m_network(network), m_holders(std::move(holders)), m_order(std::move(order))
    {
    }

    Result<QByteArray> getShard(const object::ShardId &id) override
    {
        const auto it = m_holders.find(id.toString());
        if (it == m_holders.end() || it->second.isEmpty())
            return makeError(u"no node is known to hold it"_s);
        QStringList errors;
        for (const crypto::NodeId &node : it->second) {
            Result<QByteArray> bytes = m_network.fetch(id, node, m_order(id, node)).result();
            if (bytes && bytes->size() == id.size)
                return bytes;
            errors << u"%1: %2"_s.arg(node.shortString(), bytes ? u"wrong size"_s : bytes.message());
        }
        return makeError(errors.join(u"; "_s));
    }

    // Each shard arrives through a BitTorrent v2 transfer of the torrent made
    // from its id: libtorrent checked every piece against the tree of the
    // id's root before the fetch finished. (Each chunk is also authenticated
    // when it is decrypted.)
    bool verifiesShards() const override { return true; }

    void cancel(const object::ShardId &id) override { m_network.cancelFetch(id); }

private:
    NetworkContext &m_network;
    std::map<QString, QList<crypto::NodeId>> m_holders;
    OrderFn m_order;
};

// A client-signed order paying `node` for sending one shard (egress).
QByteArray bandwidthOrder(const crypto::SigningKey &device, const object::ShardId &id, const crypto::NodeId &node)
{
    node::BandwidthOrder order;
    order.client = crypto::NodeId::fromPublicKey(device.publicKey());
    order.node = node;
    order.shard = id;
    order.bytes = id.size;
    order.serial = static_cast<qint64>(QRandomGenerator::system()->generate64() >> 2); // unique per client
    order.timeMs = QDateTime::currentMSecsSinceEpoch();
    auto signedOrder = node::signBandwidthOrder(order, device);
    return signedOrder ? node::encodeSignedOrder(signedOrder.value()) : QByteArray();
}

// Adds up the bytes this client signed bandwidth orders for during one
// restore and records them in the index when it ends (the traffic part of
// what the account spends; api::CreditsInfo).
struct EgressTally {
    explicit EgressTally(FileIndex &files) : index(files) {}
    ~EgressTally()
    {
        if (const qint64 n = bytes->load(); n > 0)
            (void)index.addEgress(QDateTime::currentMSecsSinceEpoch(), n);
    }
    EgressTally(const EgressTally &) = delete;
    EgressTally &operator=(const EgressTally &) = delete;

    // Signs a bandwidth order for each shard fetched, counting its bytes.
    NetworkShardSource::OrderFn paidOrders(std::shared_ptr<const crypto::SigningKey> device) const
    {
        return [device = std::move(device), ordered = bytes](const object::ShardId &id, const crypto::NodeId &node) {
            ordered->fetch_add(id.size, std::memory_order_relaxed);
            return bandwidthOrder(*device, id, node);
        };
    }

    FileIndex &index;
    std::shared_ptr<std::atomic<qint64>> bytes = std::make_shared<std::atomic<qint64>>(0);
};

// The nodes the index names for every shard of `manifest`, by shard.
Result<std::map<QString, QList<crypto::NodeId>>> holdersOf(FileIndex &index, const object::FileManifest &manifest)
{
    auto list = index.holdersOf(manifest);
    if (!list)
        return list.error();
    std::map<QString, QList<crypto::NodeId>> holders;
    for (const auto &[shard, node] : list.value())
        holders[shard.toString()].append(node);
    return holders;
}

} // namespace

Status RemoteStore::restoreFromNodes(const object::FileManifest &manifest,
                                     const std::function<Status(object::Restorer &)> &run)
{
    auto holders = holdersOf(m_index, manifest);
    if (!holders)
        return holders.error();
    EgressTally egress(m_index);
    NetworkShardSource source(m_network, std::move(holders.value()), egress.paidOrders(m_account.device));
    const object::ChunkCipher cipher(m_account.keys.dedup, m_account.keys.dataMaster);
    object::Restorer restorer(cipher, m_ioPool, source);
    restorer.setExtraFetches(1);
    return run(restorer);
}

Result<QByteArray> RemoteStore::readObject(const object::FileManifest &manifest)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (Status st = restoreFromNodes(manifest, [&](object::Restorer &r) { return r.restore(manifest, buffer); }); !st)
        return st.error();
    return buffer.data();
}

Result<GetResult> RemoteStore::get(const QString &remotePath, const QString &outFile, bool overwrite,
                                   const object::ProgressFn &progress)
{
    auto version = m_index.latest(remotePath);
    if (!version)
        return version.error();
    return getVersion(version.value(), outFile, overwrite, progress);
}

Result<GetResult> RemoteStore::getVersion(const FileVersion &v, const QString &outFile, bool overwrite,
                                          const object::ProgressFn &progress)
{
    const FileVersion *version = &v;
    if (QFileInfo::exists(outFile) && !overwrite)
        return makeError(u"%1 already exists; remove it or pass --force to replace it"_s.arg(outFile));
    auto manifest = object::openManifest(version->sealedManifest, m_account.keys.dataMaster);
    if (!manifest)
        return manifest.error();
    QStringList skipped;
    const Status st = restoreFromNodes(manifest.value(), [&](object::Restorer &restorer) {
        restorer.setPrefetch(kPrefetchSegments);
        const Status restored = restorer.restoreFile(manifest.value(), outFile, progress);
        skipped = restorer.problems();
        return restored;
    });
    if (!st)
        return makeError(u"cannot get %1: %2"_s.arg(version->path, st.message()));
    return GetResult{version->path, version->version, version->size, skipped};
}

QList<Status> RemoteStore::getVersions(const QList<FetchJob> &jobs)
{
    QList<Status> out;
    std::vector<std::optional<object::FileManifest>> manifests;
    std::map<QString, QList<crypto::NodeId>> holders;
    for (const FetchJob &job : jobs)
        for (const auto &[shard, node] : job.holders) {
            QList<crypto::NodeId> &list = holders[shard.toString()];
            if (!list.contains(node))
                list.append(node);
        }
    QSet<QString> looked;
    for (const FetchJob &job : jobs) {
        auto manifest = object::openManifest(job.sealedManifest, m_account.keys.dataMaster);
        if (!manifest) {
            out.append(manifest.error());
            manifests.emplace_back();
            continue;
        }
        Status st;
        for (const object::SegmentInfo &s : manifest->segments)
            for (const object::ShardId &id : s.shards) {
                const QString key = id.toString();
                if (looked.contains(key))
                    continue;
                looked.insert(key);
                auto placements = m_index.placementsOf(id);
                if (!placements) {
                    st = placements.error();
                    continue;
                }
                QList<crypto::NodeId> &list = holders[key];
                for (const Placement &p : placements.value())
                    if (!list.contains(p.node))
                        list.append(p.node);
            }
        out.append(st);
        manifests.push_back(std::move(manifest.value()));
    }
    EgressTally egress(m_index);
    NetworkShardSource source(m_network, std::move(holders), egress.paidOrders(m_account.device));
    const object::ChunkCipher cipher(m_account.keys.dedup, m_account.keys.dataMaster);
    object::SegmentCache cache(3);
    object::Restorer restorer(cipher, m_ioPool, source);
    restorer.setExtraFetches(1);
    restorer.setPrefetch(2);
    restorer.setSegmentCache(&cache);
    // All files as one stream (a combined manifest written through a
    // SplitWriter): their segments are fetched ahead as for one large file.
    object::FileManifest combined;
    QHash<QString, quint32> segmentIndex;
    QList<std::pair<QString, qint64>> targets;
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        if (!out[i] || !manifests[std::size_t(i)])
            continue;
        const object::FileManifest &m = *manifests[std::size_t(i)];
        for (object::ChunkRef c : m.chunks) {
            if (c.segment >= m.segments.size())
                continue; // the restore below reports the file
            const object::SegmentInfo &s = m.segments[c.segment];
            const QString key = s.shards.empty() ? QString() : s.shards.front().toString();
            auto it = segmentIndex.constFind(key);
            if (it == segmentIndex.constEnd()) {
                it = segmentIndex.insert(key, quint32(combined.segments.size()));
                combined.segments.push_back(s);
            }
            c.segment = it.value();
            combined.chunks.push_back(c);
        }
        combined.size += m.size;
        targets.append({jobs[i].outFile, qint64(m.size)});
    }
    // One large file: as far ahead as a get; many files: less (memory).
    restorer.setPrefetch(targets.size() == 1 ? kPrefetchSegments : 2);
    object::SplitWriter writer(targets);
    if (restorer.restore(combined, writer) && writer.finish())
        return out;
    // Something in there cannot be restored: file by file, to name it.
    restorer.setPrefetch(2);
    for (qsizetype i = 0; i < jobs.size(); ++i) {
        if (!out[i] || !manifests[std::size_t(i)])
            continue;
        if (Status st = restorer.restoreFile(*manifests[std::size_t(i)], jobs[i].outFile, {}, false); !st)
            out[i] = makeError(u"cannot get %1: %2"_s.arg(jobs[i].name, st.message()));
    }
    return out;
}

} // namespace stratus::client
