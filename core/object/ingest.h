#pragma once

#include "common/result.h"
#include "object/chunk_cipher.h"
#include "object/manifest.h"
#include "object/pipeline_params.h"
#include "object/shard_store.h"

#include <QIODevice>

class QThreadPool;

namespace stratus::object {

// The client's ingest path: chunk → name and seal (parallel) → pack into
// segments → erasure-code and name shards (parallel) → sink. Reads the input
// as a stream with a bounded number of chunks and segments in flight, so
// memory stays flat whatever the file's size.
class Ingestor {
public:
    Ingestor(const ChunkCipher &cipher, const PipelineParams &params, QThreadPool &pool, ShardSink &sink);

    Result<FileManifest> ingest(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint = -1,
                                const ProgressFn &progress = {});
    Result<FileManifest> ingestFile(const QString &path, const ProgressFn &progress = {});

private:
    const ChunkCipher &m_cipher;
    PipelineParams m_params;
    QThreadPool &m_pool;
    ShardSink &m_sink;
};

} // namespace stratus::object
