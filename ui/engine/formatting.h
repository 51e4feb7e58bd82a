#pragma once

#include <QString>

namespace stratus::ui {

// "1.5 MiB", in the UI's locale.
QString formatBytes(qint64 bytes);
// "3 h 12 min"
QString formatDuration(qint64 ms);
// "2026-11-29 20:37"
QString formatTime(qint64 msSinceEpoch);

} // namespace stratus::ui
