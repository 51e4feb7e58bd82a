// Session's sync engine: the settings' folders kept in sync by
// api::SyncSession, which runs on a thread of its own. Opening and closing
// it (network, databases) and status polls run on the sync lane; its events
// arrive on the engine's thread, are buffered and handed to the GUI thread
// in batches by a timer, so a scan of 100,000 files never floods the event
// loop.

#include "engine/app_settings.h"
#include "engine/session.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSet>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

Q_LOGGING_CATEGORY(lcSync, "stratus.desktop.sync")

constexpr int kDrainMs = 250;
constexpr int kPollEvery = 1; // status 4 times a second (a file's progress moves smoothly)
// Beyond this many undelivered events the oldest "stored" ones go (a UI
// only waits on files it copied itself, a few at a time).
constexpr qsizetype kMaxBuffered = 200000;

} // namespace

struct Session::SyncEventBuffer {
    QMutex mutex;
    QList<api::SyncEventInfo> events;

    void push(const api::SyncEventInfo &e)
    {
        QMutexLocker lock(&mutex);
        if (events.size() >= kMaxBuffered)
            events.removeFirst();
        events.append(e);
    }
    QList<api::SyncEventInfo> take()
    {
        QMutexLocker lock(&mutex);
        return std::exchange(events, {});
    }
};

QString Session::folderLabel(const QString &folder) { return QFileInfo(QDir::cleanPath(folder)).fileName(); }

void Session::startSync()
{
    if (m_shutDown || m_state != State::Ready)
        return;
    if (!m_syncBuffer) {
        m_syncBuffer = std::make_shared<SyncEventBuffer>();
        m_syncTimer.setInterval(kDrainMs);
        connect(&m_syncTimer, &QTimer::timeout, this, [this]() {
            QList<api::SyncEventInfo> events = m_syncBuffer->take();
            if (!events.isEmpty())
                Q_EMIT syncEvents(events);
            if (++m_syncTicks % kPollEvery == 0)
                pollSync();
        });
        m_syncTimer.start();
    }
    api::SyncOptions o;
    o.dataDir = m_paths.accountDir;
    o.networkFile = networkFile();
    o.deviceName = QSysInfo::machineHostName();
    QSet<QString> paused; // labels
    for (const QString &folder : m_settings.syncFolders()) {
        QDir().mkpath(folder);
        o.folders.append(api::SyncFolderOption{folderLabel(folder), QDir::cleanPath(folder)});
        if (folderPaused(folder))
            paused.insert(folderLabel(folder));
    }
    const qint64 up = qint64(m_settings.uploadLimitKiB()) * 1024;
    const qint64 down = qint64(m_settings.downloadLimitKiB()) * 1024;
    std::shared_ptr<SyncEventBuffer> buffer = m_syncBuffer;
    m_syncRunning = false;
    m_syncLane.post<QString>(
        this,
        [this, o, buffer, paused, up, down]() -> QString {
            m_sync.reset(); // the previous folders' engine, if any
            auto session = api::openSync(o, [buffer](const api::SyncEventInfo &e) { buffer->push(e); });
            if (!session)
                return session.message();
            // Before it starts: a paused app never scans.
            for (const api::SyncFolderOption &f : o.folders)
                session.value()->setPaused(f.label, paused.contains(f.label));
            session.value()->setRateLimits(up, down);
            if (Status st = session.value()->start(); !st)
                return st.message();
            m_sync = std::move(session.value());
            return {};
        },
        [this, count = o.folders.size()](const QString &error) {
            m_syncRunning = error.isEmpty();
            if (error.isEmpty())
                Q_EMIT activity(tr("Syncing %n folder(s)", nullptr, static_cast<int>(count)), false);
            else {
                qCWarning(lcSync).noquote() << "the sync engine did not start:" << error;
                Q_EMIT activity(tr("Sync did not start: %1").arg(error), true);
            }
            Q_EMIT syncStatusChanged();
            pollSync();
        });
}

void Session::restartSync()
{
    if (m_state == State::Ready)
        startSync();
}

void Session::stopSync()
{
    m_syncTimer.stop();
    m_syncLane.waitForDone();
    if (m_sync) {
        const api::SyncTraffic last = m_sync->traffic();
        m_earlierTraffic.uploaded += last.uploaded;
        m_earlierTraffic.downloaded += last.downloaded;
    }
    m_syncTraffic = {};
    m_sync.reset(); // the lane is idle: nothing else touches it now
    m_syncRunning = false;
}

void Session::pollSync()
{
    if (m_syncPolling || !m_syncRunning || m_shutDown)
        return;
    m_syncPolling = true;
    using Polled = std::pair<QList<api::SyncFolderStatus>, api::SyncTraffic>;
    m_syncLane.post<Polled>(
        this,
        [this]() {
            return m_sync ? Polled{m_sync->status(), m_sync->traffic()} : Polled{};
        },
        [this](const Polled &polled) {
            m_syncPolling = false;
            m_syncStatus = polled.first;
            if (m_syncRunning)
                m_syncTraffic = polled.second;
            Q_EMIT syncStatusChanged();
        });
}

api::SyncTraffic Session::syncTraffic() const
{
    return api::SyncTraffic{m_earlierTraffic.uploaded + m_syncTraffic.uploaded,
                            m_earlierTraffic.downloaded + m_syncTraffic.downloaded};
}

void Session::applyRateLimits()
{
    const qint64 up = qint64(m_settings.uploadLimitKiB()) * 1024;
    const qint64 down = qint64(m_settings.downloadLimitKiB()) * 1024;
    m_syncLane.post<bool>(this, [this, up, down]() {
        if (m_sync)
            m_sync->setRateLimits(up, down);
        return true;
    });
}

} // namespace stratus::ui
