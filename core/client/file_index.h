#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "db/database.h"
#include "object/ingest.h"
#include "object/manifest.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace stratus::client {

// One stored version of a file in the account's tree.
struct FileVersion {
    QString path; // "/dir/name": the account's tree, '/'-separated
    int version = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    qint64 createdMs = 0;
    QByteArray sealedManifest; // manifest envelope (object/manifest_envelope.h)
    bool deleted = false;
};

// How long the account's history keeps older versions (DESIGN.md "Sync
// engine"): a version goes once it is beyond the newest `keepVersions` of its
// path or was replaced more than `keepDays` ago; a deleted file's versions go
// `keepDays` after the deletion. The newest version of a file that exists is
// always kept. Zero disables a limit.
struct HistoryPolicy {
    int keepVersions = 10;
    int keepDays = 30;
};

// A segment no version refers to any more (its live chunks moved, or every
// version that used it expired), waiting to be deleted from its nodes.
struct RetiredSegment {
    object::SegmentInfo segment;
    qint64 retiredMs = 0;
};

// Which node holds a shard, under which signed contract.
struct Placement {
    object::ShardId shard;
    crypto::NodeId node;
    QByteArray contract; // the exact signed contract bytes, as the node countersigned them
    qint64 expiryMs = 0;
};

// The client's local, encrypted (SQLCipher) record of its files and of where
// their shards are. Paths are normalised: leading '/', no '.', '..' or empty
// parts.
class FileIndex {
public:
    static Result<std::unique_ptr<FileIndex>> open(const QString &path, const QByteArray &key32);

    static Result<QString> normalizePath(const QString &path);

    // Records a new version of `path` (1 for a new file) and returns it.
    Result<FileVersion> addVersion(const QString &path, qint64 size, qint64 mtimeMs, const QByteArray &sealedManifest);
    // The newest version of `path` that is not deleted.
    Result<FileVersion> latest(const QString &path);
    Result<QList<FileVersion>> versions(const QString &path);
    // The newest version with content of every file, by path; without
    // `withDeleted`, only of files whose newest version is not a deletion
    // (files in the trash are left out).
    Result<QList<FileVersion>> listLatest(bool withDeleted = false);
    // Records that `path` was deleted (a sync deletion): a newest version
    // marked deleted, without content; the earlier versions stay as they
    // are (restorable). Nothing happens for an unknown path or one whose
    // newest version is such a tombstone already.
    Status addTombstone(const QString &path);
    // Marks every version of `path` deleted (the shards go separately).
    Status markDeleted(const QString &path);

    Status addPlacement(const Placement &p);

    // Bytes this device signed bandwidth orders for (what downloads cost).
    Status addEgress(qint64 timeMs, qint64 bytes);
    Result<qint64> egressSince(qint64 timeMs);

    // The chunks of a stored version, so later versions refer to them
    // instead of storing them again (object/ingest.h KnownChunks). Chunks
    // known already keep their first place.
    Status addChunks(const object::FileManifest &manifest);
    std::optional<object::Ingestor::KnownChunk> knownChunk(const QByteArray &chunkId);
    // A segment whose shards are gone: its chunks are no longer known.
    Status forgetSegment(const object::SegmentInfo &segment);
    // Every version of every other path (deleted ones too: their history
    // can be restored).
    Result<QList<FileVersion>> versionsOfOthers(const QString &path);

    // History (file_index_history.cpp).
    // Removes the versions `policy` no longer keeps (the log batches under
    // /.stratus/ are not history) and returns their sealed manifests.
    Result<QList<QByteArray>> expireVersions(const HistoryPolicy &policy, qint64 nowMs);
    // Every version with content (not tombstones, not removed files).
    Result<QList<FileVersion>> contentVersions();
    // Every version stored as `oldSealed` is now `newSealed` (its chunks
    // moved to other segments); returns how many versions changed.
    Result<int> replaceManifest(const QByteArray &oldSealed, const QByteArray &newSealed);
    Status retireSegment(const object::SegmentInfo &segment, qint64 nowMs);
    Status unretireSegment(const object::SegmentInfo &segment);
    Result<QList<RetiredSegment>> retiredSegments();

    // Runs `work` in one transaction (many versions and placements with one
    // flush instead of one each); rolled back when it fails.
    Status inTransaction(const std::function<Status()> &work);
    Result<QList<Placement>> placementsOf(const object::ShardId &shard);
    // Every shard of the object with each node that holds it, in segment and
    // shard order (what an ObjectRef lists).
    Result<QList<std::pair<object::ShardId, crypto::NodeId>>> holdersOf(const object::FileManifest &manifest);
    Status removePlacement(const object::ShardId &shard, const crypto::NodeId &node);

private:
    explicit FileIndex(std::unique_ptr<db::Database> db);
    Result<QList<FileVersion>> selectVersions(const QString &where, const QString &arg);

    std::unique_ptr<db::Database> m_db;
};

} // namespace stratus::client
