#pragma once

// Stores what is dropped on the window: copies files and folders into the
// synced folder (on a worker), then stores each file on the network with
// api::Client::put under "/<folder name>/<sub-folder>" (on the client lane),
// one file at a time with its progress. The one place to swap for the sync
// engine once it exists.

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

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
    explicit DropImporter(Session &session, QObject *parent = nullptr);
    ~DropImporter() override;

    // Copies `urls` (local files and folders) into `folder`/`subdir` and
    // queues them for the network.
    void import(const QList<QUrl> &urls, const QString &folder, const QString &subdir = {});

    bool busy() const;
    int queued() const { return static_cast<int>(m_queue.size()); }
    // Bytes stored on the network since start (for the upload rate).
    qint64 bytesUploaded() const;

Q_SIGNALS:
    void copyFailed(const QString &source, const QString &reason);
    void fileQueued(const QString &name, qint64 bytes);
    // Throttled: at most a few times a second.
    void fileProgress(const QString &name, qint64 done, qint64 total);
    void fileDone(const QString &name, const QString &remotePath, bool ok, const QString &message);
    void busyChanged(bool busy);

private:
    void pump();
    void tick();
    void updateBusy();

    Session &m_session;
    std::unique_ptr<TaskLane> m_copyLane;
    std::shared_ptr<ImportProgress> m_progress;
    QList<ImportFile> m_queue;
    QTimer m_tick;
    int m_copying = 0;
    bool m_uploading = false;
    bool m_busy = false;
    qint64 m_uploadedDone = 0; // bytes of files finished
};

} // namespace stratus::ui
