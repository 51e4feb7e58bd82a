#include "discovery/endpoint.h"

using namespace Qt::StringLiterals;

namespace stratus::discovery {

QString Endpoint::toString() const
{
    return u"%1 (control %2, swarm %3)"_s.arg(address.toString()).arg(controlPort).arg(swarmPort);
}

QJsonObject Endpoint::toJson() const
{
    return QJsonObject{
        {u"address"_s, address.toString()}, {u"control_port"_s, controlPort}, {u"swarm_port"_s, swarmPort}};
}

static Result<quint16> port(const QJsonObject &o, const QString &key, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return makeError(u"%1: \"%2\" must be a port number"_s.arg(where, key));
    const double d = v.toDouble();
    if (d < 1 || d > 65535 || d != static_cast<double>(static_cast<int>(d)))
        return makeError(u"%1: \"%2\" must be a port number from 1 to 65535, not %3"_s.arg(where, key).arg(d));
    return static_cast<quint16>(d);
}

Result<Endpoint> Endpoint::fromJson(const QJsonValue &value, const QString &where)
{
    if (!value.isObject())
        return makeError(u"%1 must be an object with address, control_port and swarm_port"_s.arg(where));
    const QJsonObject o = value.toObject();
    Endpoint e;
    if (!o.value(u"address"_s).isString() || !e.address.setAddress(o.value(u"address"_s).toString()))
        return makeError(u"%1: \"address\" must be an IP address"_s.arg(where));
    auto control = port(o, u"control_port"_s, where);
    if (!control)
        return control.error();
    auto swarm = port(o, u"swarm_port"_s, where);
    if (!swarm)
        return swarm.error();
    e.controlPort = control.value();
    e.swarmPort = swarm.value();
    return e;
}

} // namespace stratus::discovery
