#pragma once

#include <QString>

namespace stratus::ui {

// "Start at login":
// - freedesktop systems: a .desktop file in ~/.config/autostart
//   (XDG_CONFIG_HOME honoured);
// - macOS: a LaunchAgent, ~/Library/LaunchAgents/org.stratus.desktop.plist;
// - Windows: the "Stratus" value of the current user's Run key
//   (HKCU, Software, Microsoft, Windows, CurrentVersion, Run).
// autostartFile() is the file (Windows: the registry key's path, for messages).
QString autostartFile();
bool autostartEnabled();
// Writes or removes the entry; returns an error message or "".
QString setAutostart(bool enabled, const QString &program);

// The entries' text (written by setAutostart on that system; here for tests
// on every system).
QString xdgAutostartEntry(const QString &program);
QString launchAgentPlist(const QString &program);

} // namespace stratus::ui
