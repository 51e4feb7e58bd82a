#include "api/node.h"

#include "discovery/network_file.h"
#include "nodeservice/node_service.h"

#include <QHostAddress>
#include <QMutex>
#include <QThread>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

// Owns the node thread and the service that lives on it.
class NodeHost final : public RunningNode {
public:
    ~NodeHost() override
    {
        if (m_thread.isRunning()) {
            QMetaObject::invokeMethod(
                m_context, [this]() { m_service.reset(); }, Qt::BlockingQueuedConnection);
            m_thread.quit();
            m_thread.wait();
        }
        delete m_context;
    }

    Status start(const nodeservice::NodeServiceConfig &config)
    {
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
                i.capacityBytes = m_service->capacity();
                i.usedBytes = m_service->usedBytes();
                i.shards = m_service->shardCount();
                i.network = config.networkName;
                QMutexLocker lock(&m_mutex);
                m_info = i;
            },
            Qt::BlockingQueuedConnection);
        return result;
    }

    NodeInfo info() const override
    {
        QMutexLocker lock(&m_mutex);
        return m_info;
    }

private:
    QThread m_thread;
    QObject *m_context = nullptr;
    std::unique_ptr<nodeservice::NodeService> m_service; // touched on the node thread only
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
    if (options.storageBytes <= 0)
        return makeError(u"the node's storage must be a positive size"_s);
    config.capacity = options.storageBytes;
    if (!options.networkFile.isEmpty()) {
        auto network = discovery::NetworkFile::load(options.networkFile);
        if (!network)
            return network.error();
        config.networkName = network->name;
        config.bootstrap = network->bootstrap;
    }
    auto host = std::make_unique<NodeHost>();
    if (Status st = host->start(config); !st)
        return st.error();
    return std::unique_ptr<RunningNode>(std::move(host));
}

} // namespace stratus::api
