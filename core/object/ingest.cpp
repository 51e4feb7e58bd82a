#include "object/ingest.h"

#include "object/erasure.h"
#include "object/log.h"
#include "object/segment_codec.h"

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QHash>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <cstring>
#include <deque>

using namespace Qt::StringLiterals;

namespace stratus::object {

namespace {

struct SealedChunk {
    QByteArray id;
    QByteArray sealed;
};

// Reads the input in large blocks and hands out content-defined chunks.
class ChunkReader {
public:
    ChunkReader(QIODevice &in, const Chunker &chunker)
        : m_in(in), m_chunker(chunker), m_buf(static_cast<qsizetype>(chunker.params().maxSize * 4), Qt::Uninitialized)
    {
    }

    // Next chunk (with 16 spare bytes for the tag), an empty array at the end,
    // or an error.
    Result<QByteArray> next()
    {
        const std::size_t maxSize = m_chunker.params().maxSize;
        if (m_end - m_start < maxSize && !m_eof) {
            std::memmove(m_buf.data(), m_buf.constData() + m_start, m_end - m_start);
            m_end -= m_start;
            m_start = 0;
            while (m_end < static_cast<std::size_t>(m_buf.size()) && !m_eof) {
                const qint64 n = m_in.read(m_buf.data() + m_end, m_buf.size() - static_cast<qsizetype>(m_end));
                if (n < 0)
                    return makeError(u"read error: %1"_s.arg(m_in.errorString()));
                if (n == 0)
                    m_eof = true;
                m_end += static_cast<std::size_t>(n);
            }
        }
        if (m_start == m_end)
            return QByteArray();
        const auto *p = reinterpret_cast<const std::uint8_t *>(m_buf.constData()) + m_start;
        const std::size_t len = m_chunker.cut(p, m_end - m_start);
        QByteArray chunk(static_cast<qsizetype>(len + kChunkOverhead), Qt::Uninitialized);
        std::memcpy(chunk.data(), p, len);
        m_start += len;
        return chunk;
    }

private:
    QIODevice &m_in;
    const Chunker &m_chunker;
    QByteArray m_buf;
    std::size_t m_start = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
};

} // namespace

Ingestor::Ingestor(const ChunkCipher &cipher, const PipelineParams &params, QThreadPool &pool, ShardSink &sink)
    : m_cipher(cipher), m_params(params), m_pool(pool), m_sink(sink)
{
}

Result<FileManifest> Ingestor::ingestFile(const QString &path, const ProgressFn &progress)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    const QFileInfo info(path);
    if (info.isDir())
        return makeError(u"%1 is a directory, not a file"_s.arg(path));
    return ingest(f, info.fileName(), info.lastModified().toMSecsSinceEpoch(), info.size(), progress);
}

Result<FileManifest> Ingestor::ingest(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint,
                                      const ProgressFn &progress)
{
    if (!m_params.chunker.valid())
        return makeError(u"invalid chunker parameters"_s);
    auto coder = ErasureCoder::create(m_params.k, m_params.m);
    if (!coder)
        return coder.error();
    if (m_params.maxSegmentSize < m_params.chunker.maxSize + kChunkOverhead)
        return makeError(u"segments must hold at least one chunk of the largest size"_s);

    const Chunker chunker(m_params.chunker);
    ChunkReader reader(input, chunker);
    const int threads = std::max(1, m_pool.maxThreadCount());
    const std::size_t maxChunksInFlight = static_cast<std::size_t>(threads) * 4;
    const std::size_t maxSegmentsInFlight = 2;
    // (at most two segments of up to 1.5 x maxSegmentSize each are held)

    FileManifest manifest;
    manifest.name = name;
    manifest.mtimeMs = mtimeMs;
    std::deque<QFuture<SealedChunk>> chunkJobs;
    // A segment being stored: its coded bytes and one job per shard.
    struct PendingSegment {
        std::size_t index = 0;
        CodedSegment coded;
        std::vector<QFuture<Result<ShardId>>> shards;
    };
    std::deque<PendingSegment> segmentJobs;
    std::vector<QByteArray> freeBuffers; // segment buffers to reuse
    const qsizetype bufferCapacity = static_cast<qsizetype>(
        shardSizeFor(m_params.maxSegmentSize, m_params.k) * static_cast<quint64>(m_params.k + m_params.m) + 64);
    QHash<QByteArray, ChunkRef> seen; // dedup inside this file
    QByteArray segment;
    std::optional<Error> failure;
    qint64 done = 0;

    auto finishSegmentJob = [&]() {
        PendingSegment job = std::move(segmentJobs.front());
        segmentJobs.pop_front();
        SegmentInfo &info = manifest.segments[job.index];
        info.k = job.coded.k;
        info.m = job.coded.m;
        info.size = job.coded.size;
        info.shardSize = job.coded.shardSize;
        for (auto &f : job.shards) {
            Result<ShardId> id = f.result();
            if (!id) {
                if (!failure)
                    failure = id.error();
                continue;
            }
            info.shards.push_back(std::move(id.value()));
        }
        job.shards.clear();
        freeBuffers.push_back(std::move(job.coded.bytes));
    };
    auto flushSegment = [&]() {
        if (segment.isEmpty())
            return;
        while (segmentJobs.size() >= maxSegmentsInFlight)
            finishSegmentJob();
        PendingSegment job;
        job.index = manifest.segments.size();
        manifest.segments.emplace_back();
        job.coded = codeSegment(std::move(segment), coder.value());
        for (int i = 0; i < job.coded.k + job.coded.m; ++i)
            job.shards.push_back(
                QtConcurrent::run(&m_pool, [this, coded = job.coded, i]() { return storeShard(coded, i, m_sink); }));
        segmentJobs.push_back(std::move(job));
        segment = QByteArray();
    };
    auto placeChunk = [&](SealedChunk c) {
        ChunkRef ref;
        ref.id = c.id;
        ref.sealedSize = static_cast<quint32>(c.sealed.size());
        done += ref.plainSize();
        if (auto it = seen.constFind(c.id); it != seen.constEnd()) {
            manifest.chunks.push_back(*it);
            return;
        }
        if (static_cast<quint64>(segment.size()) + static_cast<quint64>(c.sealed.size()) > m_params.maxSegmentSize)
            flushSegment();
        if (segment.isEmpty() && segment.capacity() == 0) {
            if (!freeBuffers.empty()) {
                segment = std::move(freeBuffers.back());
                freeBuffers.pop_back();
                segment.resize(0);
            } else {
                // Small inputs get a buffer their size; large ones the full one.
                const qsizetype want = sizeHint < 0 ? qsizetype(4) << 20 : sizeHint * 2 + 4096;
                segment.reserve(std::min(want, bufferCapacity));
            }
        }
        ref.segment = static_cast<quint32>(manifest.segments.size());
        ref.offset = static_cast<quint64>(segment.size());
        segment.append(c.sealed);
        seen.insert(c.id, ref);
        manifest.chunks.push_back(ref);
    };

    for (;;) {
        Result<QByteArray> next = reader.next();
        if (!next) {
            failure = next.error();
            break;
        }
        if (next->isEmpty())
            break;
        manifest.size += static_cast<quint64>(next->size()) - kChunkOverhead;
        chunkJobs.push_back(QtConcurrent::run(&m_pool, [this, plain = std::move(next.value())]() mutable {
            SealedChunk c;
            c.id.resize(kChunkIdSize);
            auto *p = reinterpret_cast<std::uint8_t *>(plain.data());
            m_cipher.seal(p, static_cast<std::size_t>(plain.size()) - kChunkOverhead,
                          reinterpret_cast<std::uint8_t *>(c.id.data()), p);
            c.sealed = std::move(plain);
            return c;
        }));
        while (chunkJobs.size() >= maxChunksInFlight) {
            placeChunk(chunkJobs.front().result());
            chunkJobs.pop_front();
            if (progress)
                progress(done, sizeHint);
        }
        if (failure)
            break;
    }
    while (!chunkJobs.empty()) {
        if (!failure)
            placeChunk(chunkJobs.front().result());
        else
            chunkJobs.front().waitForFinished();
        chunkJobs.pop_front();
    }
    if (!failure)
        flushSegment();
    while (!segmentJobs.empty())
        finishSegmentJob();
    if (failure)
        return *failure;
    if (Status st = m_sink.flush(); !st)
        return st.error();
    if (progress)
        progress(done, done);
    manifest.contentHash = contentHashOf(manifest.chunks);
    qCDebug(lcObject) << "ingested" << name << manifest.size << "bytes," << manifest.chunks.size() << "chunks,"
                      << manifest.segments.size() << "segments";
    return manifest;
}

} // namespace stratus::object
