#include "engine/session.h"

#include "api/desktop_network.h"
#include "api/devnet.h"
#include "engine/app_settings.h"
#include "engine/free_ports.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

// The local network: small enough for one machine, big enough for 4+2
// erasure coding with spare nodes.
api::DevnetOptions localNetworkOptions(const QString &dir, const QString &program)
{
    api::DevnetOptions o;
    o.dir = dir;
    o.program = program;
    o.nodes = 6;
    o.validators = 1;
    o.storage = {qint64(512) << 20};
    return o;
}

bool allRunning(const api::DevnetInfo &info)
{
    if (info.nodes.isEmpty())
        return false;
    for (const api::DevnetNodeInfo &n : info.nodes)
        if (n.state != u"running"_s)
            return false;
    return true;
}

} // namespace

Session::Session(const AppPaths &paths, AppSettings &settings, const QString &program, QObject *parent)
    : QObject(parent), m_paths(paths), m_settings(settings),
      m_program(program.isEmpty() ? findStratusProgram() : program)
{
    m_paused = m_settings.folderPaused();
    m_networkSetting = m_settings.networkFile();
}

Session::~Session() { shutdown(); }

QString Session::findStratusProgram()
{
    const QString env = qEnvironmentVariable("STRATUS_BIN");
    if (!env.isEmpty())
        return env;
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {u"stratus"_s, u"../cli/stratus"_s, u"../app/cli/stratus"_s})
        if (QFileInfo(here.filePath(candidate)).isExecutable())
            return QDir::cleanPath(here.filePath(candidate));
    return here.filePath(u"stratus"_s);
}

bool Session::usesLocalNetwork() const { return m_networkSetting.isEmpty(); }

QString Session::networkFile() const
{
    return usesLocalNetwork() ? m_paths.devnetDir + u"/network.json"_s : m_networkSetting;
}

void Session::setState(State state, const QString &message)
{
    m_state = state;
    m_stateMessage = message;
    Q_EMIT stateChanged();
}

void Session::start()
{
    if (m_state == State::Starting || m_state == State::Ready)
        return;
    // A network chosen in Settings is used from the next start (or retry),
    // never halfway through a run.
    m_networkSetting = m_settings.networkFile();
    setState(State::Starting,
             usesLocalNetwork() ? tr("Starting the local network…") : tr("Connecting to the network…"));
    const bool local = usesLocalNetwork();
    const QString devnetDir = m_paths.devnetDir;
    const QString program = m_program;
    const QString accountDir = m_paths.accountDir;
    const QString network = networkFile();
    m_clientLane.post<QString>(
        this,
        [this, local, devnetDir, program, accountDir, network]() -> QString {
            if (local) {
                auto status = api::devnetStatus(devnetDir);
                if (!status || !allRunning(status.value())) {
                    if (status)
                        (void)api::devnetDown(devnetDir); // a stale one from a crash
                    auto up = api::devnetUp(localNetworkOptions(devnetDir, program));
                    if (!up)
                        return tr("The local network did not start: %1").arg(up.message());
                }
            }
            if (!local && !QFileInfo(network).isFile())
                return tr("The network file %1 does not exist: choose one in Settings").arg(network);
            api::ClientOptions o;
            o.dataDir = accountDir;
            o.networkFile = network;
            // Leave a core to the GUI thread while files are encoded.
            o.threads = std::max(1, QThread::idealThreadCount() - 1);
            auto client = api::openClient(o);
            if (!client)
                return client.message();
            m_client = std::move(client.value());
            return {};
        },
        [this](const QString &error) {
            if (!error.isEmpty()) {
                setState(State::Failed, error);
                Q_EMIT activity(error, true);
                return;
            }
            setState(State::Ready,
                     usesLocalNetwork() ? tr("Connected to the local network") : tr("Connected to the network"));
            startSync();
            if (m_settings.contributeStorage() || m_settings.paperNode())
                applyNodeRoles(m_settings.contributeStorage(), m_settings.storageBytes(), m_settings.paperNode());
        });
}

api::NodeInfo Session::nodeInfo() const { return m_nodeInfo; }

bool Session::nodeRunning() const { return m_nodeRunning; }

Reply<api::NodeInfo> Session::runNodeRoles(bool storage, qint64 storageBytes, bool paper, const QString &network)
{
    Reply<api::NodeInfo> r;
    if (!storage && !paper) {
        m_node.reset();
        return r;
    }
    if (m_node) {
        const api::NodeInfo info = m_node->info();
        if (info.storage != storage || (storage && info.capacityBytes != storageBytes))
            m_node.reset(); // a different storage role: start again
    }
    if (!m_node) {
        api::NodeOptions o;
        o.dataDir = m_paths.nodeDir;
        o.listenAddress = u"127.0.0.1"_s;
        const quint16 port = freePortPair();
        if (port == 0) {
            r.failed = true;
            r.error = tr("no free port for the node");
            return r;
        }
        o.controlPort = port;
        o.swarmPort = static_cast<quint16>(port + 1);
        o.storage = storage;
        o.storageBytes = storageBytes;
        o.networkFile = network;
        o.validator = paper;
        // A local network audits every second, as its own paper nodes do.
        if (!network.isEmpty() && api::isLocalNetworkFile(network))
            o.auditIntervalMs = 1000;
        auto node = api::startNode(o);
        if (!node) {
            r.failed = true;
            r.error = node.message();
            return r;
        }
        m_node = std::move(node.value());
    }
    if (Status st = m_node->setValidatorEnabled(paper); !st) {
        r.failed = true;
        r.error = st.message();
    }
    r.value = m_node->info();
    return r;
}

void Session::applyNodeRoles(bool storage, qint64 storageBytes, bool paper)
{
    m_settings.setContributeStorage(storage);
    m_settings.setStorageBytes(storageBytes);
    m_settings.setPaperNode(paper);
    m_nodeBusy = true;
    Q_EMIT nodeChanged();
    const QString network = QFileInfo::exists(networkFile()) ? networkFile() : QString();
    m_nodeLane.post<Reply<api::NodeInfo>>(
        this,
        [this, storage, storageBytes, paper, network]() { return runNodeRoles(storage, storageBytes, paper, network); },
        [this, storage, paper](const Reply<api::NodeInfo> &r) {
            m_nodeBusy = false;
            const bool wasRunning = m_nodeRunning;
            m_nodeRunning = !r.value.id.isEmpty();
            m_nodeInfo = r.value;
            if (m_nodeRunning && !wasRunning)
                m_nodeStartedMs = QDateTime::currentMSecsSinceEpoch();
            if (!r.ok())
                Q_EMIT activity(tr("The node: %1").arg(r.error), true);
            else if (storage || paper)
                Q_EMIT activity(tr("The node %1 runs").arg(r.value.id.left(16)), false);
            else
                Q_EMIT activity(tr("The node stopped"), false);
            Q_EMIT nodeChanged();
        });
}

void Session::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_settings.setFolderPaused(paused);
    applyPauses();
    Q_EMIT pausedChanged(paused);
}

bool Session::folderPaused(const QString &folder) const
{
    return m_paused || m_settings.pausedFolders().contains(QDir::cleanPath(folder));
}

void Session::setFolderPaused(const QString &folder, bool paused)
{
    const QString path = QDir::cleanPath(folder);
    QStringList folders = m_settings.pausedFolders();
    if (paused == folders.contains(path))
        return;
    if (paused)
        folders.append(path);
    else
        folders.removeAll(path);
    m_settings.setPausedFolders(folders);
    applyPauses();
    Q_EMIT pausedChanged(m_paused);
}

void Session::applyPauses()
{
    QList<std::pair<QString, bool>> pauses;
    for (const QString &folder : m_settings.syncFolders())
        pauses.append({folderLabel(folder), folderPaused(folder)});
    m_syncLane.post<bool>(this, [this, pauses]() {
        if (m_sync)
            for (const auto &[label, paused] : pauses)
                m_sync->setPaused(label, paused);
        return true;
    });
}

void Session::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    stopSync();
    m_nodeLane.waitForDone();
    m_node.reset();
    m_clientLane.waitForDone();
    m_client.reset();
    if (usesLocalNetwork() && m_state != State::Idle)
        (void)api::devnetDown(m_paths.devnetDir);
    m_settings.sync();
}

} // namespace stratus::ui
