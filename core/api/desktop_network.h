#pragma once

// What the desktop app needs to know about a network file beyond the client.

#include <QString>

namespace stratus::api {

// True when `networkFile` describes a local network (a devnet: every node on
// this machine, short audit intervals); false for any other network and for
// a file that cannot be read.
bool isLocalNetworkFile(const QString &networkFile);

} // namespace stratus::api
