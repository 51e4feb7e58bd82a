#pragma once

// Words the core hands over as plain keys (the sync engine's activity, a
// paper node's audit kinds), in the UI's language.

#include <QString>

namespace stratus::ui {

// "idle", "paused", "starting", "scanning", "uploading N files",
// "downloading N files"; anything else as it is.
QString syncActivityText(const QString &activity);
// "ping", "proof", "throughput"; anything else as it is.
QString auditKindText(const QString &kind);

} // namespace stratus::ui
