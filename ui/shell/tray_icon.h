#pragma once

#include "shell/tray_status.h"

#include <QSystemTrayIcon>

class QAction;

namespace stratus::ui {

class Session;
class DropImporter;

// The tray icon: status (synced, syncing, error, paused) and pause/resume.
class TrayIcon : public QSystemTrayIcon {
    Q_OBJECT
public:
    TrayIcon(Session &session, DropImporter &importer, QWidget *window);

    QString statusText() const;
    TrayStatus status() const;
    // The app icon with a badge for the state (none when synced).
    static QIcon iconFor(TrayStatus::Kind kind);

private:
    void update();

    Session &m_session;
    DropImporter &m_importer;
    QAction *m_pause;
    QAction *m_status;
    QString m_lastError; // the last file that could not be stored, until one is
    TrayStatus::Kind m_shownKind = TrayStatus::Kind::Connecting;
};

} // namespace stratus::ui
