#pragma once

#include <QtGlobal>

namespace stratus::ui {

// A port P on 127.0.0.1 such that P and P + 1 are free (TCP and UDP) right
// now: the in-process node's control and swarm ports. 0 when none is found.
quint16 freePortPair();

} // namespace stratus::ui
