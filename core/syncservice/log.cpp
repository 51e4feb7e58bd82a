#include "syncservice/log.h"

Q_LOGGING_CATEGORY(lcSyncEngine, "stratus.syncengine", QtInfoMsg)
