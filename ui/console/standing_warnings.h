#pragma once

#include "api/client.h"

#include <QStringList>

namespace stratus::ui {

// Warnings about a storage node's standing with the paper nodes, each naming
// its cause, given before the node crosses the threshold at which it stops
// receiving shards (so that the operator can act in time).
QStringList standingWarnings(const api::NodeStanding &node);

} // namespace stratus::ui
