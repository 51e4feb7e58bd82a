#pragma once

// Devices of one account online at the same time tell each other directly
// when they publish (SYNCSERVICE.md "Devices online together"): each runs a
// control-plane server (mutual TLS 1.3, bound to its device key, as nodes
// do) and keeps a long-poll "head-watch" request open on every other
// device. A device that publishes answers its watchers at once, so they
// pull at once instead of at their next poll of the nodes. Only devices of
// the account's device list are served. Everything runs on a thread of its
// own; the engine calls in from its thread.

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"

#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QThread>

#include <functional>

#include <memory>

namespace stratus::syncservice {

// Another device of the account and where it listens.
struct DevicePeer {
    crypto::NodeId id;
    QHostAddress address;
    quint16 port = 0;
};

class DeviceChannel {
public:
    // `onNews` (optional) is called on the channel's thread when a watched
    // device says it published something new.
    static Result<std::unique_ptr<DeviceChannel>> start(const crypto::SigningKey &device, const QHostAddress &listen,
                                                        std::function<void()> onNews = {});
    ~DeviceChannel();
    DeviceChannel(const DeviceChannel &) = delete;
    DeviceChannel &operator=(const DeviceChannel &) = delete;

    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_address; }

    // Who may watch this device (the account's authorised devices), and the
    // devices this one watches (connecting to each; one that goes away is
    // tried again every few seconds).
    void setDevices(const QSet<crypto::NodeId> &authorised, const QList<DevicePeer> &watched);
    // This device's log is published up to `sequence`: its watchers hear it.
    void published(qint64 sequence);
    // Whether a watched device said it published something new since the
    // last call.
    bool takeNews();
    // Whether `device` is watched over a working connection.
    bool isWatching(const crypto::NodeId &device) const;

private:
    class Worker;
    DeviceChannel() = default;

    QThread m_thread;
    Worker *m_worker = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace stratus::syncservice
