#pragma once

// Local networks of real node processes on loopback (`stratus devnet`, and
// the desktop app's embedded default network).

#include "common/result.h"

#include <QList>
#include <QString>

namespace stratus::api {

struct DevnetOptions {
    QString dir;
    QString program; // the stratus binary; empty: the one beside this program
    int nodes = 8;
    int validators = 0;            // paper nodes (paper1..paperN) besides the storage nodes
    qint64 auditIntervalMs = 1000; // their audit interval
    qint64 epochMs = 10000;        // the network's epoch length
    qint64 faucetCredits = -1;     // µcr the faucet grants a new account; -1: the devnet default (1,000,000 cr)
    // Capacity of each node in order; the last entry applies to the rest.
    QList<qint64> storage{qint64(1) << 30};
    int dataShards = 4;
    int parityShards = 2;
};

struct DevnetNodeInfo {
    QString name;
    QString id;
    QString address; // control endpoint, ip:port
    QString role;    // storage, paper
    QString state;   // running, unresponsive, stopped
    qint64 usedBytes = 0;
    qint64 freeBytes = 0;
    qint64 pid = 0;
};

struct DevnetInfo {
    QString dir;
    QString networkFile;
    QList<DevnetNodeInfo> nodes;
};

Result<DevnetInfo> devnetUp(const DevnetOptions &options);
Result<DevnetInfo> devnetStatus(const QString &dir);
Status devnetKill(const QString &dir, const QString &name);
Status devnetRestart(const QString &dir, const QString &name, const QString &program = {});
Status devnetDown(const QString &dir);

} // namespace stratus::api
