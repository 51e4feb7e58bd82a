// The client's credits: balance, monthly cost, warnings, the upload check.

#include "api/earnings_private.h"
#include "client/credits_client.h"
#include "client/network_context.h"
#include "client/remote_store.h"
#include "ledger/economics.h"
#include "ledger/reward.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

constexpr qint64 kMonthMs = qint64(30) * 86400000;

// Shard bytes that `bytes` of files become with the network's code.
qint64 withRedundancy(const discovery::NetworkFile &net, qint64 bytes)
{
    const int k = std::max(1, net.k);
    return bytes / k * (k + net.m) + (bytes % k ? k + net.m : 0);
}

} // namespace

Result<CreditsInfo> readClientCredits(client::NetworkContext &network, client::RemoteStore &remote)
{
    auto economics = ledger::Economics::ofNetwork(network.network().economics);
    if (!economics)
        return economics.error();
    const client::CreditStatus status = client::readCredits(network);
    CreditsInfo out;
    out.enabled = status.enabled;
    out.known = status.known;
    out.validatorsAnswered = status.validatorsAnswered;
    out.granted = status.account.granted;
    out.spent = status.account.spent;
    out.balance = status.account.balance();
    auto files = remote.list(false);
    if (!files)
        return files.error();
    qint64 bytes = 0;
    for (const client::RemoteFile &f : files.value())
        bytes += f.size;
    out.storedBytes = withRedundancy(network.network(), bytes);
    out.monthlyCost = out.storedBytes > 0 ? ledger::storageCost(economics.value(), out.storedBytes, kMonthMs) : 0;
    out.egressPricePerGiB = economics->egressPrice;
    if (auto traffic = remote.index().egressSince(QDateTime::currentMSecsSinceEpoch() - kMonthMs))
        out.trafficBytes30d = traffic.value();
    out.monthlyTrafficCost = ledger::egressAmount(out.trafficBytes30d, economics->egressPrice);
    if (!out.enabled)
        return out;
    // Storage and the last 30 days' downloads, as a month's spending.
    const qint64 monthly = out.monthlyCost + out.monthlyTrafficCost;
    if (monthly > 0)
        out.daysLeft = std::max<qint64>(0, out.balance) * 30 / monthly;
    if (!out.known) {
        out.warningKind = CreditsInfo::Warning::Unknown;
        out.warning = u"no paper node answered: the balance is unknown"_s;
    } else if (out.balance <= 0) {
        out.warningKind = CreditsInfo::Warning::UsedUp;
        out.warning = u"your credits are used up: contracts will not be renewed and new uploads are refused"_s;
    } else if (monthly > 0 && out.balance < economics->warnMonths * monthly) {
        out.warningKind = CreditsInfo::Warning::Low;
        out.warning = u"credits run low: %1 left, about %2 days at %3 a month"_s.arg(
            formatCredits(out.balance), QString::number(out.daysLeft), formatCredits(monthly));
    }
    return out;
}

Status checkUploadCredits(client::NetworkContext &network, qint64 bytes)
{
    const client::CreditStatus status = client::readCredits(network);
    if (!status.enabled || !status.known)
        return {}; // free network, or the validators are down: the nodes decide
    auto economics = ledger::Economics::ofNetwork(network.network().economics);
    if (!economics)
        return economics.error();
    const qint64 stored = withRedundancy(network.network(), bytes);
    const qint64 cost = ledger::storageCost(economics.value(), stored, client::RemoteStore::kContractDays * 86400000);
    if (cost > status.account.balance())
        return makeError(u"not enough credits: storing this (%1 bytes with redundancy) for %2 days costs %3; your "
                         u"balance is %4. Nothing was uploaded."_s.arg(stored)
                             .arg(client::RemoteStore::kContractDays)
                             .arg(formatCredits(cost), formatCredits(status.account.balance())));
    return {};
}

} // namespace stratus::api
