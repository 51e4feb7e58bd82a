#include "client/log.h"
Q_LOGGING_CATEGORY(lcClient, "stratus.client", QtInfoMsg)
