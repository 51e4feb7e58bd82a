// Pipeline benchmark: per-stage single-core speeds and the whole ingest and
// restore paths over generated data read from the page cache.
//
//   bench_pipeline [--size MIB] [--dir DIR] [--threads N]
//
// The last line is JSON: {"bench":"pipeline", ...figures in MB/s...}.

#include "crypto/account_keys.h"
#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "object/chunk_cipher.h"
#include "object/chunker.h"
#include "object/erasure.h"
#include "object/ingest.h"
#include "object/merkle.h"
#include "object/restore.h"
#include "object/shard_directory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThreadPool>

#include <atomic>
#include <cstdio>
#include <optional>
#include <sys/resource.h>

using namespace stratus;
using namespace stratus::object;
using namespace Qt::StringLiterals;

namespace {

double mbps(qint64 bytes, qint64 ns)
{
    return ns > 0 ? static_cast<double>(bytes) / 1e6 / (static_cast<double>(ns) / 1e9) : 0;
}

long peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

// Fast incompressible filler (xorshift64*).
void fill(char *p, std::size_t n, std::uint64_t &state)
{
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        const std::uint64_t v = state * 2685821657736338717ull;
        std::memcpy(p + i, &v, 8);
    }
    for (; i < n; ++i)
        p[i] = static_cast<char>(i);
}

// Counts shards and drops them: the ingest path's CPU cost without disk.
class DiscardSink final : public ShardSink {
public:
    Status putShard(const ShardId &id, const QByteArray &, qsizetype, const std::vector<Hash32> &) override
    {
        m_bytes += id.size;
        return {};
    }
    Status flush() override { return {}; }
    std::atomic<qint64> m_bytes{0};
};

class DiscardDevice final : public QIODevice {
public:
    DiscardDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override { return len; }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 sizeMiB = 1024;
    QString dirArg;
    int threads = 0;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--size"_s)
            sizeMiB = args[++i].toLongLong();
        else if (args[i] == u"--dir"_s)
            dirArg = args[++i];
        else if (args[i] == u"--threads"_s)
            threads = args[++i].toInt();
    }
    if (sizeMiB <= 0) {
        std::fprintf(stderr, "bench_pipeline: --size takes a positive number of MiB\n");
        return 2;
    }
    const qint64 total = sizeMiB * 1024 * 1024;
    QTemporaryDir tmp(dirArg.isEmpty() ? QDir::tempPath() + u"/stratus-bench-XXXXXX"_s
                                       : dirArg + u"/stratus-bench-XXXXXX"_s);
    if (!tmp.isValid()) {
        std::fprintf(stderr, "bench_pipeline: cannot create a temporary directory\n");
        return 1;
    }
    QThreadPool pool;
    if (threads > 0)
        pool.setMaxThreadCount(threads);
    const crypto::AccountKeys keys = crypto::AccountKeys::derive(crypto::RecoverySecret::generate());
    const ChunkCipher cipher(keys.dedup, keys.dataMaster);
    const PipelineParams params;
    QJsonObject result{{u"bench"_s, u"pipeline"_s}, {u"bytes"_s, total}, {u"threads"_s, pool.maxThreadCount()}};

    QElapsedTimer t;
    // Per-stage speeds on one core over min(size, 256 MiB) in memory.
    {
        const qint64 stageBytes = std::min<qint64>(total, 256ll * 1024 * 1024);
        QByteArray buf(stageBytes, Qt::Uninitialized);
        std::uint64_t state = 12345;
        fill(buf.data(), static_cast<std::size_t>(buf.size()), state);
        const auto *p = reinterpret_cast<const std::uint8_t *>(buf.constData());
        std::vector<std::pair<std::size_t, std::size_t>> chunks;
        {
            const Chunker chunker(params.chunker);
            t.start();
            for (std::size_t off = 0; off < static_cast<std::size_t>(stageBytes);) {
                const std::size_t len = chunker.cut(p + off, static_cast<std::size_t>(stageBytes) - off);
                chunks.emplace_back(off, len);
                off += len;
            }
            result[u"chunk_mbps"_s] = mbps(stageBytes, t.nsecsElapsed());
        }
        {
            crypto::KeyedHash mac(keys.dedup);
            std::uint8_t id[32];
            t.start();
            for (auto [off, len] : chunks)
                mac.compute(p + off, len, id);
            result[u"hash_mbps"_s] = mbps(stageBytes, t.nsecsElapsed());
        }
        {
            QByteArray work(static_cast<qsizetype>(params.chunker.maxSize + 16), Qt::Uninitialized);
            std::uint8_t nonce[12] = {};
            const crypto::Key256 key = crypto::randomKey();
            t.start();
            for (auto [off, len] : chunks) {
                std::memcpy(work.data(), p + off, len);
                crypto::aesGcmSealInPlace(key, nonce, reinterpret_cast<std::uint8_t *>(work.data()), len);
            }
            result[u"encrypt_mbps"_s] = mbps(stageBytes, t.nsecsElapsed());
        }
        {
            auto coder = ErasureCoder::create(params.k, params.m);
            const std::size_t seg = 64 * 1024 * 1024;
            const std::size_t len = seg / 4;
            QByteArray parity(static_cast<qsizetype>(len * 2), Qt::Uninitialized);
            std::uint8_t *par[2] = {reinterpret_cast<std::uint8_t *>(parity.data()),
                                    reinterpret_cast<std::uint8_t *>(parity.data()) + len};
            t.start();
            qint64 coded = 0;
            for (std::size_t off = 0; off + seg <= static_cast<std::size_t>(stageBytes); off += seg) {
                const std::uint8_t *data[4] = {p + off, p + off + len, p + off + 2 * len, p + off + 3 * len};
                coder->encode(data, par, len);
                coded += static_cast<qint64>(seg);
            }
            result[u"erasure_mbps"_s] = mbps(coded, t.nsecsElapsed());
        }
        {
            t.start();
            const std::size_t shard = 16 * 1024 * 1024;
            for (std::size_t off = 0; off + shard <= static_cast<std::size_t>(stageBytes); off += shard)
                merkleRoot(p + off, shard);
            result[u"merkle_mbps"_s] = mbps(stageBytes, t.nsecsElapsed());
        }
    }
    // The input file, written in pieces and then read once into the page cache.
    const QString input = tmp.filePath(u"input.bin"_s);
    {
        QFile f(input);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        QByteArray block(8 * 1024 * 1024, Qt::Uninitialized);
        std::uint64_t state = 0x9e3779b97f4a7c15ull;
        for (qint64 done = 0; done < total; done += block.size()) {
            const qint64 n = std::min<qint64>(block.size(), total - done);
            fill(block.data(), static_cast<std::size_t>(n), state);
            f.write(block.constData(), n);
        }
    }
    {
        QFile f(input);
        f.open(QIODevice::ReadOnly);
        while (!f.read(16 * 1024 * 1024).isEmpty()) {
        }
    }
    // Ingest `input` into `sink`; records MB/s under `key`.
    auto timeIngest = [&](ShardSink &sink, const QString &key, const char *label) -> std::optional<FileManifest> {
        Ingestor ingestor(cipher, params, pool, sink);
        t.start();
        auto m = ingestor.ingestFile(input);
        const qint64 ns = t.nsecsElapsed();
        if (!m) {
            std::fprintf(stderr, "ingest failed: %s\n", qPrintable(m.message()));
            return std::nullopt;
        }
        result[key] = mbps(total, ns);
        std::printf("%-40s %8.0f MB/s\n", label, mbps(total, ns));
        return m.value();
    };
    // Restore from a shard directory into nothing; records MB/s under `key`.
    auto timeRestore = [&](const QString &dir, const FileManifest &m, const QString &key, const char *label) {
        ShardDirectory source(dir);
        Restorer restorer(cipher, pool, source);
        DiscardDevice out;
        t.start();
        Status st = restorer.restore(m, out);
        const qint64 ns = t.nsecsElapsed();
        if (!st) {
            std::fprintf(stderr, "restore failed: %s\n", qPrintable(st.message()));
            return false;
        }
        result[key] = mbps(total, ns);
        std::printf("%-40s %8.0f MB/s\n", label, mbps(total, ns));
        return true;
    };

    DiscardSink discard; // the ingest path's CPU cost, without disk
    if (!timeIngest(discard, u"ingest_mbps"_s, "ingest (file -> shards, no disk writes):"))
        return 1;
    // To a directory of shard files (page cache, one batched fsync at the
    // end), then back from it.
    const QString shardDir = tmp.filePath(u"shards"_s);
    QDir().mkpath(shardDir);
    ShardDirectory shardFiles(shardDir);
    const auto manifest = timeIngest(shardFiles, u"ingest_to_dir_mbps"_s, "ingest (file -> shard files, fsync):");
    if (!manifest)
        return 1;
    QFile::remove(input);
    if (!timeRestore(shardDir, *manifest, u"restore_mbps"_s, "restore (shard files -> bytes):"))
        return 1;
    // Losing two data shards of every segment forces decoding.
    for (const SegmentInfo &s : manifest->segments) {
        QFile::remove(shardDir + u'/' + s.shards[0].toString());
        QFile::remove(shardDir + u'/' + s.shards[2].toString());
    }
    if (!timeRestore(shardDir, *manifest, u"restore_degraded_mbps"_s, "restore, 2 of 6 shards lost (decode):"))
        return 1;
    result[u"peak_rss_mib"_s] = static_cast<qint64>(peakRssMiB());
    std::printf("peak RSS of ingest and restore:          %8ld MiB\n", peakRssMiB());
    QDir(shardDir).removeRecursively();

    std::printf("single core: chunk %.0f, keyed hash %.0f, encrypt %.0f, erasure-code %.0f, merkle %.0f MB/s\n",
                result[u"chunk_mbps"_s].toDouble(), result[u"hash_mbps"_s].toDouble(),
                result[u"encrypt_mbps"_s].toDouble(), result[u"erasure_mbps"_s].toDouble(),
                result[u"merkle_mbps"_s].toDouble());
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
