#pragma once

#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "discovery/network_file.h"
#include "ledger/economics.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace stratus::nodeservice {

class PeerClients;

// The storage node's side of credits (core/ledger/ECONOMICS.md "Credits"):
// before it takes a contract (or serves under a bandwidth order) it asks the
// counted validators for the client's balance (signed notes; the median
// counts) and refuses a client whose signed spending would exceed it; what
// it was paid with it reports to them (`spend`, the signed records
// themselves), so their books stay current. A network without a treasury
// charges nothing: every check passes.
//
// When no validator answers, the node serves (and says so in its log): a
// network whose validators are down keeps storing; their books catch up
// from the reports.
class CreditGate : public QObject {
    Q_OBJECT
public:
    CreditGate(const discovery::NetworkFile &network, const ledger::Economics &economics, PeerClients &peers,
               QObject *parent = nullptr);
    ~CreditGate() override;

    bool enabled() const { return m_enabled; }
    // Calls `done` with an empty string to go ahead, or the reason to refuse.
    void check(const crypto::NodeId &client, qint64 cost, std::function<void(const QString &refusal)> done);
    // A contract or bandwidth order the node accepted (its signed bytes).
    void reportContract(const crypto::NodeId &client, const QByteArray &signedContract, qint64 cost);
    void reportOrder(const crypto::NodeId &client, const QByteArray &signedOrder, qint64 cost);

private:
    struct Known {
        qint64 balance = 0;
        qint64 fetchedMs = 0;
        bool known = false;
    };
    void flush();

    discovery::NetworkFile m_network;
    ledger::Economics m_economics;
    PeerClients &m_peers;
    bool m_enabled = false;
    QHash<QByteArray, Known> m_known;        // by client id: the validators' balance
    QHash<QByteArray, qint64> m_unsettled;   // by client id: accepted since that balance was read
    QList<QByteArray> m_contracts, m_orders; // to report
    QTimer *m_flushTimer = nullptr;
};

} // namespace stratus::nodeservice
