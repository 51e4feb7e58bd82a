#pragma once

#include "crypto/node_id.h"
#include "ledger/economics.h"
#include "ledger/statement.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

namespace stratus::net {
class ControlServer;
}
namespace stratus::validator {
class ValidatorService;
}

namespace stratus::ledger {

// The paper node's side of epoch statements (STATEMENTS.md "Checks"): a
// storage node submits its signed statement; the paper node checks what it
// can at once (signature, epoch bounds, economics, the arithmetic from the
// stated inputs), picks receipts at random and asks for them with their
// inclusion proofs; it then checks each (signatures, amount, membership in
// the receipts root) and signs what it found into its transparency log as a
// "statement" entry. A refused statement is logged too: it is signed
// evidence of a wrong claim.
//
// Requests (installed on `server`): statement-submit {statement} →
// {picks: [index]}; statement-receipts {epoch, receipts: [leaf], proofs:
// [[hash]]} → {ok, reason}. Lives on the node thread, beside the validator.
class StatementChecker : public QObject {
    Q_OBJECT
public:
    static constexpr int kSample = 8;

    StatementChecker(validator::ValidatorService &validator, net::ControlServer &server, Economics economics,
                     QObject *parent = nullptr);
    ~StatementChecker() override;

Q_SIGNALS:
    void checked(const stratus::crypto::NodeId &node, qint64 epoch, bool ok, const QString &reason);

private:
    struct Pending {
        SignedStatement statement;
        QList<qint64> picks;
    };
    void record(const SignedStatement &s, qint64 sampled, bool ok, const QString &reason);
    static QByteArray key(const crypto::NodeId &node, qint64 epoch);

    validator::ValidatorService &m_validator;
    net::ControlServer &m_server;
    Economics m_economics;
    QHash<QByteArray, Pending> m_pending;
    QSet<QByteArray> m_done;
};

} // namespace stratus::ledger
