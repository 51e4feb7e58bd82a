#pragma once

// Devices of one account online at the same time tell each other directly
// when they publish (SYNCSERVICE.md "Devices online together"): each runs a
// control-plane server (mutual TLS 1.3, bound to its device key, as nodes
// do) and keeps a long-poll "head-watch" request open on every other
// device. A device that publishes answers its watchers at once, so they
// pull at once instead of at their next poll of the nodes. Only devices of
// the account's device list are served. Everything runs on a thread of its
// own; the engine calls in from its thread.
//
// Large files also travel here (direct_offer.h): a device offers a changed
// file to its watchers (the offers ride on the watch answers), and a
// watcher reads it with "content-read" requests while the network upload
// runs.

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "syncservice/direct_offer.h"

#include <QHostAddress>
#include <QList>
#include <QSet>
#include <QThread>

#include <functional>

#include <memory>
#include <optional>

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
    // `onOffer` (optional) is called on the channel's thread with each new
    // offer of a watched device.
    using OfferHandler = std::function<void(const crypto::NodeId &from, const ContentOffer &offer)>;
    static Result<std::unique_ptr<DeviceChannel>> start(const crypto::SigningKey &device, const QHostAddress &listen,
                                                        std::function<void()> onNews = {}, OfferHandler onOffer = {});
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

    // Offers the file at `localPath` (as `offer` describes it) to the
    // watching devices.
    void offer(const ContentOffer &offer, const QString &localPath);
    // Reads an offer of the watched device `from` into `dir` (DirectPull).
    // One read runs at a time; a few more wait their turn, the rest and a
    // second one for the same path are dropped.
    void pull(const crypto::NodeId &from, const ContentOffer &offer, const QString &dir);
    // Returns once no read of folder/path runs or waits, or after timeoutMs.
    void waitForPull(const QString &folder, const QString &path, int timeoutMs);
    // The read under way, if any (for the folder's status).
    struct ActiveRead {
        QString folder;
        QString path;
        qint64 done = 0;
        qint64 size = 0;
    };
    std::optional<ActiveRead> activeRead() const;

private:
    class Worker;
    DeviceChannel() = default;

    QThread m_thread;
    Worker *m_worker = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
};

} // namespace stratus::syncservice
