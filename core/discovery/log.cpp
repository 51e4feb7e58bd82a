#include "discovery/log.h"
Q_LOGGING_CATEGORY(lcDiscovery, "stratus.discovery", QtInfoMsg)
