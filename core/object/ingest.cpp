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

#include <algorithm>
#include <atomic>
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

// The state of a batch: the open segment, the segments being stored, what
// was added so far. Chunk refs hold batch-wide segment numbers until finish()
// maps them to each file's own list.
class Ingestor::Batch {
public:
    Batch(const ChunkCipher &cipher, const PipelineParams &params, QThreadPool &pool, ShardSink &sink,
          ErasureCoder coder, std::function<void(const SegmentInfo &)> onStored, Ingestor::KnownChunks known)
        : m_cipher(cipher), m_params(params), m_pool(pool), m_sink(sink), m_coder(std::move(coder)),
          m_onStored(std::move(onStored)), m_known(std::move(known)), m_chunker(params.chunker),
          m_bufferCapacity(static_cast<qsizetype>(
              shardSizeFor(params.maxSegmentSize, params.k) * static_cast<quint64>(params.k + params.m) + 64))
    {
    }

    ~Batch()
    {
        drainChunkJobs();
        while (!m_segmentJobs.empty())
            finishSegmentJob();
    }

    Status add(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint, const ProgressFn &progress)
    {
        ChunkReader reader(input, m_chunker);
        return addFrom([&reader]() { return reader.next(); }, name, mtimeMs, sizeHint, progress);
    }

    Status addChunks(const QList<QByteArray> &plaintexts, const QString &name, qint64 mtimeMs)
    {
        qint64 total = 0;
        for (const QByteArray &p : plaintexts) {
            if (p.isEmpty() || static_cast<std::size_t>(p.size()) > m_chunker.params().maxSize)
                return makeError(u"a chunk of %1 bytes is outside the chunker's limits"_s.arg(p.size()));
            total += p.size();
        }
        qsizetype next = 0;
        return addFrom(
            [&]() -> Result<QByteArray> {
                if (next == plaintexts.size())
                    return QByteArray();
                const QByteArray &p = plaintexts[next++];
                QByteArray chunk(p.size() + static_cast<qsizetype>(kChunkOverhead), Qt::Uninitialized);
                std::memcpy(chunk.data(), p.constData(), static_cast<std::size_t>(p.size()));
                return chunk;
            },
            name, mtimeMs, total, {});
    }

    // Seals and places the chunks `next` hands out (each with 16 spare bytes
    // for the tag; an empty array at the end) as one file of the batch.
    // Chunks are sealed on the pool and placed in order; the jobs in flight
    // run on across files, so many small files keep every thread busy
    // instead of waiting for each file's last chunk.
    Status addFrom(const std::function<Result<QByteArray>()> &nextChunk, const QString &name, qint64 mtimeMs,
                   qint64 sizeHint, const ProgressFn &progress)
    {
        if (m_failure)
            return *m_failure;
        const std::size_t index = m_files.size();
        File &added = m_files.emplace_back();
        added.name = name;
        added.mtimeMs = mtimeMs;
        added.sizeHint = sizeHint;
        added.progress = progress;
        m_sizeHint = sizeHint;
        const int threads = std::max(1, m_pool.maxThreadCount());
        const std::size_t maxChunksInFlight = static_cast<std::size_t>(threads) * 4;
        bool any = false;
        for (;;) {
            Result<QByteArray> next = nextChunk();
            if (!next) {
                m_failure = next.error();
                break;
            }
            if (next->isEmpty())
                break;
            any = true;
            m_files[index].size += static_cast<quint64>(next->size()) - kChunkOverhead;
            m_chunkJobs.push_back({QtConcurrent::run(&m_pool,
                                                     [this, plain = std::move(next.value())]() mutable {
                                                         SealedChunk c;
                                                         c.id.resize(kChunkIdSize);
                                                         auto *p = reinterpret_cast<std::uint8_t *>(plain.data());
                                                         m_cipher.seal(
                                                             p, static_cast<std::size_t>(plain.size()) - kChunkOverhead,
                                                             reinterpret_cast<std::uint8_t *>(c.id.data()), p);
                                                         c.sealed = std::move(plain);
                                                         return c;
                                                     }),
                                   index, false, true});
            while (m_chunkJobs.size() >= maxChunksInFlight && !m_failure)
                placeNext();
            if (m_failure)
                break;
        }
        if (m_failure) {
            drainChunkJobs();
            return *m_failure;
        }
        if (any)
            m_chunkJobs.back().lastOfFile = true;
        else
            m_chunkJobs.push_back({QFuture<SealedChunk>(), index, true, false}); // an empty file: its progress in turn
        return {};
    }

    Result<std::vector<FileManifest>> finish()
    {
        while (!m_chunkJobs.empty() && !m_failure)
            placeNext();
        drainChunkJobs();
        if (!m_failure)
            flushSegment();
        while (!m_segmentJobs.empty())
            finishSegmentJob();
        if (m_failure)
            return *m_failure;
        if (Status st = m_sink.flush(); !st)
            return st.error();
        std::vector<FileManifest> out;
        for (File &f : m_files) {
            FileManifest m;
            m.name = f.name;
            m.mtimeMs = f.mtimeMs;
            m.size = f.size;
            QHash<quint32, quint32> local; // batch segment -> this manifest's index
            for (ChunkRef c : f.chunks) {
                auto it = local.constFind(c.segment);
                if (it == local.constEnd()) {
                    it = local.insert(c.segment, static_cast<quint32>(m.segments.size()));
                    m.segments.push_back(m_segments[c.segment]);
                }
                c.segment = it.value();
                m.chunks.push_back(std::move(c));
            }
            m.contentHash = contentHashOf(m.chunks);
            out.push_back(std::move(m));
        }
        qCDebug(lcObject) << "ingested" << out.size() << "files into" << m_segments.size() << "segments," << m_reused
                          << "chunks already stored";
        return out;
    }

private:
    struct File {
        QString name;
        qint64 mtimeMs = 0;
        quint64 size = 0;
        std::vector<ChunkRef> chunks; // segment = batch-wide number
        qint64 sizeHint = -1;
        qint64 done = 0; // plaintext bytes placed
        ProgressFn progress;
    };
    // A chunk being sealed, for the file at `file` of m_files.
    struct ChunkJob {
        QFuture<SealedChunk> sealed;
        std::size_t file = 0;
        bool lastOfFile = false;
        bool hasChunk = true; // false: an empty file's place in the order
    };

    // Places the oldest chunk in flight (in order) and reports its file's
    // progress.
    void placeNext()
    {
        ChunkJob job = std::move(m_chunkJobs.front());
        m_chunkJobs.pop_front();
        File &file = m_files[job.file];
        if (job.hasChunk)
            file.done += place(file, job.sealed.result());
        if (file.progress)
            file.progress(file.done, job.lastOfFile ? file.done : file.sizeHint);
    }

    void drainChunkJobs()
    {
        for (ChunkJob &job : m_chunkJobs)
            if (job.hasChunk)
                job.sealed.waitForFinished();
        m_chunkJobs.clear();
    }
    // A segment being stored: its coded bytes and one job per shard.
    struct PendingSegment {
        std::size_t index = 0;
        CodedSegment coded;
        std::vector<QFuture<Result<ShardId>>> shards;
    };

    // Puts a sealed chunk into the open segment (or refers to an earlier
    // copy); returns its plaintext size.
    qint64 place(File &file, SealedChunk c)
    {
        ChunkRef ref;
        ref.id = c.id;
        ref.sealedSize = static_cast<quint32>(c.sealed.size());
        if (auto it = m_seen.constFind(c.id); it != m_seen.constEnd()) {
            file.chunks.push_back(*it);
            return ref.plainSize();
        }
        if (m_known) {
            if (std::optional<Ingestor::KnownChunk> k = m_known(c.id); k && k->sealedSize == ref.sealedSize) {
                // Stored already: refer to its segment (listed once per batch).
                QByteArray key;
                for (const ShardId &id : k->segment.shards)
                    key += id.toString().toLatin1() + ',';
                auto seg = m_external.constFind(key);
                if (seg == m_external.constEnd()) {
                    seg = m_external.insert(key, static_cast<quint32>(m_segments.size()));
                    m_segments.push_back(k->segment);
                }
                ref.segment = seg.value();
                ref.offset = k->offset;
                m_seen.insert(c.id, ref);
                file.chunks.push_back(ref);
                ++m_reused;
                return ref.plainSize();
            }
        }
        if (static_cast<quint64>(m_segment.size()) + static_cast<quint64>(c.sealed.size()) > m_params.maxSegmentSize)
            flushSegment();
        if (m_segment.isEmpty() && m_segment.capacity() == 0) {
            // An earlier segment's buffer once nothing else holds it (its
            // shards were stored and left the swarm): its pages are mapped
            // already. A buffer this size is not kept by malloc (glibc maps
            // blocks over 32 MiB afresh each time and unmaps them when
            // freed), so a new one costs a page fault per 4 KiB written.
            const auto unshared = std::find_if(m_freeBuffers.begin(), m_freeBuffers.end(),
                                               [](const QByteArray &b) { return b.isDetached(); });
            if (unshared != m_freeBuffers.end()) {
                // Pairs with the release of the last other holder's deref.
                std::atomic_thread_fence(std::memory_order_acquire);
                m_segment = std::move(*unshared);
                m_freeBuffers.erase(unshared);
                m_segment.resize(0);
            } else {
                // Small inputs get a buffer their size; large ones the full one.
                const qsizetype want = m_sizeHint < 0 ? qsizetype(4) << 20 : m_sizeHint * 2 + 4096;
                m_segment.reserve(std::min(want, m_bufferCapacity));
            }
        }
        if (m_segment.isEmpty()) {
            // The open segment's number is taken now: segments of earlier
            // versions may be listed while it fills.
            m_openIndex = m_segments.size();
            m_segments.emplace_back();
        }
        ref.segment = static_cast<quint32>(m_openIndex);
        ref.offset = static_cast<quint64>(m_segment.size());
        m_segment.append(c.sealed);
        m_seen.insert(c.id, ref);
        file.chunks.push_back(ref);
        return ref.plainSize();
    }

    void flushSegment()
    {
        if (m_segment.isEmpty())
            return;
        while (m_segmentJobs.size() >= kMaxSegmentsInFlight)
            finishSegmentJob();
        PendingSegment job;
        job.index = m_openIndex;
        job.coded = codeSegment(std::move(m_segment), m_coder);
        for (int i = 0; i < job.coded.k + job.coded.m; ++i)
            job.shards.push_back(
                QtConcurrent::run(&m_pool, [this, coded = job.coded, i]() { return storeShard(coded, i, m_sink); }));
        m_segmentJobs.push_back(std::move(job));
        m_segment = QByteArray();
    }

    void finishSegmentJob()
    {
        PendingSegment job = std::move(m_segmentJobs.front());
        m_segmentJobs.pop_front();
        SegmentInfo &info = m_segments[job.index];
        info.k = job.coded.k;
        info.m = job.coded.m;
        info.size = job.coded.size;
        info.shardSize = job.coded.shardSize;
        for (auto &f : job.shards) {
            Result<ShardId> id = f.result();
            if (!id) {
                if (!m_failure)
                    m_failure = id.error();
                continue;
            }
            info.shards.push_back(std::move(id.value()));
        }
        job.shards.clear();
        m_freeBuffers.push_back(std::move(job.coded.bytes));
        if (m_freeBuffers.size() > kMaxFreeBuffers)
            m_freeBuffers.erase(m_freeBuffers.begin()); // the oldest: most likely still held by an upload
        if (m_onStored && !m_failure)
            m_onStored(info);
    }

    // At most two segments of up to 1.5 x maxSegmentSize are being stored.
    static constexpr std::size_t kMaxSegmentsInFlight = 2;
    // Buffers of stored segments kept for reuse: enough that one is free
    // again by the time the next segment starts (uploads hold theirs until
    // every shard is stored), few enough to bound the memory kept.
    static constexpr std::size_t kMaxFreeBuffers = 4;

    const ChunkCipher &m_cipher;
    const PipelineParams &m_params;
    QThreadPool &m_pool;
    ShardSink &m_sink;
    ErasureCoder m_coder;
    std::function<void(const SegmentInfo &)> m_onStored;
    Ingestor::KnownChunks m_known;
    QHash<QByteArray, quint32> m_external; // segments of earlier versions, by shard list
    std::size_t m_openIndex = 0;
    qint64 m_reused = 0;
    Chunker m_chunker;
    qsizetype m_bufferCapacity = 0;
    qint64 m_sizeHint = -1;
    std::vector<SegmentInfo> m_segments;
    std::deque<PendingSegment> m_segmentJobs;
    std::vector<QByteArray> m_freeBuffers;
    QHash<QByteArray, ChunkRef> m_seen;
    QByteArray m_segment;
    std::vector<File> m_files;
    std::deque<ChunkJob> m_chunkJobs;
    std::optional<Error> m_failure;
};

Ingestor::Ingestor(const ChunkCipher &cipher, const PipelineParams &params, QThreadPool &pool, ShardSink &sink)
    : m_cipher(cipher), m_params(params), m_pool(pool), m_sink(sink)
{
}

Ingestor::~Ingestor() = default;

Status Ingestor::add(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint, const ProgressFn &progress)
{
    if (Status st = ensureBatch(); !st)
        return st;
    return m_batch->add(input, name, mtimeMs, sizeHint, progress);
}

Status Ingestor::addChunks(const QList<QByteArray> &plaintexts, const QString &name, qint64 mtimeMs)
{
    if (Status st = ensureBatch(); !st)
        return st;
    return m_batch->addChunks(plaintexts, name, mtimeMs);
}

Status Ingestor::ensureBatch()
{
    if (!m_batch) {
        if (!m_params.chunker.valid())
            return makeError(u"invalid chunker parameters"_s);
        if (m_params.maxSegmentSize < m_params.chunker.maxSize + kChunkOverhead)
            return makeError(u"segments must hold at least one chunk of the largest size"_s);
        auto coder = ErasureCoder::create(m_params.k, m_params.m);
        if (!coder)
            return coder.error();
        m_batch = std::make_unique<Batch>(m_cipher, m_params, m_pool, m_sink, std::move(coder.value()), m_segmentStored,
                                          m_known);
    }
    return {};
}

Status Ingestor::addFile(const QString &path, const ProgressFn &progress)
{
    const QFileInfo info(path);
    if (info.isDir())
        return makeError(u"%1 is a directory, not a file"_s.arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(u"cannot read %1: %2"_s.arg(path, f.errorString()));
    return add(f, info.fileName(), info.lastModified().toMSecsSinceEpoch(), info.size(), progress);
}

Result<std::vector<FileManifest>> Ingestor::finish()
{
    if (!m_batch)
        return std::vector<FileManifest>{};
    std::unique_ptr<Batch> batch = std::move(m_batch);
    return batch->finish();
}

Result<FileManifest> Ingestor::ingestFile(const QString &path, const ProgressFn &progress)
{
    if (Status st = addFile(path, progress); !st) {
        m_batch.reset();
        return st.error();
    }
    auto manifests = finish();
    if (!manifests)
        return manifests.error();
    return std::move(manifests->front());
}

Result<FileManifest> Ingestor::ingest(QIODevice &input, const QString &name, qint64 mtimeMs, qint64 sizeHint,
                                      const ProgressFn &progress)
{
    if (Status st = add(input, name, mtimeMs, sizeHint, progress); !st) {
        m_batch.reset();
        return st.error();
    }
    auto manifests = finish();
    if (!manifests)
        return manifests.error();
    return std::move(manifests->front());
}

} // namespace stratus::object
