#include "object/restore.h"

#include "common/direct_writer.h"
#include "common/files.h"
#include "object/segment_codec.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QMap>
#include <QMutex>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSemaphore>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>

using namespace Qt::StringLiterals;

namespace stratus::object {

namespace {

// A run of consecutive chunks of the file that live in one segment.
struct Run {
    quint32 segment = 0;
    std::size_t first = 0;
    std::size_t end = 0;
};

using ShardFuture = QFuture<Result<QByteArray>>;

} // namespace

QByteArray SegmentCache::keyOf(const SegmentInfo &info)
{
    QByteArray key;
    for (const ShardId &id : info.shards)
        key += id.toString().toLatin1() + ',';
    return key;
}

std::optional<SegmentData> SegmentCache::find(const SegmentInfo &info)
{
    const QByteArray key = keyOf(info);
    for (auto it = m_items.begin(); it != m_items.end(); ++it)
        if (it->first == key) {
            m_items.splice(m_items.begin(), m_items, it);
            return m_items.front().second;
        }
    return std::nullopt;
}

void SegmentCache::insert(const SegmentInfo &info, const SegmentData &data)
{
    if (m_capacity <= 0 || find(info))
        return;
    m_items.emplace_front(keyOf(info), data);
    while (static_cast<int>(m_items.size()) > m_capacity)
        m_items.pop_back();
}

Restorer::Restorer(const ChunkCipher &cipher, QThreadPool &pool, ShardSource &source)
    : m_cipher(cipher), m_pool(pool), m_source(source)
{
}

Status Restorer::restore(const FileManifest &manifest, QIODevice &out, const ProgressFn &progress)
{
    m_problems.clear();
    std::vector<Run> runs;
    for (std::size_t i = 0; i < manifest.chunks.size(); ++i) {
        const quint32 seg = manifest.chunks[i].segment;
        if (seg >= manifest.segments.size())
            return makeError(u"manifest refers to segment %1, which it does not describe"_s.arg(seg));
        if (runs.empty() || runs.back().segment != seg)
            runs.push_back(Run{seg, i, i});
        runs.back().end = i + 1;
    }

    // Shard fetches (with their merkle checks) run on the pool, one job per
    // shard, started for the next few runs ahead of the one being written.
    // k + extra shards are asked for at once (data shards first); the first k
    // good ones are used, and each failure starts another.
    struct SegmentFetch {
        std::vector<ShardFuture> futures;
        std::size_t launched = 0;
        std::shared_ptr<QSemaphore> done = std::make_shared<QSemaphore>();
        std::shared_ptr<QMutex> mutex = std::make_shared<QMutex>();
        std::shared_ptr<std::deque<std::size_t>> order = std::make_shared<std::deque<std::size_t>>();
    };
    QMap<quint32, SegmentFetch> fetches;
    auto launch = [this](SegmentFetch &sf, const SegmentInfo &info) {
        const std::size_t i = sf.launched++;
        sf.futures[i] = QtConcurrent::run(
            &m_pool, [this, id = info.shards[i], i, done = sf.done, mutex = sf.mutex, order = sf.order]() {
                Result<QByteArray> r = fetchVerifiedShard(m_source, id);
                {
                    QMutexLocker lock(mutex.get());
                    order->push_back(i);
                }
                done->release();
                return r;
            });
    };
    QMap<quint32, SegmentData> assembled;
    auto startFetch = [&](quint32 seg) {
        if (fetches.contains(seg) || assembled.contains(seg))
            return;
        if (m_cache) {
            if (auto cached = m_cache->find(manifest.segments[seg])) {
                assembled.insert(seg, std::move(*cached));
                return;
            }
        }
        const SegmentInfo &info = manifest.segments[seg];
        SegmentFetch sf;
        sf.futures.resize(info.shards.size());
        const std::size_t first = std::min(info.shards.size(), static_cast<std::size_t>(info.k + m_extraFetches));
        while (sf.launched < first)
            launch(sf, info);
        fetches.insert(seg, std::move(sf));
    };
    // Fetches still running when their segment is done (the extra ones) are
    // waited for before restore() returns: they use m_source.
    std::vector<ShardFuture> leftovers;
    auto drain = [&]() {
        for (auto &sf : fetches)
            for (auto &f : sf.futures)
                if (f.isValid())
                    f.waitForFinished();
        for (auto &f : leftovers)
            f.waitForFinished();
    };
    // Waits for a segment's first k good shards, and rebuilds its data shards.
    auto collect = [&](quint32 seg) -> Result<SegmentData> {
        const SegmentInfo &info = manifest.segments[seg];
        SegmentFetch &sf = fetches[seg];
        std::vector<QByteArray> got(info.shards.size());
        QStringList skipped;
        int good = 0;
        std::size_t consumed = 0;
        while (good < info.k && consumed < sf.launched) {
            sf.done->acquire();
            std::size_t i = 0;
            {
                QMutexLocker lock(sf.mutex.get());
                i = sf.order->front();
                sf.order->pop_front();
            }
            ++consumed;
            Result<QByteArray> r = sf.futures[i].result();
            if (r) {
                got[i] = std::move(r.value());
                ++good;
                continue;
            }
            skipped << u"shard %1 of segment %2 (%3): %4"_s.arg(i).arg(seg + 1).arg(info.shards[i].toString().left(12),
                                                                                    r.message());
            if (sf.launched < sf.futures.size())
                launch(sf, info);
        }
        for (const QString &s : skipped)
            if (!m_problems.contains(s))
                m_problems << s;
        if (good < info.k)
            return makeError(u"only %1 of %2 shards are usable, %3 are needed:\n  %4"_s.arg(good)
                                 .arg(info.shards.size())
                                 .arg(info.k)
                                 .arg(skipped.join(u"\n  "_s)));
        return assembleSegment(info, std::move(got));
    };

    const std::size_t prefetchRuns = static_cast<std::size_t>(m_prefetch);
    QMap<quint32, std::size_t> lastUse;
    for (std::size_t r = 0; r < runs.size(); ++r)
        lastUse[runs[r].segment] = r;
    qint64 done = 0;
    const qint64 total = static_cast<qint64>(manifest.size);
    for (std::size_t r = 0; r < runs.size(); ++r) {
        for (std::size_t ahead = r; ahead < runs.size() && ahead <= r + prefetchRuns; ++ahead)
            startFetch(runs[ahead].segment);
        const Run &run = runs[r];
        if (!assembled.contains(run.segment)) {
            Result<SegmentData> data = collect(run.segment);
            if (!data) {
                drain();
                return makeError(u"segment %1 of %2 cannot be restored: %3"_s.arg(run.segment + 1)
                                     .arg(manifest.segments.size())
                                     .arg(data.message()));
            }
            if (m_cache)
                m_cache->insert(manifest.segments[run.segment], data.value());
            assembled.insert(run.segment, std::move(data.value()));
        }
        const SegmentData segment = assembled.value(run.segment);
        std::deque<QFuture<Result<QByteArray>>> opens;
        for (std::size_t i = run.first; i < run.end; ++i) {
            const ChunkRef &c = manifest.chunks[i];
            opens.push_back(QtConcurrent::run(&m_pool, [this, &c, segment, i]() -> Result<QByteArray> {
                if (c.offset > segment.size || c.sealedSize > segment.size - c.offset)
                    return makeError(u"chunk %1 lies outside its segment"_s.arg(i));
                QByteArray buf(c.sealedSize, Qt::Uninitialized);
                segment.read(c.offset, c.sealedSize, reinterpret_cast<std::uint8_t *>(buf.data()));
                if (!m_cipher.open(reinterpret_cast<const std::uint8_t *>(c.id.constData()),
                                   reinterpret_cast<std::uint8_t *>(buf.data()), c.sealedSize))
                    return makeError(u"chunk %1 failed authentication: the data was altered, or it belongs to "
                                     u"another account"_s.arg(i));
                buf.truncate(c.plainSize());
                return buf;
            }));
        }
        std::optional<Error> failure;
        for (auto &f : opens) {
            Result<QByteArray> plain = f.result();
            if (failure)
                continue;
            if (!plain) {
                failure = plain.error();
                continue;
            }
            if (out.write(plain.value()) != plain->size()) {
                failure = makeError(u"cannot write: %1"_s.arg(out.errorString()));
                continue;
            }
            done += plain->size();
        }
        if (failure) {
            drain();
            return *failure;
        }
        if (progress)
            progress(done, total);
        if (lastUse.value(run.segment) == r) {
            assembled.remove(run.segment);
            const SegmentInfo &info = manifest.segments[run.segment];
            if (!fetches.contains(run.segment))
                continue; // it came from the cache
            std::vector<ShardFuture> &futures = fetches[run.segment].futures;
            for (std::size_t i = 0; i < futures.size(); ++i)
                if (futures[i].isValid() && !futures[i].isFinished()) {
                    m_source.cancel(info.shards[i]); // an extra fetch that lost the race
                    leftovers.push_back(futures[i]);
                }
            fetches.remove(run.segment);
        }
    }
    drain();
    if (done != total)
        return makeError(u"restored %1 bytes, but the manifest says %2"_s.arg(done).arg(total));
    return {};
}

Status Restorer::restoreFile(const FileManifest &manifest, const QString &path, const ProgressFn &progress,
                             bool durable)
{
    const QFileInfo target(path);
    if (target.isDir())
        return makeError(u"%1 is a directory; give a file name to restore to"_s.arg(path));
    if (!target.absoluteDir().exists())
        return makeError(u"the directory %1 does not exist"_s.arg(target.absolutePath()));
    if (manifest.size >= quint64(DirectWriter::kWorthwhileBytes)) {
        // Large: around the page cache, into a temporary file beside it
        // (durable or not: a caller that flushes later then has nothing of
        // it left to flush).
        const QString temp = u"%1/.%2.stratus-part-%3"_s.arg(target.absolutePath(), target.fileName())
                                 .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
        if (std::unique_ptr<DirectWriter> direct = DirectWriter::create(temp)) {
            if (Status st = restore(manifest, *direct, progress); !st) {
                direct->discard();
                return st;
            }
            if (Status st = direct->finish(manifest.mtimeMs); !st)
                return st;
            if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
                const QString why = QString::fromLocal8Bit(std::strerror(errno));
                QFile::remove(temp);
                return makeError(u"cannot finish writing %1: %2"_s.arg(path, why));
            }
            return durable ? syncDirectory(target.absolutePath()) : Status();
        }
    }
    QSaveFile out(path);
    out.setDirectWriteFallback(false);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(u"cannot write %1: %2"_s.arg(path, out.errorString()));
    if (Status st = restore(manifest, out, progress); !st) {
        out.cancelWriting();
        return st;
    }
    out.flush();
    if (durable) {
        if (Status st = syncFileDescriptor(out.handle(), path); !st) {
            out.cancelWriting();
            return st;
        }
    }
    out.setFileTime(QDateTime::fromMSecsSinceEpoch(manifest.mtimeMs, Qt::UTC), QFileDevice::FileModificationTime);
    if (!out.commit())
        return makeError(u"cannot finish writing %1: %2"_s.arg(path, out.errorString()));
    return durable ? syncDirectory(target.absolutePath()) : Status();
}

} // namespace stratus::object
