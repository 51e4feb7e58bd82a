#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace stratus::ledger {

// One credit is 1,000,000 micro-credits (µcr); every amount is an integer
// number of micro-credits so a recomputation matches to the unit.
constexpr qint64 kMicroPerCredit = 1000000;
constexpr qint64 kPpm = 1000000;
constexpr qint64 kGiB = qint64(1) << 30;

// The rules of the network's money (core/ledger/ECONOMICS.md), versioned and
// carried in the network file ("economics"), so every node, validator and
// verifier computes with the same numbers. A statement names the rules it
// was computed under by their digest.
struct Economics {
    static constexpr int kVersion = 1;

    QString name; // e.g. "stratus-2026", "devnet"

    // Prices users pay and nodes earn.
    qint64 storagePrice = 4000; // µcr per GiB-month (30 days); the least a node accepts in a contract
    qint64 egressPrice = 7000;  // µcr per GiB served under client-signed bandwidth orders

    // The base fee for committed capacity: per GiB per epoch while the
    // network is empty, falling linearly to `baseFloorPpm` of that as the
    // network's utilization reaches `subsidyEndUtilizationPpm`.
    qint64 baseFeePerGiB = 60; // µcr per GiB of committed capacity per epoch
    qint64 baseFloorPpm = 100000;
    qint64 subsidyEndUtilizationPpm = 800000;
    qint64 maxBaseCapacityBytes = qint64(24) << 40; // committed capacity counted at most (24 TiB)
    // Paid only when the node's median uptime and audit score clear these.
    qint64 minUptimePpm = 950000;
    qint64 minAuditScorePpm = 900000;

    // The performance multiplier on the dynamic reward: 1.0 at the network's
    // median score, `multiplierSlopePpm` per whole point of score above or
    // below it, within [min, max].
    qint64 multiplierSlopePpm = 4000000;
    qint64 minMultiplierPpm = 500000;
    qint64 maxMultiplierPpm = 1500000;
    // Without any counted validator's attestation the node's performance is
    // unknown: no base fee and the smallest multiplier.

    // Deducted per failed audit (median over the counted validators), never
    // more than the epoch's gross earnings.
    qint64 auditPenalty = 20000;

    // Credits: what the devnet's faucet grants a new account, and how early
    // a client is warned (in months of its current spending).
    qint64 faucetGrant = 50 * kMicroPerCredit;
    qint64 warnMonths = 2;

    QJsonObject toJson() const;
    // Strict: every field present, integers in range, "format" and "version" right.
    static Result<Economics> fromJson(const QJsonObject &json);
    static Result<Economics> parse(const QByteArray &json);
    static Result<Economics> load(const QString &path);

    // The canonical encoding (CBOR, fixed field order) and its SHA-256: what
    // a statement names.
    QByteArray encode() const;
    QByteArray digest() const;

    // Defaults for a real network (epochs of a day) and for a devnet, whose
    // epochs last seconds: its prices are scaled up so that a few MiB stored
    // for a few seconds earn visible amounts.
    static Economics defaults();
    // The rules a network file names ("economics"), or the defaults.
    static Result<Economics> ofNetwork(const QJsonObject &networkEconomics);
    static Economics devnet(qint64 epochMs);

    friend bool operator==(const Economics &, const Economics &) = default;
};

} // namespace stratus::ledger
