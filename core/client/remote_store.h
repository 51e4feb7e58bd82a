#pragma once

#include "client/file_index.h"
#include "client/local_account.h"
#include "client/network_context.h"
#include "client/placement.h"
#include "common/result.h"
#include "object/manifest.h"
#include "object/pipeline_params.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QThreadPool>

#include <functional>

namespace stratus::object {
class Ingestor;
class Restorer;
} // namespace stratus::object

namespace stratus::client {

class StagedShards;

struct PutResult {
    QString path;
    int version = 0;
    qint64 bytes = 0;
    int segments = 0;
    int shards = 0;
    QStringList notes; // nodes that failed and were replaced
};

struct GetResult {
    QString path;
    int version = 0;
    qint64 bytes = 0;
    QStringList skipped; // shards missing or corrupted, worked around
};

// A segment below the threshold that could not be brought back.
struct RepairFailure {
    QString path;   // the file it belongs to
    QString reason; // e.g. too few healthy shards, no node took a rebuilt shard
};

struct RepairReport {
    int segmentsChecked = 0;
    int segmentsRepaired = 0;
    int shardsRebuilt = 0;
    int contractsRenewed = 0;
    // Segments only another device of the account holds contracts for: their
    // holders' proofs cannot be checked here (that device repairs them).
    int segmentsSkipped = 0;
    QList<RepairFailure> failures;
    QStringList notes;   // what was found and done, for people
    QString resumeAfter; // the budget ran out after this file: RepairOptions::startAfter for the rest
};

struct RepairOptions {
    int threshold = -1;                                  // repair at this many healthy shards or fewer; -1: n - 1
    qint64 renewWithinMs = qint64(7) * 24 * 3600 * 1000; // renew contracts that end within this
    QString startAfter;  // only files whose path sorts after this one (the rest of a bounded pass)
    qint64 budgetMs = 0; // stop after the file at which this much time is spent; 0: no limit
    // Segments checked already (across the calls of one bounded pass): a
    // segment shared by packed files is checked once. Optional.
    QSet<QByteArray> *seenSegments = nullptr;
};

// What RemoteStore::compact does with the account's segments.
struct CompactOptions {
    // A segment of this device's whose live chunks (those a version still
    // refers to) fill less than this share of it is repacked.
    double repackBelow = 0.5;
    // A retired segment (nothing refers to it) is deleted from its nodes
    // once it has been retired this long: other devices of the account
    // learn of a move through the log first.
    qint64 graceMs = qint64(3600) * 1000;
    // False: retire and repack, but delete nothing yet (the moves of an
    // earlier pass are not published yet).
    bool mayDelete = true;
    // Sealed manifests of versions that just expired (FileIndex::
    // expireVersions): their segments may be dead now.
    QList<QByteArray> expiredManifests;
    // Live bytes moved in one call at most (the rest in the next).
    qint64 maxRepackBytes = qint64(128) << 20;
    // Whether the versions at a path may be moved (their owner can tell the
    // account's other devices); a segment used at a path that may not stays.
    // Unset: any path but the sync engine's own objects under /.stratus/.
    std::function<bool(const QString &path)> movable;
};

// A stored object whose chunks moved to other segments: every version that
// was `oldManifest` is now `newManifest`.
struct Relocation {
    QString path; // one version stored as it (for messages)
    QByteArray oldManifest;
    QByteArray newManifest;
    QList<std::pair<object::ShardId, crypto::NodeId>> placements; // every shard of the new one and its nodes
};

struct CompactReport {
    int segmentsRepacked = 0;
    int segmentsRetired = 0;
    int segmentsDeleted = 0;
    qint64 bytesMoved = 0; // live chunk bytes stored anew
    qint64 bytesFreed = 0; // shard bytes deleted from nodes
    QList<Relocation> relocations;
    // Segments no version here refers to any more (by any device): content
    // recorded as stored in them must not be referred to again.
    QList<object::SegmentInfo> forgotten;
    QStringList notes;
};

struct RemoteFile {
    QString path;
    int version = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    int segments = 0;
    int shardsPerSegment = 0; // n
    int healthyShards = -1;   // the weakest segment's reachable shards; -1: not checked
};

// The client's files on the network: put runs the pipeline and places each
// segment's n shards on n distinct nodes under signed contracts; get fetches
// the first k shards of each segment from the nodes that hold them. The
// methods block the calling thread (never the network thread).
class RemoteStore {
public:
    // How long a contract runs (renewed by repair before it ends).
    static constexpr qint64 kContractDays = 30;

    RemoteStore(const LocalAccount &account, FileIndex &index, NetworkContext &network, QString workDir);
    ~RemoteStore();

    FileIndex &index() { return m_index; }

    Result<PutResult> put(const QString &localFile, const QString &remotePath, const object::ProgressFn &progress = {});
    // Stores many files (local path, remote path) at once: small files are
    // packed together into shared segments. `progress` gets the bytes done
    // of all the files together (in the order given) and their total.
    Result<QList<PutResult>> putFiles(const QList<std::pair<QString, QString>> &files,
                                      const object::ProgressFn &progress = {});
    Result<GetResult> get(const QString &remotePath, const QString &outFile, bool overwrite,
                          const object::ProgressFn &progress = {});
    // One given version (of FileIndex::versions()), from the nodes the
    // index names for its shards.
    Result<GetResult> getVersion(const FileVersion &version, const QString &outFile, bool overwrite,
                                 const object::ProgressFn &progress = {});
    // Many versions at once, each to its file, without an fsync per file
    // (the caller flushes them together): a segment shared by several of
    // them is fetched and decoded once. Returns one status per job.
    struct FetchJob {
        QString name;                                              // for messages
        QByteArray sealedManifest;                                 // the object
        QList<std::pair<object::ShardId, crypto::NodeId>> holders; // besides those the index knows
        QString outFile;
    };
    QList<Status> getVersions(const QList<FetchJob> &jobs);
    Result<QList<RemoteFile>> list(bool checkHealth);
    // Sends signed deletions for every shard of every version of the file.
    Result<QStringList> remove(const QString &remotePath);

    // Checks every shard of every stored file with proofs of storage, and
    // rebuilds the shards of segments whose healthy shards have fallen to
    // `threshold` or below (-1: n - 1) from k survivors onto other nodes.
    // Contracts that end within `renewWithinMs` are renewed first (only
    // while the node still proves it holds the shard).
    Result<RepairReport> repair(int threshold = -1, qint64 renewWithinMs = qint64(7) * 24 * 3600 * 1000);
    // The same with a time budget: files in path order from
    // `options.startAfter`, stopping once `options.budgetMs` is spent (the
    // report's resumeAfter says where to go on).
    Result<RepairReport> repair(const RepairOptions &options);

    // Frees what expired versions left behind (remote_compact.cpp): this
    // device's segments that no version refers to are retired, and deleted
    // from their nodes a grace period later; those mostly dead have their
    // live chunks moved into new segments (the versions' manifests are
    // rewritten; the caller publishes the relocations) and are retired.
    Result<CompactReport> compact(const CompactOptions &options);

    // Asks every node of the network for its status (in parallel).
    QList<NodeCandidate> survey();

private:
    struct ShardHealth;
    QList<ShardHealth> checkSegment(const object::SegmentInfo &segment);
    Status repairSegment(const object::SegmentInfo &segment, const QList<ShardHealth> &health,
                         const QList<NodeCandidate> &ranked, RepairReport &report);
    // `progress`: one per file (or none).
    Result<QList<PutResult>> putBatch(const QList<std::pair<QString, QString>> &files,
                                      const QList<NodeCandidate> &ranked, const QList<object::ProgressFn> &progress);
    // Runs the pipeline on what `feed` adds to the ingestor and places each
    // segment's shards as soon as it is coded (`referToKnown`: chunks stored
    // already are referred to, not stored again). Nothing is recorded.
    struct StoredBatch {
        std::vector<object::FileManifest> manifests;
        QList<Placement> placements;
    };
    Result<StoredBatch> storeBatch(const QList<NodeCandidate> &ranked, bool referToKnown,
                                   const std::function<Status(object::Ingestor &)> &feed);
    // Signs a contract for a shard the node has (or is about to fetch from
    // this client's swarm) and returns the countersigned placement.
    // `leaves`: the shard's merkle leaves, offered to the node so it need not
    // hash the shard again after the transfer (none for a renewal).
    Result<Placement> proposeContract(const object::ShardId &id, const crypto::NodeId &node,
                                      const std::vector<object::Hash32> &leaves = {});
    // Sends signed deletions for the segment's shards to the nodes that hold
    // them under this device's contracts; returns what failed.
    QStringList deleteSegment(const object::SegmentInfo &segment);
    // Runs `run` with a restorer that fetches the shards of `manifest` from
    // the nodes the index names (paying each with a bandwidth order).
    Status restoreFromNodes(const object::FileManifest &manifest, const std::function<Status(object::Restorer &)> &run);
    // Fetches and opens the chunks of `manifest` into memory.
    Result<QByteArray> readObject(const object::FileManifest &manifest);
    // Moves the live chunks of `segments` into new segments (compact()).
    struct SegmentUse;
    Status repack(const QList<const SegmentUse *> &segments, const QList<NodeCandidate> &ranked,
                  QHash<QByteArray, std::pair<QString, object::FileManifest>> &users, CompactReport &report);
    // Cancels a contract that is not needed (a duplicate from a hedged upload).
    void releasePlacement(const Placement &p);
    // Serves a shard this client made (`bytes`, hashed into `leaves`) from
    // memory and has `node` store it.
    // (The shard: id.size bytes of `buffer` at `offset`.)
    Result<Placement> uploadShard(const object::ShardId &id, const QByteArray &buffer, qsizetype offset,
                                  const std::vector<object::Hash32> &leaves, const crypto::NodeId &node);
    // Places the shards of `segment`, staged in `staged`. Every upload it
    // starts holds `uploading` until it ends (a hedged loser may outlive
    // this call): whoever frees the staged shards waits for its last copy.
    Result<QList<Placement>> placeSegment(const object::SegmentInfo &segment, StagedShards &staged,
                                          const QList<NodeCandidate> &ranked, QStringList &notes,
                                          const std::shared_ptr<void> &uploading);

    const LocalAccount &m_account;
    FileIndex &m_index;
    NetworkContext &m_network;
    QString m_workDir;
    QThreadPool m_cpuPool;
    QThreadPool m_ioPool;      // shard transfers: tasks that wait on the network
    QThreadPool m_segmentPool; // per-segment placement, which waits on m_ioPool
};

} // namespace stratus::client
