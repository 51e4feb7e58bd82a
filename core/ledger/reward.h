#pragma once

#include "ledger/economics.h"

#include <QtGlobal>

namespace stratus::ledger {

// What one storage node's epoch earnings are computed from (ECONOMICS.md).
// Scores are medians over the counted validators that attested the node for
// the epoch; the network figures are medians of those validators' epoch
// summaries. `storage` and `egress` are the sums of the per-receipt amounts
// (storageAmount, egressAmount) of the epoch.
struct EpochInputs {
    qint64 capacityBytes = 0; // committed capacity
    bool audited = false;     // at least one counted validator attested the node
    qint64 uptimePpm = 0;
    qint64 auditScorePpm = 0;
    qint64 scorePpm = 0;
    qint64 auditsFailed = 0;
    qint64 networkMedianScorePpm = 0;
    qint64 networkUtilizationPpm = 0;
    qint64 storage = 0; // µcr, before the multiplier
    qint64 egress = 0;  // µcr, before the multiplier

    friend bool operator==(const EpochInputs &, const EpochInputs &) = default;
};

// The breakdown; total == base + storagePaid + egressPaid - penalty, exactly.
struct EpochEarnings {
    qint64 base = 0;
    qint64 multiplierPpm = kPpm;
    qint64 storagePaid = 0; // storage * multiplier
    qint64 egressPaid = 0;  // egress * multiplier
    qint64 penalty = 0;     // as deducted (capped at the gross)
    qint64 total = 0;

    qint64 gross() const { return base + storagePaid + egressPaid; }
    friend bool operator==(const EpochEarnings &, const EpochEarnings &) = default;
};

// µcr for keeping `bytes` for `ms` milliseconds at `pricePerGiBMonth`
// (rounded down; exact in 128-bit arithmetic).
qint64 storageAmount(qint64 bytes, qint64 ms, qint64 pricePerGiBMonth);
// µcr for serving `bytes` at `pricePerGiB` (rounded down).
qint64 egressAmount(qint64 bytes, qint64 pricePerGiB);

// The base fee's share left at `utilizationPpm` (the capacity subsidy of a
// young network), in ppm.
qint64 subsidyPpm(const Economics &e, qint64 utilizationPpm);
// Whether the node's uptime and audit score clear the thresholds.
bool qualifiesForBase(const Economics &e, const EpochInputs &in);
qint64 baseFee(const Economics &e, const EpochInputs &in);
qint64 multiplierPpm(const Economics &e, const EpochInputs &in);
qint64 penalty(const Economics &e, qint64 auditsFailed, qint64 gross);

EpochEarnings computeEarnings(const Economics &e, const EpochInputs &in);

} // namespace stratus::ledger
