#include "client/remote_store.h"

#include "client/log.h"
#include "client/remote_store_private.h"
#include "client/staged_shards.h"
#include "client/validator_views.h"
#include "common/files.h"
#include "crypto/random.h"
#include "ledger/economics.h"
#include "node/contract.h"
#include "node/limits.h"
#include "node/orders.h"
#include "nodeservice/wire.h"
#include "object/chunk_cipher.h"
#include "object/ingest.h"
#include "object/manifest_envelope.h"
#include "object/restore.h"
#include "object/shard_directory.h"
#include "object/split_writer.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <numeric>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr int kStoreTimeoutMs = 120000;
constexpr int kMaxPlacementRounds = 3;
// Shards of segments being placed held in memory before ingesting waits
// (two 4+2 segments of 64 MiB; the pipeline codes up to two more meanwhile).
constexpr qint64 kStagingBudget = qint64(192) << 20;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

QString freshDir(const QString &base, const QString &prefix)
{
    const QString dir =
        u"%1/%2-%3"_s.arg(base, prefix).arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    QDir().mkpath(dir);
    return dir;
}

RemoteStore::RemoteStore(const LocalAccount &account, FileIndex &index, NetworkContext &network, QString workDir)
    : m_account(account), m_index(index), m_network(network), m_workDir(std::move(workDir))
{
    // Threads here mostly wait for the network; many transfers in flight hide
    // each one's start-up time (libtorrent connects peers on its tick).
    m_ioPool.setMaxThreadCount(96);
    m_segmentPool.setMaxThreadCount(32);
}

RemoteStore::~RemoteStore()
{
    m_segmentPool.waitForDone();
    m_ioPool.waitForDone();
    m_cpuPool.waitForDone();
}

QList<NodeCandidate> RemoteStore::survey()
{
    struct Asked {
        crypto::NodeId id;
        QFuture<Result<QCborMap>> reply;
        QElapsedTimer timer;
    };
    std::vector<Asked> asked;
    for (const discovery::BootstrapNode &n : m_network.nodes()) {
        Asked a{n.id, m_network.request(n.id, u"status"_s, {}, 5000), {}};
        a.timer.start();
        asked.push_back(std::move(a));
    }
    const ValidatorScores scores = readValidatorScores(m_network);
    QList<NodeCandidate> out;
    for (Asked &a : asked) {
        const Result<QCborMap> r = a.reply.result();
        NodeCandidate c;
        c.id = a.id;
        c.reachable = r.ok();
        c.rttMs = static_cast<double>(a.timer.elapsed());
        if (r)
            c.freeBytes = static_cast<quint64>(std::max<qint64>(0, r->value(u"free"_s).toInteger()));
        if (scores.sheets > 0) {
            // Validators exist: a node they do not list (yet) is new and unproven.
            const auto it = scores.nodes.constFind(a.id);
            const bool listed = it != scores.nodes.cend();
            c.score = listed ? static_cast<double>(it->median.scorePpm) / 1e6 : 0.5;
            c.eligible = !listed || it->median.eligible || !it->median.online; // offline: the status request decides
            c.vetted = listed && it->median.vetted;
        }
        out.append(c);
    }
    return out;
}

Result<Placement> RemoteStore::uploadShard(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                                           const std::vector<object::Hash32> &leaves, const crypto::NodeId &node)
{
    if (buffer.isEmpty())
        return makeError(u"shard %1 is not staged here any more"_s.arg(id.toString().left(12)));
    if (Status st = m_network.seed(id, buffer, offset, leaves).result(); !st)
        return makeError(u"cannot serve the shard to the swarm: %1"_s.arg(st.message()));
    return proposeContract(id, node, leaves);
}

Result<Placement> RemoteStore::proposeContract(const object::ShardId &id, const crypto::NodeId &node,
                                               const std::vector<object::Hash32> &leaves)
{
    node::ContractTerms terms;
    terms.shard = id;
    terms.client = m_network.deviceId();
    terms.node = node;
    terms.startMs = nowMs();
    terms.expiryMs = terms.startMs + kContractDays * 24 * 3600 * 1000;
    // The network's storage price (its economics); a network file that
    // names none pays the defaults' price.
    auto economics = ledger::Economics::ofNetwork(m_network.network().economics);
    if (!economics)
        return economics.error();
    terms.price = economics->storagePrice;
    terms.nonce = crypto::randomBytes(node::kNonceSize);
    auto proposal = node::signContract(terms, *m_account.device);
    if (!proposal)
        return proposal.error();
    QCborMap body{
        {u"contract"_s, node::encodeSignedContract(proposal.value())},
        {u"source"_s, nodeservice::endpointToCbor(swarm::Endpoint{m_network.swarmAddress(), m_network.swarmPort()})}};
    if (!leaves.empty())
        body.insert(u"leaves"_s, nodeservice::leavesToBytes(leaves));
    Result<QCborMap> reply = m_network.request(node, u"store"_s, body, kStoreTimeoutMs).result();
    if (!reply)
        return reply.error();
    auto signedContract = node::decodeSignedContract(reply->value(u"contract"_s).toByteArray());
    if (!signedContract)
        return makeError(u"the node's contract is malformed: %1"_s.arg(signedContract.message()));
    auto accepted = node::verifyContract(signedContract.value());
    if (!accepted || !(accepted.value() == terms))
        return makeError(u"the node countersigned something else than what was asked"_s);
    return Placement{id, node, node::encodeSignedContract(signedContract.value()), terms.expiryMs};
}

Result<QList<Placement>> RemoteStore::placeSegment(const object::SegmentInfo &segment, StagedShards &staged,
                                                   const QList<NodeCandidate> &ranked, QStringList &notes,
                                                   const std::shared_ptr<void> &uploading)
{
    const int n = static_cast<int>(segment.shards.size());
    QSet<QByteArray> tried;
    std::vector<std::optional<Placement>> placed(static_cast<std::size_t>(n));
    std::vector<int> todo(static_cast<std::size_t>(n));
    std::iota(todo.begin(), todo.end(), 0);
    for (int round = 0; round < kMaxPlacementRounds && !todo.empty(); ++round) {
        QSet<QByteArray> exclude = tried;
        for (const auto &p : placed)
            if (p)
                exclude.insert(p->node.bytes());
        auto nodes = chooseNodes(ranked, static_cast<int>(todo.size()), exclude);
        if (!nodes)
            return makeError(u"cannot place %1 shards: %2"_s.arg(todo.size()).arg(nodes.message()));
        struct Job {
            int shard;
            crypto::NodeId node;
            QFuture<Result<Placement>> future;
        };
        std::vector<Job> jobs;
        for (std::size_t j = 0; j < todo.size(); ++j) {
            const int i = todo[j];
            const object::ShardId id = segment.shards[static_cast<std::size_t>(i)];
            const crypto::NodeId node = nodes->at(static_cast<qsizetype>(j)).id;
            tried.insert(node.bytes());
            // By value: a hedged loser may still run after this returns.
            jobs.push_back(
                Job{i, node, QtConcurrent::run(&m_ioPool, [this, id, node, shard = staged.get(id), uploading]() {
                        return uploadShard(id, shard.buffer, shard.offset, shard.leaves, node);
                    })});
        }
        // Wait for the uploads; when most have finished and some lag far
        // behind (a slow node), ask a spare node for the same shard too and
        // keep whichever stores first (long-tail cancellation). A loser that
        // still succeeds later gets its contract cancelled.
        const std::vector<int> round_ = todo;
        todo.clear();
        std::vector<bool> handled(jobs.size(), false);
        QSet<int> failed, hedgedShards;
        std::vector<qint64> doneMs;
        QElapsedTimer timer;
        timer.start();
        const int maxHedges = std::max(1, segment.m);
        auto runningFor = [&](int shard) {
            for (std::size_t k = 0; k < jobs.size(); ++k)
                if (!handled[k] && jobs[k].shard == shard)
                    return true;
            return false;
        };
        for (;;) {
            for (std::size_t k = 0; k < jobs.size(); ++k) {
                if (handled[k] || !jobs[k].future.isFinished())
                    continue;
                handled[k] = true;
                Result<Placement> r = jobs[k].future.result();
                auto &slot = placed[static_cast<std::size_t>(jobs[k].shard)];
                if (r && !slot) {
                    slot = r.value();
                    doneMs.push_back(timer.elapsed());
                    // Stored: its memory can take the next segment's shards
                    // (unless a hedged twin still sends it: that one lets go
                    // when the segment's last upload ends).
                    if (!runningFor(jobs[k].shard)) {
                        m_network.unload(r->shard);
                        staged.release(r->shard);
                    }
                } else if (r) {
                    releasePlacement(r.value()); // the twin won
                } else {
                    notes << u"node %1 did not take shard %2: %3"_s.arg(jobs[k].node.shortString())
                                 .arg(jobs[k].shard)
                                 .arg(r.message());
                    if (!runningFor(jobs[k].shard) && !slot)
                        failed.insert(jobs[k].shard);
                }
            }
            std::vector<int> pending;
            for (int shard : round_)
                if (!placed[static_cast<std::size_t>(shard)] && !failed.contains(shard))
                    pending.push_back(shard);
            if (pending.empty())
                break;
            if (hedgedShards.size() < maxHedges && doneMs.size() * 2 >= round_.size()) {
                std::vector<qint64> sorted = doneMs;
                std::sort(sorted.begin(), sorted.end());
                const qint64 threshold = std::max<qint64>(1500, 3 * sorted[sorted.size() / 2]);
                for (int shard : pending) {
                    if (timer.elapsed() < threshold || hedgedShards.contains(shard) || hedgedShards.size() >= maxHedges)
                        continue;
                    QSet<QByteArray> busy = tried;
                    for (const auto &p : placed)
                        if (p)
                            busy.insert(p->node.bytes());
                    auto spare = chooseNodes(ranked, 1, busy);
                    if (!spare)
                        break;
                    hedgedShards.insert(shard);
                    const object::ShardId id = segment.shards[static_cast<std::size_t>(shard)];
                    const crypto::NodeId node = spare->first().id;
                    tried.insert(node.bytes());
                    notes << u"shard %1 is slow to store: also asking node %2"_s.arg(shard).arg(node.shortString());
                    jobs.push_back(Job{
                        shard, node, QtConcurrent::run(&m_ioPool, [this, id, node, copy = staged.get(id), uploading]() {
                            return uploadShard(id, copy.buffer, copy.offset, copy.leaves, node);
                        })});
                    handled.push_back(false);
                }
            }
            QThread::msleep(20);
        }
        // Losers still running: cancel their contract if they store after all.
        for (std::size_t k = 0; k < jobs.size(); ++k)
            if (!handled[k])
                jobs[k].future.then([this](Result<Placement> r) {
                    if (r)
                        releasePlacement(r.value());
                });
        for (int shard : failed)
            todo.push_back(shard);
    }
    if (!todo.empty())
        return makeError(
            u"%1 shards could not be placed on any node:\n  %2"_s.arg(todo.size()).arg(notes.join(u"\n  "_s)));
    QList<Placement> out;
    for (const auto &p : placed)
        out.append(*p);
    return out;
}

void RemoteStore::releasePlacement(const Placement &p)
{
    node::DeletionOrder order{m_network.deviceId(), p.node, p.shard, nowMs(), crypto::randomBytes(node::kNonceSize)};
    auto signedOrder = node::signDeletionOrder(order, *m_account.device);
    if (!signedOrder)
        return;
    auto r =
        m_network.request(p.node, u"delete"_s, QCborMap{{u"order"_s, node::encodeSignedOrder(signedOrder.value())}})
            .result();
    if (!r)
        qCInfo(lcClient).noquote() << "could not cancel a duplicate contract on" << p.node.shortString() << ":"
                                   << r.message();
}

Result<PutResult> RemoteStore::put(const QString &localFile, const QString &remotePath,
                                   const object::ProgressFn &progress)
{
    auto r = putFiles({{localFile, remotePath}}, progress);
    if (!r)
        return r.error();
    return r->first();
}

Result<QList<PutResult>> RemoteStore::putFiles(const QList<std::pair<QString, QString>> &files,
                                               const object::ProgressFn &progress)
{
    QList<std::pair<QString, QString>> checked;
    for (const auto &[local, remote] : files) {
        auto path = FileIndex::normalizePath(remote);
        if (!path)
            return path.error();
        const QFileInfo info(local);
        if (!info.isFile())
            return makeError(u"%1 is not a regular file"_s.arg(local));
        checked.append({info.absoluteFilePath(), path.value()});
    }
    const QList<NodeCandidate> ranked = rankForPlacement(survey(), 0);
    const int n = m_network.network().k + m_network.network().m;
    if (ranked.size() < n)
        return makeError(u"only %1 of the network's nodes answer, but %2 are needed for each segment's shards; "
                         u"check that the network is up (`stratus devnet status`)"_s.arg(ranked.size())
                             .arg(n));
    // Progress is of all the files together: bytes done of their total.
    QList<qint64> sizes;
    qint64 total = 0;
    for (const auto &[local, remote] : checked) {
        sizes.append(QFileInfo(local).size());
        total += sizes.last();
    }
    // Batches of about 1 GiB of input: staged shards take 1.5 times that.
    constexpr qint64 kBatchBytes = qint64(1) << 30;
    QList<PutResult> out;
    QList<std::pair<QString, QString>> batch;
    QList<object::ProgressFn> batchProgress;
    qint64 batchBytes = 0, before = 0;
    for (qsizetype i = 0; i < checked.size(); ++i) {
        batch.append(checked[i]);
        batchProgress.append(progress ? object::ProgressFn([progress, before, total](qint64 done, qint64) {
            progress(before + done, total);
        })
                                      : object::ProgressFn());
        before += sizes[i];
        batchBytes += sizes[i];
        if (batchBytes >= kBatchBytes || i + 1 == checked.size()) {
            auto r = putBatch(batch, ranked, batchProgress);
            if (!r)
                return r.error();
            out += r.value();
            batch.clear();
            batchProgress.clear();
            batchBytes = 0;
        }
    }
    return out;
}

Result<RemoteStore::StoredBatch> RemoteStore::storeBatch(const QList<NodeCandidate> &ranked, bool referToKnown,
                                                         const std::function<Status(object::Ingestor &)> &feed)
{
    object::PipelineParams params;
    params.k = m_network.network().k;
    params.m = m_network.network().m;
    const object::ChunkCipher cipher(m_account.keys.dedup, m_account.keys.dataMaster);
    // Shards wait in memory for their nodes (served from there, never
    // written to disk here); a crash costs a retry, not data.
    // (Shared: a hedged upload that lost may outlive this batch.)
    const auto staged = std::make_shared<StagedShards>(kStagingBudget);
    object::Ingestor ingestor(cipher, params, m_cpuPool, *staged);
    // Chunks stored by earlier versions are referred to, not stored again.
    // (The lookup runs on the ingesting thread, which owns the index.)
    if (referToKnown)
        ingestor.setKnownChunks([this](const QByteArray &id) { return m_index.knownChunk(id); });
    // Each segment is placed as soon as its shards are staged, while the
    // rest of the batch is still being ingested; ingesting waits while the
    // segments being placed hold more than the staging budget.
    std::vector<QFuture<Result<QList<Placement>>>> jobs;
    ingestor.setSegmentStored([&](const object::SegmentInfo &s) {
        const QList<NodeCandidate> candidates = rankForPlacement(ranked, s.shardSize);
        staged->placing(s);
        jobs.push_back(QtConcurrent::run(&m_segmentPool, [this, s, staged, candidates]() {
            // Once no upload of the segment runs any more (hedged losers
            // included), its shards leave the swarm session and memory.
            const std::shared_ptr<void> uploading(nullptr, [this, s, staged](void *) {
                for (const object::ShardId &id : s.shards)
                    m_network.unload(id);
                staged->release(s);
            });
            QStringList notes;
            auto r = placeSegment(s, *staged, candidates, notes, uploading);
            for (const QString &note : notes)
                qCInfo(lcClient).noquote() << note;
            return r;
        }));
        staged->waitForRoom();
    });
    auto waitJobs = qScopeGuard([&]() {
        for (auto &f : jobs)
            f.waitForFinished();
    });
    if (Status st = feed(ingestor); !st)
        return st.error();
    auto manifests = ingestor.finish();
    if (!manifests)
        return manifests.error();

    StoredBatch out;
    out.manifests = std::move(manifests.value());
    std::optional<Error> failure;
    for (auto &f : jobs) {
        auto r = f.result();
        if (!r && !failure)
            failure = r.error();
        else if (r)
            out.placements += r.value();
    }
    if (failure)
        return makeError(u"cannot store: %1"_s.arg(failure->message));
    return out;
}

Result<QList<PutResult>> RemoteStore::putBatch(const QList<std::pair<QString, QString>> &files,
                                               const QList<NodeCandidate> &ranked,
                                               const QList<object::ProgressFn> &progress)
{
    auto stored = storeBatch(ranked, true, [&](object::Ingestor &ingestor) -> Status {
        for (qsizetype i = 0; i < files.size(); ++i)
            if (Status st = ingestor.addFile(files[i].first, progress.value(i)); !st)
                return makeError(u"cannot read %1: %2"_s.arg(files[i].first, st.message()));
        return {};
    });
    if (!stored)
        return stored.error();
    const QList<Placement> &all = stored->placements;
    std::vector<object::FileManifest> *manifests = &stored->manifests;
    // The batch's placements and versions in one transaction: one flush,
    // not one per file.
    QList<PutResult> out;
    const Status recorded = m_index.inTransaction([&]() -> Status {
        for (const Placement &p : all)
            if (Status st = m_index.addPlacement(p); !st)
                return st;
        for (std::size_t i = 0; i < manifests->size(); ++i) {
            object::FileManifest &m = manifests->at(i);
            const QString &remote = files[static_cast<qsizetype>(i)].second;
            m.name = remote.section(u'/', -1);
            auto version = m_index.addVersion(remote, static_cast<qint64>(m.size), m.mtimeMs,
                                              object::sealManifest(m, m_account.keys.dataMaster));
            if (!version)
                return version.error();
            if (Status st = m_index.addChunks(m); !st)
                return st;
            int shards = 0;
            for (const object::SegmentInfo &s : m.segments)
                shards += static_cast<int>(s.shards.size());
            out.append(PutResult{remote,
                                 version->version,
                                 static_cast<qint64>(m.size),
                                 static_cast<int>(m.segments.size()),
                                 shards,
                                 {}});
        }
        return {};
    });
    if (!recorded)
        return recorded.error();
    return out;
}

Result<QList<RemoteFile>> RemoteStore::list(bool checkHealth)
{
    auto files = m_index.listLatest();
    if (!files)
        return files.error();
    QSet<QByteArray> reachable;
    if (checkHealth)
        for (const NodeCandidate &c : survey())
            if (c.reachable)
                reachable.insert(c.id.bytes());
    QList<RemoteFile> out;
    for (const FileVersion &v : files.value()) {
        RemoteFile f{v.path, v.version, v.size, v.mtimeMs, 0, 0, -1};
        auto manifest = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (manifest) {
            f.segments = static_cast<int>(manifest->segments.size());
            for (const object::SegmentInfo &s : manifest->segments) {
                f.shardsPerSegment = static_cast<int>(s.shards.size());
                if (!checkHealth)
                    continue;
                int healthy = 0;
                for (const object::ShardId &id : s.shards) {
                    auto placements = m_index.placementsOf(id);
                    bool up = false;
                    for (const Placement &p : placements ? placements.value() : QList<Placement>{})
                        up = up || reachable.contains(p.node.bytes());
                    healthy += up ? 1 : 0;
                }
                f.healthyShards = f.healthyShards < 0 ? healthy : std::min(f.healthyShards, healthy);
            }
        }
        out.append(f);
    }
    return out;
}

QStringList RemoteStore::deleteSegment(const object::SegmentInfo &segment)
{
    QStringList warnings;
    for (const object::ShardId &id : segment.shards) {
        auto placements = m_index.placementsOf(id);
        for (const Placement &p : placements ? placements.value() : QList<Placement>{}) {
            if (p.contract.isEmpty()) {
                (void)m_index.removePlacement(id, p.node); // another device's: only known here
                continue;
            }
            node::DeletionOrder order{m_network.deviceId(), p.node, id, nowMs(), crypto::randomBytes(node::kNonceSize)};
            auto signedOrder = node::signDeletionOrder(order, *m_account.device);
            auto r = signedOrder ? m_network
                                       .request(p.node, u"delete"_s,
                                                QCborMap{{u"order"_s, node::encodeSignedOrder(signedOrder.value())}})
                                       .result()
                                 : Result<QCborMap>(signedOrder.error());
            if (r)
                (void)m_index.removePlacement(id, p.node);
            else
                warnings << u"node %1 did not confirm deleting shard %2 (%3); its contract ends on "
                            u"expiry"_s.arg(p.node.shortString(), id.toString().left(12), r.message());
        }
    }
    return warnings;
}

Result<QStringList> RemoteStore::remove(const QString &remotePath)
{
    auto versions = m_index.versions(remotePath);
    if (!versions)
        return versions.error();
    if (versions->isEmpty())
        return makeError(u"no file %1 in this account (see `stratus ls`)"_s.arg(remotePath));
    QStringList warnings;
    // Segments are shared: small files are packed together, and a version
    // refers to the unchanged chunks of earlier ones. Only segments no other
    // file's version (any version: history can be restored) refers to go.
    auto others = m_index.versionsOfOthers(remotePath);
    if (!others)
        return others.error();
    QSet<QString> shared;
    for (const FileVersion &v : others.value()) {
        auto manifest = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (manifest)
            for (const object::SegmentInfo &s : manifest->segments)
                shared.insert(s.shards.empty() ? QString() : s.shards.front().toString());
    }
    int kept = 0;
    for (const FileVersion &v : versions.value()) {
        auto manifest = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (!manifest)
            continue;
        for (const object::SegmentInfo &s : manifest->segments) {
            if (!s.shards.empty() && shared.contains(s.shards.front().toString())) {
                ++kept;
                continue;
            }
            (void)m_index.forgetSegment(s);
            warnings += deleteSegment(s);
        }
    }
    if (kept > 0)
        qCInfo(lcClient).noquote() << kept << "segments of" << remotePath << "are shared with other files: kept";
    if (Status st = m_index.markDeleted(remotePath); !st)
        return st.error();
    return warnings;
}

} // namespace stratus::client
