#include "validator/log.h"

Q_LOGGING_CATEGORY(lcValidator, "stratus.validator", QtInfoMsg)
