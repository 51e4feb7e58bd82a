#include "api/desktop_network.h"

#include "discovery/network_file.h"

namespace stratus::api {

bool isLocalNetworkFile(const QString &networkFile)
{
    auto network = discovery::NetworkFile::load(networkFile);
    return network && network->local;
}

} // namespace stratus::api
