#pragma once

// Conversions for the api's own sources (not for app/ or ui/).

#include "api/earnings.h"
#include "ledger/statement.h"

namespace stratus::client {
class NetworkContext;
class RemoteStore;
} // namespace stratus::client

namespace stratus::api {

EpochEarningsInfo earningsInfo(const ledger::SignedStatement &signedStatement);

// The Client's earnings requests (client_earnings.cpp).
Result<QList<NodeEarnings>> readNodeEarnings(client::NetworkContext &network, const QString &node, int epochs);
Result<QByteArray> exportNodeStatement(client::NetworkContext &network, const QString &node, qint64 epoch);

// Credits (client_credits.cpp): the balance and what the stored files cost;
// and the check before an upload of `bytes` (refused, before anything is
// sent, when the balance does not cover its contracts).
Result<CreditsInfo> readClientCredits(client::NetworkContext &network, client::RemoteStore &remote);
Status checkUploadCredits(client::NetworkContext &network, qint64 bytes);

} // namespace stratus::api
