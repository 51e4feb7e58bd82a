#include "devnet_commands.h"

#include "api/devnet.h"
#include "arguments.h"
#include "command.h"
#include "output.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

const QCommandLineOption kDir{u"dir"_s, u"Directory of the local network."_s, u"DIR"_s};
const QCommandLineOption kJson{u"json"_s, u"Print the result as JSON."_s};

void printNodes(const api::DevnetInfo &info, bool json)
{
    if (json) {
        QJsonArray nodes;
        for (const api::DevnetNodeInfo &n : info.nodes)
            nodes.append(QJsonObject{{u"name"_s, n.name},
                                     {u"id"_s, n.id},
                                     {u"role"_s, n.role},
                                     {u"address"_s, n.address},
                                     {u"state"_s, n.state},
                                     {u"used"_s, n.usedBytes},
                                     {u"free"_s, n.freeBytes},
                                     {u"pid"_s, n.pid}});
        printJson(QJsonObject{{u"dir"_s, info.dir}, {u"network"_s, info.networkFile}, {u"nodes"_s, nodes}});
        return;
    }
    printLine(u"network file: %1"_s.arg(info.networkFile));
    for (const api::DevnetNodeInfo &n : info.nodes)
        printLine(
            u"  %1  %2  %3  %4  used %5, free %6"_s
                .arg(n.name.leftJustified(7), n.state.leftJustified(12), n.address.leftJustified(22), n.id.left(15))
                .arg(humanBytes(n.usedBytes), humanBytes(n.freeBytes)));
}

bool needDir(const QCommandLineParser &p, const QString &sub)
{
    if (p.isSet(kDir))
        return true;
    printError(u"`stratus devnet %1` needs --dir DIR (the local network's directory)"_s.arg(sub));
    return false;
}

int up(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Start a local network of storage nodes on loopback addresses."_s);
    const QCommandLineOption nodes{u"nodes"_s, u"Number of storage nodes (default 8)."_s, u"N"_s, u"8"_s};
    const QCommandLineOption validators{
        u"validators"_s, u"Paper nodes (validators) to start besides the storage nodes (default 0)."_s, u"N"_s, u"0"_s};
    const QCommandLineOption auditInterval{
        u"audit-interval"_s, u"Seconds between the paper nodes' audit rounds (default 1)."_s, u"SECONDS"_s, u"1"_s};
    const QCommandLineOption epoch{u"epoch"_s, u"Length of an epoch in seconds (default 10)."_s, u"SECONDS"_s, u"10"_s};
    const QCommandLineOption storage{u"storage"_s,
                                     u"Capacity of each node (default 1GiB); a list gives node1, node2, ... their "
                                     u"own, the last one applying to the rest, e.g. 1GiB,1GiB,4MiB."_s,
                                     u"SIZE[,SIZE...]"_s, u"1GiB"_s};
    const QCommandLineOption faucet{u"faucet-credits"_s,
                                    u"Credits the faucet grants each new account (default 1000000; devnet "
                                    u"prices are a day's per epoch)."_s,
                                    u"CREDITS"_s};
    p.addOptions({kDir, nodes, validators, auditInterval, epoch, storage, faucet, kJson});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit) || !needDir(p, u"up"_s))
        return p.isSet(u"help"_s) ? exit : kExitUsage;
    api::DevnetOptions o;
    o.dir = p.value(kDir);
    bool okN = false, okV = false;
    o.nodes = p.value(nodes).toInt(&okN);
    o.validators = p.value(validators).toInt(&okV);
    o.storage.clear();
    for (const QString &part : p.value(storage).split(u',')) {
        const auto size = parseSize(part);
        if (!size) {
            printError(u"--storage takes sizes like 512MiB or 2GiB, separated by commas"_s);
            return kExitUsage;
        }
        o.storage.append(*size);
    }
    if (!okN || !okV) {
        printError(u"--nodes and --validators take whole numbers"_s);
        return kExitUsage;
    }
    bool okI = false, okE = false;
    const double interval = p.value(auditInterval).toDouble(&okI);
    const double epochSeconds = p.value(epoch).toDouble(&okE);
    if (!okI || !okE || interval < 0.1 || interval > 86400 || epochSeconds < 1 || epochSeconds > 366 * 86400.0) {
        printError(u"--audit-interval takes seconds from 0.1, --epoch seconds from 1 (e.g. 0.5 and 10)"_s);
        return kExitUsage;
    }
    o.auditIntervalMs = static_cast<qint64>(interval * 1000);
    o.epochMs = static_cast<qint64>(epochSeconds * 1000);
    if (p.isSet(faucet)) {
        bool ok = false;
        const double credits = p.value(faucet).toDouble(&ok);
        if (!ok || credits < 0 || credits > 1e9) {
            printError(u"--faucet-credits takes a number of credits from 0 to 1000000000"_s);
            return kExitUsage;
        }
        o.faucetCredits = static_cast<qint64>(credits * 1e6);
    }
    auto info = api::devnetUp(o);
    if (!info) {
        printError(info.message());
        return kExitFailure;
    }
    if (!p.isSet(kJson))
        printLine(u"local network up: %1 nodes on loopback (it lives on this machine only: no backup)"_s.arg(
            info->nodes.size()));
    printNodes(info.value(), p.isSet(kJson));
    return kExitOk;
}

int status(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Show the nodes of a local network."_s);
    p.addOptions({kDir, kJson});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit) || !needDir(p, u"status"_s))
        return p.isSet(u"help"_s) ? exit : kExitUsage;
    auto info = api::devnetStatus(p.value(kDir));
    if (!info) {
        printError(info.message());
        return kExitFailure;
    }
    printNodes(info.value(), p.isSet(kJson));
    return kExitOk;
}

int oneNode(const QStringList &args, bool restart)
{
    QCommandLineParser p;
    p.setApplicationDescription(restart ? u"Stop (if running) and start one node."_s : u"Stop one node."_s);
    p.addOptions({kDir});
    int exit = kExitOk;
    const QString sub = restart ? u"restart"_s : u"kill"_s;
    if (!parseCommandLine(p, args, {u"NAME"_s}, exit) || !needDir(p, sub))
        return p.isSet(u"help"_s) ? exit : kExitUsage;
    const QString name = p.positionalArguments().first();
    const Status st = restart ? api::devnetRestart(p.value(kDir), name) : api::devnetKill(p.value(kDir), name);
    if (!st) {
        printError(st.message());
        return kExitFailure;
    }
    printLine(restart ? u"%1 restarted"_s.arg(name) : u"%1 stopped"_s.arg(name));
    return kExitOk;
}

int down(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Stop every node of a local network (their data stays)."_s);
    p.addOptions({kDir});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit) || !needDir(p, u"down"_s))
        return p.isSet(u"help"_s) ? exit : kExitUsage;
    if (Status st = api::devnetDown(p.value(kDir)); !st) {
        printError(st.message());
        return kExitFailure;
    }
    printLine(u"local network stopped"_s);
    return kExitOk;
}

} // namespace

int runDevnet(const QStringList &args)
{
    const QString sub = args.value(1);
    const QStringList rest = QStringList{u"devnet %1"_s.arg(sub)} + args.mid(2);
    if (sub == u"up"_s)
        return up(rest);
    if (sub == u"status"_s)
        return status(rest);
    if (sub == u"kill"_s)
        return oneNode(rest, false);
    if (sub == u"restart"_s)
        return oneNode(rest, true);
    if (sub == u"down"_s)
        return down(rest);
    printError(sub.isEmpty() ? u"`stratus devnet` needs one of: up, status, kill, restart, down"_s
                             : u"unknown devnet command \"%1\" (use up, status, kill, restart or down)"_s.arg(sub));
    return kExitUsage;
}

} // namespace stratus::cli
