#pragma once

#include "common/result.h"
#include "object/chunk_cipher.h"
#include "object/manifest.h"
#include "object/pipeline_params.h"
#include "object/shard_store.h"

#include <QIODevice>
#include <QList>

#include <functional>
#include <optional>

class QThreadPool;

namespace stratus::object {

// The client's ingest path: chunk → name and seal (parallel) → pack into
// segments → erasure-code and name shards (parallel) → sink. Reads the input
// as a stream with a bounded number of chunks and segments in flight, so
// memory stays flat whatever the file's size.
//
// Many small files are packed together: add() each of them, then finish()
// returns their manifests, which share segments — ten thousand small files
// become a few segments, not ten thousand network objects. Chunks repeated
// anywhere in a batch are stored once.
class Ingestor {
public:
    Ingestor(const ChunkCipher &cipher, const PipelineParams &params, QThreadPool &pool, ShardSink &sink);
    ~Ingestor();

    // One file in segments of its own (add() + finish()).
    Result<FileManifest> ingest(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint = -1,
                                const ProgressFn &progress = {});
    Result<FileManifest> ingestFile(const QString &path, const ProgressFn &progress = {});

    // Adds a file to the current batch (its chunks may share segments with
    // the other files of the batch).
    Status add(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint = -1,
               const ProgressFn &progress = {});
    Status addFile(const QString &path, const ProgressFn &progress = {});
    // Adds a file made of these chunks, cut as given rather than by the
    // chunker (repacking moves chunks as they were first cut, so their ids
    // stay the same). Each must be 1..chunker.maxSize bytes.
    Status addChunks(const QList<QByteArray> &plaintexts, const QString &name, qint64 mtimeMs);
    // Stores the last segment and returns the batch's manifests, in the
    // order the files were added. The next add() starts a new batch.
    Result<std::vector<FileManifest>> finish();

    // Called on the ingesting thread as soon as each segment's shards are all
    // in the sink (before finish()), so that uploads can overlap ingest.
    void setSegmentStored(std::function<void(const SegmentInfo &)> callback) { m_segmentStored = std::move(callback); }

    // A chunk already stored in an earlier segment (of an earlier version):
    // a chunk the lookup knows is referred to there instead of being stored
    // again, so an edit uploads only the chunks that changed.
    struct KnownChunk {
        SegmentInfo segment;
        quint64 offset = 0;
        quint32 sealedSize = 0;
    };
    using KnownChunks = std::function<std::optional<KnownChunk>(const QByteArray &chunkId)>;
    void setKnownChunks(KnownChunks lookup) { m_known = std::move(lookup); }

private:
    class Batch;
    Status ensureBatch();
    const ChunkCipher &m_cipher;
    PipelineParams m_params;
    QThreadPool &m_pool;
    ShardSink &m_sink;
    std::unique_ptr<Batch> m_batch;
    std::function<void(const SegmentInfo &)> m_segmentStored;
    KnownChunks m_known;
};

} // namespace stratus::object
