#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "discovery/network_file.h"
#include "ledger/economics.h"
#include "ledger/evidence.h"
#include "node/node_database.h"

#include <QCborMap>
#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <memory>

class QTimer;

namespace stratus::nodeservice {

class PeerClients;

struct EpochCloserConfig {
    discovery::NetworkFile network;
    ledger::Economics economics;
    qint64 capacityBytes = 0;
    // How long after an epoch ends the node waits before closing it, so the
    // validators have attested it (they close theirs on their first audit
    // round after the boundary).
    std::chrono::milliseconds settle{0}; // 0: a fifth of the epoch, 2 s to 30 min
};

// Closes the storage node's epochs (core/ledger/STATEMENTS.md): when an
// epoch has ended (plus the settle time) it fetches the counted validators'
// attestations and summaries of it, builds and signs the statement from the
// node database, records it once, and submits it to the validators, who
// check a random sample of its receipts and log what they found. Epochs
// missed while the node was down are closed after restart, oldest first.
// Lives on the node thread.
class EpochCloser : public QObject {
    Q_OBJECT
public:
    EpochCloser(EpochCloserConfig config, node::NodeDatabase &db, std::shared_ptr<crypto::SigningKey> identity,
                PeerClients &peers, QObject *parent = nullptr);
    ~EpochCloser() override;

    // Control-plane answers (SERVICE.md: earnings, statement).
    Result<QCborMap> earnings(int epochs, qint64 nowMs);
    Result<QCborMap> statement(qint64 epoch, qint64 offset, qint64 limit);

    void tick();

Q_SIGNALS:
    void closed(qint64 epoch, qint64 total);

private:
    void close(qint64 epoch);
    void finishClose(qint64 epoch, const QList<QByteArray> &evidence, const QList<ledger::ValidatorKey> &keys);
    void submit(const node::StatementRow &row);
    qint64 settleMs() const;

    EpochCloserConfig m_config;
    node::NodeDatabase &m_db;
    std::shared_ptr<crypto::SigningKey> m_identity;
    crypto::NodeId m_id;
    PeerClients &m_peers;
    QTimer *m_timer = nullptr;
    qint64 m_firstEpoch = 0; // the oldest epoch this node may still have to close
    bool m_busy = false;
};

} // namespace stratus::nodeservice
