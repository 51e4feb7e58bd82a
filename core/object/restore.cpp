#include "object/restore.h"

#include "common/files.h"
#include "object/segment_codec.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QMap>
#include <QMutex>
#include <QSaveFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

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

struct LoadedSegment {
    Result<QByteArray> bytes = Error{};
    QStringList problems;
};

} // namespace

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
    QMap<quint32, std::size_t> lastUse;
    for (std::size_t r = 0; r < runs.size(); ++r)
        lastUse[runs[r].segment] = r;

    const int prefetch = 2;
    QMap<quint32, QFuture<LoadedSegment>> loads;
    std::size_t nextToLoad = 0;
    auto startLoads = [&](std::size_t current) {
        for (; nextToLoad < runs.size() && nextToLoad <= current + prefetch; ++nextToLoad) {
            const quint32 seg = runs[nextToLoad].segment;
            if (loads.contains(seg))
                continue;
            const SegmentInfo &info = manifest.segments[seg];
            loads.insert(seg, QtConcurrent::run(&m_pool, [this, &info]() {
                             LoadedSegment l;
                             l.bytes = loadSegment(info, m_source, &l.problems);
                             return l;
                         }));
        }
    };
    auto drain = [&]() {
        for (auto &f : loads)
            f.waitForFinished();
    };

    qint64 done = 0;
    const qint64 total = static_cast<qint64>(manifest.size);
    for (std::size_t r = 0; r < runs.size(); ++r) {
        startLoads(r);
        const Run &run = runs[r];
        const LoadedSegment loaded = loads.value(run.segment).result();
        if (!loaded.bytes) {
            drain();
            return makeError(u"segment %1 of %2 cannot be restored: %3"_s.arg(run.segment + 1)
                                 .arg(manifest.segments.size())
                                 .arg(loaded.bytes.message()));
        }
        for (const QString &p : loaded.problems)
            if (!m_problems.contains(p))
                m_problems << p;
        const QByteArray segment = loaded.bytes.value();
        std::deque<QFuture<Result<QByteArray>>> opens;
        for (std::size_t i = run.first; i < run.end; ++i) {
            const ChunkRef &c = manifest.chunks[i];
            opens.push_back(QtConcurrent::run(&m_pool, [this, &c, segment, i]() -> Result<QByteArray> {
                if (c.offset + c.sealedSize > static_cast<quint64>(segment.size()))
                    return makeError(u"chunk %1 lies outside its segment"_s.arg(i));
                QByteArray buf = segment.mid(static_cast<qsizetype>(c.offset), c.sealedSize);
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
        if (lastUse.value(run.segment) == r)
            loads.remove(run.segment);
    }
    if (done != total)
        return makeError(u"restored %1 bytes, but the manifest says %2"_s.arg(done).arg(total));
    return {};
}

Status Restorer::restoreFile(const FileManifest &manifest, const QString &path, const ProgressFn &progress)
{
    const QFileInfo target(path);
    if (target.isDir())
        return makeError(u"%1 is a directory; give a file name to restore to"_s.arg(path));
    if (!target.absoluteDir().exists())
        return makeError(u"the directory %1 does not exist"_s.arg(target.absolutePath()));
    QSaveFile out(path);
    out.setDirectWriteFallback(false);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(u"cannot write %1: %2"_s.arg(path, out.errorString()));
    if (Status st = restore(manifest, out, progress); !st) {
        out.cancelWriting();
        return st;
    }
    out.flush();
    if (Status st = syncFileDescriptor(out.handle(), path); !st) {
        out.cancelWriting();
        return st;
    }
    out.setFileTime(QDateTime::fromMSecsSinceEpoch(manifest.mtimeMs, Qt::UTC),
                    QFileDevice::FileModificationTime);
    if (!out.commit())
        return makeError(u"cannot finish writing %1: %2"_s.arg(path, out.errorString()));
    return syncDirectory(target.absolutePath());
}

} // namespace stratus::object
