#include "syncservice/device_channel.h"

#include "net/control_client.h"
#include "net/control_server.h"
#include "net/tls_credentials.h"
#include "syncservice/log.h"

#include <QCborMap>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QTimer>

#include <atomic>
#include <map>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr int kWatchTimeoutMs = 45000;  // a watch the server holds this long at most...
constexpr int kHoldMs = 20000;          // ...since it answers every held one after this
constexpr int kRetryMs = 3000;          // a watched device that went away: tried again
constexpr qsizetype kMaxHeld = 256;     // held watches (each authorised peer has its own request limit)
const QString kWatch = u"head-watch"_s; // {seq: the last one the watcher saw} -> {seq}

} // namespace

class DeviceChannel::Worker : public QObject {
public:
    Worker(const crypto::SigningKey &device, net::TlsCredentials tls) : m_key(device.seed()), m_tls(std::move(tls)) {}

    ~Worker() override
    {
        if (m_server)
            m_server->close();
        for (Watched &w : m_watched)
            delete w.client;
    }

    // On the channel's thread: the server and the timer live there.
    Status listen(const QHostAddress &address)
    {
        m_server = std::make_unique<net::ControlServer>(m_key, m_tls);
        m_server->setHandler(kWatch, [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
            onWatch(peer, body, std::move(r));
        });
        m_hold = new QTimer(this);
        m_hold->setInterval(kHoldMs);
        connect(m_hold, &QTimer::timeout, this, [this] { answerHeld(); });
        m_hold->start();
        return m_server->listen(address, 0);
    }
    quint16 port() const { return m_server ? m_server->port() : 0; }

    void setDevices(const QSet<crypto::NodeId> &authorised, const QList<DevicePeer> &watched)
    {
        m_authorised = authorised;
        QSet<QString> keep;
        for (const DevicePeer &p : watched) {
            const QString key = p.id.toString();
            keep.insert(key);
            Watched &w = m_watched[key];
            const bool moved = w.client && (w.address != p.address || w.port != p.port);
            if (w.client && !moved)
                continue;
            delete w.client;
            w = Watched{};
            w.id = p.id;
            w.address = p.address;
            w.port = p.port;
            w.client = new net::ControlClient(m_key, m_tls, {}, this);
            net::ControlClient *client = w.client;
            connect(client, &net::ControlClient::connected, this, [this, key] {
                qCInfo(lcSyncEngine).noquote() << "watching device" << key.left(7) << "directly";
                ask(key);
            });
            client->connectTo(p.address, p.port, p.id);
        }
        for (auto it = m_watched.begin(); it != m_watched.end();) {
            if (keep.contains(it.key())) {
                ++it;
                continue;
            }
            delete it->client;
            it = m_watched.erase(it);
        }
    }

    void published(qint64 sequence)
    {
        m_sequence = std::max(m_sequence, sequence);
        answerHeld();
    }

    std::atomic<bool> news{false};
    std::function<void()> onNews; // set before the worker runs; called on its thread
    mutable QMutex watchingMutex;
    QSet<QString> watching; // devices with a watch answered on a live connection

private:
    struct Watched {
        crypto::NodeId id;
        QHostAddress address;
        quint16 port = 0;
        net::ControlClient *client = nullptr;
        qint64 seen = -1; // the device's last sequence it told us; -1: not asked yet
        bool asking = false;
    };

    void onWatch(const crypto::NodeId &peer, const QCborMap &body, net::Responder r)
    {
        if (!m_authorised.contains(peer))
            return (void)r.error(u"forbidden"_s, u"not a device of this account"_s);
        const QCborValue seen = body.value(u"seq"_s);
        if (!seen.isInteger())
            return (void)r.error(u"bad-request"_s, u"seq: an integer"_s);
        if (m_sequence > seen.toInteger() || m_held.size() >= kMaxHeld)
            return (void)r.ok(QCborMap{{u"seq"_s, m_sequence}});
        m_held.append(std::move(r));
    }

    void answerHeld()
    {
        const QList<net::Responder> held = std::exchange(m_held, {});
        for (const net::Responder &r : held)
            r.ok(QCborMap{{u"seq"_s, m_sequence}});
    }

    void setWatching(const QString &key, bool on)
    {
        QMutexLocker lock(&watchingMutex);
        if (on)
            watching.insert(key);
        else
            watching.remove(key);
    }

    void ask(const QString &key)
    {
        auto it = m_watched.find(key);
        if (it == m_watched.end() || it->asking)
            return;
        net::ControlClient *client = it->client;
        if (!client->isConnected() && !client->isConnecting())
            client->connectTo(it->address, it->port, it->id);
        it->asking = true;
        client->request(kWatch, QCborMap{{u"seq"_s, it->seen}}, kWatchTimeoutMs)
            .then(this, [this, key, client](Result<QCborMap> reply) {
                auto w = m_watched.find(key);
                if (w == m_watched.end() || w->client != client)
                    return; // dropped or replaced meanwhile
                w->asking = false;
                if (!reply || !reply->value(u"seq"_s).isInteger()) {
                    setWatching(key, false);
                    qCDebug(lcSyncEngine).noquote()
                        << "watch of device" << key.left(7) << "failed:" << (reply ? u"no seq"_s : reply.message());
                    QTimer::singleShot(kRetryMs, this, [this, key] { ask(key); });
                    return;
                }
                const qint64 seq = reply->value(u"seq"_s).toInteger();
                if (w->seen >= 0 && seq > w->seen) {
                    qCInfo(lcSyncEngine).noquote()
                        << "device" << key.left(7) << "published entry" << seq << "(direct notice)";
                    news = true;
                    if (onNews)
                        onNews();
                }
                w->seen = std::max(w->seen, seq);
                setWatching(key, true);
                ask(key);
            });
    }

    crypto::SigningKey m_key;
    net::TlsCredentials m_tls;
    std::unique_ptr<net::ControlServer> m_server;
    QTimer *m_hold = nullptr;
    QSet<crypto::NodeId> m_authorised;
    qint64 m_sequence = 0;
    QList<net::Responder> m_held;
    QHash<QString, Watched> m_watched; // by device id text
};

Result<std::unique_ptr<DeviceChannel>> DeviceChannel::start(const crypto::SigningKey &device,
                                                            const QHostAddress &listen, std::function<void()> onNews)
{
    auto tls = net::makeTlsCredentials();
    if (!tls)
        return tls.error();
    std::unique_ptr<DeviceChannel> channel(new DeviceChannel);
    channel->m_thread.setObjectName(u"devices"_s);
    channel->m_thread.start();
    channel->m_worker = new Worker(device, tls.value());
    channel->m_worker->onNews = std::move(onNews);
    channel->m_worker->moveToThread(&channel->m_thread);
    Status listening;
    QMetaObject::invokeMethod(
        channel->m_worker,
        [&]() {
            listening = channel->m_worker->listen(listen);
            channel->m_port = channel->m_worker->port();
        },
        Qt::BlockingQueuedConnection);
    if (!listening)
        return makeError(
            u"cannot listen for the account's other devices on %1: %2"_s.arg(listen.toString(), listening.message()));
    channel->m_address = listen;
    return channel;
}

DeviceChannel::~DeviceChannel()
{
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [this]() { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void DeviceChannel::setDevices(const QSet<crypto::NodeId> &authorised, const QList<DevicePeer> &watched)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, authorised, watched]() { w->setDevices(authorised, watched); });
}

void DeviceChannel::published(qint64 sequence)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, sequence]() { w->published(sequence); });
}

bool DeviceChannel::takeNews() { return m_worker->news.exchange(false); }

bool DeviceChannel::isWatching(const crypto::NodeId &device) const
{
    QMutexLocker lock(&m_worker->watchingMutex);
    return m_worker->watching.contains(device.toString());
}

} // namespace stratus::syncservice
