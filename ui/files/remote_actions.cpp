#include "files/remote_actions.h"

#include "engine/app_settings.h"
#include "engine/session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

struct Outcome {
    bool ok = false;
    QString message;
};

} // namespace

RemoteActions::RemoteActions(Session &session, QObject *parent)
    : QObject(parent), m_session(session), m_downloaded(std::make_shared<std::atomic<qint64>>(0))
{
}

QString RemoteActions::localPathFor(const QString &remotePath, const QString &folder)
{
    QString rel = remotePath;
    while (rel.startsWith(u'/'))
        rel.remove(0, 1);
    const QString label = QFileInfo(folder).fileName() + u'/';
    if (rel.startsWith(label))
        rel = rel.mid(label.size());
    return QDir::cleanPath(QDir(folder).filePath(rel));
}

void RemoteActions::download(const QString &remotePath)
{
    if (m_session.state() != Session::State::Ready)
        return;
    // The folder whose name the remote path starts with, else the primary one.
    QString folder = m_session.settings().syncFolder();
    for (const QString &f : m_session.settings().syncFolders())
        if (remotePath.startsWith(u'/' + QFileInfo(f).fileName() + u'/'))
            folder = f;
    const QString out = localPathFor(remotePath, folder);
    Session *session = &m_session;
    auto downloaded = m_downloaded;
    m_session.clientLane().post<Outcome>(
        this,
        [session, remotePath, out, downloaded]() {
            Outcome o;
            if (!QDir().mkpath(QFileInfo(out).absolutePath())) {
                o.message = tr("cannot create %1").arg(QFileInfo(out).absolutePath());
                return o;
            }
            qint64 last = 0;
            auto got = session->client()->get(remotePath, out, true, [&](qint64 done, qint64) {
                *downloaded += done - last;
                last = done;
            });
            o.ok = got.ok();
            o.message = got.ok() ? tr("fetched to %1").arg(out) : got.message();
            return o;
        },
        [this, remotePath](const Outcome &o) { Q_EMIT finished(remotePath, o.ok, o.message); });
}

void RemoteActions::remove(const QString &remotePath)
{
    if (m_session.state() != Session::State::Ready)
        return;
    // A file of a folder synced here: deleting it from the folder is what
    // removes it from the account, on every device (the sync engine
    // publishes the deletion; the content stays in the trash per policy).
    for (const QString &folder : m_session.settings().syncFolders()) {
        if (!remotePath.startsWith(u'/' + Session::folderLabel(folder) + u'/'))
            continue;
        const QString local = localPathFor(remotePath, folder);
        if (!QFileInfo(local).isFile())
            break; // not on this device: off the network directly
        const bool ok = QFile::remove(local);
        Q_EMIT finished(remotePath, ok,
                        ok ? tr("deleted from %1; the deletion syncs and the file stays in the trash").arg(folder)
                           : tr("cannot delete %1").arg(local));
        return;
    }
    Session *session = &m_session;
    m_session.clientLane().post<Outcome>(
        this,
        [session, remotePath]() {
            Outcome o;
            auto removed = session->client()->remove(remotePath);
            o.ok = removed.ok();
            o.message = removed.ok() ? (removed->isEmpty() ? tr("removed from the network")
                                                           : tr("removed; %1").arg(removed->join(u"; "_s)))
                                     : removed.message();
            return o;
        },
        [this, remotePath](const Outcome &o) { Q_EMIT finished(remotePath, o.ok, o.message); });
}

} // namespace stratus::ui
