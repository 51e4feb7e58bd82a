#pragma once

// What one can do with a file of the account's tree from the file browser:
// fetch it into the synced folder (also files that are not on this device)
// or remove it from the network. Runs on the client lane.

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace stratus::ui {

class Session;

class RemoteActions : public QObject {
    Q_OBJECT
public:
    explicit RemoteActions(Session &session, QObject *parent = nullptr);

    // Where a remote path lands in the synced folder: "/<folder name>/a/b"
    // goes to <folder>/a/b, any other path under <folder>.
    static QString localPathFor(const QString &remotePath, const QString &folder);

    void download(const QString &remotePath);
    void remove(const QString &remotePath);
    // Bytes fetched since start (for the download rate).
    qint64 bytesDownloaded() const { return *m_downloaded; }

Q_SIGNALS:
    void finished(const QString &remotePath, bool ok, const QString &message);

private:
    Session &m_session;
    std::shared_ptr<std::atomic<qint64>> m_downloaded;
};

} // namespace stratus::ui
