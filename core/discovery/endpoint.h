#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QJsonObject>

namespace stratus::discovery {

// Where a node can be reached: its address, its control-plane (TLS) port and
// its swarm (BitTorrent) port.
struct Endpoint {
    QHostAddress address;
    quint16 controlPort = 0;
    quint16 swarmPort = 0;

    bool isValid() const { return !address.isNull() && controlPort != 0 && swarmPort != 0; }
    QString toString() const;
    QJsonObject toJson() const;
    // `where` names the place in the file for error messages.
    static Result<Endpoint> fromJson(const QJsonValue &value, const QString &where);

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

} // namespace stratus::discovery
