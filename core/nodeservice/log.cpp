#include "nodeservice/log.h"
Q_LOGGING_CATEGORY(lcService, "stratus.nodeservice", QtInfoMsg)
