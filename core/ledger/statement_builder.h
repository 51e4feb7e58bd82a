#pragma once

#include "common/result.h"
#include "ledger/economics.h"
#include "ledger/evidence.h"
#include "ledger/statement.h"
#include "node/node_database.h"

#include <QList>

#include <functional>

namespace stratus::ledger {

// What closing one epoch needs besides the node's database.
struct EpochClose {
    qint64 epoch = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 capacityBytes = 0;
    Economics economics;
    // Signed log entries fetched from the counted validators, and their keys;
    // entries that do not check out are left out (see combineEvidence).
    QList<QByteArray> evidence;
    QList<ValidatorKey> counted;
    qint64 nowMs = 0;
};

// The receipts of [startMs, endMs) from the node's database: a storage
// receipt per contract whose shard it kept in that time (from the later of
// the epoch start, the contract start and the shard's arrival, to the
// earlier of the epoch end, the expiry and its deletion or collection), an
// egress receipt per bandwidth order received in it. In a fixed order:
// storage by contract, then egress by arrival.
Result<QList<QByteArray>> collectReceipts(node::NodeDatabase &db, const crypto::NodeId &node, qint64 startMs,
                                          qint64 endMs, const Economics &economics, qint64 *storage, qint64 *egress,
                                          qint64 *storageCount);

// A statement row's evidence: the validators' entries used and the keys of
// the counted validators asked, as CBOR { "entries": [...], "validators":
// [{ "id", "key" }] }; and its receipts, a CBOR array of leaves.
struct StoredEvidence {
    QList<QByteArray> entries;
    QList<ValidatorKey> validators;
};
QByteArray encodeEvidence(const QList<QByteArray> &entries, const QList<ValidatorKey> &validators);
Result<StoredEvidence> decodeEvidence(const QByteArray &cbor);
QList<QByteArray> decodeLeaves(const QByteArray &cbor);

// Builds and signs the statement for `close` (not stored).
Result<node::StatementRow> buildStatement(node::NodeDatabase &db, const crypto::SigningKey &key,
                                          const EpochClose &close);

// Builds the statement and records it, once: an epoch already closed is
// left as it is. The whole row is written in one transaction, so a crash
// in the middle leaves the epoch open, to be closed again after restart.
// `beforeCommit` runs with the row written but not committed (tests use it
// to kill the process there).
Result<node::StatementRow> closeEpoch(node::NodeDatabase &db, const crypto::SigningKey &key, const EpochClose &close,
                                      const std::function<void()> &beforeCommit = {});

} // namespace stratus::ledger
