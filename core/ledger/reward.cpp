#include "ledger/reward.h"

#include "common/int128.h"

#include "node/contract.h"

#include <algorithm>
#include <limits>

namespace stratus::ledger {

namespace {

using i128 = Int128;

qint64 clampToQint64(i128 v)
{
    if (v > static_cast<i128>(std::numeric_limits<qint64>::max()))
        return std::numeric_limits<qint64>::max();
    if (v < 0)
        return 0;
    return static_cast<qint64>(v);
}

} // namespace

qint64 storageAmount(qint64 bytes, qint64 ms, qint64 pricePerGiBMonth)
{
    if (bytes <= 0 || ms <= 0 || pricePerGiBMonth <= 0)
        return 0;
    // bytes * price fits in 90 bits and ms in 42: split the first product
    // by the divisor so that no intermediate exceeds 128 bits.
    const i128 den = static_cast<i128>(kGiB) * node::kMsPerPriceMonth;
    const i128 a = static_cast<i128>(bytes) * pricePerGiBMonth;
    return clampToQint64((a / den) * ms + (a % den) * ms / den);
}

qint64 egressAmount(qint64 bytes, qint64 pricePerGiB)
{
    if (bytes <= 0 || pricePerGiB <= 0)
        return 0;
    return clampToQint64(static_cast<i128>(bytes) * pricePerGiB / kGiB);
}

qint64 subsidyPpm(const Economics &e, qint64 utilizationPpm)
{
    const qint64 end = std::max<qint64>(1, e.subsidyEndUtilizationPpm);
    const qint64 u = std::clamp<qint64>(utilizationPpm, 0, end);
    // Linear from 1,000,000 at an empty network to the floor at `end`.
    return kPpm - (kPpm - e.baseFloorPpm) * u / end;
}

bool qualifiesForBase(const Economics &e, const EpochInputs &in)
{
    return in.audited && in.uptimePpm >= e.minUptimePpm && in.auditScorePpm >= e.minAuditScorePpm;
}

qint64 baseFee(const Economics &e, const EpochInputs &in)
{
    if (!qualifiesForBase(e, in))
        return 0;
    const qint64 capacity = std::clamp<qint64>(in.capacityBytes, 0, e.maxBaseCapacityBytes);
    const i128 full = static_cast<i128>(capacity) * e.baseFeePerGiB / kGiB;
    return clampToQint64(full * subsidyPpm(e, in.networkUtilizationPpm) / kPpm);
}

qint64 multiplierPpm(const Economics &e, const EpochInputs &in)
{
    if (!in.audited)
        return e.minMultiplierPpm;
    const i128 delta = static_cast<i128>(in.scorePpm - in.networkMedianScorePpm) * e.multiplierSlopePpm / kPpm;
    const i128 m = static_cast<i128>(kPpm) + delta;
    return static_cast<qint64>(std::clamp<i128>(m, e.minMultiplierPpm, e.maxMultiplierPpm));
}

qint64 penalty(const Economics &e, qint64 auditsFailed, qint64 gross)
{
    if (auditsFailed <= 0)
        return 0;
    const i128 p = static_cast<i128>(auditsFailed) * e.auditPenalty;
    return static_cast<qint64>(std::min<i128>(p, std::max<qint64>(0, gross)));
}

EpochEarnings computeEarnings(const Economics &e, const EpochInputs &in)
{
    EpochEarnings out;
    out.base = baseFee(e, in);
    out.multiplierPpm = multiplierPpm(e, in);
    out.storagePaid = clampToQint64(static_cast<i128>(std::max<qint64>(0, in.storage)) * out.multiplierPpm / kPpm);
    out.egressPaid = clampToQint64(static_cast<i128>(std::max<qint64>(0, in.egress)) * out.multiplierPpm / kPpm);
    out.penalty = penalty(e, in.auditsFailed, out.gross());
    out.total = out.gross() - out.penalty;
    return out;
}

} // namespace stratus::ledger
