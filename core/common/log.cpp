#include "common/log.h"
Q_LOGGING_CATEGORY(lcCommon, "stratus.common", QtInfoMsg)
