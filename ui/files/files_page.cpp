#include "files/files_page.h"

#include "engine/app_settings.h"
#include "engine/formatting.h"
#include "engine/session.h"
#include "files/credits_box.h"
#include "files/drop_importer.h"
#include "files/drop_zone.h"
#include "files/history_panels.h"
#include "files/remote_actions.h"
#include "files/remote_tree_model.h"
#include "files/sync_folders_box.h"

#include <QAction>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

constexpr int kMaxActivity = 500;
constexpr int kRefreshMs = 15000;

struct Snapshot {
    Reply<QList<api::RemoteFileInfo>> files;
    QHash<QString, RemoteTreeModel::LocalState> local;
    Reply<api::CreditsInfo> credits;
};

} // namespace

FilesPage::FilesPage(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_importer = new DropImporter(session, this);
    m_actions = new RemoteActions(session, this);
    m_banner = new QLabel(tr("This is a local network: all of its nodes run on this one machine. It is for trying "
                             "Stratus out and is no backup."),
                          this);
    m_banner->setObjectName(u"localNetworkBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"background: #fff4d6; color: #5c4400; padding: 6px; border-radius: 4px;"_s);
    m_connection = new QLabel(this);
    m_connection->setWordWrap(true);
    m_retry = new QPushButton(tr("&Try again"), this);
    m_retry->setVisible(false);
    connect(m_retry, &QPushButton::clicked, this, [this]() { m_session.start(); });
    auto *connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_connection, 1);
    connectionRow->addWidget(m_retry);

    m_folders = new SyncFoldersBox(session, this);

    m_dropZone = new DropZone(this);
    m_credits = new CreditsBox(this);

    m_model = new RemoteTreeModel(this);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("Files on the network"));
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(RemoteTreeModel::Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *fetch = new QAction(tr("&Fetch into the synced folder"), m_tree);
    fetch->setShortcut(QKeySequence(u"Ctrl+F"_s));
    fetch->setShortcutContext(Qt::WidgetShortcut);
    auto *remove = new QAction(tr("&Remove from the network"), m_tree);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_tree->addAction(fetch);
    m_tree->addAction(remove);
    connect(fetch, &QAction::triggered, this, [this]() { actOnSelected(true); });
    connect(remove, &QAction::triggered, this, [this]() { actOnSelected(false); });
    connect(m_actions, &RemoteActions::finished, this,
            [this](const QString &remotePath, bool ok, const QString &message) {
                addActivity(u"%1: %2"_s.arg(remotePath, message), !ok);
                refresh();
            });
    m_activity = new QListWidget(this);
    m_activity->setAccessibleName(tr("Activity"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_tree, tr("Files on the network"));
    tabs->addTab(m_activity, tr("Activity"));
    m_history = new HistoryPanels(session, this);
    tabs->addTab(m_history->conflictsTab(), tr("Conflicts"));
    tabs->addTab(m_history->trashTab(), tr("Trash"));
    tabs->addTab(m_history->versionsTab(), tr("Versions"));
    connect(m_history, &HistoryPanels::done, this, [this](const QString &text, bool ok) { addActivity(text, !ok); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
        const QString path = index.siblingAtColumn(RemoteTreeModel::Name).data(RemoteTreeModel::PathRole).toString();
        if (!path.isEmpty())
            m_history->showVersions(path);
        updateDropTarget();
    });
    // The folder picked last, in the box or in the tree, takes the drops.
    connect(m_folders->list(), &QListWidget::currentRowChanged, this, [this]() {
        m_tree->selectionModel()->clearCurrentIndex();
        m_tree->clearSelection();
        updateDropTarget();
    });
    updateDropTarget();
    connect(&session, &Session::syncEvents, this, [this](const QList<api::SyncEventInfo> &events) {
        for (const api::SyncEventInfo &e : events)
            if (e.kind == u"problem"_s || e.kind == u"conflict"_s || e.kind == u"applied"_s ||
                e.kind == u"published"_s || e.kind == u"compacted"_s)
                addActivity(e.folder.isEmpty()
                                ? e.message
                                : u"%1: %2"_s.arg(e.path.isEmpty() ? e.folder : e.folder + u'/' + e.path, e.message),
                            e.kind == u"problem"_s);
    });
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    m_rates = new QLabel(this);
    m_rates->setObjectName(u"rates"_s);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_rates, 1);
    bottom->addWidget(refreshButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(connectionRow);
    auto *middle = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(m_folders);
    left->addWidget(m_dropZone);
    middle->addLayout(left, 2);
    middle->addWidget(m_credits, 1);
    layout->addLayout(middle);
    layout->addWidget(tabs, 1);
    layout->addLayout(bottom);

    connect(refreshButton, &QPushButton::clicked, this, [this]() { refresh(); });
    connect(m_dropZone, &DropZone::dropped, this, &FilesPage::importUrls);
    connect(&session, &Session::stateChanged, this, [this]() {
        updateStatus();
        if (m_session.state() == Session::State::Ready)
            refresh();
    });
    connect(&session, &Session::pausedChanged, this, &FilesPage::updateStatus);
    connect(&session, &Session::activity, this, &FilesPage::addActivity);
    connect(m_importer, &DropImporter::busyChanged, this, &FilesPage::updateStatus);
    connect(m_importer, &DropImporter::fileProgress, m_dropZone, &DropZone::showProgress);
    connect(m_importer, &DropImporter::copyFailed, this, [this](const QString &source, const QString &reason) {
        addActivity(tr("Not copied: %1 (%2)").arg(source, reason), true);
    });
    connect(m_importer, &DropImporter::fileQueued, this, [this](const QString &name, qint64 bytes) {
        addActivity(tr("Copied %1 (%2) into the folder").arg(name, formatBytes(bytes)));
    });
    connect(m_importer, &DropImporter::batchQueued, this, [this](int count, qint64 bytes) {
        addActivity(tr("Copied %n file(s) (%1) into the folder", nullptr, count).arg(formatBytes(bytes)));
    });
    connect(m_importer, &DropImporter::fileDone, this,
            [this](const QString &name, const QString &remote, bool ok, const QString &message) {
                // A large drop: one line per thousand files stored, not one each.
                if (ok && (m_quietStored > 0 || m_importer->queued() >= DropImporter::kListEach)) {
                    if (++m_quietStored % 1000 == 0 || !m_importer->busy())
                        addActivity(tr("Stored %n file(s)", nullptr, m_quietStored));
                } else if (ok) {
                    addActivity(tr("Stored %1 as %2").arg(name, remote));
                } else {
                    addActivity(tr("Could not store %1: %2").arg(name, message), true);
                }
                if (!m_importer->busy()) {
                    m_quietStored = 0;
                    m_dropZone->showProgress({}, 0, 0);
                    refresh();
                }
            });

    m_refreshTimer.setInterval(kRefreshMs);
    // The tree every 15 s from the local index; health (which probes every
    // shard on the network) every fourth time.
    connect(&m_refreshTimer, &QTimer::timeout, this, [this]() { refresh(++m_refreshTicks % 4 == 0); });
    m_refreshTimer.start();
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &FilesPage::updateRates);
    m_rateTimer.start();
    updateStatus();
    updateRates();
}

void FilesPage::addActivity(const QString &text, bool error)
{
    auto *item = new QListWidgetItem(u"%1  %2"_s.arg(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s), text));
    if (error)
        item->setForeground(QColor(0xb0, 0x20, 0x20));
    m_activity->insertItem(0, item);
    while (m_activity->count() > kMaxActivity)
        delete m_activity->takeItem(m_activity->count() - 1);
}

void FilesPage::updateDropTarget()
{
    const auto [folder, subdir] = dropTarget();
    m_dropZone->setTarget(subdir.isEmpty() ? folder : QDir(folder).filePath(subdir));
}

QString FilesPage::selectedRemoteFolder() const
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(RemoteTreeModel::Name);
    const QString folder = index.data(RemoteTreeModel::FolderRole).toString();
    if (!folder.isEmpty())
        return folder;
    const QString file = index.data(RemoteTreeModel::PathRole).toString();
    return file.isEmpty() ? QString() : file.left(file.lastIndexOf(u'/'));
}

void FilesPage::selectRemote(const QString &path)
{
    const QModelIndex start = m_model->index(0, RemoteTreeModel::Name);
    for (const int role : {RemoteTreeModel::PathRole, RemoteTreeModel::FolderRole}) {
        const QModelIndexList hits = m_model->match(start, role, path, 1, Qt::MatchExactly | Qt::MatchRecursive);
        if (!hits.isEmpty())
            return m_tree->setCurrentIndex(hits.first());
    }
}

std::pair<QString, QString> FilesPage::dropTarget() const
{
    // A folder selected in the tree, inside a folder synced here: there.
    const QString remote = selectedRemoteFolder();
    const QString label = remote.section(u'/', 1, 1);
    for (const QString &folder : m_session.settings().syncFolders())
        if (!label.isEmpty() && Session::folderLabel(folder) == label)
            return {folder, remote.section(u'/', 2)};
    return {m_folders->currentFolder(), QString()};
}

void FilesPage::importUrls(const QList<QUrl> &urls)
{
    const auto [folder, subdir] = dropTarget();
    m_importFolder = folder;
    if (!QDir().mkpath(folder)) {
        addActivity(tr("Cannot create the synced folder %1").arg(folder), true);
        return;
    }
    const QString into = subdir.isEmpty() ? folder : QDir(folder).filePath(subdir);
    addActivity(tr("Copying %n item(s) into %1", nullptr, static_cast<int>(urls.size())).arg(into));
    m_importer->import(urls, folder, subdir);
}

void FilesPage::refresh(bool health)
{
    if (m_refreshing || m_session.state() != Session::State::Ready)
        return;
    m_refreshing = true;
    m_history->reload();
    Session *session = &m_session;
    QHash<QString, QString> synced; // label -> directory here
    for (const QString &folder : m_session.settings().syncFolders())
        synced.insert(Session::folderLabel(folder), QDir::cleanPath(folder));
    m_session.clientLane().post<Snapshot>(
        this,
        [session, health, synced]() {
            Snapshot s;
            s.files = toReply<QList<api::RemoteFileInfo>>(session->client()->list(health));
            if (s.files.ok())
                s.local = RemoteTreeModel::localStates(s.files.value, synced);
            s.credits = toReply<api::CreditsInfo>(session->client()->credits());
            return s;
        },
        [this](const Snapshot &s) {
            m_refreshing = false;
            if (s.files.ok()) {
                // The rows are made again: the selection follows its path.
                const QModelIndex current = m_tree->currentIndex().siblingAtColumn(RemoteTreeModel::Name);
                const QString file = current.data(RemoteTreeModel::PathRole).toString();
                const QString folder = current.data(RemoteTreeModel::FolderRole).toString();
                m_model->setFiles(s.files.value, s.local);
                m_tree->expandAll();
                if (!file.isEmpty() || !folder.isEmpty())
                    selectRemote(file.isEmpty() ? folder : file);
            } else
                addActivity(tr("Could not list the files: %1").arg(s.files.error), true);
            if (s.credits.ok())
                m_credits->setCredits(s.credits.value);
            else
                m_credits->setError(s.credits.error);
            Q_EMIT refreshed();
        });
}

void FilesPage::updateStatus()
{
    m_banner->setVisible(m_session.usesLocalNetwork());
    m_connection->setText(m_session.stateMessage());
    m_retry->setVisible(m_session.state() == Session::State::Failed);
    if (m_importer->busy() && !m_session.folderPaused(m_importFolder))
        m_folders->setBusyFolder(m_importFolder, tr("syncing (%n waiting)", nullptr, m_importer->queued()));
    else
        m_folders->setBusyFolder({}, {});
}

void FilesPage::updateRates()
{
    // The sync engine's swarm traffic (drops and edits going out, other
    // devices' changes coming in) and this page's own fetches.
    const api::SyncTraffic sync = m_session.syncTraffic();
    const RateMeter::Rates r = m_rateMeter.add(sync.uploaded, sync.downloaded + m_actions->bytesDownloaded());
    m_rates->setText(tr("Up %1/s · down %2/s").arg(formatBytes(r.up), formatBytes(r.down)));
}

void FilesPage::actOnSelected(bool fetch)
{
    const QString path =
        m_tree->currentIndex().siblingAtColumn(RemoteTreeModel::Name).data(RemoteTreeModel::PathRole).toString();
    if (path.isEmpty())
        return;
    addActivity(fetch ? tr("Fetching %1…").arg(path) : tr("Removing %1 from the network…").arg(path));
    if (fetch)
        m_actions->download(path);
    else
        m_actions->remove(path);
}

} // namespace stratus::ui
