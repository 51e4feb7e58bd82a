#pragma once

// Brings what is dropped on the window into a synced folder: copies files
// and folders there (on a worker; each file appears whole, never half
// copied), then follows each file until the sync engine reports it stored
// on the network (its "stored" event) or says why it cannot be.

#include "api/sync.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>

namespace stratus::ui {

class Session;
class TaskLane;
struct ImportProgress;

struct ImportFile {
    QString localPath;
    QString remoteDir;
    QString name; // relative to the synced folder
    qint64 bytes = 0;
};

class DropImporter : public QObject {
    Q_OBJECT
public:
    static constexpr int kListEach = 20;

    explicit DropImporter(Session &session, QObject *parent = nullptr);
    ~DropImporter() override;

    // Copies `urls` (local files and folders) into `folder`/`subdir` and
    // queues them for the network.
    void import(const QList<QUrl> &urls, const QString &folder, const QString &subdir = {});

    bool busy() const;
    // Copied files the engine has not stored yet.
    int queued() const { return static_cast<int>(m_waiting.size()); }

Q_SIGNALS:
    void copyFailed(const QString &source, const QString &reason);
    // Each copied file of a drop of at most kListEach files; a larger drop
    // is announced once by batchQueued instead.
    void fileQueued(const QString &name, qint64 bytes);
    void batchQueued(int files, qint64 bytes);
    // Throttled: at most a few times a second.
    void fileProgress(const QString &name, qint64 done, qint64 total);
    void fileDone(const QString &name, const QString &remotePath, bool ok, const QString &message);
    void busyChanged(bool busy);

private:
    void onSyncEvents(const QList<stratus::api::SyncEventInfo> &events);
    void finish(const QString &remotePath, bool ok, const QString &message);
    void tick();
    void updateBusy();
    void takePending();

    Session &m_session;
    std::unique_ptr<TaskLane> m_copyLane;
    std::shared_ptr<ImportProgress> m_progress;
    QHash<QString, ImportFile> m_waiting; // by account path, "/Label/dir/name"
    struct Pending {
        QList<ImportFile> files;
        bool announce = true; // one fileQueued each
        qsizetype next = 0;
    };
    std::deque<Pending> m_pending; // copied, not yet taken in
    QSet<QString> m_storedEarly;   // stored before their copy was taken in
    QTimer m_tick;
    int m_copying = 0;
    bool m_busy = false;
};

} // namespace stratus::ui
