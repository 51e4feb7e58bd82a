#pragma once

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

private:
    void update();

    Session &m_session;
    DropImporter &m_importer;
    QAction *m_pause;
    QAction *m_status;
    QString m_lastError; // the last file that could not be stored, until one is
};

} // namespace stratus::ui
