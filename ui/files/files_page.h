#pragma once

// The sync client's page: the synced folder with its status, the drop zone,
// the account's credits, the account's tree on the network with each file's
// health, the activity list and the up/down rates.

#include "files/rate_meter.h"

#include <QList>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <utility>

class QLabel;
class QListWidget;
class QPushButton;
class QTreeView;

namespace stratus::ui {

class Session;
class DropImporter;
class DropZone;
class RemoteTreeModel;
class RemoteActions;
class CreditsBox;
class SyncFoldersBox;
class HistoryPanels;

class FilesPage : public QWidget {
    Q_OBJECT
public:
    explicit FilesPage(Session &session, QWidget *parent = nullptr);

    // Copies into the synced folder and stores (drops on the window too):
    // into the folder selected in the tree when it is in a folder synced
    // here, else into the folder selected in the folder box.
    void importUrls(const QList<QUrl> &urls);
    // That place: a synced folder here and a sub-folder of it ("" for itself).
    std::pair<QString, QString> dropTarget() const;
    // Selects a file ("/Stratus/a.txt") or folder ("/Stratus/Photos") in the tree.
    void selectRemote(const QString &path);
    // Asks for the tree (with each file's health: a probe of its shards
    // on the network) and the credits again, off the GUI thread.
    void refresh(bool health = true);
    void addActivity(const QString &text, bool error = false);

    DropZone *dropZone() const { return m_dropZone; }
    DropImporter *importer() const { return m_importer; }
    RemoteTreeModel *remoteModel() const { return m_model; }
    RemoteActions *remoteActions() const { return m_actions; }
    QListWidget *activityList() const { return m_activity; }
    SyncFoldersBox *folders() const { return m_folders; }
    HistoryPanels *history() const { return m_history; }

Q_SIGNALS:
    void refreshed();

private:
    void updateStatus();
    void updateRates();
    // The folder of the tree's selection ("/Stratus/Photos"; "" if none).
    QString selectedRemoteFolder() const;
    void updateDropTarget();

    Session &m_session;
    void actOnSelected(bool fetch);

    DropImporter *m_importer;
    HistoryPanels *m_history;
    RemoteActions *m_actions;
    DropZone *m_dropZone;
    RemoteTreeModel *m_model;
    CreditsBox *m_credits;
    QLabel *m_banner;
    QLabel *m_connection;
    QPushButton *m_retry;
    SyncFoldersBox *m_folders;
    QString m_importFolder;
    QTreeView *m_tree;
    QListWidget *m_activity;
    QLabel *m_rates;
    QTimer m_refreshTimer;
    QTimer m_rateTimer;
    RateMeter m_rateMeter;
    int m_quietStored = 0; // files of a large drop stored since its last activity line
    bool m_refreshing = false;
    int m_refreshTicks = 0;
};

} // namespace stratus::ui
