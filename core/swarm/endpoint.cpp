#include "swarm/endpoint.h"

#include <libtorrent/address.hpp>
#include <libtorrent/error_code.hpp>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

namespace {

bool isIpLiteral(const QString &text)
{
    // Parses IP literals only; it never resolves names.
    lt::error_code ec;
    lt::make_address(text.toStdString(), ec);
    return !text.isEmpty() && !ec;
}

} // namespace

bool Endpoint::isValid() const { return port != 0 && isIpLiteral(address); }

QString Endpoint::toString() const
{
    if (address.contains(u':'))
        return u"[%1]:%2"_s.arg(address).arg(port);
    return u"%1:%2"_s.arg(address).arg(port);
}

Result<Endpoint> Endpoint::parse(QStringView text)
{
    const auto bad = [&] { return makeError(u"\"%1\" is not an endpoint (IP:port)"_s.arg(text.toString())); };
    QStringView host;
    QStringView portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u"]:");
        if (close < 0)
            return bad();
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0 || text.first(colon).contains(u':'))
            return bad();
        host = text.first(colon);
        portText = text.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535 || portText.startsWith(u'+'))
        return bad();
    Endpoint endpoint{host.toString(), static_cast<quint16>(port)};
    if (!endpoint.isValid())
        return bad();
    return endpoint;
}

} // namespace stratus::swarm
