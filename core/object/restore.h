#pragma once

#include "common/result.h"
#include "object/chunk_cipher.h"
#include "object/manifest.h"
#include "object/pipeline_params.h"
#include "object/segment_codec.h"
#include "object/shard_store.h"

#include <QIODevice>
#include <QStringList>

#include <list>
#include <optional>

class QThreadPool;

namespace stratus::object {

// Assembled segments kept across Restorer::restore() calls, so that many
// small files packed into one segment fetch and decode it once. At most
// `capacity` segments (each up to a segment's size) are kept, least
// recently used out first.
class SegmentCache {
public:
    explicit SegmentCache(int capacity = 3) : m_capacity(capacity) {}
    std::optional<SegmentData> find(const SegmentInfo &info);
    void insert(const SegmentInfo &info, const SegmentData &data);

private:
    static QByteArray keyOf(const SegmentInfo &info);
    int m_capacity;
    std::list<std::pair<QByteArray, SegmentData>> m_items; // most recent first
};

// The client's restore path: fetch shards (data shards first), verify each
// against its merkle root, erasure-decode when shards are missing or bad,
// open every chunk (authenticated against its id), and write the bytes in
// order. Segments are loaded ahead while chunks of the current one are
// opened in parallel.
class Restorer {
public:
    Restorer(const ChunkCipher &cipher, QThreadPool &pool, ShardSource &source);

    // Writes the file's bytes to `out`.
    Status restore(const FileManifest &manifest, QIODevice &out, const ProgressFn &progress = {});

    // Writes to `path` crash-safely: a temporary file beside it, fsync,
    // rename, and the manifest's modification time. An existing file at
    // `path` is only replaced once the new one is complete and verified.
    // `durable` = false leaves out the fsyncs, for a caller that flushes
    // many files together afterwards (the sync engine's apply batch).
    Status restoreFile(const FileManifest &manifest, const QString &path, const ProgressFn &progress = {},
                       bool durable = true);
    // Segments are looked up in and added to `cache` (not owned; may be null).
    void setSegmentCache(SegmentCache *cache) { m_cache = cache; }

    // How many shards beyond k to ask for at once (default 0: only on
    // failure). Over a network, asking a few more and taking the first k to
    // arrive cuts the tail latency.
    void setExtraFetches(int extra) { m_extraFetches = std::max(0, extra); }
    // How many segments ahead of the one being written are fetched (default
    // 2). Over a network, more in flight hides each transfer's start-up time;
    // memory grows by one segment per step.
    void setPrefetch(int segments) { m_prefetch = std::max(0, segments); }

    // Shards that were skipped (missing or corrupted) in the last restore.
    const QStringList &problems() const { return m_problems; }

private:
    const ChunkCipher &m_cipher;
    QThreadPool &m_pool;
    ShardSource &m_source;
    QStringList m_problems;
    int m_extraFetches = 0;
    int m_prefetch = 2;
    SegmentCache *m_cache = nullptr;
};

} // namespace stratus::object
