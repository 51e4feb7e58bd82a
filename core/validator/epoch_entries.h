#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace stratus::validator {

// A paper node's view of the whole network for one epoch, signed into its
// log beside the attestations (kind "summary"): what the earnings of every
// node depend on besides its own scores (core/ledger/ECONOMICS.md). The
// capacities come from the nodes' own signed records.
struct EpochSummary {
    static constexpr int kVersion = 1;
    crypto::NodeId validator;
    qint64 epoch = 0;
    qint64 timeMs = 0;
    qint64 nodes = 0;          // nodes attested this epoch
    qint64 medianScorePpm = 0; // median of their scores
    qint64 capacityBytes = 0;  // committed capacity, summed
    qint64 usedBytes = 0;      // used, summed

    qint64 utilizationPpm() const;
    friend bool operator==(const EpochSummary &, const EpochSummary &) = default;
};

QByteArray encodeEpochSummary(const EpochSummary &s);

// A node's committed and used capacity, from its own signed record.
struct NodeCapacity {
    qint64 capacityBytes = 0;
    qint64 usedBytes = 0;
};
// The summary of one epoch from the scores the validator attested and the
// capacities the nodes declared: their count, the median score (the two
// middle ones' mean, rounded down, for an even count) and the sums.
EpochSummary summarize(const crypto::NodeId &validator, qint64 epoch, qint64 timeMs, QList<qint64> scoresPpm,
                       const QList<NodeCapacity> &capacities);
Result<EpochSummary> decodeEpochSummary(const QByteArray &cbor);

// A paper node's check of a storage node's epoch statement (kind
// "statement"): it verified the statement's signature, recomputed the
// amounts of `sampled` receipts picked at random (signatures, amounts,
// inclusion under the statement's receipts root) and compared the inputs
// with its own attestation. `ok` false says what was wrong in `reason`.
struct StatementCheck {
    static constexpr int kVersion = 1;
    crypto::NodeId validator;
    crypto::NodeId node;
    qint64 epoch = 0;
    qint64 timeMs = 0;
    QByteArray statementHash; // SHA-256 of the signed statement's payload
    qint64 total = 0;         // the statement's total, µcr
    qint64 receipts = 0;
    qint64 sampled = 0;
    bool ok = false;
    QString reason;
    friend bool operator==(const StatementCheck &, const StatementCheck &) = default;
};

QByteArray encodeStatementCheck(const StatementCheck &c);
Result<StatementCheck> decodeStatementCheck(const QByteArray &cbor);

// A paper node's credit book, published (kind "credits"): the treasury
// grants it took in (signed, as evidence) and the balances that changed,
// as of `epoch` (core/ledger/ECONOMICS.md "Credits").
struct CreditsEntry {
    static constexpr int kVersion = 1;
    struct Account {
        crypto::NodeId account;
        qint64 granted = 0;
        qint64 spent = 0;
        friend bool operator==(const Account &, const Account &) = default;
    };
    crypto::NodeId validator;
    qint64 epoch = 0;
    qint64 timeMs = 0;
    QList<QByteArray> grants; // signed credit grants
    QList<Account> accounts;
    friend bool operator==(const CreditsEntry &, const CreditsEntry &) = default;
};

QByteArray encodeCreditsEntry(const CreditsEntry &e);
Result<CreditsEntry> decodeCreditsEntry(const QByteArray &cbor);

} // namespace stratus::validator
