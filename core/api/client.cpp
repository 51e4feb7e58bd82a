#include "api/client.h"

#include "api/earnings_private.h"
#include "api/log.h"
#include "client/credits_client.h"
#include "client/file_index.h"
#include "client/local_account.h"
#include "client/local_archive.h"
#include "client/network_context.h"
#include "client/remote_store.h"
#include "client/validator_views.h"
#include "discovery/network_file.h"
#include "validator/reputation.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QThreadPool>

#include <set>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

LogVerification toVerification(const client::LogReport &r)
{
    LogVerification v;
    v.validator = r.validator.id.isNull() ? QString() : r.validator.id.toString();
    v.name = r.validator.name;
    v.counted = r.counted;
    v.reachable = r.reachable;
    v.ok = r.ok;
    v.size = static_cast<qint64>(r.size);
    v.root = r.root;
    v.problems = r.problems;
    v.notes = r.notes;
    // Forks, disagreements and refused statements are reports; epoch
    // summaries and statements that checked out are counted in a note.
    int summaries = 0, statements = 0;
    for (const client::LogEntryView &e : r.entries) {
        if (e.kind == validator::EntryKind::Attestation)
            continue;
        if (e.kind == validator::EntryKind::Summary || e.kind == validator::EntryKind::Credits)
            ++summaries;
        else if (e.kind == validator::EntryKind::StatementCheck && !e.refused)
            ++statements;
        else
            v.reports.append(u"entry %1: %2"_s.arg(e.index).arg(e.text));
    }
    if (summaries + statements > 0)
        v.notes.append(
            u"%1 epoch summaries and credit books; %2 storage-node statements checked and verified"_s.arg(summaries)
                .arg(statements));
    return v;
}

class ClientImpl final : public Client {
public:
    ClientImpl(client::LocalAccount account, const ClientOptions &options)
        : m_account(std::move(account)), m_options(options)
    {
        m_params.k = options.dataShards;
        m_params.m = options.parityShards;
        if (options.threads > 0)
            m_pool.setMaxThreadCount(options.threads);
    }

    ~ClientImpl() override
    {
        m_remote.reset();
        m_network.reset();
        m_pool.waitForDone();
    }

    Result<QList<StoredFile>> put(const QStringList &paths, const QString &remoteDir, const Progress &progress) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        // Expand directories first, so that a bad path fails before any upload.
        QList<std::pair<QString, QString>> files; // local, remote
        for (const QString &p : paths) {
            const QFileInfo info(p);
            if (!info.exists())
                return makeError(u"%1 does not exist"_s.arg(p));
            if (info.isFile()) {
                files.append({info.absoluteFilePath(), remoteDir + u'/' + info.fileName()});
                continue;
            }
            if (!info.isDir())
                return makeError(u"%1 is neither a file nor a directory"_s.arg(p));
            const QDir base(info.absoluteFilePath());
            QDirIterator it(base.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                files.append({f, remoteDir + u'/' + info.fileName() + u'/' + base.relativeFilePath(f)});
            }
        }
        // Credits first: never half an upload for want of them.
        qint64 bytes = 0;
        for (const auto &f : files)
            bytes += QFileInfo(f.first).size();
        if (Status st = checkUploadCredits(*m_network, bytes); !st)
            return st.error();
        auto stored = m_remote->putFiles(files, progress);
        if (!stored)
            return stored.error();
        QList<StoredFile> out;
        for (qsizetype i = 0; i < stored->size(); ++i) {
            const client::PutResult &r = stored->at(i);
            out.append(StoredFile{files[i].first, r.path, r.version, r.bytes, r.segments, r.shards});
        }
        return out;
    }

    Result<FetchedFile> get(const QString &remotePath, const QString &outFile, bool overwrite,
                            const Progress &progress) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        auto r = m_remote->get(remotePath, outFile, overwrite, progress);
        if (!r)
            return r.error();
        return FetchedFile{r->path, outFile, r->version, r->bytes, r->skipped};
    }

    Result<QList<RemoteFileInfo>> list(bool checkHealth) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        auto files = m_remote->list(checkHealth);
        if (!files)
            return files.error();
        QList<RemoteFileInfo> out;
        for (const client::RemoteFile &f : files.value())
            if (!f.path.startsWith(u"/.stratus/"_s)) // the sync engine's own log batches
                out.append(RemoteFileInfo{f.path, f.version, f.size, f.mtimeMs, f.segments, f.shardsPerSegment,
                                          f.healthyShards});
        return out;
    }

    Result<QStringList> remove(const QString &remotePath) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        return m_remote->remove(remotePath);
    }

    AccountInfo account() const override
    {
        AccountInfo info;
        info.dataDir = m_account.dataDir;
        info.accountId = m_account.accountId.toString();
        info.deviceId = m_account.deviceId.toString();
        info.created = m_account.created;
        if (m_account.created)
            info.recoverySecret = m_account.secret.toString();
        return info;
    }

    Result<PackSummary> pack(const QString &file, const QString &outDir, const Progress &progress) override
    {
        client::LocalArchive archive(m_account, m_params, m_pool);
        auto packed = archive.pack(file, outDir, progress);
        if (!packed)
            return packed.error();
        const object::FileManifest &m = packed->manifest;
        PackSummary s;
        s.manifestPath = packed->manifestPath;
        s.fileName = m.name;
        s.bytes = static_cast<qint64>(m.size);
        s.chunks = static_cast<int>(m.chunks.size());
        std::set<QByteArray> unique;
        for (const auto &c : m.chunks)
            unique.insert(c.id);
        s.uniqueChunks = static_cast<int>(unique.size());
        s.segments = static_cast<int>(m.segments.size());
        s.dataShards = m_params.k;
        s.parityShards = m_params.m;
        for (const auto &seg : m.segments) {
            s.shardFiles += static_cast<int>(seg.shards.size());
            s.storedBytes += static_cast<qint64>(seg.shardSize * seg.shards.size());
        }
        return s;
    }

    Result<UnpackSummary> unpack(const QString &dir, const QString &outFile, bool overwrite,
                                 const Progress &progress) override
    {
        client::LocalArchive archive(m_account, m_params, m_pool);
        auto unpacked = archive.unpack(dir, outFile, overwrite, progress);
        if (!unpacked)
            return unpacked.error();
        UnpackSummary s;
        s.outFile = outFile;
        s.fileName = unpacked->manifest.name;
        s.bytes = static_cast<qint64>(unpacked->manifest.size);
        s.skippedShards = unpacked->skippedShards;
        return s;
    }

    Result<RepairSummary> repair(int threshold, int renewWithinDays) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        auto r = m_remote->repair(threshold, qint64(renewWithinDays) * 24 * 3600 * 1000);
        if (!r)
            return r.error();
        return RepairSummary{r->segmentsChecked, r->segmentsRepaired, r->shardsRebuilt, r->contractsRenewed, r->notes};
    }

private:
    Result<QList<client::LogReport>> readLogs(const QString &validatorId)
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        QList<discovery::BootstrapNode> chosen;
        const discovery::NetworkFile &network = m_network->network();
        if (validatorId.isEmpty()) {
            chosen = network.validators;
            if (chosen.isEmpty())
                return makeError(u"the network file names no validators (paper nodes); start a local network with "
                                 u"`stratus devnet up --validators N`"_s);
        } else {
            for (const discovery::BootstrapNode &v : network.validators)
                if (v.name == validatorId)
                    chosen.append(v);
            if (chosen.isEmpty()) {
                auto id = crypto::NodeId::parse(validatorId);
                if (!id)
                    return makeError(u"--validator: \"%1\" is neither a validator's name in the network file nor a "
                                     u"node id (%2)"_s.arg(validatorId, id.message()));
                discovery::BootstrapNode known;
                if (!m_network->findNode(id.value(), known))
                    return makeError(u"validator %1 is not in the network file"_s.arg(id->shortString()));
                chosen.append(known);
            }
        }
        QList<client::LogReport> out;
        for (const discovery::BootstrapNode &v : chosen)
            out.append(client::verifyValidatorLog(*m_network, v, m_account.dataDir + u"/seen-heads"_s));
        return out;
    }

    Result<NetworkStanding> standings() override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        const client::ValidatorScores scores = client::readValidatorScores(*m_network);
        NetworkStanding out;
        out.validatorsAnswered = scores.sheets;
        out.validatorsCounted = static_cast<int>(m_network->network().validators.size());
        out.problems = scores.problems;
        // The nodes this client knows, then those only the paper nodes know
        // (storage nodes that asked to be audited, like a desktop's own).
        QList<std::pair<crypto::NodeId, QString>> listed;
        QSet<crypto::NodeId> seen;
        for (const discovery::BootstrapNode &n : m_network->nodes()) {
            listed.append({n.id, n.name});
            seen.insert(n.id);
        }
        for (auto it = scores.nodes.cbegin(); it != scores.nodes.cend(); ++it)
            if (!seen.contains(it.key()))
                listed.append({it.key(), it.key().shortString()});
        for (const auto &[id, name] : listed) {
            NodeStanding s;
            s.id = id.toString();
            s.name = name;
            const auto it = scores.nodes.constFind(id);
            if (it != scores.nodes.cend()) {
                const validator::NodeScore &m = it->median;
                s.validators = it->validators;
                s.score = static_cast<double>(m.scorePpm) / 1e6;
                s.auditScore = static_cast<double>(m.auditScorePpm) / 1e6;
                s.uptime = static_cast<double>(m.uptimePpm) / 1e6;
                s.latencyP95Ms = static_cast<double>(m.latencyP95Us) / 1000.0;
                s.throughput = m.throughput;
                s.auditsPassed = m.auditsPassed;
                s.auditsFailed = m.auditsFailed;
                s.online = m.online;
                s.vetted = m.vetted;
                s.eligible = m.eligible;
                s.latencyScore = validator::latencyScoreOf(static_cast<double>(m.latencyP95Us) / 1000.0);
            }
            for (const auto &[validatorId, v] : scores.byValidator.value(id)) {
                ValidatorScoreInfo info;
                info.validatorId = validatorId.toString();
                discovery::BootstrapNode known;
                info.validator = m_network->findNode(validatorId, known) && !known.name.isEmpty()
                                     ? known.name
                                     : validatorId.shortString();
                info.auditScore = static_cast<double>(v.auditScorePpm) / 1e6;
                info.onlineScore = static_cast<double>(v.uptimePpm) / 1e6;
                info.latencyP95Ms = static_cast<double>(v.latencyP95Us) / 1000.0;
                info.latencyScore = validator::latencyScoreOf(info.latencyP95Ms);
                info.auditsFailed = v.auditsFailed;
                info.online = v.online;
                info.eligible = v.eligible;
                s.byValidator.append(info);
            }
            out.nodes.append(s);
        }
        return out;
    }

    Result<QList<LogVerification>> verifyLogs(const QString &validatorId) override
    {
        auto reports = readLogs(validatorId);
        if (!reports)
            return reports.error();
        QList<LogVerification> out;
        for (const client::LogReport &r : reports.value())
            out.append(toVerification(r));
        return out;
    }

    Result<QList<AttestationInfo>> readAttestations(const QString &validatorId, QList<LogVerification> *checks) override
    {
        auto reports = readLogs(validatorId);
        if (!reports)
            return reports.error();
        QList<AttestationInfo> out;
        for (const client::LogReport &r : reports.value()) {
            if (checks)
                checks->append(toVerification(r));
            for (const client::LogEntryView &e : r.entries) {
                if (e.kind != validator::EntryKind::Attestation)
                    continue;
                const validator::Attestation &a = e.attestation;
                AttestationInfo i;
                i.validator = a.validator.toString();
                i.node = a.node.toString();
                discovery::BootstrapNode known;
                if (m_network->findNode(a.node, known))
                    i.nodeName = known.name;
                i.counted = r.counted;
                i.index = static_cast<qint64>(e.index);
                i.epoch = a.epoch;
                i.timeMs = a.timeMs;
                i.pings = a.pings;
                i.pingsAnswered = a.pingsAnswered;
                i.uptime = static_cast<double>(a.uptimePpm) / 1e6;
                i.auditsPassed = a.auditsPassed;
                i.auditsFailed = a.auditsFailed;
                i.latencyP50Ms = static_cast<double>(a.latencyP50Us) / 1000.0;
                i.latencyP95Ms = static_cast<double>(a.latencyP95Us) / 1000.0;
                i.throughput = a.throughput;
                i.auditScore = static_cast<double>(a.auditScorePpm) / 1e6;
                i.score = static_cast<double>(a.scorePpm) / 1e6;
                i.vetted = a.vetted;
                out.append(i);
            }
        }
        return out;
    }

    Result<QList<NodeEarnings>> earnings(const QString &node, int epochs) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        return readNodeEarnings(*m_network, node, epochs);
    }

    Result<CreditsInfo> credits() override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        return readClientCredits(*m_network, *m_remote);
    }

    Result<QByteArray> exportStatement(const QString &node, qint64 epoch) override
    {
        if (Status st = connectNetwork(); !st)
            return st.error();
        return exportNodeStatement(*m_network, node, epoch);
    }

    Status connectNetwork()
    {
        if (m_remote)
            return {};
        if (m_options.networkFile.isEmpty())
            return makeError(u"no network given: pass --network FILE (a devnet writes DIR/network.json)"_s);
        auto network = discovery::NetworkFile::load(m_options.networkFile);
        if (!network)
            return network.error();
        auto index = client::FileIndex::open(m_account.dataDir + u"/client.db"_s, m_account.databaseKey.toByteArray());
        if (!index)
            return makeError(u"cannot open the client database: %1"_s.arg(index.message()));
        m_index = std::move(index.value());
        auto context = client::NetworkContext::start(network.value(), *m_account.device, m_options.swarmAddress);
        if (!context)
            return context.error();
        m_network = std::move(context.value());
        // A network file that names only a few nodes: find the rest through
        // the DHT (they announce themselves under the network's topic).
        // (A local network's file lists all of its nodes: nothing to find.)
        if (!network->local && network->bootstrap.size() < network->k + network->m + 2)
            if (auto found = m_network->discover(4000, network->k + network->m + 2); !found)
                qCWarning(lcApi).noquote() << "node discovery failed:" << found.message();
        m_remote =
            std::make_unique<client::RemoteStore>(m_account, *m_index, *m_network, m_account.dataDir + u"/work"_s);
        // A network with a treasury: this device's credits (the faucet's
        // grant on a devnet), handed to the validators.
        if (Status st = client::ensureCredits(*m_network, m_account.dataDir); !st)
            qCWarning(lcApi).noquote() << st.message();
        return {};
    }

    client::LocalAccount m_account;
    ClientOptions m_options;
    std::unique_ptr<client::FileIndex> m_index;
    std::unique_ptr<client::NetworkContext> m_network;
    std::unique_ptr<client::RemoteStore> m_remote;
    object::PipelineParams m_params;
    QThreadPool m_pool;
};

} // namespace

QString defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + u"/.local/share"_s;
    return base + u"/stratus"_s;
}

Result<std::unique_ptr<Client>> openClient(const ClientOptions &options)
{
    if (options.dataShards < 1 || options.parityShards < 0 || options.dataShards + options.parityShards > 255)
        return makeError(u"erasure parameters %1+%2 are not supported: use k >= 1 data shards and m >= 0 parity "
                         u"shards with k + m <= 255"_s.arg(options.dataShards)
                             .arg(options.parityShards));
    auto account = client::openOrCreateAccount(options.dataDir.isEmpty() ? defaultDataDir() : options.dataDir);
    if (!account)
        return account.error();
    qCDebug(lcApi).noquote() << "client opened on" << account->dataDir << "as device"
                             << account->deviceId.shortString();
    return std::unique_ptr<Client>(std::make_unique<ClientImpl>(std::move(account.value()), options));
}

LogVerification verifyLogDirectory(const QString &dir) { return toVerification(client::verifyLogDirectory(dir)); }

} // namespace stratus::api
