#include "devnet/address_picker.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

namespace stratus::devnet {

static bool portFree(const QHostAddress &address, quint16 port)
{
    QTcpServer tcp;
    if (!tcp.listen(address, port))
        return false;
    QUdpSocket udp; // the swarm's DHT uses UDP on the same port
    return udp.bind(address, port);
}

Result<QList<discovery::Endpoint>> pickLoopbackEndpoints(int count)
{
    constexpr int kFirst = 2, kLast = 254;
    if (count < 1 || count > kLast - kFirst + 1)
        return makeError(u"a local network has 1 to %1 nodes"_s.arg(kLast - kFirst + 1));
    QRandomGenerator *rng = QRandomGenerator::system();
    const int span = kLast - kFirst + 1;
    const int start = static_cast<int>(rng->bounded(span));
    QList<discovery::Endpoint> out;
    for (int tried = 0; tried < span && out.size() < count; ++tried) {
        const QHostAddress address(u"127.0.0.%1"_s.arg(kFirst + (start + tried) % span));
        for (int attempt = 0; attempt < 20; ++attempt) {
            const quint16 port = static_cast<quint16>(20000 + 2 * rng->bounded(20000));
            if (portFree(address, port) && portFree(address, static_cast<quint16>(port + 1))) {
                out.append(discovery::Endpoint{address, port, static_cast<quint16>(port + 1)});
                break;
            }
        }
    }
    if (out.size() < count)
        return makeError(u"could not find %1 free loopback addresses and ports"_s.arg(count));
    return out;
}

} // namespace stratus::devnet
