#include "engine/free_ports.h"

#include <QTcpServer>
#include <QUdpSocket>

namespace stratus::ui {

namespace {

bool portFree(quint16 port)
{
    QTcpServer tcp;
    if (!tcp.listen(QHostAddress::LocalHost, port))
        return false;
    QUdpSocket udp;
    return udp.bind(QHostAddress::LocalHost, port);
}

} // namespace

quint16 freePortPair()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        if (port < 65535 && portFree(port) && portFree(static_cast<quint16>(port + 1)))
            return port;
    }
    return 0;
}

} // namespace stratus::ui
