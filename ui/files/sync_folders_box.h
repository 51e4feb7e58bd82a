#pragma once

// The synced folders: add, remove, open, pause; each with its status. Drops
// go into the selected one.

#include <QGroupBox>

class QListWidget;
class QPushButton;

namespace stratus::ui {

class Session;

class SyncFoldersBox : public QGroupBox {
    Q_OBJECT
public:
    explicit SyncFoldersBox(Session &session, QWidget *parent = nullptr);

    // The selected folder (the primary one when none is selected).
    QString currentFolder() const;
    void selectFolder(const QString &folder);
    bool addFolder(const QString &folder);
    bool removeFolder(const QString &folder);
    // Shows `status` beside `folder` and "up to date" (or "paused") beside
    // the others.
    void setBusyFolder(const QString &folder, const QString &status);
    QListWidget *list() const { return m_list; }

private:
    void reload();
    void updateTexts();

    Session &m_session;
    QListWidget *m_list;
    QPushButton *m_pause;
    QPushButton *m_remove;
    QString m_busyFolder;
    QString m_busyStatus;
};

} // namespace stratus::ui
