#include "api/log.h"
Q_LOGGING_CATEGORY(lcApi, "stratus.api", QtInfoMsg)
