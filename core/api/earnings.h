#pragma once

// Earnings as front ends see them (`stratus earnings`, the desktop's
// earnings dashboard): plain values, amounts in micro-credits (µcr;
// 1 credit = 1,000,000 µcr). The rules: core/ledger/ECONOMICS.md.

#include "common/result.h"

#include <QList>
#include <QString>

namespace stratus::api {

// One closed epoch of one storage node, from its signed statement.
struct EpochEarningsInfo {
    qint64 epoch = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 capacityBytes = 0;
    bool audited = false;
    int validators = 0;
    double uptime = 0;
    double auditScore = 0;
    double score = 0;
    double networkMedianScore = 0;
    double networkUtilization = 0;
    qint64 auditsFailed = 0;
    qint64 storageReceipts = 0;
    qint64 egressReceipts = 0;
    qint64 storage = 0; // before the multiplier
    qint64 egress = 0;  // before the multiplier
    qint64 multiplierPpm = 0;
    qint64 base = 0;
    qint64 storagePaid = 0;
    qint64 egressPaid = 0;
    qint64 penalty = 0;
    qint64 total = 0;
    QString statementHash; // hex SHA-256 of the signed statement's payload
};

// The running epoch projected to its end, and the month at that rate.
struct EarningsEstimate {
    qint64 epoch = 0;
    qint64 elapsedMs = 0;
    qint64 base = 0;
    qint64 storagePaid = 0;
    qint64 egressPaid = 0;
    qint64 penalty = 0;
    qint64 total = 0;
    qint64 month = 0;
};

struct NodeEarnings {
    QString id;
    QString name;
    bool reachable = false;
    QString error;
    QList<EpochEarningsInfo> epochs; // newest first
    EarningsEstimate estimate;
};

// What `stratus earnings verify FILE` found.
struct StatementVerification {
    bool ok = false;
    QString message; // what does not hold, or a summary
    QString node;
    qint64 receipts = 0;
    int evidenceEntries = 0;
    QString economics; // the rules' name
    EpochEarningsInfo earnings;
};

// Checks a statement file (written by Client::exportStatement) on its own:
// every signature, every receipt, the evidence, and the recomputation under
// the economics it carries. `networkFile` (optional): only the validators
// it counts are trusted.
StatementVerification verifyStatementFile(const QString &path, const QString &networkFile = {});

// This client's credits (`stratus credits`, the desktop's Files page).
struct CreditsInfo {
    bool enabled = false; // the network charges for storage (it has a treasury)
    bool known = false;   // the counted validators answered
    int validatorsAnswered = 0;
    qint64 granted = 0;
    qint64 spent = 0;
    qint64 balance = 0;
    qint64 storedBytes = 0; // shard bytes of the files stored now
    qint64 monthlyCost = 0; // what keeping them costs a month
    qint64 daysLeft = -1;   // at that rate; -1: nothing stored
    // Downloads are paid per byte the nodes send (bandwidth orders).
    qint64 egressPricePerGiB = 0;  // µcr
    qint64 trafficBytes30d = 0;    // what this device downloaded in the last 30 days
    qint64 monthlyTrafficCost = 0; // those bytes at the egress price
    enum class Warning { None, Unknown, UsedUp, Low };
    Warning warningKind = Warning::None;
    QString warning; // set well before the credits run out (English; a UI words it from warningKind)
};

// Amounts for people: "12.345678 cr".
QString formatCredits(qint64 microCredits);

} // namespace stratus::api
