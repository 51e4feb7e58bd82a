#pragma once

#include <QString>

namespace stratus::ui {

// "Start at login" on freedesktop systems: a .desktop file in
// ~/.config/autostart (XDG_CONFIG_HOME honoured).
QString autostartFile();
bool autostartEnabled();
// Writes or removes the file; returns an error message or "".
QString setAutostart(bool enabled, const QString &program);

} // namespace stratus::ui
