#include "api/node.h"

#include "common/key_file.h"
#include "discovery/network_file.h"
#include "discovery/node_keys.h"
#include "ledger/credit_service.h"
#include "ledger/economics.h"
#include "ledger/statement_checker.h"
#include "nodeservice/node_service.h"
#include "translog/hashing.h"
#include "translog/tree_head.h"
#include "validator/validator_service.h"

#include <QHostAddress>
#include <QMutex>
#include <QThread>
#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

// Owns the node thread and the services that live on it.
class NodeHost final : public RunningNode {
public:
    ~NodeHost() override
    {
        if (m_thread.isRunning()) {
            QMetaObject::invokeMethod(
                m_context,
                [this]() {
                    m_credits.reset();
                    m_checker.reset();
                    m_validator.reset();
                    m_service.reset();
                },
                Qt::BlockingQueuedConnection);
            m_thread.quit();
            m_thread.wait();
        }
        delete m_context;
    }

    Status start(const nodeservice::NodeServiceConfig &config, const NodeOptions &options,
                 std::optional<discovery::NetworkFile> network)
    {
        m_options = options;
        m_network = std::move(network);
        m_thread.setObjectName(u"node"_s);
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        Status result;
        QMetaObject::invokeMethod(
            m_context,
            [&]() {
                auto service = nodeservice::NodeService::start(config);
                if (!service) {
                    result = service.error();
                    return;
                }
                m_service = std::move(service.value());
                NodeInfo i;
                i.id = m_service->id().toString();
                i.address = m_service->address().toString();
                i.controlPort = m_service->controlPort();
                i.swarmPort = m_service->swarmPort();
                i.storage = m_service->storesShards();
                i.capacityBytes = m_service->capacity();
                i.usedBytes = m_service->usedBytes();
                i.shards = m_service->shardCount();
                i.network = config.networkName;
                QMutexLocker lock(&m_mutex);
                m_info = i;
            },
            Qt::BlockingQueuedConnection);
        if (!result)
            return result;
        if (options.validator)
            return setValidatorEnabled(true);
        return {};
    }

    // The figures that change (used, trash, shards) are read on the node's
    // thread, so the caller must not be that thread's owner (a UI asks from a
    // worker lane).
    NodeInfo info() const override
    {
        NodeInfo out;
        {
            QMutexLocker lock(&m_mutex);
            out = m_info;
        }
        if (QThread::currentThread() == &m_thread)
            return out;
        QMetaObject::invokeMethod(
            m_context,
            [&]() {
                if (!m_service)
                    return;
                out.usedBytes = m_service->usedBytes();
                out.trashBytes = m_service->trashBytes();
                out.shards = m_service->shardCount();
            },
            Qt::BlockingQueuedConnection);
        return out;
    }

    Status setValidatorEnabled(bool enabled) override
    {
        if (enabled && !m_network)
            return makeError(u"a paper node needs the network it audits: start the node with a network file"_s);
        Status result;
        QMetaObject::invokeMethod(
            m_context,
            [&]() {
                if (!enabled) {
                    m_credits.reset();
                    m_checker.reset();
                    m_validator.reset();
                    return;
                }
                if (m_validator || !m_service || !m_service->server())
                    return;
                auto keys = discovery::NodeKeys::loadOrCreate(m_options.dataDir);
                if (!keys) {
                    result = keys.error();
                    return;
                }
                validator::ValidatorConfig config;
                config.dataDir = m_options.dataDir;
                config.network = *m_network;
                config.bindAddress = m_service->address();
                // A paper node alone takes the process's swarm port for its probes.
                if (!m_service->storesShards())
                    config.swarmPort =
                        m_options.swarmPort ? m_options.swarmPort : static_cast<quint16>(m_service->controlPort() + 1);
                if (m_options.auditIntervalMs > 0) {
                    config.audit.interval = std::chrono::milliseconds(m_options.auditIntervalMs);
                    // Answers are due well within an interval; a short devnet
                    // interval gets proportionally short deadlines (>= 1 s).
                    const auto deadline =
                        std::chrono::milliseconds(std::clamp<qint64>(m_options.auditIntervalMs, 1000, 5000));
                    config.audit.pingTimeout = deadline;
                    config.audit.proofDeadline = deadline;
                }
                config.reputation.vettingAudits = m_network->local ? 10 : config.reputation.vettingAudits;
                auto v = validator::ValidatorService::start(config, *keys->identity, *m_service->server());
                if (!v) {
                    result = v.error();
                    return;
                }
                m_validator = std::move(v.value());
                // The paper node also checks the storage nodes' epoch statements.
                auto economics = ledger::Economics::ofNetwork(m_network->economics);
                if (!economics) {
                    result = economics.error();
                    m_validator.reset();
                    return;
                }
                m_checker =
                    std::make_unique<ledger::StatementChecker>(*m_validator, *m_service->server(), economics.value());
                // ... and keeps the accounts' credit balances (networks with a treasury).
                if (!m_network->treasuryKey.isEmpty()) {
                    ledger::CreditService::Config credits;
                    credits.stateFile = m_options.dataDir + u"/validator/credits.cbor"_s;
                    credits.treasuryKey = m_network->treasuryKey;
                    credits.network = m_network->name;
                    credits.economics = economics.value();
                    credits.epochMs = m_network->epochMs;
                    credits.genesisMs = m_network->genesisMs;
                    if (!m_options.faucetKeyFile.isEmpty()) {
                        auto seed = readKeyFile(m_options.faucetKeyFile, crypto::Key256::size);
                        if (!seed) {
                            result = seed.error();
                            m_checker.reset();
                            m_validator.reset();
                            return;
                        }
                        crypto::Key256 key;
                        crypto::Key256::fromBytes(seed.value(), key);
                        credits.faucetSeed = key;
                    }
                    m_credits = std::make_unique<ledger::CreditService>(*m_validator, *keys->identity,
                                                                        *m_service->server(), credits);
                }
            },
            Qt::BlockingQueuedConnection);
        QMutexLocker lock(&m_mutex);
        m_info.validator = enabled && result.ok();
        return result;
    }

    ValidatorStatus validatorStatus() const override
    {
        ValidatorStatus out;
        QMetaObject::invokeMethod(
            m_context,
            [&]() {
                if (!m_validator)
                    return;
                const validator::ValidatorSnapshot s = m_validator->snapshot();
                out.running = true;
                out.counted = s.counted;
                out.rounds = s.round;
                out.auditsDone = s.auditsDone;
                out.epoch = s.epoch;
                out.logSize = s.logSize;
                if (auto head = translog::SignedTreeHead::decodeUnverified(s.logHead); head) {
                    out.logRoot = translog::toHex(head->head.rootHash);
                    out.logHeadTimeMs = head->head.timestampMs;
                    out.logHeadSignature = QString::fromLatin1(head->signature.toHex());
                    out.logKey = QString::fromLatin1(head->head.publicKey.toHex());
                    out.logHeadVerified = head->verify().ok();
                }
                for (const auto &n : s.nodes)
                    out.nodes.append(AuditedNode{n.id.toString(), n.name, n.score, n.auditScore, n.uptime,
                                                 n.latencyP50Ms, n.latencyP95Ms, n.throughput, n.passed, n.failed,
                                                 n.online, n.vetted, n.eligible});
                for (const auto &e : s.recent)
                    out.recentAudits.append(AuditRecord{e.node.toString(), e.kind, e.ok, e.ms, e.detail, e.timeMs});
                out.problems = s.problems;
            },
            Qt::BlockingQueuedConnection);
        return out;
    }

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    NodeOptions m_options;
    std::optional<discovery::NetworkFile> m_network;
    // Touched on the node thread only; the validator goes first (it serves on the service's port).
    std::unique_ptr<nodeservice::NodeService> m_service;
    std::unique_ptr<validator::ValidatorService> m_validator;
    std::unique_ptr<ledger::StatementChecker> m_checker; // uses m_validator
    std::unique_ptr<ledger::CreditService> m_credits;    // uses m_validator
    mutable QMutex m_mutex;
    NodeInfo m_info;
};

} // namespace

Result<std::unique_ptr<RunningNode>> startNode(const NodeOptions &options)
{
    nodeservice::NodeServiceConfig config;
    config.dataDir = options.dataDir;
    if (config.dataDir.isEmpty())
        return makeError(u"a node needs a data directory (--data DIR)"_s);
    if (!config.listenAddress.setAddress(options.listenAddress))
        return makeError(u"\"%1\" is not an IP address to listen on"_s.arg(options.listenAddress));
    config.controlPort = options.controlPort;
    config.swarmPort = options.swarmPort;
    config.storage = options.storage;
    if (!options.storage && !options.validator)
        return makeError(u"a node must store shards, run a paper node, or both"_s);
    if (options.storage && options.storageBytes <= 0)
        return makeError(u"the node's storage must be a positive size"_s);
    config.capacity = options.storageBytes;
    std::optional<discovery::NetworkFile> network;
    if (!options.networkFile.isEmpty()) {
        auto loaded = discovery::NetworkFile::load(options.networkFile);
        if (!loaded)
            return loaded.error();
        config.networkName = loaded->name;
        config.bootstrap = loaded->bootstrap;
        config.network = loaded.value();
        network = loaded.value();
    } else if (options.validator) {
        return makeError(u"a paper node needs the network it audits (--network FILE)"_s);
    }
    if (options.auditIntervalMs < 0)
        return makeError(u"the audit interval must be positive"_s);
    auto host = std::make_unique<NodeHost>();
    if (Status st = host->start(config, options, network); !st)
        return st.error();
    return std::unique_ptr<RunningNode>(std::move(host));
}

} // namespace stratus::api
