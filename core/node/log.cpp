#include "node/log.h"
Q_LOGGING_CATEGORY(lcNode, "stratus.node", QtInfoMsg)
