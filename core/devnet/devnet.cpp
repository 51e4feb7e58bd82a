#include "devnet/devnet.h"

#include "common/key_file.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "devnet/address_picker.h"
#include "devnet/log.h"
#include "devnet/process_control.h"
#include "discovery/network_file.h"
#include "discovery/node_keys.h"
#include "ledger/economics.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>

using namespace Qt::StringLiterals;

namespace stratus::devnet {

namespace {

QString logFileOf(const DevnetNode &n) { return n.dataDir + u"/node.log"_s; }

QString lastLines(const QString &path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const qint64 size = f.size();
    f.seek(std::max<qint64>(0, size - 4096));
    QStringList all = QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(u"\n    "_s);
}

Status startNode(DevnetNode &node, const QString &program, const QString &networkFile)
{
    auto pid = startDetached(program, Devnet::nodeArguments(node, networkFile), logFileOf(node));
    if (!pid)
        return pid.error();
    node.pid = pid.value();
    return {};
}

// Waits until every node in `names` answers, or one of them exits.
Status waitReady(DevnetLayout &layout, const QStringList &names, const NodeProbe &probe, int timeoutMs)
{
    QStringList pending = names;
    QElapsedTimer t;
    t.start();
    while (!pending.isEmpty()) {
        for (qsizetype i = pending.size() - 1; i >= 0; --i) {
            DevnetNode *n = layout.find(pending[i]);
            if (!isOurProcess(n->pid, n->dataDir))
                return makeError(u"%1 exited while starting; its log (%2) ends with:\n    %3"_s.arg(
                    n->name, logFileOf(*n), lastLines(logFileOf(*n), 5)));
            if (probe(*n).answered)
                pending.removeAt(i);
        }
        if (pending.isEmpty())
            break;
        if (t.elapsed() > timeoutMs)
            return makeError(
                u"%1 did not answer within %2 s; see node.log in their data directories"_s.arg(pending.join(u", "_s))
                    .arg(timeoutMs / 1000));
        QThread::msleep(50);
    }
    return {};
}

} // namespace

QString toString(NodeState s)
{
    switch (s) {
    case NodeState::Running:
        return u"running"_s;
    case NodeState::Unresponsive:
        return u"unresponsive"_s;
    case NodeState::Stopped:
        break;
    }
    return u"stopped"_s;
}

QStringList Devnet::nodeArguments(const DevnetNode &node, const QString &networkFile)
{
    QStringList args{u"node"_s,         u"run"_s,
                     u"--data"_s,       node.dataDir,
                     u"--listen"_s,     u"%1:%2"_s.arg(node.endpoint.address.toString()).arg(node.endpoint.controlPort),
                     u"--swarm-port"_s, QString::number(node.endpoint.swarmPort),
                     u"--network"_s,    networkFile};
    if (node.storageBytes > 0)
        args << u"--storage"_s << QString::number(node.storageBytes);
    if (node.validator) {
        args << u"--validator"_s;
        if (node.name == u"paper1"_s)
            args << u"--faucet"_s << QFileInfo(networkFile).absolutePath() + u"/treasury.seed"_s;
        if (node.auditIntervalMs > 0)
            args << u"--audit-interval"_s << QString::number(static_cast<double>(node.auditIntervalMs) / 1000.0);
    }
    return args;
}

Result<DevnetLayout> Devnet::up(const DevnetSpec &spec, const NodeProbe &probe)
{
    if (spec.nodes < 1 || spec.nodes > 200)
        return makeError(u"--nodes must be between 1 and 200"_s);
    if (spec.validators < 0 || spec.validators > 50)
        return makeError(u"--validators must be between 0 and 50"_s);
    if (spec.auditIntervalMs < 100 || spec.epochMs < 1000)
        return makeError(u"the audit interval must be at least 0.1 s and the epoch at least 1 s"_s);
    if (spec.k + spec.m > spec.nodes)
        return makeError(u"a %1+%2 code needs at least %3 nodes"_s.arg(spec.k).arg(spec.m).arg(spec.k + spec.m));
    if (!QFileInfo(spec.program).isExecutable())
        return makeError(u"cannot run nodes: %1 is not an executable"_s.arg(spec.program));
    const QString dir = QDir(spec.dir).absolutePath();
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create %1"_s.arg(dir));

    // A devnet already in this directory: refuse if it runs, reuse if not.
    discovery::NetworkFile network;
    if (auto old = DevnetLayout::load(dir); old.ok()) {
        for (const DevnetNode &n : old->nodes)
            if (isOurProcess(n.pid, n.dataDir))
                return makeError(u"a local network is already running in %1 (%2 is up); stop it with `stratus devnet "
                                 u"down --dir %1`"_s.arg(dir, n.name));
        if (auto oldNetwork = discovery::NetworkFile::load(old->networkFile()); oldNetwork.ok())
            network = oldNetwork.value();
    }
    if (network.name.isEmpty()) {
        network.name = u"devnet-%1"_s.arg(QRandomGenerator::system()->generate() & 0xffff, 4, 16, QLatin1Char('0'));
        network.genesisMs = QDateTime::currentMSecsSinceEpoch();
    }
    network.k = spec.k;
    network.m = spec.m;
    network.local = true;
    network.epochMs = spec.epochMs;
    ledger::Economics economics = ledger::Economics::devnet(spec.epochMs);
    if (spec.faucetCredits >= 0)
        economics.faucetGrant = spec.faucetCredits;
    network.economics = economics.toJson();
    // The devnet's treasury: its first paper node runs the faucet with it.
    const QString treasuryFile = dir + u"/treasury.seed"_s;
    if (!QFileInfo::exists(treasuryFile))
        if (Status st = writeKeyFile(treasuryFile, crypto::randomKey().toByteArray()); !st)
            return st.error();
    auto treasurySeed = readKeyFile(treasuryFile, crypto::Key256::size);
    if (!treasurySeed)
        return treasurySeed.error();
    crypto::Key256 seed;
    crypto::Key256::fromBytes(treasurySeed.value(), seed);
    network.treasuryKey = crypto::SigningKey(seed).publicKey();
    network.bootstrap.clear();
    network.validators.clear();

    auto endpoints = pickLoopbackEndpoints(spec.nodes + spec.validators);
    if (!endpoints)
        return endpoints.error();
    DevnetLayout layout;
    layout.dir = dir;
    layout.networkName = network.name;
    for (int i = 0; i < spec.nodes + spec.validators; ++i) {
        DevnetNode n;
        const bool paper = i >= spec.nodes;
        n.name = paper ? u"paper%1"_s.arg(i - spec.nodes + 1) : u"node%1"_s.arg(i + 1);
        n.dataDir = dir + u'/' + n.name;
        auto keys = discovery::NodeKeys::loadOrCreate(n.dataDir);
        if (!keys)
            return keys.error();
        n.id = keys->id;
        n.endpoint = endpoints->at(i);
        if (paper) {
            n.validator = true;
            n.auditIntervalMs = spec.auditIntervalMs;
            network.validators.append(discovery::BootstrapNode{n.id, n.endpoint, n.name});
        } else {
            n.storageBytes = spec.storage.value(i, spec.storage.isEmpty() ? 1ull << 30 : spec.storage.last());
            network.bootstrap.append(discovery::BootstrapNode{n.id, n.endpoint, n.name});
        }
        layout.nodes.append(n);
    }
    if (Status st = network.save(layout.networkFile()); !st)
        return st.error();

    QStringList names;
    for (DevnetNode &n : layout.nodes) {
        if (Status st = startNode(n, spec.program, layout.networkFile()); !st) {
            // Best effort: record and stop what did start, then report the cause.
            if (layout.save())
                (void)down(dir);
            return st.error();
        }
        names << n.name;
    }
    if (Status st = layout.save(); !st)
        return st.error();
    if (Status st = waitReady(layout, names, probe, spec.readyTimeoutMs); !st) {
        if (Status stopped = down(dir); !stopped)
            qCWarning(lcDevnet).noquote() << stopped.message();
        return makeError(u"the local network did not come up: %1"_s.arg(st.message()));
    }
    qCInfo(lcDevnet).noquote() << "local network" << network.name << "is up with" << layout.nodes.size() << "nodes in"
                               << dir;
    return layout;
}

Result<QList<NodeStatus>> Devnet::status(const QString &dir, const NodeProbe &probe)
{
    auto layout = DevnetLayout::load(dir);
    if (!layout)
        return layout.error();
    QList<NodeStatus> out;
    for (const DevnetNode &n : layout->nodes) {
        NodeStatus s;
        s.node = n;
        if (isOurProcess(n.pid, n.dataDir)) {
            s.answer = probe(n);
            s.state = s.answer.answered ? NodeState::Running : NodeState::Unresponsive;
        }
        out.append(s);
    }
    return out;
}

namespace {

// Loads the devnet in `dir` and finds node `name` in it.
Result<std::pair<DevnetLayout, qsizetype>> findNode(const QString &dir, const QString &name)
{
    auto layout = DevnetLayout::load(dir);
    if (!layout)
        return layout.error();
    for (qsizetype i = 0; i < layout->nodes.size(); ++i)
        if (layout->nodes[i].name == name)
            return std::pair{std::move(layout.value()), i};
    return makeError(u"there is no node \"%1\" in %2"_s.arg(name, dir));
}

} // namespace

Status Devnet::kill(const QString &dir, const QString &name)
{
    auto found = findNode(dir, name);
    if (!found)
        return found.error();
    auto &[layout, index] = found.value();
    DevnetNode &n = layout.nodes[index];
    if (Status st = stopProcess(n.pid, n.dataDir); !st)
        return st;
    n.pid = 0;
    return layout.save();
}

Status Devnet::restart(const QString &dir, const QString &name, const QString &program, const NodeProbe &probe,
                       int readyTimeoutMs)
{
    auto found = findNode(dir, name);
    if (!found)
        return found.error();
    auto &[layout, index] = found.value();
    DevnetNode &n = layout.nodes[index];
    if (Status st = stopProcess(n.pid, n.dataDir); !st)
        return st;
    if (Status st = startNode(n, program, layout.networkFile()); !st)
        return st;
    if (Status st = layout.save(); !st)
        return st;
    return waitReady(layout, {name}, probe, readyTimeoutMs);
}

Status Devnet::down(const QString &dir)
{
    auto layout = DevnetLayout::load(dir);
    if (!layout)
        return layout.error();
    // Ask all to stop at once, then wait for each.
    for (const DevnetNode &n : layout->nodes)
        if (isOurProcess(n.pid, n.dataDir))
            ::kill(static_cast<pid_t>(n.pid), SIGTERM);
    QStringList stuck;
    for (DevnetNode &n : layout->nodes) {
        if (!stopProcess(n.pid, n.dataDir))
            stuck << n.name;
        n.pid = 0;
    }
    if (Status st = layout->save(); !st)
        return st;
    if (!stuck.isEmpty())
        return makeError(u"could not stop %1"_s.arg(stuck.join(u", "_s)));
    return {};
}

} // namespace stratus::devnet
