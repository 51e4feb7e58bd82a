#pragma once

// What a client reads from the network's paper nodes: their score sheets
// (for placement) and their transparency logs (`stratus log show|verify`).
// Every call blocks its caller (never the network thread) until the
// validators answered or timed out.

#include "common/result.h"
#include "crypto/node_id.h"
#include "discovery/network_file.h"
#include "validator/log_entry.h"
#include "validator/score_sheet.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace stratus::client {

class NetworkContext;

struct ValidatorScores {
    int sheets = 0; // verified sheets of counted validators
    QHash<crypto::NodeId, validator::CombinedScore> nodes;
    // Each counted validator's own view of a node (validator id, scores).
    QHash<crypto::NodeId, QList<std::pair<crypto::NodeId, validator::NodeScore>>> byValidator;
    QStringList problems; // validators that did not answer or sent something bad
};

// Asks every counted validator of the network file for its score sheet,
// checks each signature and signer, and combines them (medians).
ValidatorScores readValidatorScores(NetworkContext &network, int timeoutMs = 3000);

struct LogEntryView {
    quint64 index = 0;
    validator::EntryKind kind = validator::EntryKind::Attestation;
    validator::Attestation attestation; // when kind == Attestation
    QString text;                       // a line for people, for the other kinds
    bool refused = false;               // a statement check that found the statement wrong
};

struct LogReport {
    discovery::BootstrapNode validator;
    bool counted = false;
    bool reachable = false;
    bool ok = false;
    quint64 size = 0;
    QString root; // hex of the verified head's root
    QStringList problems;
    QStringList notes; // what was checked
    QList<LogEntryView> entries;
};

// Fetches one validator's whole log and checks it: the signed tree head; the
// Merkle root over every entry against it (a changed, dropped or reordered
// entry shows); each entry's signature and content; inclusion proofs of a
// few entries; and consistency with the heads of this validator seen before,
// which are kept in `seenDir` (a shrunk or forked log shows). The newest
// head is remembered only when everything checked out.
LogReport verifyValidatorLog(NetworkContext &network, const discovery::BootstrapNode &validator, const QString &seenDir,
                             int timeoutMs = 10000);

// Checks a log directory on disk (a paper node's DIR/validator/log, or a
// copy of it) without a network and without changing it.
LogReport verifyLogDirectory(const QString &dir);

} // namespace stratus::client
