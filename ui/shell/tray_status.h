#pragma once

// What the tray icon says: one state and a line for people, from the
// session's state, the sync engine's folder status and the drop importer.

#include "api/sync.h"

#include <QList>
#include <QString>

namespace stratus::ui {

struct TrayInputs {
    bool failed = false;    // the session could not start (stateMessage says why)
    bool ready = false;     // connected to its network
    bool paused = false;    // all folders paused
    QString stateMessage;   // the session's
    bool importing = false; // drops being copied or stored
    QString lastDropError;  // the last dropped file that could not be stored
    QList<api::SyncFolderStatus> folders;
};

struct TrayStatus {
    enum class Kind { Connecting, Synced, Syncing, Error, Paused };
    Kind kind = Kind::Connecting;
    QString text;
};

TrayStatus trayStatus(const TrayInputs &in);

} // namespace stratus::ui
