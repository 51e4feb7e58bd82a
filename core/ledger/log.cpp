#include "ledger/log.h"

Q_LOGGING_CATEGORY(lcLedger, "stratus.ledger", QtInfoMsg)
