#include "api/devnet.h"

#include "api/node_probe.h"
#include "devnet/devnet.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

QString defaultProgram() { return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(u"stratus"_s); }

DevnetInfo toInfo(const QString &dir, const QList<devnet::NodeStatus> &statuses)
{
    DevnetInfo info;
    info.dir = QDir(dir).absolutePath();
    info.networkFile = info.dir + u"/network.json"_s;
    for (const devnet::NodeStatus &s : statuses) {
        DevnetNodeInfo n;
        n.name = s.node.name;
        n.id = s.node.id.toString();
        n.role = s.node.storageBytes > 0 ? u"storage"_s : u"paper"_s;
        n.address = u"%1:%2"_s.arg(s.node.endpoint.address.toString()).arg(s.node.endpoint.controlPort);
        n.state = devnet::toString(s.state);
        n.usedBytes = static_cast<qint64>(s.answer.usedBytes);
        n.freeBytes = static_cast<qint64>(s.answer.freeBytes);
        n.pid = s.state == devnet::NodeState::Stopped ? 0 : s.node.pid;
        info.nodes.append(n);
    }
    return info;
}

} // namespace

Result<DevnetInfo> devnetUp(const DevnetOptions &options)
{
    devnet::DevnetSpec spec;
    spec.dir = options.dir;
    spec.program = options.program.isEmpty() ? defaultProgram() : options.program;
    spec.nodes = options.nodes;
    spec.validators = options.validators;
    spec.auditIntervalMs = options.auditIntervalMs;
    spec.epochMs = options.epochMs;
    spec.faucetCredits = options.faucetCredits;
    spec.storage.clear();
    for (qint64 bytes : options.storage) {
        if (bytes <= 0)
            return makeError(u"storage per node must be positive"_s);
        spec.storage.append(static_cast<quint64>(bytes));
    }
    spec.k = options.dataShards;
    spec.m = options.parityShards;
    auto layout = devnet::Devnet::up(spec, probeNode);
    if (!layout)
        return layout.error();
    return devnetStatus(options.dir);
}

Result<DevnetInfo> devnetStatus(const QString &dir)
{
    auto statuses = devnet::Devnet::status(dir, probeNode);
    if (!statuses)
        return statuses.error();
    return toInfo(dir, statuses.value());
}

Status devnetKill(const QString &dir, const QString &name) { return devnet::Devnet::kill(dir, name); }

Status devnetRestart(const QString &dir, const QString &name, const QString &program)
{
    return devnet::Devnet::restart(dir, name, program.isEmpty() ? defaultProgram() : program, probeNode);
}

Status devnetDown(const QString &dir) { return devnet::Devnet::down(dir); }

} // namespace stratus::api
