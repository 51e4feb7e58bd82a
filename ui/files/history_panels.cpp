#include "files/history_panels.h"

#include "engine/formatting.h"
#include "engine/session.h"
#include "engine/task_lane.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

struct HistorySnapshot {
    Reply<QList<api::ConflictInfo>> conflicts;
    Reply<QList<api::TrashedFileInfo>> trash;
};

QString timeText(qint64 ms)
{
    return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : QString();
}

QTreeWidget *makeList(const QString &name, const QString &accessible, const QStringList &headers, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(name);
    list->setAccessibleName(accessible);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list->header()->setStretchLastSection(false);
    return list;
}

QPushButton *makeButton(const QString &name, const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setEnabled(false);
    return b;
}

// A tab: a list above a row of buttons.
QWidget *makeTab(QWidget *parent, QWidget *top, QTreeWidget *list, const QList<QPushButton *> &buttons)
{
    auto *tab = new QWidget(parent);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    for (QPushButton *b : buttons) {
        b->setParent(tab);
        row->addWidget(b);
    }
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    if (top) {
        top->setParent(tab);
        layout->addWidget(top);
    }
    list->setParent(tab);
    layout->addWidget(list, 1);
    layout->addLayout(row);
    return tab;
}

} // namespace

HistoryPanels::HistoryPanels(Session &session, QWidget *parent) : QObject(parent), m_session(session)
{
    m_conflictList = makeList(u"conflictList"_s, tr("Open conflicts"),
                              {tr("File"), tr("The conflict copy holds"), tr("Conflict copy")}, parent);
    m_keepMine = makeButton(u"keepMine"_s, tr("Keep &mine"),
                            tr("This device's version stays; the other goes to the trash"), parent);
    m_keepTheirs = makeButton(u"keepTheirs"_s, tr("Keep &theirs"),
                              tr("The other device's version stays; this device's goes to the trash"), parent);
    m_keepBoth = makeButton(u"keepBoth"_s, tr("Keep &both"),
                            tr("The conflict copy gets an ordinary name beside the file"), parent);
    m_conflictsTab = makeTab(parent, nullptr, m_conflictList, {m_keepMine, m_keepTheirs, m_keepBoth});

    m_trashList = makeList(u"trashList"_s, tr("Deleted files"), {tr("File"), tr("Size"), tr("Deleted")}, parent);
    m_restoreTrash = makeButton(u"restoreFromTrash"_s, tr("Re&store"),
                                tr("Brings the file back into its synced folder, on every device"), parent);
    m_trashTab = makeTab(parent, nullptr, m_trashList, {m_restoreTrash});

    m_versionsOf = new QLabel(tr("Select a file in \"Files on the network\" to see its versions."), parent);
    m_versionsOf->setWordWrap(true);
    m_versionList = makeList(u"versionList"_s, tr("Versions of the selected file"),
                             {tr("Version"), tr("Size"), tr("Modified"), tr("Recorded")}, parent);
    m_restoreVersion =
        makeButton(u"restoreVersion"_s, tr("Restore this &version"),
                   tr("Puts this version back as the file (the current one is kept as a version)"), parent);
    m_versionsTab = makeTab(parent, m_versionsOf, m_versionList, {m_restoreVersion});

    connect(m_keepMine, &QPushButton::clicked, this, [this]() { resolveSelected(api::ConflictChoice::KeepMine); });
    connect(m_keepTheirs, &QPushButton::clicked, this, [this]() { resolveSelected(api::ConflictChoice::KeepTheirs); });
    connect(m_keepBoth, &QPushButton::clicked, this, [this]() { resolveSelected(api::ConflictChoice::KeepBoth); });
    connect(m_restoreTrash, &QPushButton::clicked, this, &HistoryPanels::restoreSelectedFromTrash);
    connect(m_restoreVersion, &QPushButton::clicked, this, &HistoryPanels::restoreSelectedVersion);
    for (QTreeWidget *list : {m_conflictList, m_trashList, m_versionList})
        connect(list, &QTreeWidget::currentItemChanged, this, &HistoryPanels::updateButtons);

    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(1000);
    connect(&m_reloadSoon, &QTimer::timeout, this, &HistoryPanels::reload);
    connect(&session, &Session::syncEvents, this, &HistoryPanels::onSyncEvents);
    connect(&session, &Session::syncStatusChanged, this, [this]() {
        if (m_conflicts.isEmpty() && m_trash.isEmpty() && !m_reloadSoon.isActive() && !m_reloading &&
            m_session.syncRunning())
            m_reloadSoon.start(); // the first time the engine runs
    });
}

void HistoryPanels::onSyncEvents(const QList<api::SyncEventInfo> &events)
{
    for (const api::SyncEventInfo &e : events)
        if (e.kind == u"conflict"_s || e.kind == u"applied"_s || e.kind == u"scanned"_s) {
            if (!m_reloadSoon.isActive())
                m_reloadSoon.start();
            return;
        }
}

void HistoryPanels::reload()
{
    if (m_session.state() != Session::State::Ready)
        return;
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    const QString dataDir = m_session.paths().accountDir;
    m_session.clientLane().post<HistorySnapshot>(
        this,
        [dataDir]() {
            HistorySnapshot s;
            s.conflicts = toReply<QList<api::ConflictInfo>>(api::syncConflicts(dataDir));
            s.trash = toReply<QList<api::TrashedFileInfo>>(api::syncTrash(dataDir));
            return s;
        },
        [this](const HistorySnapshot &s) {
            m_reloading = false;
            if (s.conflicts.ok())
                fillConflicts(s.conflicts.value);
            if (s.trash.ok())
                fillTrash(s.trash.value);
            if (!s.conflicts.ok() || !s.trash.ok())
                Q_EMIT done(tr("Could not read the folders' history: %1")
                                .arg(s.conflicts.ok() ? s.trash.error : s.conflicts.error),
                            false);
            Q_EMIT reloaded();
            if (std::exchange(m_reloadAgain, false))
                reload();
        });
}

void HistoryPanels::fillConflicts(const QList<api::ConflictInfo> &conflicts)
{
    m_conflicts = conflicts;
    m_conflictList->clear();
    for (const api::ConflictInfo &c : conflicts) {
        auto *item = new QTreeWidgetItem(m_conflictList);
        item->setText(0, u"/%1/%2"_s.arg(c.folder, c.original));
        item->setText(1, c.copyIsMine ? tr("this device's version") : tr("the version of device %1").arg(c.device));
        item->setText(2, c.path);
    }
    if (m_conflictList->topLevelItemCount() > 0)
        m_conflictList->setCurrentItem(m_conflictList->topLevelItem(0));
    updateButtons();
}

void HistoryPanels::fillTrash(const QList<api::TrashedFileInfo> &trash)
{
    m_trash = trash;
    m_trashList->clear();
    for (const api::TrashedFileInfo &t : trash) {
        auto *item = new QTreeWidgetItem(m_trashList);
        item->setText(0, t.path);
        item->setText(1, formatBytes(t.size));
        item->setText(2, timeText(t.deletedMs));
    }
    updateButtons();
}

void HistoryPanels::showVersions(const QString &path)
{
    if (path.isEmpty() || m_session.state() != Session::State::Ready)
        return;
    m_versionsPath = path;
    m_versionsOf->setText(tr("Versions of %1 (newest first)").arg(path));
    const QString dataDir = m_session.paths().accountDir;
    m_session.clientLane().post<Reply<QList<api::FileVersionInfo>>>(
        this, [dataDir, path]() { return toReply<QList<api::FileVersionInfo>>(api::fileVersions(dataDir, path)); },
        [this, path](const Reply<QList<api::FileVersionInfo>> &r) {
            if (path != m_versionsPath)
                return; // another file was selected meanwhile
            m_versionList->clear();
            if (!r.ok()) {
                m_versionsOf->setText(tr("No versions of %1: %2").arg(path, r.error));
                updateButtons();
                return;
            }
            for (const api::FileVersionInfo &v : r.value) {
                auto *item = new QTreeWidgetItem(m_versionList);
                item->setText(0, v.deleted ? tr("%1 (deleted)").arg(v.version) : QString::number(v.version));
                item->setData(0, Qt::UserRole, v.deleted ? 0 : v.version);
                item->setText(1, v.deleted ? QString() : formatBytes(v.size));
                item->setText(2, v.deleted ? QString() : timeText(v.mtimeMs));
                item->setText(3, timeText(v.recordedMs));
            }
            updateButtons();
        });
}

void HistoryPanels::resolveSelected(api::ConflictChoice choice)
{
    const int row = m_conflictList->indexOfTopLevelItem(m_conflictList->currentItem());
    if (row < 0 || row >= m_conflicts.size())
        return;
    const api::ConflictInfo conflict = m_conflicts.at(row);
    const QString dataDir = m_session.paths().accountDir;
    m_conflictList->setEnabled(false);
    m_session.clientLane().post<Reply<QString>>(
        this,
        [dataDir, conflict, choice]() { return toReply<QString>(api::resolveConflict(dataDir, conflict, choice)); },
        [this, conflict](const Reply<QString> &r) {
            m_conflictList->setEnabled(true);
            if (r.ok())
                Q_EMIT done(
                    tr("Conflict on /%1/%2 resolved: /%1/%3 stays").arg(conflict.folder, conflict.original, r.value),
                    true);
            else
                Q_EMIT done(
                    tr("Could not resolve the conflict on /%1/%2: %3").arg(conflict.folder, conflict.original, r.error),
                    false);
            reload();
        });
}

void HistoryPanels::restoreSelectedFromTrash()
{
    const int row = m_trashList->indexOfTopLevelItem(m_trashList->currentItem());
    if (row >= 0 && row < m_trash.size())
        restore(m_trash.at(row).path, m_trash.at(row).version);
}

void HistoryPanels::restoreSelectedVersion()
{
    QTreeWidgetItem *item = m_versionList->currentItem();
    if (item && item->data(0, Qt::UserRole).toInt() > 0)
        restore(m_versionsPath, item->data(0, Qt::UserRole).toInt());
}

void HistoryPanels::restore(const QString &path, int version)
{
    const QString dataDir = m_session.paths().accountDir;
    const QString network = m_session.networkFile();
    m_restoreTrash->setEnabled(false);
    m_restoreVersion->setEnabled(false);
    m_session.clientLane().post<Reply<QString>>(
        this,
        [dataDir, network, path, version]() {
            return toReply<QString>(api::restoreFileVersion(dataDir, network, path, version, QString()));
        },
        [this, path, version](const Reply<QString> &r) {
            if (r.ok())
                Q_EMIT done(tr("Restored version %1 of %2 to %3").arg(version).arg(path, r.value), true);
            else
                Q_EMIT done(tr("Could not restore %1: %2").arg(path, r.error), false);
            reload();
            if (path == m_versionsPath)
                showVersions(path);
            updateButtons();
        });
}

void HistoryPanels::updateButtons()
{
    const bool conflict = m_conflictList->currentItem() != nullptr;
    m_keepMine->setEnabled(conflict);
    m_keepTheirs->setEnabled(conflict);
    m_keepBoth->setEnabled(conflict);
    m_restoreTrash->setEnabled(m_trashList->currentItem() != nullptr);
    QTreeWidgetItem *version = m_versionList->currentItem();
    m_restoreVersion->setEnabled(version && version->data(0, Qt::UserRole).toInt() > 0);
}

} // namespace stratus::ui
