#pragma once

// Shared by RemoteStore's files (remote_store.cpp, remote_fetch.cpp).

#include <QString>

namespace stratus::client {

// A new, uniquely named directory under `base` (staging, incoming).
QString freshDir(const QString &base, const QString &prefix);

} // namespace stratus::client
