#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "ledger/economics.h"

#include <QByteArray>

namespace stratus::ledger {

// One line of an epoch statement (core/ledger/STATEMENTS.md): the client's
// signed object it rests on, the part of the epoch it covers and the amount
// it earned. A leaf of the statement's receipts tree is the exact encoding.
//   storage: a countersigned contract, kept from `fromMs` to `toMs`;
//            amount = storageAmount(size, toMs - fromMs, contract price)
//   egress:  a client-signed bandwidth order received at `fromMs` (== toMs);
//            amount = egressAmount(bytes, economics egress price)
enum class ReceiptKind { Storage, Egress };

struct Receipt {
    ReceiptKind kind = ReceiptKind::Storage;
    QByteArray signedObject; // encodeSignedContract / encodeSignedOrder bytes
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 bytes = 0;
    qint64 amount = 0; // µcr, before the performance multiplier
    friend bool operator==(const Receipt &, const Receipt &) = default;
};

QByteArray encodeReceipt(const Receipt &r);
// Strict (exact keys, canonical bytes); does not check signatures or amounts.
Result<Receipt> decodeReceipt(const QByteArray &cbor);

// What checkReceipt found: the paying client and a key that names the
// signed object (client id + contract nonce or order serial), so a verifier
// catches one object counted twice.
struct ReceiptFacts {
    crypto::NodeId client;
    QByteArray uniqueKey;
};

// Checks a receipt for `node` in the epoch [epochStartMs, epochEndMs):
// every signature, that the object names this node, that the interval lies
// within the epoch and the contract's term, and that bytes and amount are
// what the object and the rules give. The error says which.
Result<ReceiptFacts> checkReceipt(const Receipt &r, const crypto::NodeId &node, qint64 epochStartMs, qint64 epochEndMs,
                                  const Economics &economics);

} // namespace stratus::ledger
