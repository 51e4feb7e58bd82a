#include "devnet/log.h"
Q_LOGGING_CATEGORY(lcDevnet, "stratus.devnet", QtInfoMsg)
