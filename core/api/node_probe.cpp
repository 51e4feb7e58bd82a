#include "api/node_probe.h"

#include <QTcpSocket>

namespace stratus::api {

// Until the control-plane client lands, a node counts as answering when its
// control port accepts a connection.
devnet::NodeAnswer probeNode(const devnet::DevnetNode &node)
{
    QTcpSocket socket;
    socket.connectToHost(node.endpoint.address, node.endpoint.controlPort);
    devnet::NodeAnswer answer;
    answer.answered = socket.waitForConnected(1000);
    return answer;
}

} // namespace stratus::api
