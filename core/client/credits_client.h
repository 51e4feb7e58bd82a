#pragma once

#include "common/result.h"
#include "ledger/credits.h"

#include <QString>

namespace stratus::client {

class NetworkContext;

// The client's credits (core/ledger/ECONOMICS.md "Credits").
struct CreditStatus {
    bool enabled = false; // the network has a treasury: storage is paid for
    int validatorsAnswered = 0;
    bool known = false; // some counted validator answered
    ledger::CreditAccount account;
};

// On a network with a treasury: makes sure this device holds a credit grant
// (on a devnet: asks the faucet once and keeps the signed grant in
// `dataDir`) and that the counted validators have taken it in. Nothing on a
// network without one.
Status ensureCredits(NetworkContext &network, const QString &dataDir);

// The device's balance as the counted validators agree on it (the median of
// their signed notes).
CreditStatus readCredits(NetworkContext &network);

} // namespace stratus::client
