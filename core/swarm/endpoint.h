#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

namespace stratus::swarm {

// A peer's IP address and port as plain Qt values (no socket types cross the
// swarm boundary). IPv6 addresses are written "[addr]:port".
struct Endpoint {
    QString address; // an IP literal, never a host name
    quint16 port = 0;

    bool isValid() const;
    QString toString() const;
    static Result<Endpoint> parse(QStringView text);

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

using EndpointList = QList<Endpoint>;

} // namespace stratus::swarm
