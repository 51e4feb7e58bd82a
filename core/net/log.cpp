#include "net/log.h"
Q_LOGGING_CATEGORY(lcNet, "stratus.net", QtInfoMsg)
