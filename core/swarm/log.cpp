#include "swarm/log.h"
Q_LOGGING_CATEGORY(lcSwarm, "stratus.swarm", QtInfoMsg)
