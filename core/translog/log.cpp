#include "translog/log.h"
Q_LOGGING_CATEGORY(lcTranslog, "stratus.translog", QtInfoMsg)
