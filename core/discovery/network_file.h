#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/endpoint.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace stratus::discovery {

// A known node to start from.
struct BootstrapNode {
    crypto::NodeId id;
    Endpoint endpoint;
    QString name; // optional, e.g. "node3" on a devnet
};

// The small file that names a network (DESIGN.md "Discovery"). JSON:
//
//   { "format": "stratus-network", "version": 1,
//     "name": "devnet-4f2a", "genesis_ms": 1764000000000,
//     "erasure": { "k": 4, "m": 2 },
//     "bootstrap": [ { "name": "node1", "id": "MFZWI3D-...", "address": "127.0.0.2",
//                      "control_port": 7400, "swarm_port": 7401 }, ... ],
//     "validators": [ "<node id>", ... ],
//     "local": true }
//
// "local" marks a network that lives on one machine (a devnet): no backup.
struct NetworkFile {
    static constexpr int kVersion = 1;

    QString name;
    qint64 genesisMs = 0; // epoch 0 starts here
    int k = 4;
    int m = 2;
    QList<BootstrapNode> bootstrap;
    QList<crypto::NodeId> validators;
    bool local = false;

    QByteArray toJson() const;
    static Result<NetworkFile> parse(const QByteArray &json);
    static Result<NetworkFile> load(const QString &path);
    Status save(const QString &path) const;
};

} // namespace stratus::discovery
