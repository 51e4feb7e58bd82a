#include "api/sync.h"

#include "api/sync_local.h"

#include "client/file_index.h"
#include "client/local_account.h"
#include "client/network_context.h"
#include "client/pointer_client.h"
#include "client/remote_store.h"
#include "crypto/random.h"
#include "discovery/network_file.h"
#include "sync/apply_journal.h"
#include "sync/conflict_name.h"
#include "sync/local_index.h"
#include "sync/versioner.h"
#include "syncservice/device_registry.h"
#include "syncservice/sync_engine.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::api {

using detail::existingAccount;

namespace {

QString eventKind(syncservice::SyncEvent::Kind k)
{
    switch (k) {
    case syncservice::SyncEvent::Kind::Scanned:
        return u"scanned"_s;
    case syncservice::SyncEvent::Kind::Uploaded:
        return u"uploaded"_s;
    case syncservice::SyncEvent::Kind::Stored:
        return u"stored"_s;
    case syncservice::SyncEvent::Kind::Published:
        return u"published"_s;
    case syncservice::SyncEvent::Kind::Applied:
        return u"applied"_s;
    case syncservice::SyncEvent::Kind::Conflict:
        return u"conflict"_s;
    case syncservice::SyncEvent::Kind::Repaired:
        return u"repaired"_s;
    case syncservice::SyncEvent::Kind::Compacted:
        return u"compacted"_s;
    case syncservice::SyncEvent::Kind::Problem:
        break;
    }
    return u"problem"_s;
}

class SyncSessionImpl final : public SyncSession {
public:
    explicit SyncSessionImpl(std::unique_ptr<syncservice::SyncEngine> engine) : m_engine(std::move(engine))
    {
        m_thread.setObjectName(u"sync engine"_s);
    }

    ~SyncSessionImpl() override
    {
        if (m_thread.isRunning()) {
            // The engine (its timers, watcher and databases) ends on its thread.
            QMetaObject::invokeMethod(
                m_engine.get(), [this] { m_engine.reset(); }, Qt::BlockingQueuedConnection);
            m_thread.quit();
            m_thread.wait();
        }
    }

    QString deviceId() const override { return m_engine->deviceId(); }

    Status start() override
    {
        if (m_thread.isRunning())
            return makeError(u"the sync engine is running already"_s);
        m_engine->moveToThread(&m_thread);
        m_thread.start();
        Status result;
        QMetaObject::invokeMethod(
            m_engine.get(), [&] { result = m_engine->start(); }, Qt::BlockingQueuedConnection);
        return result;
    }

    Status syncOnce() override
    {
        if (m_thread.isRunning())
            return makeError(u"the sync engine is running on its own thread"_s);
        return m_engine->syncOnce();
    }

    QList<SyncFolderStatus> status() const override
    {
        QList<SyncFolderStatus> out;
        for (const syncservice::FolderStatus &f : m_engine->status())
            out.append(SyncFolderStatus{f.label, f.path, f.paused, f.activity, f.lastSyncMs, f.files, f.conflicts,
                                        f.problems, f.uploadingPath, f.uploadingDone, f.uploadingSize, f.receivingPath,
                                        f.receivingDone, f.receivingSize});
        return out;
    }

    void setPaused(const QString &label, bool paused) override { m_engine->setPaused(label, paused); }
    void setRateLimits(qint64 upload, qint64 download) override { m_engine->setRateLimits(upload, download); }
    SyncTraffic traffic() const override
    {
        const swarm::PayloadTotals t = m_engine->transferred();
        return SyncTraffic{t.sent, t.received};
    }

private:
    std::unique_ptr<syncservice::SyncEngine> m_engine;
    QThread m_thread;
};

// The network pieces a one-off command needs.
struct Connection {
    client::LocalAccount account;
    std::unique_ptr<client::FileIndex> files;
    std::unique_ptr<client::NetworkContext> network;
    std::unique_ptr<client::PointerClient> pointers;
    std::unique_ptr<crypto::SigningKey> accountKey;
    ~Connection() { network.reset(); }
};

Result<std::unique_ptr<Connection>> connect(const QString &dataDir, const QString &networkFile)
{
    auto account = existingAccount(dataDir);
    if (!account)
        return account.error();
    auto network = discovery::NetworkFile::load(networkFile);
    if (!network)
        return network.error();
    auto c = std::make_unique<Connection>();
    c->account = std::move(account.value());
    auto files = client::FileIndex::open(c->account.dataDir + u"/client.db"_s, c->account.databaseKey.toByteArray());
    if (!files)
        return files.error();
    c->files = std::move(files.value());
    auto context = client::NetworkContext::start(network.value(), *c->account.device, u"127.0.0.1"_s);
    if (!context)
        return context.error();
    c->network = std::move(context.value());
    c->pointers = std::make_unique<client::PointerClient>(*c->network);
    c->accountKey = std::make_unique<crypto::SigningKey>(c->account.keys.signingSeed);
    return c;
}

Result<int> registerAndPull(const QString &dataDir, const QString &networkFile)
{
    syncservice::SyncEngineOptions o;
    o.dataDir = dataDir;
    o.networkFile = networkFile;
    auto engine = syncservice::SyncEngine::open(o);
    if (!engine)
        return engine.error();
    return engine.value()->pullHistory();
}

NewAccountInfo infoOf(const client::LocalAccount &a)
{
    return NewAccountInfo{a.dataDir, a.accountId.toString(), a.deviceId.toString(), a.secret.toString(), 0};
}

// "/Label/path" for an account path or a file inside a synced folder.
Result<QString> accountPath(sync::LocalIndex &index, const QString &path, sync::FolderInfo *folder = nullptr)
{
    auto folders = index.folders();
    if (!folders)
        return folders.error();
    // A path inside a synced folder (it may be deleted) first, then an
    // account path.
    const QString abs = QFileInfo(path).absoluteFilePath();
    for (const sync::FolderInfo &f : folders.value())
        if (abs.startsWith(f.rootPath + u'/')) {
            if (folder)
                *folder = f;
            return u'/' + f.label + u'/' + abs.mid(f.rootPath.size() + 1);
        }
    if (path.startsWith(u'/')) {
        const QString label = path.section(u'/', 1, 1);
        for (const sync::FolderInfo &f : folders.value())
            if (f.label == label && folder)
                *folder = f;
        return path;
    }
    return makeError(u"%1 is neither an account path (/Folder/file) nor inside a synced folder"_s.arg(path));
}

} // namespace

Result<NewAccountInfo> createAccount(const QString &dataDir, const QString &networkFile)
{
    if (client::hasAccount(dataDir))
        return makeError(u"%1 already holds an account"_s.arg(dataDir));
    auto account = client::openOrCreateAccount(dataDir);
    if (!account)
        return account.error();
    NewAccountInfo info = infoOf(account.value());
    if (!networkFile.isEmpty())
        if (auto pulled = registerAndPull(account->dataDir, networkFile); !pulled)
            return makeError(u"the account was created in %1, but registering this device failed: %2"_s.arg(
                account->dataDir, pulled.message()));
    return info;
}

Result<NewAccountInfo> restoreAccount(const QString &dataDir, const QString &networkFile, const QString &secret)
{
    auto account = client::restoreAccount(dataDir, secret);
    if (!account)
        return account.error();
    NewAccountInfo info = infoOf(account.value());
    if (!networkFile.isEmpty()) {
        auto pulled = registerAndPull(account->dataDir, networkFile);
        if (!pulled)
            return makeError(u"the account is restored in %1, but its history could not be read: %2"_s.arg(
                account->dataDir, pulled.message()));
        info.historyEntries = pulled.value();
    }
    return info;
}

Result<QList<DeviceInfo>> accountDevices(const QString &dataDir, const QString &networkFile)
{
    auto c = connect(dataDir, networkFile);
    if (!c)
        return c.error();
    syncservice::DeviceRegistry registry(*c.value()->pointers, *c.value()->accountKey);
    auto list = registry.fetch();
    if (!list)
        return list.error();
    QList<DeviceInfo> out;
    for (const syncservice::DeviceRecord &d : list->devices)
        out.append(DeviceInfo{d.id().toString(), d.name, d.addedMs, d.revokedMs,
                              d.key == c.value()->account.device->publicKey()});
    return out;
}

Result<DeviceInfo> revokeDevice(const QString &dataDir, const QString &networkFile, const QString &which)
{
    auto c = connect(dataDir, networkFile);
    if (!c)
        return c.error();
    syncservice::DeviceRegistry registry(*c.value()->pointers, *c.value()->accountKey);
    auto d = registry.revoke(which, QDateTime::currentMSecsSinceEpoch());
    if (!d)
        return d.error();
    return DeviceInfo{d->id().toString(), d->name, d->addedMs, d->revokedMs,
                      d->key == c.value()->account.device->publicKey()};
}

Result<std::unique_ptr<SyncSession>> openSync(const SyncOptions &options,
                                              std::function<void(const SyncEventInfo &)> onEvent)
{
    syncservice::SyncEngineOptions o;
    o.dataDir = options.dataDir;
    o.networkFile = options.networkFile;
    o.swarmAddress = options.swarmAddress;
    o.deviceName = options.deviceName;
    o.repairIntervalMs = options.repairIntervalMs;
    o.keepVersions = options.keepVersions;
    o.keepDays = options.keepDays;
    o.compactIntervalMs = options.compactIntervalMs;
    for (const SyncFolderOption &f : options.folders)
        o.folders.append(syncservice::FolderSpec{f.label, f.path});
    auto engine = syncservice::SyncEngine::open(o);
    if (!engine)
        return engine.error();
    if (onEvent)
        QObject::connect(engine.value().get(), &syncservice::SyncEngine::event,
                         [onEvent](const syncservice::SyncEvent &e) {
                             onEvent(SyncEventInfo{eventKind(e.kind), e.folder, e.path, e.message});
                         });
    return std::unique_ptr<SyncSession>(new SyncSessionImpl(std::move(engine.value())));
}

Result<QList<FileVersionInfo>> fileVersions(const QString &dataDir, const QString &path)
{
    auto account = existingAccount(dataDir);
    if (!account)
        return account.error();
    const QByteArray key = account->databaseKey.toByteArray();
    auto index = sync::LocalIndex::open(account->dataDir + u"/sync-index.db"_s, key);
    if (!index)
        return index.error();
    auto remote = accountPath(*index.value(), path);
    if (!remote)
        return remote.error();
    auto files = client::FileIndex::open(account->dataDir + u"/client.db"_s, key);
    if (!files)
        return files.error();
    auto versions = files.value()->versions(remote.value());
    if (!versions)
        return versions.error();
    QList<FileVersionInfo> out;
    for (const client::FileVersion &v : versions.value())
        out.append(FileVersionInfo{v.version, v.size, v.mtimeMs, v.createdMs, v.deleted});
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.version > b.version; });
    if (out.isEmpty())
        return makeError(u"no version of %1 is known"_s.arg(remote.value()));
    return out;
}

Result<QString> restoreFileVersion(const QString &dataDir, const QString &networkFile, const QString &path, int version,
                                   const QString &outFile)
{
    auto c = connect(dataDir, networkFile);
    if (!c)
        return c.error();
    Connection &conn = *c.value();
    auto index =
        sync::LocalIndex::open(conn.account.dataDir + u"/sync-index.db"_s, conn.account.databaseKey.toByteArray());
    if (!index)
        return index.error();
    sync::FolderInfo folder;
    auto remote = accountPath(*index.value(), path, &folder);
    if (!remote)
        return remote.error();
    auto versions = conn.files->versions(remote.value());
    if (!versions)
        return versions.error();
    const auto it = std::find_if(versions->cbegin(), versions->cend(),
                                 [&](const client::FileVersion &v) { return v.version == version; });
    if (it == versions->cend())
        return makeError(u"%1 has no version %2 (see stratus versions)"_s.arg(remote.value()).arg(version));
    if (it->deleted && it->sealedManifest.isEmpty())
        return makeError(
            u"version %2 of %1 is its deletion: restore an earlier version (see stratus versions)"_s.arg(remote.value())
                .arg(version));
    client::RemoteStore store(conn.account, *conn.files, *conn.network, conn.account.dataDir + u"/work"_s);
    QString target = outFile;
    QString rel;
    if (target.isEmpty()) {
        if (folder.rootPath.isEmpty())
            return makeError(u"%1 is not in a folder synced here: pass --out FILE"_s.arg(remote.value()));
        rel = remote->mid(folder.label.size() + 2);
        target = folder.rootPath + u'/' + rel;
    }
    const QString dir = rel.isEmpty() ? QFileInfo(target).absolutePath() : folder.rootPath + u"/.stratus/incoming"_s;
    QDir().mkpath(dir);
    const QString tmp = dir + u"/restore-"_s + QString::fromLatin1(crypto::randomBytes(6).toHex());
    auto got = store.getVersion(*it, tmp, true);
    if (!got) {
        QFile::remove(tmp);
        return got.error();
    }
    if (!rel.isEmpty() && QFileInfo::exists(target)) {
        // The file it replaces is kept as a local version first.
        sync::Versioner versioner(folder.rootPath);
        if (auto kept = versioner.archive(rel, sync::Versioner::Reason::Replaced, QDateTime::currentMSecsSinceEpoch());
            !kept)
            return kept.error();
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    if (::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(tmp);
        return makeError(u"cannot put the restored file at %1"_s.arg(target));
    }
    return target;
}

QString dropTempPrefix() { return sync::kDropTempPrefix; }

} // namespace stratus::api
