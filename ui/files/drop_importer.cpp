#include "files/drop_importer.h"

#include "engine/session.h"
#include "engine/task_lane.h"
#include "files/folder_copy.h"
#include "files/import_progress.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kTickMs = 200;

struct PutOutcome {
    QString remotePath;
    QString error;
};

} // namespace

DropImporter::DropImporter(Session &session, QObject *parent)
    : QObject(parent), m_session(session), m_copyLane(std::make_unique<TaskLane>(u"copy"_s)),
      m_progress(std::make_shared<ImportProgress>())
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &DropImporter::tick);
    connect(&session, &Session::stateChanged, this, &DropImporter::pump);
    connect(&session, &Session::pausedChanged, this, &DropImporter::pump);
}

DropImporter::~DropImporter() = default;

bool DropImporter::busy() const { return m_copying > 0 || m_uploading || !m_queue.isEmpty(); }

qint64 DropImporter::bytesUploaded() const { return m_uploadedDone + (m_uploading ? m_progress->done.load() : 0); }

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
                m_queue.append(f);
                Q_EMIT fileQueued(f.name, f.bytes);
            }
            updateBusy();
            pump();
        });
}

void DropImporter::pump()
{
    if (m_uploading || m_queue.isEmpty() || m_session.paused() || m_session.state() != Session::State::Ready) {
        updateBusy();
        return;
    }
    const ImportFile file = m_queue.takeFirst();
    m_uploading = true;
    m_progress->begin(file.name, file.bytes);
    updateBusy();
    Session *session = &m_session;
    std::shared_ptr<ImportProgress> progress = m_progress;
    m_session.clientLane().post<PutOutcome>(
        this,
        [session, progress, file]() {
            PutOutcome out;
            auto stored =
                session->client()->put({file.localPath}, file.remoteDir, [progress](qint64 done, qint64 total) {
                    progress->done = done;
                    progress->total = total;
                });
            if (!stored)
                out.error = stored.message();
            else if (!stored->isEmpty())
                out.remotePath = stored->first().remotePath;
            return out;
        },
        [this, file](const PutOutcome &out) {
            m_uploading = false;
            m_uploadedDone += out.error.isEmpty() ? file.bytes : 0;
            Q_EMIT fileProgress(file.name, file.bytes, file.bytes);
            Q_EMIT fileDone(file.name, out.remotePath, out.error.isEmpty(), out.error);
            pump();
        });
}

void DropImporter::tick()
{
    const QString name = m_progress->current();
    if (!name.isEmpty())
        Q_EMIT fileProgress(name, m_progress->done.load(), m_progress->total.load());
}

void DropImporter::updateBusy()
{
    const bool now = busy();
    if (now)
        m_tick.start();
    else
        m_tick.stop();
    if (now != m_busy) {
        m_busy = now;
        Q_EMIT busyChanged(now);
    }
}

} // namespace stratus::ui
