// Devices of the account online at the same time (SYNCSERVICE.md "Devices
// online together"): each publishes where its DeviceChannel listens (a
// pointer signed by the account key, salt "endpoint:" + device id) and
// watches the others there. A notice from a watched device runs a tick that
// pulls at once; while every other device is watched, the nodes are
// polled every 10 s instead of every second.

#include "node/signed_pointer.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr qint64 kPeersRefreshMs = 30000;       // where devices listen: read this often once all are watched
constexpr qint64 kDeviceListRefreshMs = 5000;   // ...and this often until then
constexpr qint64 kEndpointRepublishMs = 600000; // our endpoint: published again this often
constexpr qint64 kWatchedPollMs = 10000;        // polling the nodes while every device is watched

} // namespace

void SyncEngine::Private::startChannel()
{
    // A notice runs a tick at once (not at the next one, up to 250 ms
    // later). The channel, and its thread, end before the engine object.
    auto started = DeviceChannel::start(
        *account.device, QHostAddress(options.swarmAddress),
        [engine = q, this] {
            QMetaObject::invokeMethod(
                engine, [this] { tick(); }, Qt::QueuedConnection);
        },
        [engine = q, this](const crypto::NodeId &from, const ContentOffer &offer) {
            QMetaObject::invokeMethod(
                engine, [this, from, offer] { considerOffer(from, offer); }, Qt::QueuedConnection);
        });
    if (!started) {
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                  u"other devices are not told directly of changes (they see them on the nodes): %1"_s.arg(
                      started.message()));
        return;
    }
    channel = std::move(started.value());
    {
        QMutexLocker lock(&statusMutex);
        statusChannel = channel.get();
    }
    if (auto own = state->own())
        channel->published(own->head.sequence);
}

void SyncEngine::Private::devicesStep(qint64 now)
{
    if (!channel)
        return;
    if (channel->takeNews())
        lastPullMs = 0; // pull at this tick
    if (endpointPublishedMs == 0 || now - endpointPublishedMs >= kEndpointRepublishMs) {
        const DeviceEndpoint e{account.device->publicKey(), channel->address().toString(), channel->port()};
        auto pointer =
            node::SignedPointer::sign(*accountKey, DeviceEndpoint::saltFor(account.deviceId), now, e.encode());
        if (pointer && pointers->publish(pointer.value()))
            endpointPublishedMs = now;
        else
            endpointPublishedMs = now - kEndpointRepublishMs + 10000; // again in 10 s
    }
    // Every 5 s while some device is not watched yet (it may have just
    // started, or not be listed yet), else every 30 s.
    if (now - peersRefreshMs < (pollInterval() > options.pollMs ? kPeersRefreshMs : kDeviceListRefreshMs))
        return;
    peersRefreshMs = now;
    QSet<crypto::NodeId> authorised;
    QList<DevicePeer> watched;
    for (const DeviceRecord &d : std::as_const(devices.devices)) {
        const crypto::NodeId id = d.id();
        if (d.key == account.device->publicKey() || d.revokedMs != 0)
            continue;
        authorised.insert(id);
        const QString key = id.toString();
        if (!channel->isWatching(id)) {
            auto pointer = pointers->fetch(accountKey->publicKey(), DeviceEndpoint::saltFor(id));
            if (pointer && pointer->has_value()) {
                auto e = DeviceEndpoint::decode((*pointer)->value);
                if (e && e->device == d.key)
                    endpoints.insert(key, DevicePeer{id, QHostAddress(e->address), e->port});
            }
        }
        if (endpoints.contains(key))
            watched.append(endpoints.value(key));
    }
    channel->setDevices(authorised, watched);
}

qint64 SyncEngine::Private::pollInterval() const
{
    if (!channel)
        return options.pollMs;
    bool all = true, any = false;
    for (const DeviceRecord &d : devices.devices) {
        if (d.key == account.device->publicKey() || d.revokedMs != 0)
            continue;
        any = true;
        all = all && channel->isWatching(d.id());
    }
    return any && all ? std::max<qint64>(options.pollMs, kWatchedPollMs) : options.pollMs;
}

} // namespace stratus::syncservice
