#pragma once

// Running a storage node in this process (`stratus node run`, and the
// desktop app's "contribute storage" switch).

#include "common/result.h"

#include <QString>

#include <memory>

namespace stratus::api {

struct NodeOptions {
    QString dataDir;
    QString listenAddress = QStringLiteral("127.0.0.1");
    quint16 controlPort = 7400;
    quint16 swarmPort = 0; // 0: controlPort + 1
    qint64 storageBytes = qint64(1) << 30;
    QString networkFile; // optional
};

struct NodeInfo {
    QString id;
    QString address;
    quint16 controlPort = 0;
    quint16 swarmPort = 0;
    qint64 capacityBytes = 0;
    qint64 usedBytes = 0;
    qint64 shards = 0;
    QString network;
};

// A storage node running on its own thread (the node thread). Destroying it
// stops the node cleanly.
class RunningNode {
public:
    virtual ~RunningNode() = default;
    virtual NodeInfo info() const = 0;
};

Result<std::unique_ptr<RunningNode>> startNode(const NodeOptions &options);

} // namespace stratus::api
