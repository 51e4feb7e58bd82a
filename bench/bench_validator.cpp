// Paper node (validator) benchmark, for the performance list of issue 4.
//
// 1. A real devnet (8 storage nodes, 1 paper node, the real `stratus`
//    binary) holding 16 files of 1 MiB, while a client loops put + get of a
//    64 MiB file: the paper node's audits per second and its CPU time
//    (/proc/PID/stat) over a measured window, at audit intervals 0.2 s and
//    0.1 s (the smallest the CLI takes), and once with no audit rounds at all
//    (interval 86400 s: the paper node's fixed cost under the same traffic).
//    From these: CPU per round and audit, and the CPU share extrapolated to
//    the default interval of 300 s (rounds scale linearly). In that last
//    devnet an Auditor in this process then audits the same nodes every
//    0.05 s (below the CLI's floor): the most audits/s one auditor sustains
//    against 8 real nodes, and its CPU per audit without any server side.
//    --with-rm adds `rm` to the client's loop (deletions while audits run).
// 2. One auditor against 1,000 lightweight audit targets in this process:
//    each a net::ControlServer with its own Ed25519 identity on its own
//    loopback address, speaking the real protocol over real mutual TLS,
//    answering `claims` with real client-signed, node-countersigned contracts
//    and `prove` from one shared real ShardStore. Rounds run back to back;
//    the first includes 1,000 TLS handshakes. Servers and auditor share the
//    main thread's event loop, so the times include both sides' CPU.
//
//   bench_validator [--window S] [--intervals 0.2,0.1] [--no-idle] [--targets N] [--rounds R]
//                   [--concurrency C] [--skip-devnet] [--skip-fleet] [--dir DIR] [--keep]
//                   [--with-rm]
//
// The last line is JSON: {"bench":"validator", ...}.

#include "crypto/node_id.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "net/control_server.h"
#include "net/tls_credentials.h"
#include "node/contract.h"
#include "node/limits.h"
#include "node/proof.h"
#include "node/shard_store.h"
#include "object/merkle.h"
#include "validator/auditor.h"

#include <QCborArray>
#include <QCborMap>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

using namespace stratus;
using namespace Qt::StringLiterals;

namespace {

const QString kStratus = QStringLiteral(STRATUS_BIN_PATH);
constexpr int kStorageNodes = 8;

// ------------------------------------------------------------ cleanup on a signal

// What a signal handler needs to bring a devnet down: plain buffers and pids
// (only async-signal-safe calls in the handler).
char g_stratusPath[4096];
char g_devnetDir[4096];
std::atomic<pid_t> g_children[2]; // 0: the blocking CLI call, 1: the traffic loop

void setDevnetDir(const QString &dir) { std::snprintf(g_devnetDir, sizeof g_devnetDir, "%s", qPrintable(dir)); }

void onFatalSignal(int sig)
{
    for (auto &child : g_children)
        if (const pid_t pid = child.load(); pid > 0)
            ::kill(pid, SIGKILL);
    if (g_devnetDir[0]) {
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::execl(g_stratusPath, g_stratusPath, "devnet", "down", "--dir", g_devnetDir, static_cast<char *>(nullptr));
            ::_exit(127);
        }
        if (pid > 0)
            ::waitpid(pid, nullptr, 0);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// ------------------------------------------------------------ helpers

struct Run {
    int exitCode = -1;
    QByteArray out;
    double seconds = 0;
};

Run runCli(const QStringList &args)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(kStratus, args);
    g_children[0] = p.waitForStarted() ? static_cast<pid_t>(p.processId()) : 0;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
    }
    g_children[0] = 0;
    Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
          static_cast<double>(t.nsecsElapsed()) / 1e9};
    if (r.exitCode != 0)
        std::fprintf(stderr, "stratus %s failed: %s\n", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
    return r;
}

void writeRandom(const QString &path, qint64 size, quint32 seed)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    QByteArray block(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (qint64 done = 0; done < size; done += block.size()) {
        rng.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        f.write(block.constData(), std::min<qint64>(block.size(), size - done));
    }
}

// Runs the event loop (so QProcess signals and sockets are served) for `ms`.
void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// utime + stime of a process, in seconds; -1 when it is gone.
double processCpuSeconds(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = static_cast<double>(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double selfCpuSeconds()
{
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Running and not a zombie (a node process exits, then init reaps it).
bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
        return false;
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close >= 0 && stat.mid(close + 2, 1) != "Z";
}

// ------------------------------------------------------------ devnet traffic

// put + get (+ rm) of a fresh random file, over and over, as child processes
// driven by the event loop.
class Traffic : public QObject {
public:
    Traffic(QString dir, QString network, QString client, qint64 bytes, bool remove)
        : m_file(dir + u"/traffic.bin"_s), m_out(dir + u"/traffic.out"_s), m_network(std::move(network)),
          m_client(std::move(client)), m_bytes(bytes), m_remove(remove)
    {
    }
    ~Traffic() override { stop(); }

    void start()
    {
        m_running = true;
        putNext();
    }
    void stop()
    {
        m_running = false;
        if (m_process) {
            m_process->kill();
            m_process->waitForFinished(10000);
            delete m_process;
            m_process = nullptr;
            g_children[1] = 0;
        }
    }
    int operations = 0; // finished put, get and rm calls
    int failures = 0;
    qint64 bytesMoved = 0;

private:
    QStringList common() const { return {u"--network"_s, m_network, u"--data"_s, m_client}; }

    void run(const QStringList &args, std::function<void()> next)
    {
        m_process = new QProcess(this);
        connect(m_process, &QProcess::finished, this, [this, args, next](int code, QProcess::ExitStatus status) {
            QProcess *p = m_process;
            m_process = nullptr;
            g_children[1] = 0;
            p->deleteLater();
            if (!m_running)
                return;
            ++operations;
            if (code != 0 || status != QProcess::NormalExit) {
                ++failures;
                std::fprintf(stderr, "traffic: stratus %s failed: %s\n", qPrintable(args.first()),
                             p->readAllStandardError().trimmed().constData());
                return putNext(); // start over with a new file
            }
            next();
        });
        m_process->start(kStratus, args);
        g_children[1] = static_cast<pid_t>(m_process->processId());
    }
    void putNext()
    {
        writeRandom(m_file, m_bytes, ++m_seed);
        run(QStringList{u"put"_s, m_file} + common(), [this]() {
            bytesMoved += m_bytes;
            run(QStringList{u"get"_s, u"traffic.bin"_s, u"--out"_s, m_out, u"--force"_s} + common(), [this]() {
                bytesMoved += m_bytes;
                if (!m_remove)
                    return putNext();
                run(QStringList{u"rm"_s, u"traffic.bin"_s} + common(), [this]() { putNext(); });
            });
        });
    }

    QString m_file, m_out, m_network, m_client;
    qint64 m_bytes;
    bool m_remove;
    quint32 m_seed = 1000;
    bool m_running = false;
    QProcess *m_process = nullptr;
};

// ------------------------------------------------------------ part 1: a real paper node

struct DevnetOptions {
    QString base;
    int window = 20;
    int files = 16;
    qint64 trafficBytes = qint64(64) * 1024 * 1024;
    bool trafficRemoves = false;
};

struct AuditCount {
    bool ok = false;
    qint64 passed = 0;
    qint64 failed = 0;
};

// The audits the paper node has done so far, as `stratus nodes` shows them
// (medians over validators: with one validator, its own totals).
AuditCount readAudits(const QString &network, const QString &observer)
{
    const Run r = runCli({u"nodes"_s, u"--network"_s, network, u"--data"_s, observer, u"--json"_s});
    AuditCount c;
    if (r.exitCode != 0)
        return c;
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    if (o.value(u"validators_answered"_s).toInt() < 1)
        return c;
    for (const QJsonValue &n : o.value(u"nodes"_s).toArray()) {
        c.passed += n[u"audits_passed"_s].toInteger();
        c.failed += n[u"audits_failed"_s].toInteger();
    }
    c.ok = true;
    return c;
}

// The paper node's "audit failed" log lines (why an audit failed).
QStringList auditFailureLines(const QString &devnet)
{
    QStringList lines;
    for (const QString &sub : QDir(devnet).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile log(u"%1/%2/node.log"_s.arg(devnet, sub));
        if (!log.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : log.readAll().split('\n'))
            if (line.contains("audit failed"))
                lines.append(u"%1: %2"_s.arg(sub, QString::fromUtf8(line)));
    }
    return lines;
}

struct OwnAudit {
    double seconds = 0;
    double cpu = 0;
    int rounds = 0;
    qint64 audits = 0;
    qint64 proofFailures = 0;
    qint64 pingFailures = 0;
    QStringList failures; // the first few, with the reason
};

// An auditor in this process against the devnet's storage nodes: a round
// every `interval` (nodes still busy from the last round are skipped, as in
// the paper node), measured for `seconds` after one second of warm-up. The
// nodes run in other processes, so this process's CPU time is the auditor's.
OwnAudit runOwnAuditor(const QList<validator::AuditTarget> &targets, std::chrono::milliseconds interval, int seconds,
                       const QString &scratch)
{
    validator::AuditSettings settings;
    settings.interval = interval;
    settings.challengesPerRound = 4;
    settings.throughputEvery = 0;
    settings.bindAddress = QHostAddress::LocalHost;
    auto tls = net::makeTlsCredentials();
    if (!tls)
        qFatal("cannot make TLS credentials: %s", qPrintable(tls.message()));
    validator::Auditor auditor(crypto::SigningKey::generate(), std::make_shared<const net::TlsCredentials>(tls.value()),
                               settings, nullptr, scratch);
    auditor.setTargets(targets);
    OwnAudit r;
    QObject::connect(&auditor, &validator::Auditor::audited, [&r](const validator::AuditEvent &e) {
        if (e.ok)
            return;
        (e.kind == u"proof"_s ? r.proofFailures : r.pingFailures)++;
        if (r.failures.size() < 5)
            r.failures.append(u"%1 %2: %3"_s.arg(e.kind, e.node.shortString(), e.detail));
    });
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &auditor, &validator::Auditor::runRound);
    timer.start(interval);
    auditor.runRound();
    spin(1000);
    const qint64 audits0 = auditor.auditsDone();
    const int round0 = auditor.round();
    const double cpu0 = selfCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    spin(seconds * 1000);
    r.seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    r.cpu = selfCpuSeconds() - cpu0;
    r.audits = auditor.auditsDone() - audits0;
    r.rounds = auditor.round() - round0;
    timer.stop();
    for (int i = 0; i < 100 && auditor.busy(); ++i)
        spin(50);
    return r;
}

// The storage nodes of a devnet, from `stratus devnet status --json`.
QList<validator::AuditTarget> storageTargets(const QJsonArray &nodes)
{
    QList<validator::AuditTarget> targets;
    for (const QJsonValue &n : nodes) {
        if (n[u"role"_s].toString() != u"storage"_s)
            continue;
        auto id = crypto::NodeId::parse(n[u"id"_s].toString());
        const QString address = n[u"address"_s].toString();
        const qsizetype colon = address.lastIndexOf(u':');
        if (!id || colon < 0)
            continue;
        const auto port = static_cast<quint16>(address.mid(colon + 1).toUInt());
        targets.append(validator::AuditTarget{
            id.value(), discovery::Endpoint{QHostAddress(address.left(colon)), port, static_cast<quint16>(port + 1)},
            n[u"name"_s].toString()});
    }
    return targets;
}

// One devnet with the paper node auditing every `interval` seconds; fills
// `out` with prefix_* figures. False on a failure or a failed audit (reported).
// With `ownInterval` > 0, an auditor in this process then audits the same
// nodes at that interval for the same window (the paper node, at a long
// interval, stays out of the way).
bool measurePaperNode(const DevnetOptions &o, double interval, const QString &prefix, QJsonObject &out,
                      std::chrono::milliseconds ownInterval = {})
{
    const QString dir = u"%1/%2"_s.arg(o.base, prefix);
    const QString devnet = dir + u"/devnet"_s;
    const QString network = devnet + u"/network.json"_s;
    const QString client = dir + u"/client"_s;
    const QString observer = dir + u"/observer"_s; // its own account: no lock shared with the traffic client
    QDir().mkpath(dir);

    setDevnetDir(devnet);
    QList<qint64> pids;
    auto down = qScopeGuard([&]() {
        runCli({u"devnet"_s, u"down"_s, u"--dir"_s, devnet});
        g_devnetDir[0] = 0;
        QElapsedTimer grace;
        grace.start();
        const auto anyAlive = [&]() {
            return std::any_of(pids.cbegin(), pids.cend(), [](qint64 pid) { return processAlive(pid); });
        };
        while (anyAlive() && grace.elapsed() < 5000)
            QThread::msleep(100);
        for (qint64 pid : std::as_const(pids))
            if (processAlive(pid))
                std::fprintf(stderr, "warning: node process %lld is still running after devnet down\n",
                             static_cast<long long>(pid));
    });
    if (runCli({u"devnet"_s, u"up"_s, u"--nodes"_s, QString::number(kStorageNodes), u"--validators"_s, u"1"_s,
                u"--audit-interval"_s, QString::number(interval), u"--epoch"_s, u"10"_s, u"--dir"_s, devnet})
            .exitCode)
        return false;
    const Run status = runCli({u"devnet"_s, u"status"_s, u"--dir"_s, devnet, u"--json"_s});
    qint64 paperPid = 0;
    const QJsonArray nodes = QJsonDocument::fromJson(status.out).object().value(u"nodes"_s).toArray();
    for (const QJsonValue &n : nodes) {
        pids.append(n[u"pid"_s].toInteger());
        if (n[u"role"_s].toString() == u"paper"_s)
            paperPid = n[u"pid"_s].toInteger();
    }
    if (paperPid <= 0 || processCpuSeconds(paperPid) < 0) {
        std::fprintf(stderr, "no running paper node in `stratus devnet status --json`: %s\n", status.out.constData());
        return false;
    }

    // Data for the nodes to hold (and the paper node to audit).
    for (int i = 0; i < o.files; ++i) {
        const QString file = u"%1/file%2.bin"_s.arg(dir).arg(i);
        writeRandom(file, 1024 * 1024, static_cast<quint32>(i + 1));
        if (runCli({u"put"_s, file, u"--network"_s, network, u"--data"_s, client}).exitCode)
            return false;
    }

    Traffic traffic(dir, network, client, o.trafficBytes, o.trafficRemoves);
    traffic.start();
    spin(3000); // the traffic is under way, every node's claims are in

    QElapsedTimer clock;
    clock.start();
    const double cpu0 = processCpuSeconds(paperPid);
    const AuditCount a0 = readAudits(network, observer);
    spin(o.window * 1000);
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const double cpu1 = processCpuSeconds(paperPid);
    const AuditCount a1 = readAudits(network, observer);
    const int trafficOps = traffic.operations, trafficFailures = traffic.failures;
    const qint64 trafficBytes = traffic.bytesMoved;
    OwnAudit own;
    if (ownInterval.count() > 0)
        own = runOwnAuditor(storageTargets(nodes), ownInterval, o.window, dir);
    traffic.stop();
    if (!a0.ok || !a1.ok || cpu1 < 0) {
        std::fprintf(stderr, "could not read the paper node's audits or CPU time\n");
        return false;
    }

    const double cpu = cpu1 - cpu0;
    const qint64 audits = (a1.passed + a1.failed) - (a0.passed + a0.failed);
    const double rounds = seconds / interval;
    const bool hasRounds = rounds >= 1;
    out[prefix + u"_interval_s"_s] = interval;
    out[prefix + u"_window_s"_s] = seconds;
    out[prefix + u"_audits"_s] = audits;
    out[prefix + u"_audits_failed"_s] = a1.failed - a0.failed;
    out[prefix + u"_audits_per_s"_s] = static_cast<double>(audits) / seconds;
    out[prefix + u"_cpu_s"_s] = cpu;
    out[prefix + u"_cpu_pct"_s] = 100.0 * cpu / seconds;
    if (hasRounds) {
        out[prefix + u"_rounds"_s] = rounds;
        out[prefix + u"_cpu_s_per_round"_s] = cpu / rounds;
        out[prefix + u"_cpu_s_per_audit"_s] = audits > 0 ? cpu / static_cast<double>(audits) : 0.0;
        out[prefix + u"_cpu_pct_at_300s"_s] = 100.0 * (cpu / rounds) / 300.0;
    }
    out[prefix + u"_traffic_ops"_s] = trafficOps;
    out[prefix + u"_traffic_failures"_s] = trafficFailures;
    out[prefix + u"_traffic_mb_per_s"_s] = static_cast<double>(trafficBytes) / 1e6 / seconds;
    std::printf("paper node, audit interval %g s, %.1f s under traffic (%d client ops, %.0f MB/s, %d failed):\n"
                "  %lld audits (%lld failed) = %.1f audits/s; CPU %.2f s = %.2f%% of one core\n",
                interval, seconds, trafficOps, out[prefix + u"_traffic_mb_per_s"_s].toDouble(), trafficFailures,
                static_cast<long long>(audits), static_cast<long long>(a1.failed - a0.failed),
                out[prefix + u"_audits_per_s"_s].toDouble(), cpu, out[prefix + u"_cpu_pct"_s].toDouble());
    if (hasRounds)
        std::printf("  %.2f ms of CPU per audit, %.2f ms per round -> %.4f%% of one core at a 300 s interval\n",
                    1000.0 * out[prefix + u"_cpu_s_per_audit"_s].toDouble(), 1000.0 * cpu / rounds,
                    out[prefix + u"_cpu_pct_at_300s"_s].toDouble());
    if (ownInterval.count() > 0) {
        const QString p = prefix + u"_own"_s;
        out[p + u"_interval_s"_s] = static_cast<double>(ownInterval.count()) / 1000.0;
        out[p + u"_window_s"_s] = own.seconds;
        out[p + u"_rounds"_s] = own.rounds;
        out[p + u"_audits"_s] = own.audits;
        out[p + u"_audits_per_s"_s] = own.seconds > 0 ? static_cast<double>(own.audits) / own.seconds : 0.0;
        out[p + u"_proof_failures"_s] = own.proofFailures;
        out[p + u"_ping_failures"_s] = own.pingFailures;
        out[p + u"_cpu_pct"_s] = own.seconds > 0 ? 100.0 * own.cpu / own.seconds : 0.0;
        out[p + u"_cpu_s_per_audit"_s] = own.audits > 0 ? own.cpu / static_cast<double>(own.audits) : 0.0;
        std::printf("in-process auditor against the same %d nodes, a round every %lld ms, %.1f s: %d rounds, %lld "
                    "audits = %.1f audits/s (%lld proof and %lld ping failures); its CPU %.2f%% of one core, %.2f "
                    "ms per audit\n",
                    kStorageNodes, static_cast<long long>(ownInterval.count()), own.seconds, own.rounds,
                    static_cast<long long>(own.audits), out[p + u"_audits_per_s"_s].toDouble(),
                    static_cast<long long>(own.proofFailures), static_cast<long long>(own.pingFailures),
                    out[p + u"_cpu_pct"_s].toDouble(), 1000.0 * out[p + u"_cpu_s_per_audit"_s].toDouble());
        for (const QString &f : std::as_const(own.failures))
            std::printf("  failure: %s\n", qPrintable(f));
    }
    const QStringList failures = auditFailureLines(devnet);
    for (qsizetype i = 0; i < std::min<qsizetype>(failures.size(), 5); ++i)
        std::printf("  %s\n", qPrintable(failures[i]));
    std::fflush(stdout);
    // The nodes are honest: any failed audit is a false failure (a bug).
    return a1.failed == a0.failed && own.proofFailures == 0 && own.pingFailures == 0;
}

// ------------------------------------------------------------ part 2: 1,000 audit targets

struct FleetOptions {
    QString base;
    int targets = 1000;
    int rounds = 4;
    int concurrency = 64;
    int keepConnections = 2000;
};

QHostAddress targetAddress(int i) { return QHostAddress(u"127.0.%1.%2"_s.arg(1 + i / 250).arg(1 + i % 250)); }

// The storage node's `claims` and `prove`, answered from prebuilt contracts
// and the shared store.
void installTargetHandlers(net::ControlServer &server, node::ShardStore *store, const crypto::SigningKey *key,
                           const QList<QByteArray> *contracts)
{
    server.setHandler(u"record"_s, [](const crypto::NodeId &, const QCborMap &, net::Responder r) { r.ok({}); });
    server.setHandler(u"claims"_s, [contracts](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const QCborValue picks = body.value(u"picks"_s);
        if (!picks.isArray())
            return (void)r.error(u"bad-request"_s, u"picks: a list of numbers"_s);
        QCborArray out;
        for (const QCborValue &pick : picks.toArray()) {
            if (!pick.isInteger() || pick.toInteger() < 0)
                return (void)r.error(u"bad-request"_s, u"picks: a list of unsigned numbers"_s);
            out.append(contracts->at(static_cast<qsizetype>(pick.toInteger() % contracts->size())));
        }
        r.ok(QCborMap{{u"count"_s, static_cast<qint64>(contracts->size())}, {u"contracts"_s, out}});
    });
    server.setHandler(u"prove"_s, [store, key](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto challenge = node::decodeProofChallenge(body.value(u"challenge"_s).toByteArray());
        if (!challenge)
            return (void)r.error(u"bad-request"_s, challenge.message());
        if (!store->has(challenge->shard))
            return (void)r.error(u"not-found"_s, u"this node does not hold the shard"_s);
        auto proof = store->prove(challenge.value(), *key);
        if (!proof)
            return (void)r.error(u"internal"_s, proof.message());
        r.ok(QCborMap{{u"proof"_s, node::encodeProofResponse(proof.value())}});
    });
}

bool measureFleet(FleetOptions o, QJsonObject &out)
{
    // Descriptors: a listening socket per target, and both ends of each
    // control connection the auditor keeps.
    rlimit rl{};
    ::getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
    ::getrlimit(RLIMIT_NOFILE, &rl);
    const auto limit = static_cast<qint64>(rl.rlim_cur);
    const qint64 reserve = 128;
    if (limit < qint64(o.targets) * 3 + reserve) {
        std::printf("fleet: %lld file descriptors do not fit %d servers with kept connections: each node's "
                    "connection is closed after its audit (keepConnections 0)\n",
                    static_cast<long long>(limit), o.targets);
        o.keepConnections = 0;
        if (limit < qint64(o.targets) + 2 * qint64(o.concurrency) + reserve) {
            std::fprintf(stderr, "fleet: %lld file descriptors are too few for %d servers\n",
                         static_cast<long long>(limit), o.targets);
            return false;
        }
    }

    // One real store with a few real shards, shared by every target.
    node::ShardStoreOptions so;
    so.capacity = qint64(1) << 30;
    so.diskReserve = 0;
    auto store = node::ShardStore::open(o.base + u"/fleet-store"_s, so);
    if (!store) {
        std::fprintf(stderr, "fleet: %s\n", qPrintable(store.message()));
        return false;
    }
    std::vector<object::ShardId> shards;
    const qint64 sizes[] = {3 * 16384 + 5, 256 * 1024, 1024 * 1024 + 1234, 4 * 1024 * 1024};
    for (const qint64 size : sizes) {
        const QString file = o.base + u"/shard.tmp"_s;
        writeRandom(file, size, static_cast<quint32>(size));
        QFile f(file);
        f.open(QIODevice::ReadOnly);
        const QByteArray data = f.readAll();
        const object::ShardId id{object::merkleRoot(reinterpret_cast<const std::uint8_t *>(data.constData()),
                                                    static_cast<std::size_t>(size)),
                                 size};
        if (Status st = store.value()->importFile(id, file); !st) {
            std::fprintf(stderr, "fleet: cannot import a shard: %s\n", qPrintable(st.message()));
            return false;
        }
        QFile::remove(file);
        shards.push_back(id);
    }

    auto tls = net::makeTlsCredentials();
    if (!tls) {
        std::fprintf(stderr, "fleet: %s\n", qPrintable(tls.message()));
        return false;
    }

    // Identities and contracts (a client signs, each target countersigns).
    QElapsedTimer setup;
    setup.start();
    const crypto::SigningKey clientKey = crypto::SigningKey::generate();
    const crypto::NodeId clientId = crypto::NodeId::fromPublicKey(clientKey.publicKey());
    std::vector<crypto::SigningKey> keys;
    keys.reserve(static_cast<std::size_t>(o.targets));
    std::vector<QList<QByteArray>> contracts(static_cast<std::size_t>(o.targets));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < o.targets; ++i) {
        keys.push_back(crypto::SigningKey::generate());
        const crypto::NodeId nodeId = crypto::NodeId::fromPublicKey(keys.back().publicKey());
        for (const object::ShardId &shard : shards) {
            node::ContractTerms terms;
            terms.shard = shard;
            terms.client = clientId;
            terms.node = nodeId;
            terms.startMs = now;
            terms.expiryMs = now + qint64(30) * 24 * 3600 * 1000;
            terms.price = 1'000'000;
            terms.nonce = crypto::randomBytes(node::kNonceSize);
            auto contract = node::signContract(terms, clientKey);
            if (!contract) {
                std::fprintf(stderr, "fleet: cannot sign a contract: %s\n", qPrintable(contract.message()));
                return false;
            }
            if (Status st = node::countersignContract(contract.value(), keys.back()); !st) {
                std::fprintf(stderr, "fleet: cannot countersign a contract: %s\n", qPrintable(st.message()));
                return false;
            }
            contracts[static_cast<std::size_t>(i)].append(node::encodeSignedContract(contract.value()));
        }
    }

    // The servers (declared before the auditor: it goes first).
    std::vector<std::unique_ptr<net::ControlServer>> servers;
    QList<validator::AuditTarget> targets;
    for (int i = 0; i < o.targets; ++i) {
        const auto k = static_cast<std::size_t>(i);
        auto server = std::make_unique<net::ControlServer>(keys[k], tls.value());
        installTargetHandlers(*server, store.value().get(), &keys[k], &contracts[k]);
        if (Status st = server->listen(targetAddress(i), 0); !st) {
            std::fprintf(stderr, "fleet: %s\n", qPrintable(st.message()));
            return false;
        }
        targets.append(validator::AuditTarget{
            server->nodeId(), discovery::Endpoint{targetAddress(i), server->port(), server->port()}, u"t%1"_s.arg(i)});
        servers.push_back(std::move(server));
    }
    const double setupSeconds = static_cast<double>(setup.nsecsElapsed()) / 1e9;

    validator::AuditSettings settings;
    settings.challengesPerRound = 4;
    settings.throughputEvery = 0;
    settings.maxConcurrentNodes = o.concurrency;
    settings.keepConnections = o.keepConnections;
    settings.bindAddress = QHostAddress::LocalHost;
    QTemporaryDir scratch(o.base + u"/fleet-scratch-XXXXXX"_s);
    auto auditor = std::make_unique<validator::Auditor>(crypto::SigningKey::generate(),
                                                        std::make_shared<const net::TlsCredentials>(tls.value()),
                                                        settings, nullptr, scratch.path());
    auditor->setTargets(targets);

    qint64 pingFailures = 0, proofFailures = 0;
    QStringList firstFailures;
    QObject::connect(auditor.get(), &validator::Auditor::audited, [&](const validator::AuditEvent &e) {
        if (e.ok)
            return;
        (e.kind == u"proof"_s ? proofFailures : pingFailures)++;
        if (firstFailures.size() < 5)
            firstFailures.append(u"%1 %2: %3"_s.arg(e.kind, e.node.shortString(), e.detail));
    });

    QEventLoop loop;
    QObject::connect(auditor.get(), &validator::Auditor::nodeFinished, &loop, [&]() {
        if (!auditor->busy())
            loop.quit();
    });
    QJsonArray roundSeconds;
    double firstSeconds = 0, laterSeconds = 0, laterCpu = 0, lastSeconds = 0;
    qint64 laterAudits = 0;
    for (int r = 0; r < o.rounds; ++r) {
        const qint64 auditsBefore = auditor->auditsDone();
        const double cpuBefore = selfCpuSeconds();
        QElapsedTimer t;
        t.start();
        auditor->runRound();
        QTimer watchdog;
        watchdog.setSingleShot(true);
        QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
        watchdog.start(std::chrono::minutes(5));
        if (auditor->busy())
            loop.exec();
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        if (auditor->busy()) {
            std::fprintf(stderr, "fleet: round %d did not finish in 5 minutes\n", r + 1);
            return false;
        }
        const qint64 audits = auditor->auditsDone() - auditsBefore;
        const double cpu = selfCpuSeconds() - cpuBefore;
        roundSeconds.append(s);
        std::printf("fleet round %d: %d nodes in %.2f s, %lld audits (%.0f/s), bench process CPU %.2f s\n", r + 1,
                    o.targets, s, static_cast<long long>(audits), static_cast<double>(audits) / s, cpu);
        std::fflush(stdout);
        if (r == 0) {
            firstSeconds = s;
        } else {
            laterSeconds += s;
            laterCpu += cpu;
            laterAudits += audits;
        }
        lastSeconds = s;
    }

    qint64 passed = 0, failed = 0;
    for (const validator::NodeReputation &rep : auditor->reputations()) {
        passed += rep.auditsPassedTotal();
        failed += rep.auditsFailedTotal();
    }
    const qint64 expected = qint64(o.rounds) * o.targets * settings.challengesPerRound;
    const int later = o.rounds - 1;
    out[u"fleet_targets"_s] = o.targets;
    out[u"fleet_rounds"_s] = o.rounds;
    out[u"fleet_concurrency"_s] = o.concurrency;
    out[u"fleet_keep_connections"_s] = o.keepConnections;
    out[u"fleet_fd_limit"_s] = limit;
    out[u"fleet_setup_s"_s] = setupSeconds;
    out[u"fleet_round_s"_s] = roundSeconds;
    out[u"fleet_first_round_s"_s] = firstSeconds;
    out[u"fleet_later_round_s"_s] = later > 0 ? laterSeconds / later : 0.0;
    out[u"fleet_last_round_s"_s] = lastSeconds;
    out[u"fleet_audits_per_s"_s] = laterSeconds > 0 ? static_cast<double>(laterAudits) / laterSeconds : 0.0;
    out[u"fleet_cpu_s_per_audit"_s] = laterAudits > 0 ? laterCpu / static_cast<double>(laterAudits) : 0.0;
    out[u"fleet_audits_passed"_s] = passed;
    out[u"fleet_audits_failed"_s] = failed;
    out[u"fleet_audits_expected"_s] = expected;
    out[u"fleet_ping_failures"_s] = pingFailures;
    std::printf("fleet: %d targets (setup %.1f s), %d rounds: first %.2f s (with %d TLS handshakes), later %.2f s "
                "on average = %.0f audits/s, %.3f ms of CPU per audit (auditor and servers together, on one thread); "
                "%lld passed, %lld failed of %lld, %lld ping failures\n",
                o.targets, setupSeconds, o.rounds, firstSeconds, o.targets, out[u"fleet_later_round_s"_s].toDouble(),
                out[u"fleet_audits_per_s"_s].toDouble(), 1000.0 * out[u"fleet_cpu_s_per_audit"_s].toDouble(),
                static_cast<long long>(passed), static_cast<long long>(failed), static_cast<long long>(expected),
                static_cast<long long>(pingFailures));
    for (const QString &f : std::as_const(firstFailures))
        std::printf("  failure: %s\n", qPrintable(f));
    std::fflush(stdout);

    auditor.reset();
    servers.clear();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return failed == 0 && pingFailures == 0 && proofFailures == 0 && passed == expected;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"stratus.net.info=false"_s);
    const QStringList args = app.arguments();
    DevnetOptions devnet;
    FleetOptions fleet;
    QList<double> intervals{0.2, 0.1};
    bool idle = true, skipDevnet = false, skipFleet = false, keep = false;
    QString base = QDir::tempPath();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == u"--window"_s && hasValue)
            devnet.window = args[++i].toInt();
        else if (a == u"--intervals"_s && hasValue) {
            intervals.clear();
            for (const QString &s : args[++i].split(u','))
                intervals.append(s.toDouble());
        } else if (a == u"--no-idle"_s)
            idle = false;
        else if (a == u"--targets"_s && hasValue)
            fleet.targets = args[++i].toInt();
        else if (a == u"--rounds"_s && hasValue)
            fleet.rounds = std::max(2, args[++i].toInt());
        else if (a == u"--concurrency"_s && hasValue)
            fleet.concurrency = args[++i].toInt();
        else if (a == u"--skip-devnet"_s)
            skipDevnet = true;
        else if (a == u"--skip-fleet"_s)
            skipFleet = true;
        else if (a == u"--keep"_s)
            keep = true;
        else if (a == u"--with-rm"_s)
            devnet.trafficRemoves = true;
        else if (a == u"--dir"_s && hasValue)
            base = args[++i];
        else {
            std::fprintf(stderr, "unknown argument %s (see the comment at the top of bench_validator.cpp)\n",
                         qPrintable(a));
            return 2;
        }
    }
    if (fleet.targets < 1 || fleet.targets > 250 * 250 || devnet.window < 1) {
        std::fprintf(stderr, "--targets takes 1 to 62500, --window at least 1 s\n");
        return 2;
    }

    std::snprintf(g_stratusPath, sizeof g_stratusPath, "%s", qPrintable(kStratus));
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        std::signal(sig, onFatalSignal);

    QTemporaryDir tmp(base + u"/stratus-bench-validator-XXXXXX"_s);
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a directory under %s\n", qPrintable(base));
        return 1;
    }
    tmp.setAutoRemove(!keep);
    if (keep)
        std::printf("keeping the data (nodes' logs) in %s\n", qPrintable(tmp.path()));
    devnet.base = tmp.path();
    fleet.base = tmp.path();
    QJsonObject result{{u"bench"_s, u"validator"_s}, {u"storage_nodes"_s, kStorageNodes}};
    bool ok = true;

    if (!skipDevnet) {
        for (const double interval : std::as_const(intervals))
            ok = measurePaperNode(devnet, interval, u"paper_i%1ms"_s.arg(qRound(interval * 1000)), result) && ok;
        if (idle)
            ok = measurePaperNode(devnet, 86400, u"paper_idle"_s, result, std::chrono::milliseconds(50)) && ok;
        if (result.contains(u"paper_idle_cpu_pct"_s)) {
            // The fixed cost (no rounds in the window) plus what rounds add.
            const double idlePct = result[u"paper_idle_cpu_pct"_s].toDouble();
            for (const double interval : std::as_const(intervals)) {
                const QString p = u"paper_i%1ms"_s.arg(qRound(interval * 1000));
                if (!result.contains(p + u"_rounds"_s))
                    continue;
                const double window = result[p + u"_window_s"_s].toDouble();
                const double roundCpu = std::max(0.0, result[p + u"_cpu_s"_s].toDouble() - idlePct / 100.0 * window) /
                                        result[p + u"_rounds"_s].toDouble();
                result[p + u"_cpu_pct_at_300s_with_idle"_s] = idlePct + 100.0 * roundCpu / 300.0;
                std::printf("from interval %g s: %.2f ms per round above the idle cost -> %.3f%% of one core at "
                            "300 s including the idle %.3f%%\n",
                            interval, 1000.0 * roundCpu, result[p + u"_cpu_pct_at_300s_with_idle"_s].toDouble(),
                            idlePct);
            }
        }
    }
    if (!skipFleet)
        ok = measureFleet(fleet, result) && ok;
    result[u"ok"_s] = ok;
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return ok ? 0 : 1;
}
