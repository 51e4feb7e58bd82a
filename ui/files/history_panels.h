#pragma once

// What a person does about the past of their synced files, as three tabs
// of the Files page: open conflicts ("keep mine / keep theirs / keep
// both"), the trash (deleted files whose content is still on the network)
// and the versions of the file selected in the tree, each with restore.
// Reads and actions run on the client lane; the lists reload when the sync
// engine reports conflicts, applied changes or scans (at most once a
// second).

#include "api/sync.h"

#include <QList>
#include <QObject>
#include <QTimer>

class QLabel;
class QPushButton;
class QTreeWidget;
class QWidget;

namespace stratus::ui {

class Session;

class HistoryPanels : public QObject {
    Q_OBJECT
public:
    HistoryPanels(Session &session, QWidget *parent);

    QWidget *conflictsTab() const { return m_conflictsTab; }
    QWidget *trashTab() const { return m_trashTab; }
    QWidget *versionsTab() const { return m_versionsTab; }
    QTreeWidget *conflictList() const { return m_conflictList; }
    QTreeWidget *trashList() const { return m_trashList; }
    QTreeWidget *versionList() const { return m_versionList; }

    // Reads conflicts and trash again (off the GUI thread).
    void reload();
    // Lists the versions of an account path ("/Label/dir/name").
    void showVersions(const QString &path);

    void resolveSelected(api::ConflictChoice choice);
    void restoreSelectedFromTrash();
    void restoreSelectedVersion();

Q_SIGNALS:
    void reloaded();
    // An action finished: what it did, or why it could not.
    void done(const QString &text, bool ok);

private:
    void onSyncEvents(const QList<stratus::api::SyncEventInfo> &events);
    void restore(const QString &path, int version);
    void fillConflicts(const QList<api::ConflictInfo> &conflicts);
    void fillTrash(const QList<api::TrashedFileInfo> &trash);
    void updateButtons();

    Session &m_session;
    QWidget *m_conflictsTab;
    QWidget *m_trashTab;
    QWidget *m_versionsTab;
    QTreeWidget *m_conflictList;
    QTreeWidget *m_trashList;
    QTreeWidget *m_versionList;
    QLabel *m_versionsOf;
    QPushButton *m_keepMine;
    QPushButton *m_keepTheirs;
    QPushButton *m_keepBoth;
    QPushButton *m_restoreTrash;
    QPushButton *m_restoreVersion;
    QList<api::ConflictInfo> m_conflicts;
    QList<api::TrashedFileInfo> m_trash;
    QString m_versionsPath;
    QTimer m_reloadSoon;
    bool m_reloading = false;
    bool m_reloadAgain = false;
};

} // namespace stratus::ui
