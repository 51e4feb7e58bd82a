#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/endpoint.h"

#include <QList>
#include <QString>

namespace stratus::devnet {

// One node of a local network, as recorded in DIR/devnet.json.
struct DevnetNode {
    QString name;    // node1, node2, ... (storage); paper1, ... (paper nodes)
    QString dataDir; // DIR/node1, ...
    crypto::NodeId id;
    discovery::Endpoint endpoint;
    quint64 storageBytes = 0;
    bool validator = false;     // runs a paper node
    qint64 auditIntervalMs = 0; // its audit interval (0: the default)
    qint64 pid = 0;             // 0: not running
};

// DIR/devnet.json: what `stratus devnet` started, so that status, kill,
// restart and down find the processes again.
struct DevnetLayout {
    QString dir;
    QString networkName;
    QList<DevnetNode> nodes;

    QString networkFile() const { return dir + QStringLiteral("/network.json"); }
    QString layoutFile() const { return dir + QStringLiteral("/devnet.json"); }
    DevnetNode *find(const QString &name);

    Status save() const;
    static Result<DevnetLayout> load(const QString &dir);
};

} // namespace stratus::devnet
