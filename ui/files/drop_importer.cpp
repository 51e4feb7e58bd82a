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
            --m_copying;
            for (const QString &e : out.errors)
                Q_EMIT copyFailed(e.section(u": "_s, 0, 0), e.section(u": "_s, 1));
            for (const ImportFile &f : out.files) {
                m_waiting.insert(f.remoteDir + u'/' + QFileInfo(f.localPath).fileName(), f);
                Q_EMIT fileQueued(f.name, f.bytes);
            }
            updateBusy();
        });
}

void DropImporter::onSyncEvents(const QList<api::SyncEventInfo> &events)
{
    if (m_waiting.isEmpty())
        return;
    for (const api::SyncEventInfo &e : events) {
        if (e.path.isEmpty() || (e.kind != u"stored"_s && e.kind != u"problem"_s))
            continue;
        const QString remotePath = u'/' + e.folder + u'/' + e.path;
        if (m_waiting.contains(remotePath))
            finish(remotePath, e.kind == u"stored"_s, e.message);
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
