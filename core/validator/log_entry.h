#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"

#include <QByteArray>
#include <QString>

namespace stratus::validator {

// What a paper node appends to its transparency log (formats: VALIDATOR.md).
// Every entry is signed by the validator on its own, so a single entry
// copied out of a log still proves who said it:
//   { "v": 1, "kind": text, "body": bytes (CBOR), "sig": bytes(64) }
// with an Ed25519 signature over "stratus log entry v1" || 0x00 || kind ||
// 0x00 || body.
// Summary, StatementCheck and Credits: see epoch_entries.h.
enum class EntryKind { Attestation, Disagreement, Fork, Summary, StatementCheck, Credits };

QString entryKindName(EntryKind kind);

struct LogEntry {
    EntryKind kind = EntryKind::Attestation;
    QByteArray body;
    QByteArray signature;
};

QByteArray signEntry(EntryKind kind, const QByteArray &body, const crypto::SigningKey &key);
Result<LogEntry> decodeEntry(const QByteArray &bytes);
Status verifyEntry(const LogEntry &entry, const QByteArray &publicKey);

// One validator's account of one node over one epoch. Fractions are in
// parts per million and times in microseconds, so the entry is exact.
struct Attestation {
    static constexpr int kVersion = 1;
    crypto::NodeId validator;
    crypto::NodeId node;
    qint64 epoch = 0;
    qint64 timeMs = 0;
    qint64 pings = 0;
    qint64 pingsAnswered = 0;
    qint64 uptimePpm = 0; // the running uptime estimate
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    qint64 latencyP50Us = 0;
    qint64 latencyP95Us = 0;
    qint64 throughput = 0; // bytes per second, median of the epoch's probes; 0: none
    qint64 auditScorePpm = 0;
    qint64 scorePpm = 0;
    bool vetted = false;
    friend bool operator==(const Attestation &, const Attestation &) = default;
};

QByteArray encodeAttestation(const Attestation &a);
Result<Attestation> decodeAttestation(const QByteArray &cbor);

// An observer's public note that a counted validator's attestation differs
// from what it saw itself for the same node and epoch.
struct Disagreement {
    static constexpr int kVersion = 1;
    crypto::NodeId reporter;
    crypto::NodeId validator; // the one disagreed with
    crypto::NodeId node;
    qint64 epoch = 0;
    qint64 theirScorePpm = 0;
    qint64 ourScorePpm = 0;
    QByteArray theirEntry; // their signed entry, as evidence
    QString reason;
    friend bool operator==(const Disagreement &, const Disagreement &) = default;
};

QByteArray encodeDisagreement(const Disagreement &d);
Result<Disagreement> decodeDisagreement(const QByteArray &cbor);

// Two signed tree heads of one validator that cannot both be honest (a
// forked or rewritten log), as evidence.
struct ForkReport {
    static constexpr int kVersion = 1;
    crypto::NodeId reporter;
    crypto::NodeId validator;
    QByteArray firstHead;  // SignedTreeHead CBOR
    QByteArray secondHead; // SignedTreeHead CBOR
    QString reason;
    qint64 timeMs = 0;
    friend bool operator==(const ForkReport &, const ForkReport &) = default;
};

QByteArray encodeForkReport(const ForkReport &f);
Result<ForkReport> decodeForkReport(const QByteArray &cbor);

} // namespace stratus::validator
