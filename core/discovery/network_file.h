#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/endpoint.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace stratus::discovery {

// A known node to start from.
struct BootstrapNode {
    crypto::NodeId id;
    Endpoint endpoint;
    QString name; // optional, e.g. "node3" on a devnet
    friend bool operator==(const BootstrapNode &, const BootstrapNode &) = default;
};

// The small file that names a network (DESIGN.md "Discovery"). JSON:
//
//   { "format": "stratus-network", "version": 1,
//     "name": "devnet-4f2a", "genesis_ms": 1764000000000,
//     "erasure": { "k": 4, "m": 2 },
//     "bootstrap": [ { "name": "node1", "id": "MFZWI3D-...", "address": "127.0.0.2",
//                      "control_port": 7400, "swarm_port": 7401 }, ... ],
//     "epoch_ms": 86400000,
//     "validators": [ { "name": "paper1", "id": "...", "address": "127.0.0.9",
//                       "control_port": 7500, "swarm_port": 7501 }, ... ],
//     "local": true }
//
// "epoch_ms" is the length of an epoch (attestations, earnings); optional,
// a day by default. "validators" are the paper nodes whose attestations
// count (DESIGN.md "Discovery"); anyone else's are observations only.
// "local" marks a network that lives on one machine (a devnet): no backup.
struct NetworkFile {
    static constexpr int kVersion = 1;
    static constexpr qint64 kDefaultEpochMs = 24 * 3600 * 1000;

    QString name;
    qint64 genesisMs = 0; // epoch 0 starts here
    qint64 epochMs = kDefaultEpochMs;
    int k = 4;
    int m = 2;
    QList<BootstrapNode> bootstrap;
    QList<BootstrapNode> validators; // the counted paper nodes
    bool local = false;
    // The network's economics (core/ledger/ECONOMICS.md), checked by
    // ledger::Economics::ofNetwork; empty: the defaults.
    QJsonObject economics;
    // The treasury's Ed25519 public key ("treasury", hex): it signs the
    // credit grants users spend. Empty: a network without credits (storage
    // is not charged against balances).
    QByteArray treasuryKey;

    QByteArray toJson() const;
    static Result<NetworkFile> parse(const QByteArray &json);
    static Result<NetworkFile> load(const QString &path);
    Status save(const QString &path) const;

    // The epoch that contains `timeMs` (0 before genesis), and when an epoch starts.
    qint64 epochAt(qint64 timeMs) const;
    qint64 epochStartMs(qint64 epoch) const { return genesisMs + epoch * epochMs; }
    bool isCountedValidator(const crypto::NodeId &id) const;
};

} // namespace stratus::discovery
