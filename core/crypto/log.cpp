#include "crypto/log.h"
Q_LOGGING_CATEGORY(lcCrypto, "stratus.crypto", QtInfoMsg)
