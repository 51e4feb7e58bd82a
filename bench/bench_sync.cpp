// Sync benchmarks (issue 6): time from a change on device A to the file on
// device B through a real devnet, for 10,000 small files (1-64 KiB, about
// 330 MB) and one large file; and the initial scan of 100,000 files with
// its peak memory. Prints a JSON object as its last line.
//
//   bench_sync [--files N] [--big-mib M] [--nodes K] [--scan-files S] [--only small|big|scan] [--keep-caches]

#include "sync/local_index.h"
#include "sync/scanner.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTime>

#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace stratus;

namespace {

void say(const QString &text) { std::fprintf(stderr, "%s\n", qPrintable(text)); }

int runCli(const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(STRATUS_BIN_PATH), args);
    p.waitForFinished(600000);
    if (out)
        *out = p.readAllStandardOutput();
    if (p.exitCode() != 0)
        say(u"stratus %1 failed: %2"_s.arg(args.join(u' '), QString::fromUtf8(p.readAllStandardError())));
    return p.exitCode();
}

qint64 vmHwmKiB(qint64 pid)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Files and their total size under `root` (.stratus left out).
std::pair<qint64, qint64> countFiles(const QString &root)
{
    qint64 n = 0, bytes = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        if (p.contains(u"/.stratus/"_s) || it.fileName().startsWith(u".stratus-tmp-"_s))
            continue; // the engine's own files, and temps not yet in place
        ++n;
        bytes += it.fileInfo().size();
    }
    return {n, bytes};
}

// Regular files under `root` by name (directory entry types, no stat),
// .stratus and temps left out. Plain readdir: this runs ten times a second
// while the devices work, so it must take little of the CPU they share.
qint64 countNames(const QByteArray &dir)
{
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return 0;
    qint64 n = 0;
    while (const dirent *e = ::readdir(d)) {
        const char *name = e->d_name;
        if (e->d_type == DT_DIR) {
            if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0 && std::strcmp(name, ".stratus") != 0)
                n += countNames(dir + '/' + name);
        } else if (e->d_type == DT_REG && std::strncmp(name, ".stratus-tmp-", 13) != 0) {
            ++n;
        }
    }
    ::closedir(d);
    return n;
}

qint64 countNames(const QString &root) { return countNames(QFile::encodeName(root)); }

QByteArray treeHash(const QString &root)
{
    QStringList paths;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        if (!p.contains(u"/.stratus/"_s))
            paths.append(QDir(root).relativeFilePath(p));
    }
    paths.sort();
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &p : paths) {
        QFile f(root + u'/' + p);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        h.addData(p.toUtf8());
        while (!f.atEnd())
            h.addData(f.read(1 << 20));
    }
    return h.result().toHex();
}

void writeRandom(const QString &path, qint64 size, QRandomGenerator &rng)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    QByteArray buf(static_cast<qsizetype>(std::min<qint64>(size, 1 << 20)), Qt::Uninitialized);
    qint64 left = size;
    while (left > 0) {
        const qsizetype n = static_cast<qsizetype>(std::min<qint64>(left, buf.size()));
        rng.fillRange(reinterpret_cast<quint32 *>(buf.data()), n / 4);
        f.write(buf.constData(), n);
        left -= n;
    }
}

// On ext4 without a journal (this machine's root filesystem), creating a
// file skips every free inode whose inode-table block is still cached and
// that was freed less than a minute or so before (find_inode_bit ->
// recently_deleted), one buffer-cache lookup each. Right after an earlier
// run deleted its 40,000 files, device B's 10,000 new files took 2-4 s of
// that. Written-back, clean caches are dropped (as root) before staging,
// so each run starts from the same state; --keep-caches skips this.
void dropCleanCaches()
{
    ::sync();
    QFile drop(u"/proc/sys/vm/drop_caches"_s);
    if (drop.open(QIODevice::WriteOnly) && drop.write("1\n") == 2)
        say(u"dropped clean page caches (inodes freed by earlier runs do not slow file creation)"_s);
    else
        say(u"could not drop caches (not root): a run right after another may be slower"_s);
}

struct Device {
    QString data;
    QString folder;
    QProcess *process = nullptr;
};

bool startSync(Device &d, const QString &network)
{
    d.process = new QProcess;
    d.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    d.process->setProgram(QStringLiteral(STRATUS_BIN_PATH));
    d.process->start(QStringLiteral(STRATUS_BIN_PATH),
                     {u"sync"_s, u"--data"_s, d.data, u"--network"_s, network, u"--folder"_s, u"Bench="_s + d.folder});
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (!out.contains("syncing as device") && t.elapsed() < 60000) {
        d.process->waitForReadyRead(200);
        out += d.process->readAllStandardOutput();
    }
    return out.contains("syncing as device");
}

void stopSync(Device &d)
{
    if (!d.process)
        return;
    d.process->terminate();
    d.process->waitForFinished(30000);
    delete d.process;
    d.process = nullptr;
}

// Moves `staged` into A's folder at once and waits for B to hold `files`
// files of `bytes` bytes. Returns seconds, or -1.
double propagate(const QString &staged, const QString &into, const Device &b, qint64 files, qint64 bytes, int timeoutS)
{
    QElapsedTimer t;
    t.start();
    say(u"moving the staged files in at %1"_s.arg(QTime::currentTime().toString(u"hh:mm:ss.zzz"_s)));
    if (!QDir().rename(staged, into))
        return -1;
    while (t.elapsed() < qint64(timeoutS) * 1000) {
        // Counting names is cheap (no stat); sizes only once all are there,
        // so the polling takes little of the CPU the devices share.
        if (countNames(b.folder) >= files) {
            const auto [n, size] = countFiles(b.folder);
            if (n >= files && size >= bytes)
                return t.elapsed() / 1000.0;
        }
        QThread::msleep(100);
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto opt = [&](const QString &name, int def) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : def;
    };
    const int files = opt(u"--files"_s, 10000);
    const int bigMiB = opt(u"--big-mib"_s, 1024);
    const int nodes = opt(u"--nodes"_s, 8);
    const int scanFiles = opt(u"--scan-files"_s, 100000);
    const qsizetype onlyAt = args.indexOf(u"--only"_s);
    const QString only = onlyAt >= 0 ? args.value(onlyAt + 1) : QString();
    QJsonObject result{{u"bench"_s, u"sync"_s}};

    QTemporaryDir tmp;
    QRandomGenerator rng(42);
    if (only.isEmpty() || only == u"small"_s || only == u"big"_s) {
        const QString devnet = tmp.filePath(u"devnet"_s);
        const QString network = devnet + u"/network.json"_s;
        if (runCli({u"devnet"_s, u"up"_s, u"--nodes"_s, QString::number(nodes), u"--storage"_s, u"3GiB"_s, u"--dir"_s,
                    devnet}) != 0)
            return 1;
        Device a{tmp.filePath(u"a-data"_s), tmp.filePath(u"a/Bench"_s)};
        Device b{tmp.filePath(u"b-data"_s), tmp.filePath(u"b/Bench"_s)};
        QDir().mkpath(a.folder);
        QDir().mkpath(b.folder);
        QByteArray created;
        runCli({u"account"_s, u"create"_s, u"--data"_s, a.data, u"--network"_s, network, u"--json"_s}, &created);
        QFile secret(tmp.filePath(u"secret"_s));
        secret.open(QIODevice::WriteOnly);
        secret.write(QJsonDocument::fromJson(created).object().value(u"recovery_secret"_s).toString().toLatin1());
        secret.close();
        runCli({u"account"_s, u"restore"_s, u"--data"_s, b.data, u"--network"_s, network, u"--secret-file"_s,
                secret.fileName()});
        if (!startSync(a, network) || !startSync(b, network)) {
            say(u"a sync process did not start"_s);
            return 1;
        }
        if (only.isEmpty() || only == u"small"_s) {
            if (!args.contains(u"--keep-caches"_s))
                dropCleanCaches();
            const QString staged = tmp.filePath(u"a/staged-small"_s);
            qint64 bytes = 0;
            for (int i = 0; i < files; ++i) {
                const QString dir = staged + u"/d%1"_s.arg(i / 500);
                QDir().mkpath(dir);
                const qint64 size = 1024 + qint64(rng.bounded(63 * 1024));
                writeRandom(dir + u"/f%1.bin"_s.arg(i), size, rng);
                bytes += size;
            }
            ::sync(); // the staged files' writeback is not the devices' work
            say(u"%1 files, %2 MB staged; syncing"_s.arg(files).arg(bytes / 1e6, 0, 'f', 1));
            const double s = propagate(staged, a.folder + u"/small"_s, b, files, bytes, 1200);
            const bool same = s >= 0 && treeHash(a.folder + u"/small"_s) == treeHash(b.folder + u"/small"_s);
            say(u"small files: %1 s from the change on A to the last file on B (%2)"_s.arg(s, 0, 'f', 1)
                    .arg(same ? u"trees identical"_s : u"TREES DIFFER"_s));
            result.insert(u"small_files"_s, files);
            result.insert(u"small_bytes"_s, bytes);
            result.insert(u"small_s"_s, s);
            result.insert(u"small_identical"_s, same);
            result.insert(u"b_peak_rss_mib"_s, vmHwmKiB(b.process->processId()) / 1024.0);
            result.insert(u"a_peak_rss_mib"_s, vmHwmKiB(a.process->processId()) / 1024.0);
        }
        if (only.isEmpty() || only == u"big"_s) {
            const QString staged = tmp.filePath(u"a/staged-big"_s);
            QDir().mkpath(staged);
            const qint64 bytes = qint64(bigMiB) << 20;
            writeRandom(staged + u"/large.bin"_s, bytes, rng);
            ::sync();
            const auto before = countFiles(b.folder);
            const double s = propagate(staged, a.folder + u"/big"_s, b, before.first + 1, before.second + bytes, 1200);
            const bool same = s >= 0 && treeHash(a.folder + u"/big"_s) == treeHash(b.folder + u"/big"_s);
            say(u"one %1 MiB file: %2 s from the change on A to the file on B (%3)"_s.arg(bigMiB)
                    .arg(s, 0, 'f', 1)
                    .arg(same ? u"identical"_s : u"DIFFERS"_s));
            result.insert(u"big_mib"_s, bigMiB);
            result.insert(u"big_s"_s, s);
            result.insert(u"big_identical"_s, same);
        }
        stopSync(a);
        stopSync(b);
        runCli({u"devnet"_s, u"down"_s, u"--dir"_s, devnet});
    }
    if (only.isEmpty() || only == u"scan"_s) {
        const QString root = tmp.filePath(u"scan"_s);
        for (int i = 0; i < scanFiles; ++i) {
            const QString dir = root + u"/d%1/e%2"_s.arg(i / 10000).arg((i / 100) % 100);
            if (i % 100 == 0)
                QDir().mkpath(dir);
            QFile f(dir + u"/f%1.txt"_s.arg(i));
            f.open(QIODevice::WriteOnly);
            f.write(QByteArray::number(i).repeated(8));
        }
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        sync::Scanner scanner(root, sync::IgnoreRules(), &pool);
        QElapsedTimer t;
        t.start();
        auto first = scanner.scan({});
        const double firstS = t.elapsed() / 1000.0;
        if (!first) {
            say(u"scan failed: %1"_s.arg(first.message()));
            return 1;
        }
        auto entries = sync::localUpdates(first->changes, crypto::NodeId::fromPublicKey(QByteArray(32, 'b')));
        if (!entries) {
            say(u"cannot record the scan: %1"_s.arg(entries.message()));
            return 1;
        }
        t.restart();
        auto again = scanner.scan(entries.value());
        const double againS = t.elapsed() / 1000.0;
        if (!again)
            return 1;
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        say(u"scan of %1 files: %2 s (hashed %3); unchanged rescan %4 s (hashed %5, changes %6); peak RSS %7 MiB"_s
                .arg(scanFiles)
                .arg(firstS, 0, 'f', 2)
                .arg(first->hashedFiles)
                .arg(againS, 0, 'f', 2)
                .arg(again->hashedFiles)
                .arg(again->changes.size())
                .arg(usage.ru_maxrss / 1024.0, 0, 'f', 0));
        result.insert(u"scan_files"_s, scanFiles);
        result.insert(u"scan_s"_s, firstS);
        result.insert(u"rescan_s"_s, againS);
        result.insert(u"rescan_hashed"_s, again->hashedFiles);
        result.insert(u"scan_peak_rss_mib"_s, usage.ru_maxrss / 1024.0);
    }
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
