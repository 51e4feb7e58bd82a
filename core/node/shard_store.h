#pragma once

#include "common/result.h"
#include "node/proof.h"
#include "object/merkle.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QLockFile;

namespace stratus::crypto {
class SigningKey;
}

namespace stratus::node {

namespace files {
class TempFile;
}

struct ShardStoreOptions {
    // Bytes the operator allocated to the store: shards plus their leaves.
    qint64 capacity = 0;
    // Free space always left on the disk, whatever the allocation says: a
    // shard is refused when the disk would have less than this left.
    qint64 diskReserve = qint64(256) * 1024 * 1024;
};

// What scan() found and did.
struct ScanReport {
    qint64 shards = 0;
    qint64 usedBytes = 0;
    int tempFilesRemoved = 0;
    int leavesRebuilt = 0;
    int orphanLeavesRemoved = 0;
    QStringList quarantined; // "<path relative to the store>: <why>"
};

// The storage node's shards on disk, in a directory with an allocated
// capacity:
//
//   DIR/shards/ab/cd/<ShardId text>          the shard
//   DIR/shards/ab/cd/<ShardId text>.leaves   its merkle leaves (32 bytes per
//                                            16 KiB block), so a proof reads
//                                            one block, not the whole shard
//   DIR/quarantine/                          files scan() or a proof found
//                                            wrong, moved aside (not counted)
//   DIR/store.lock                           one process at a time
//
// (ab, cd: the first four hex digits of the merkle root.) A shard is accepted
// only after its size and merkle root were checked against its ShardId, only
// when it fits the allocation and the disk's free space, and is written
// crash-safely (temporary file, fsync, rename, fsync of the directory): a
// crash leaves the shard whole or absent, and scan() cleans leftovers.
//
// "Used" bytes count shards and their leaves. Thread-safe: shards can be put,
// read and proven from several threads at once.
class ShardStore {
public:
    // Opens (creating if needed) the store in `directory` and rebuilds the
    // accounting from disk with scan().
    static Result<std::unique_ptr<ShardStore>> open(const QString &directory, const ShardStoreOptions &options);
    ~ShardStore();
    ShardStore(const ShardStore &) = delete;
    ShardStore &operator=(const ShardStore &) = delete;

    // Bytes a shard of `size` bytes takes in the store (shard + leaves).
    static qint64 footprint(qint64 size);

    // Verifies and stores a shard. Refused, with nothing written, when the
    // bytes do not match the id (size or merkle root), when the store's
    // allocation or the disk would overflow, or when the same shard is being
    // stored right now. Storing a shard already present succeeds and changes
    // nothing.
    // Asks the system to read a stored shard into memory in the background
    // (it is about to be sent); nothing happens for a shard not here.
    void readAhead(const object::ShardId &id) const;

    // `verifiedLeaves`: the shard's merkle leaves, if known already (a
    // transfer checked every piece against the id's tree); used only when
    // they lead to the id's root, and then the bytes are not hashed again.
    Status put(const object::ShardId &id, const QByteArray &bytes,
               const std::vector<object::Hash32> &verifiedLeaves = {});
    // The same for a file (one a transfer just wrote): it is read once,
    // hashed and copied into the store; the source is left as it was.
    Status importFile(const object::ShardId &id, const QString &sourcePath);
    // Deletes a shard and its leaves and frees their space.
    Status remove(const object::ShardId &id);

    bool has(const object::ShardId &id) const;
    // Where the shard is (or would be) stored.
    QString pathOf(const object::ShardId &id) const;
    QString leavesPathOf(const object::ShardId &id) const;
    std::vector<object::ShardId> shards() const;

    qint64 capacity() const;
    // A new allocation; shards above it are kept, new ones refused.
    void setCapacity(qint64 capacity);
    qint64 usedBytes() const;
    // What is left of the allocation (never negative); the disk's own free
    // space is checked at each put.
    qint64 freeBytes() const;
    qint64 shardCount() const;

    // Block `index` (16 KiB, or shorter for the last one), read with one
    // positioned read.
    Result<QByteArray> readBlock(const object::ShardId &id, quint64 index) const;
    // The shard's merkle leaves from its leaves file.
    Result<std::vector<object::Hash32>> readLeaves(const object::ShardId &id) const;

    // Answers a proof-of-storage challenge: reads the leaves file and one
    // block. Leaves that do not match the id are rebuilt from the shard; a
    // block that does not match its leaf means the shard is damaged: it is
    // quarantined and the challenge fails.
    Result<ProofResponse> prove(const ProofChallenge &challenge, const crypto::SigningKey &nodeKey);

    // Rebuilds the accounting from disk: removes leftover temporary files and
    // leaves without a shard, recomputes missing or wrong-sized leaves, and
    // quarantines anything misnamed, misplaced, of the wrong size, or whose
    // rebuilt leaves do not match its root. Refused while shards are being
    // stored.
    Result<ScanReport> scan();

    const QString &directory() const { return m_dir; }
    QString quarantineDirectory() const;

private:
    ShardStore(QString directory, const ShardStoreOptions &options);

    class Reservation;
    friend class Reservation;
    Result<std::unique_ptr<Reservation>> reserve(const object::ShardId &id);
    Status prepareDirectory(const object::ShardId &id);
    Status commitFiles(const object::ShardId &id, files::TempFile &leaves, files::TempFile &shard);
    Status writeLeaves(const object::ShardId &id, const std::vector<object::Hash32> &leaves,
                       std::optional<files::TempFile> &out);
    Status rebuildLeavesLocked(const object::ShardId &id, std::vector<object::Hash32> &leaves);
    void quarantineLocked(const QString &path, const QString &why, ScanReport *report);
    void forgetLocked(const object::ShardId &id);
    QString shardsRoot() const;
    Status scanLocked(ScanReport &report);
    void scanLeafDirectory(const QString &dir, const QString &prefix, ScanReport &report);

    QString m_dir;
    qint64 m_diskReserve = 0;
    std::unique_ptr<QLockFile> m_lock;

    mutable QMutex m_mutex;
    qint64 m_capacity = 0;
    qint64 m_used = 0;
    qint64 m_reserved = 0;
    QHash<QString, qint64> m_shards; // ShardId text -> size
    QSet<QString> m_inFlight;        // ShardIds being stored
};

} // namespace stratus::node
