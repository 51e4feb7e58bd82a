#include "node_commands.h"

#include "api/node.h"
#include "api/process_tuning.h"
#include "arguments.h"
#include "command.h"
#include "output.h"
#include "shutdown_signals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

// "IP" or "IP:PORT" (IPv6 as "[addr]:port").
bool parseListen(const QString &text, QString &address, quint16 &port)
{
    QString host = text;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return false;
        host = text.mid(1, close - 1);
        if (close + 1 < text.size()) {
            if (text[close + 1] != u':')
                return false;
            portText = text.mid(close + 2);
        }
    } else if (text.count(u':') == 1) {
        host = text.section(u':', 0, 0);
        portText = text.section(u':', 1);
    }
    if (QHostAddress(host).isNull())
        return false;
    address = host;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint p = portText.toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            return false;
        port = static_cast<quint16>(p);
    }
    return true;
}

int run(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Run a storage node, a paper node (--validator), or both, until SIGINT or SIGTERM."_s);
    const QCommandLineOption data{u"data"_s, u"The node's data directory (created on first run)."_s, u"DIR"_s};
    const QCommandLineOption storage{
        u"storage"_s, u"Storage to offer, e.g. 500GiB (default 1GiB; with --validator: none unless given)."_s,
        u"SIZE"_s, u"1GiB"_s};
    const QCommandLineOption listen{u"listen"_s, u"Address and control port (default 127.0.0.1:7400)."_s,
                                    u"IP[:PORT]"_s, u"127.0.0.1:7400"_s};
    const QCommandLineOption swarmPort{u"swarm-port"_s, u"BitTorrent port (default: control port + 1)."_s, u"PORT"_s};
    const QCommandLineOption network{u"network"_s, u"The network file of the network to join."_s, u"FILE"_s};
    const QCommandLineOption validator{u"validator"_s,
                                       u"Run a paper node (validator): audit the network's storage nodes."_s};
    const QCommandLineOption auditInterval{
        u"audit-interval"_s, u"Seconds between audit rounds of the paper node (default 300)."_s, u"SECONDS"_s};
    const QCommandLineOption faucet{u"faucet"_s,
                                    u"With --validator: run the network's faucet with the treasury key in FILE "
                                    u"(its 32-byte seed, owner-only); a devnet's paper1 does."_s,
                                    u"FILE"_s};
    p.addOptions({data, storage, listen, swarmPort, network, validator, auditInterval, faucet});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    if (!p.isSet(data)) {
        printError(u"`stratus node run` needs --data DIR (where the node keeps its shards and keys)"_s);
        return kExitUsage;
    }
    api::NodeOptions o;
    o.validator = p.isSet(validator);
    o.storage = !o.validator || p.isSet(storage);
    if (o.validator && !p.isSet(network)) {
        printError(u"--validator needs --network FILE: the paper node audits the nodes of that network"_s);
        return kExitUsage;
    }
    if (p.isSet(auditInterval)) {
        bool ok = false;
        const double seconds = p.value(auditInterval).toDouble(&ok);
        if (!ok || seconds < 0.1 || seconds > 86400) {
            printError(u"--audit-interval takes seconds from 0.1 to 86400, e.g. 300 or 0.5"_s);
            return kExitUsage;
        }
        if (!o.validator) {
            printError(u"--audit-interval is for a paper node: add --validator"_s);
            return kExitUsage;
        }
        o.auditIntervalMs = static_cast<qint64>(seconds * 1000);
    }
    if (p.isSet(faucet) && !o.validator) {
        printError(u"--faucet is for a paper node: add --validator"_s);
        return kExitUsage;
    }
    o.faucetKeyFile = p.value(faucet);
    o.dataDir = p.value(data);
    o.networkFile = p.value(network);
    if (!parseListen(p.value(listen), o.listenAddress, o.controlPort)) {
        printError(u"--listen takes an IP address and an optional port, e.g. 127.0.0.5:7400"_s);
        return kExitUsage;
    }
    if (p.isSet(swarmPort)) {
        bool ok = false;
        const uint port = p.value(swarmPort).toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            printError(u"--swarm-port takes a port number from 1 to 65535"_s);
            return kExitUsage;
        }
        o.swarmPort = static_cast<quint16>(port);
    }
    const auto size = parseSize(p.value(storage));
    if (!size) {
        printError(u"--storage takes a size like 512MiB, 20GiB or 2TiB"_s);
        return kExitUsage;
    }
    o.storageBytes = *size;

    api::keepFreedMemoryForTransfers(); // the node hands it back when its swarm goes quiet
    ShutdownSignals signals;
    auto node = api::startNode(o);
    if (!node) {
        printError(node.message());
        return kExitFailure;
    }
    const api::NodeInfo info = node.value()->info();
    QString text = u"node %1\n  control %2:%3"_s.arg(info.id, info.address).arg(info.controlPort);
    if (info.storage)
        text += u"\n  swarm   %1:%2\n  storage %3 of %4 used, %5 shards"_s.arg(info.address)
                    .arg(info.swarmPort)
                    .arg(humanBytes(info.usedBytes), humanBytes(info.capacityBytes))
                    .arg(info.shards);
    if (info.validator)
        text += u"\n  paper node: auditing the network, log in %1/validator/log"_s.arg(o.dataDir);
    if (!info.network.isEmpty())
        text += u"\n  network %1"_s.arg(info.network);
    printLine(text);
    int stopSignal = 0;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, [&](int sig) {
        stopSignal = sig;
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    printLine(u"stopping (signal %1)"_s.arg(stopSignal));
    node.value().reset();
    printLine(u"stopped"_s);
    return kExitOk;
}

} // namespace

int runNode(const QStringList &args)
{
    const QString sub = args.value(1);
    if (sub == u"run"_s)
        return run(QStringList{u"node run"_s} + args.mid(2));
    printError(sub.isEmpty() ? u"`stratus node` needs a command: run"_s
                             : u"unknown node command \"%1\" (use: run)"_s.arg(sub));
    return kExitUsage;
}

} // namespace stratus::cli
