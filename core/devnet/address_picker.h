#pragma once

#include "common/result.h"
#include "discovery/endpoint.h"

#include <QList>

namespace stratus::devnet {

// Picks `count` endpoints on distinct loopback addresses (127.0.0.2 ...
// 127.0.0.254), each with a control port and the next port for the swarm,
// all free right now (checked by binding them). The starting address and
// port are random, so two local networks started at once do not collide.
Result<QList<discovery::Endpoint>> pickLoopbackEndpoints(int count);

} // namespace stratus::devnet
