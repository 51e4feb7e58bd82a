#pragma once

// Where the desktop app keeps its things. Everything lives under one data
// directory (default: the platform's data location; `--data DIR` or
// STRATUS_DESKTOP_DATA override it, so tests run isolated).

#include <QString>

namespace stratus::ui {

struct AppPaths {
    QString dataDir;      // the app's root
    QString accountDir;   // the account (api::openClient's data dir)
    QString devnetDir;    // the local network the app starts itself
    QString nodeDir;      // the in-process node's data dir
    QString settingsFile; // QSettings (INI)

    static AppPaths under(const QString &dataDir);
    // --data DIR, else STRATUS_DESKTOP_DATA, else the platform's location.
    static AppPaths resolve(const QString &dataOption);
};

} // namespace stratus::ui
