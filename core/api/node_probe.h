#pragma once

#include "devnet/devnet.h"

namespace stratus::api {

// Asks a devnet node whether it is up, and how full it is.
devnet::NodeAnswer probeNode(const devnet::DevnetNode &node);

} // namespace stratus::api
