#pragma once

// The app's one connection to the engine (constructed in main and handed to
// every page; no singleton): the network (the local one the app starts in
// its data dir, or a network file), the account's api::Client and the
// in-process node. Blocking calls run on two serial lanes, never on the GUI
// thread: the client lane (put, list, credits, earnings, ...) and the node
// lane (start/stop the node, the paper node's status).

#include "api/client.h"
#include "api/node.h"
#include "api/sync.h"
#include "engine/app_paths.h"
#include "engine/task_lane.h"

#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>

namespace stratus::ui {

class AppSettings;

class Session : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Starting, Ready, Failed };

    // `program`: the stratus binary the local network runs (empty: found
    // beside this program or from STRATUS_BIN).
    Session(const AppPaths &paths, AppSettings &settings, const QString &program = {}, QObject *parent = nullptr);
    ~Session() override;

    const AppPaths &paths() const { return m_paths; }
    AppSettings &settings() { return m_settings; }
    TaskLane &clientLane() { return m_clientLane; }
    TaskLane &nodeLane() { return m_nodeLane; }

    // The network of this run (Settings' choice when it started).
    bool usesLocalNetwork() const;
    QString networkFile() const;
    State state() const { return m_state; }
    QString stateMessage() const { return m_stateMessage; }

    // Starts the local network when it is the one in use, then opens the
    // client; stateChanged() tells when it is ready.
    void start();

    // Only inside clientLane() tasks (nullptr until ready).
    api::Client *client() const { return m_client.get(); }
    // Only inside nodeLane() tasks (nullptr while no node runs).
    api::RunningNode *node() const { return m_node.get(); }

    // The node as last seen (GUI thread).
    api::NodeInfo nodeInfo() const;
    bool nodeRunning() const;
    qint64 nodeStartedMs() const { return m_nodeStartedMs; }
    bool nodeBusy() const { return m_nodeBusy; }
    // Runs the node with these roles (storage, paper node, both or none);
    // the settings keep them for the next start.
    void applyNodeRoles(bool storage, qint64 storageBytes, bool paper);

    // Syncing of every folder (the tray's switch).
    bool paused() const { return m_paused; }
    void setPaused(bool paused);
    // One folder: paused on its own, or with all of them.
    bool folderPaused(const QString &folder) const;
    void setFolderPaused(const QString &folder, bool paused);

    // The sync engine keeping the settings' folders in sync (it runs on a
    // thread of its own; opening, closing and status polls on the sync
    // lane). Its folders' status as last polled (GUI thread).
    QList<api::SyncFolderStatus> syncStatus() const { return m_syncStatus; }
    // Bytes the sync engine has moved (as of the last status poll; counted
    // on from one engine to the next).
    api::SyncTraffic syncTraffic() const;
    bool syncRunning() const { return m_syncRunning; }
    // The folders in the settings changed: the engine restarts with them.
    void restartSync();
    // The settings' rate limits changed.
    void applyRateLimits();
    // A folder's label in the account's tree (its directory name).
    static QString folderLabel(const QString &folder);
    TaskLane &syncLane() { return m_syncLane; }

    // Stops the node and the local network (blocking: at exit only).
    void shutdown();

    static QString findStratusProgram();

Q_SIGNALS:
    void stateChanged();
    void nodeChanged();
    void pausedChanged(bool paused);
    void activity(const QString &text, bool error);
    // What the engine reported, batched (at most every 250 ms).
    void syncEvents(const QList<stratus::api::SyncEventInfo> &events);
    void syncStatusChanged();

private:
    void setState(State state, const QString &message);
    Reply<api::NodeInfo> runNodeRoles(bool storage, qint64 storageBytes, bool paper, const QString &network);
    void startSync();
    void stopSync();
    void pollSync();
    void applyPauses();
    struct SyncEventBuffer;

    AppPaths m_paths;
    AppSettings &m_settings;
    QString m_program;
    QString m_networkSetting; // "" : the local network
    TaskLane m_clientLane{QStringLiteral("client")};
    TaskLane m_nodeLane{QStringLiteral("node")};
    TaskLane m_syncLane{QStringLiteral("sync")};
    std::unique_ptr<api::Client> m_client;
    std::unique_ptr<api::RunningNode> m_node;
    std::unique_ptr<api::SyncSession> m_sync; // only inside m_syncLane tasks
    std::shared_ptr<SyncEventBuffer> m_syncBuffer;
    QTimer m_syncTimer;
    int m_syncTicks = 0;
    bool m_syncPolling = false;
    bool m_syncRunning = false;
    QList<api::SyncFolderStatus> m_syncStatus;
    api::SyncTraffic m_syncTraffic;    // the running engine's totals
    api::SyncTraffic m_earlierTraffic; // of engines stopped before it
    State m_state = State::Idle;
    QString m_stateMessage;
    bool m_paused = false;
    bool m_nodeBusy = false;
    bool m_shutDown = false;
    api::NodeInfo m_nodeInfo;
    bool m_nodeRunning = false;
    qint64 m_nodeStartedMs = 0;
};

} // namespace stratus::ui
