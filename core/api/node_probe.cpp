#include "api/node_probe.h"

#include "crypto/signing_key.h"
#include "net/control_client.h"
#include "net/tls_credentials.h"

#include <QCborMap>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::api {

// Asks the node for its status over the control plane (mutual TLS, bound to
// the node id recorded for it), waiting at most `timeoutMs`.
devnet::NodeAnswer probeNode(const devnet::DevnetNode &node)
{
    constexpr int timeoutMs = 2000;
    devnet::NodeAnswer answer;
    auto tls = net::makeTlsCredentials();
    if (!tls)
        return answer;
    net::ControlClient client(crypto::SigningKey::generate(), tls.value());
    client.connectTo(node.endpoint.address, node.endpoint.controlPort, node.id);
    QFutureWatcher<Result<QCborMap>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 500, &loop, &QEventLoop::quit);
    watcher.setFuture(client.request(u"status"_s, {}, timeoutMs));
    if (!watcher.isFinished())
        loop.exec();
    if (!watcher.isFinished())
        return answer;
    const Result<QCborMap> reply = watcher.result();
    if (!reply)
        return answer;
    answer.answered = true;
    answer.usedBytes = static_cast<quint64>(reply->value(u"used"_s).toInteger());
    answer.freeBytes = static_cast<quint64>(reply->value(u"free"_s).toInteger());
    return answer;
}

} // namespace stratus::api
