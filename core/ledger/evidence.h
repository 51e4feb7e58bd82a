#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>
#include <QCborArray>
#include <QList>

namespace stratus::ledger {

// A validator the network counts, with the key its log entries verify with.
struct ValidatorKey {
    crypto::NodeId id;
    QByteArray publicKey;
    friend bool operator==(const ValidatorKey &, const ValidatorKey &) = default;
};

// A list of validator keys as CBOR ([{ "id": bytes(32), "key": bytes(32) }])
// and back; a key that does not hash to its id is refused.
QCborArray encodeValidatorKeys(const QList<ValidatorKey> &keys);
Result<QList<ValidatorKey>> decodeValidatorKeys(const QCborArray &array);

// What the counted validators said about one node and one epoch, combined
// (ECONOMICS.md "Inputs"): medians of the node's attestations, and medians
// of the validators' epoch summaries for the network figures. Without a
// summary the network median score is the node's own and utilization 0.
struct EvidenceInputs {
    bool audited = false;
    qint64 validators = 0; // attestations used
    qint64 uptimePpm = 0;
    qint64 auditScorePpm = 0;
    qint64 scorePpm = 0;
    qint64 auditsFailed = 0;
    qint64 networkMedianScorePpm = 0;
    qint64 networkUtilizationPpm = 0;
};

// Checks every entry (a validator's signed log entry: an attestation of
// `node` for `epoch`, or a summary of `epoch`) against `counted` and
// combines them. An entry that does not decode, verify, or fit is an error
// naming it; so is a second entry of one kind from one validator.
Result<EvidenceInputs> combineEvidence(const QList<QByteArray> &entries, const QList<ValidatorKey> &counted,
                                       const crypto::NodeId &node, qint64 epoch);

// The lower-rounded median of integers (0 for none): the two middle values'
// mean, rounded down, for an even count.
qint64 medianOf(QList<qint64> values);

} // namespace stratus::ledger
