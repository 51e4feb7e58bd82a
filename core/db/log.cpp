#include "db/log.h"
Q_LOGGING_CATEGORY(lcDb, "stratus.db", QtInfoMsg)
