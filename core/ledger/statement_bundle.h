#pragma once

#include "common/result.h"
#include "ledger/economics.h"
#include "ledger/evidence.h"
#include "ledger/statement.h"

#include <QByteArray>
#include <QList>

namespace stratus::ledger {

// Everything needed to check one epoch statement without asking anyone
// (`stratus earnings export --statement EPOCH` writes it, `stratus earnings
// verify FILE` checks it; STATEMENTS.md):
//   { "format": "stratus-statement", "v": 1, "statement": SignedStatement,
//     "receipts": [leaf], "evidence": [validator log entry],
//     "validators": [{ "id", "key" }], "economics": economics JSON bytes }
struct StatementBundle {
    QByteArray statement; // SignedStatement CBOR
    QList<QByteArray> receipts;
    QList<QByteArray> evidence;
    QList<ValidatorKey> validators; // the network's counted validators
    QByteArray economics;           // the economics JSON

    QByteArray toCbor() const;
    static Result<StatementBundle> fromCbor(const QByteArray &bytes);
};

// What a successful verification found.
struct VerifiedStatement {
    SignedStatement statement;
    Economics economics;
    EvidenceInputs evidence;
    qint64 storage = 0; // summed from the receipts
    qint64 egress = 0;
};

// The Merkle root (RFC 9162 hashing) over receipt leaves, in order.
QByteArray receiptsRoot(const QList<QByteArray> &leaves);

// Recomputes a statement from its receipts, the validators' evidence and the
// economics, checking every signature on the way. `trusted`: the counted
// validators' ids from a network file the caller trusts (the bundle's own
// list is checked against it); empty to take the bundle's list as it is.
// The error names the first thing that does not hold: which number, which
// receipt, which signature.
Result<VerifiedStatement> verifyBundle(const StatementBundle &bundle, const QList<crypto::NodeId> &trusted = {});

} // namespace stratus::ledger
