#include "object/log.h"
Q_LOGGING_CATEGORY(lcObject, "stratus.object", QtInfoMsg)
