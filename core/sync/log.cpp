#include "sync/log.h"
Q_LOGGING_CATEGORY(lcSync, "stratus.sync", QtInfoMsg)
