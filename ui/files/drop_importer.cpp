#include "files/drop_importer.h"

#include "engine/session.h"
#include "engine/task_lane.h"
#include "files/folder_copy.h"
#include "files/import_progress.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kTickMs = 200;
constexpr int kSliceFiles = 500; // files taken in per turn of the event loop

} // namespace

DropImporter::DropImporter(Session &session, QObject *parent)
    : QObject(parent), m_session(session), m_copyLane(std::make_unique<TaskLane>(u"copy"_s)),
      m_progress(std::make_shared<ImportProgress>())
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &DropImporter::tick);
    connect(&session, &Session::syncEvents, this, &DropImporter::onSyncEvents);
}

DropImporter::~DropImporter() = default;

bool DropImporter::busy() const { return m_copying > 0 || !m_waiting.isEmpty(); }

void DropImporter::import(const QList<QUrl> &urls, const QString &folder, const QString &subdir)
{
    if (urls.isEmpty())
        return;
    ++m_copying;
    updateBusy();
    std::shared_ptr<ImportProgress> progress = m_progress;
    m_copyLane->post<CopyOutcome>(
        this, [urls, folder, subdir, progress]() { return copyIntoFolder(urls, folder, subdir, *progress); },
        [this](const CopyOutcome &out) {
            for (const QString &e : out.errors)
                Q_EMIT copyFailed(e.section(u": "_s, 0, 0), e.section(u": "_s, 1));
            // A large folder is taken in slices, one per turn of the event
            // loop, and announced as one batch: the window never waits on it.
            qint64 bytes = 0;
            for (const ImportFile &f : out.files)
                bytes += f.bytes;
            if (out.files.size() > kListEach)
                Q_EMIT batchQueued(static_cast<int>(out.files.size()), bytes);
            m_pending.push_back({out.files, out.files.size() <= kListEach});
            takePending();
        });
}

void DropImporter::takePending()
{
    int budget = kSliceFiles;
    while (!m_pending.empty() && budget > 0) {
        Pending &p = m_pending.front();
        while (p.next < p.files.size() && budget-- > 0) {
            const ImportFile &f = p.files[p.next++];
            const QString remote = f.remoteDir + u'/' + QFileInfo(f.localPath).fileName();
            m_waiting.insert(remote, f);
            if (p.announce)
                Q_EMIT fileQueued(f.name, f.bytes);
            if (m_storedEarly.remove(remote)) // stored while the copy still ran
                finish(remote, true, {});
        }
        if (p.next < p.files.size())
            break;
        m_pending.pop_front();
        --m_copying;
    }
    if (!m_pending.empty())
        QTimer::singleShot(0, this, &DropImporter::takePending);
    if (m_copying == 0)
        m_storedEarly.clear();
    updateBusy();
}

void DropImporter::onSyncEvents(const QList<api::SyncEventInfo> &events)
{
    if (m_waiting.isEmpty() && m_copying == 0)
        return;
    for (const api::SyncEventInfo &e : events) {
        if (e.path.isEmpty() || (e.kind != u"stored"_s && e.kind != u"problem"_s))
            continue;
        const QString remotePath = u'/' + e.folder + u'/' + e.path;
        if (m_waiting.contains(remotePath))
            finish(remotePath, e.kind == u"stored"_s, e.message);
        else if (m_copying > 0 && e.kind == u"stored"_s)
            m_storedEarly.insert(remotePath); // its copy is still being taken in
    }
}

void DropImporter::finish(const QString &remotePath, bool ok, const QString &message)
{
    const ImportFile file = m_waiting.take(remotePath);
    Q_EMIT fileProgress(file.name, file.bytes, file.bytes);
    Q_EMIT fileDone(file.name, remotePath, ok, message);
    updateBusy();
}

void DropImporter::tick()
{
    // Copying first; then the sync engine storing the file.
    const QString name = m_progress->current();
    if (!name.isEmpty() && m_copying > 0) {
        Q_EMIT fileProgress(name, m_progress->done.load(), m_progress->total.load());
        return;
    }
    for (const api::SyncFolderStatus &s : m_session.syncStatus()) {
        if (s.uploadingPath.isEmpty())
            continue;
        const auto it = m_waiting.constFind(u'/' + s.label + u'/' + s.uploadingPath);
        if (it != m_waiting.cend())
            Q_EMIT fileProgress(it->name, s.uploadingDone, std::max(s.uploadingSize, it->bytes));
    }
}

void DropImporter::updateBusy()
{
    const bool now = busy();
    if (!now)
        m_tick.stop();
    else if (!m_tick.isActive())
        m_tick.start();
    if (now != m_busy) {
        m_busy = now;
        Q_EMIT busyChanged(now);
    }
}

} // namespace stratus::ui
