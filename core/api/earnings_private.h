#pragma once

// Conversions for the api's own sources (not for app/ or ui/).

#include "api/earnings.h"
#include "ledger/statement.h"

namespace stratus::client {
class NetworkContext;
}

namespace stratus::api {

EpochEarningsInfo earningsInfo(const ledger::SignedStatement &signedStatement);

// The Client's earnings requests (client_earnings.cpp).
Result<QList<NodeEarnings>> readNodeEarnings(client::NetworkContext &network, const QString &node, int epochs);
Result<QByteArray> exportNodeStatement(client::NetworkContext &network, const QString &node, qint64 epoch);

} // namespace stratus::api
