// Network benchmark on a real local network of 8 storage nodes (4+2):
//   - put and get of one large file (default 1 GiB): wall time and MB/s;
//   - put of many small files (default 10,000 of 1-64 KiB): files/s, and how
//     many shard objects they became;
//   - resident memory of a node process holding many small shards (default
//     100,000, synthetic).
//
//   bench_network [--size MIB] [--small N] [--node-shards N] [--dir DIR]
//
// The last line is JSON: {"bench":"network", ...}.

#include "crypto/random.h"
#include "node/shard_store.h"
#include "object/merkle.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstdio>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

const QString kStratus = QStringLiteral(STRATUS_BIN_PATH);

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    double seconds = 0;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(kStratus, args);
    p.waitForFinished(-1);
    Run r{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError(),
          static_cast<double>(t.nsecsElapsed()) / 1e9};
    if (r.exitCode != 0)
        std::fprintf(stderr, "stratus %s failed: %s\n", qPrintable(args.join(u' ')), r.err.constData());
    return r;
}

void writeRandom(const QString &path, qint64 size, std::uint64_t seed)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray block(8 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(static_cast<quint32>(seed));
    for (qint64 done = 0; done < size; done += block.size()) {
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        f.write(block.constData(), std::min<qint64>(block.size(), size - done));
    }
}

bool sameFiles(const QString &a, const QString &b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    while (!fa.atEnd())
        if (fa.read(8 << 20) != fb.read(8 << 20))
            return false;
    return true;
}

qint64 countShardFiles(const QString &devnetDir)
{
    qint64 n = 0;
    QDirIterator it(devnetDir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (f.contains(u"/store/shards/"_s) && !f.endsWith(u".leaves"_s))
            ++n;
    }
    return n;
}

long statusKiB(qint64 pid, const char *field)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(std::strlen(field))).trimmed().split(' ').first().toLong();
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 sizeMiB = 1024, small = 10000, nodeShards = 100000;
    QString base = QDir::tempPath();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--size"_s)
            sizeMiB = args[++i].toLongLong();
        else if (args[i] == u"--small"_s)
            small = args[++i].toLongLong();
        else if (args[i] == u"--node-shards"_s)
            nodeShards = args[++i].toLongLong();
        else if (args[i] == u"--dir"_s)
            base = args[++i];
    }
    QTemporaryDir tmp(base + u"/stratus-bench-net-XXXXXX"_s);
    const QString devnet = tmp.filePath(u"devnet"_s);
    const QString net = devnet + u"/network.json"_s;
    const QString client = tmp.filePath(u"client"_s);
    QJsonObject result{{u"bench"_s, u"network"_s}, {u"nodes"_s, 8}, {u"k"_s, 4}, {u"m"_s, 2}};

    if (runCli({u"devnet"_s, u"up"_s, u"--nodes"_s, u"8"_s, u"--storage"_s, u"4GiB"_s, u"--dir"_s, devnet}).exitCode)
        return 1;
    auto down = qScopeGuard([&]() { runCli({u"devnet"_s, u"down"_s, u"--dir"_s, devnet}); });

    // One large file.
    const qint64 bytes = sizeMiB * 1024 * 1024;
    const QString input = tmp.filePath(u"large.bin"_s);
    writeRandom(input, bytes, 7);
    const Run put = runCli({u"put"_s, input, u"--network"_s, net, u"--data"_s, client});
    const Run get = runCli(
        {u"get"_s, u"large.bin"_s, u"--out"_s, tmp.filePath(u"large.out"_s), u"--network"_s, net, u"--data"_s, client});
    if (put.exitCode || get.exitCode || !sameFiles(input, tmp.filePath(u"large.out"_s))) {
        std::fprintf(stderr, "large file round trip failed\n");
        return 1;
    }
    result[u"large_bytes"_s] = bytes;
    result[u"put_seconds"_s] = put.seconds;
    result[u"put_mbps"_s] = static_cast<double>(bytes) / 1e6 / put.seconds;
    result[u"get_seconds"_s] = get.seconds;
    result[u"get_mbps"_s] = static_cast<double>(bytes) / 1e6 / get.seconds;
    std::printf("put %lld MiB: %.2f s (%.0f MB/s); get: %.2f s (%.0f MB/s)\n", static_cast<long long>(sizeMiB),
                put.seconds, result[u"put_mbps"_s].toDouble(), get.seconds, result[u"get_mbps"_s].toDouble());
    QFile::remove(input);
    QFile::remove(tmp.filePath(u"large.out"_s));
    const qint64 shardsBefore = countShardFiles(devnet);

    // Many small files.
    if (small > 0) {
        const QString dir = tmp.filePath(u"small"_s);
        QDir().mkpath(dir);
        QRandomGenerator rng(11);
        qint64 smallBytes = 0;
        for (qint64 i = 0; i < small; ++i) {
            const qint64 size = 1024 + static_cast<qint64>(rng.bounded(63 * 1024 + 1));
            QFile f(u"%1/f%2.bin"_s.arg(dir).arg(i));
            f.open(QIODevice::WriteOnly);
            QByteArray data(size, Qt::Uninitialized);
            for (auto &b : data)
                b = static_cast<char>(rng.generate());
            f.write(data);
            smallBytes += size;
        }
        const Run r = runCli({u"put"_s, dir, u"--network"_s, net, u"--data"_s, client});
        if (r.exitCode)
            return 1;
        const qint64 objects = countShardFiles(devnet) - shardsBefore;
        result[u"small_files"_s] = small;
        result[u"small_bytes"_s] = smallBytes;
        result[u"small_put_seconds"_s] = r.seconds;
        result[u"small_files_per_second"_s] = static_cast<double>(small) / r.seconds;
        result[u"small_shard_objects"_s] = objects;
        std::printf("put %lld small files (%.0f MiB): %.2f s (%.0f files/s), stored as %lld shard objects\n",
                    static_cast<long long>(small), static_cast<double>(smallBytes) / 1048576.0, r.seconds,
                    result[u"small_files_per_second"_s].toDouble(), static_cast<long long>(objects));
    }
    down.dismiss();
    runCli({u"devnet"_s, u"down"_s, u"--dir"_s, devnet});

    // A node holding many small shards (written straight into its layout).
    if (nodeShards > 0) {
        const QString nodeDir = tmp.filePath(u"bignode"_s);
        {
            node::ShardStoreOptions o;
            o.capacity = qint64(1) << 40;
            o.diskReserve = 0;
            auto store = node::ShardStore::open(nodeDir + u"/store"_s, o);
            if (!store)
                return 1;
            QByteArray data(1024, Qt::Uninitialized);
            QRandomGenerator rng(5);
            for (qint64 i = 0; i < nodeShards; ++i) {
                rng.fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
                const auto *p = reinterpret_cast<const std::uint8_t *>(data.constData());
                const object::ShardId id{object::merkleRoot(p, 1024), 1024};
                QDir().mkpath(QFileInfo(store.value()->pathOf(id)).path());
                QFile f(store.value()->pathOf(id));
                f.open(QIODevice::WriteOnly);
                f.write(data);
                QFile l(store.value()->leavesPathOf(id));
                l.open(QIODevice::WriteOnly);
                l.write(id.root);
            }
        }
        QProcess node;
        node.setProcessChannelMode(QProcess::SeparateChannels);
        node.setReadChannel(QProcess::StandardOutput);
        QElapsedTimer t;
        t.start();
        node.start(kStratus, {u"node"_s, u"run"_s, u"--data"_s, nodeDir, u"--listen"_s, u"127.0.0.250:27650"_s,
                              u"--storage"_s, u"1TiB"_s});
        node.waitForStarted();
        QByteArray out;
        while (!out.contains("storage ") && node.state() == QProcess::Running) {
            node.waitForReadyRead(1000);
            out += node.readAllStandardOutput();
        }
        const double startSeconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        QThread::sleep(2);
        const long rss = statusKiB(node.processId(), "VmRSS:");
        const long hwm = statusKiB(node.processId(), "VmHWM:");
        ::kill(static_cast<pid_t>(node.processId()), SIGTERM);
        node.waitForFinished(30000);
        result[u"node_shards"_s] = nodeShards;
        result[u"node_start_seconds"_s] = startSeconds;
        result[u"node_rss_mib"_s] = static_cast<double>(rss) / 1024.0;
        result[u"node_peak_rss_mib"_s] = static_cast<double>(hwm) / 1024.0;
        std::printf("node with %lld shards: started in %.2f s, RSS %.0f MiB (peak %.0f MiB)\n",
                    static_cast<long long>(nodeShards), startSeconds, static_cast<double>(rss) / 1024.0,
                    static_cast<double>(hwm) / 1024.0);
    }
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
