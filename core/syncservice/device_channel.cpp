#include "syncservice/device_channel.h"

#include "net/control_client.h"
#include "net/control_server.h"
#include "net/tls_credentials.h"
#include "syncservice/direct_pull.h"
#include "syncservice/log.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFuture>
#include <QHash>
#include <QMutex>
#include <QTimer>
#include <QWaitCondition>

#include <atomic>
#include <map>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr int kWatchTimeoutMs = 45000; // a watch the server holds this long at most...
constexpr int kHoldMs = 20000;         // ...since it answers every held one after this
constexpr int kRetryMs = 3000;         // a watched device that went away: tried again
constexpr qsizetype kMaxHeld = 256;    // held watches (each authorised peer has its own request limit)
// {seq: the last one the watcher saw, og: the offers generation it saw}
//   -> {seq, og, offers: [ContentOffer]}
const QString kWatch = u"head-watch"_s;
constexpr qsizetype kMaxPullsWaiting = 8;
constexpr qsizetype kMaxOfferIdsKept = 1024;                      // offers already heard of, per watched device
constexpr qsizetype kReadFrame = OfferBook::kMaxRead + 64 * 1024; // one content-read reply and its envelope

// Replies big enough for one read of an offered file and its envelope
// (requests stay small: a peer cannot make this device hold large frames),
// and requests enough to read a large file at a few 100 MiB/s.
net::ServerLimits channelLimits()
{
    net::ServerLimits limits;
    limits.maxReplyFrame = kReadFrame;
    limits.requestsPerSecondPerPeer = 400;
    limits.requestBurstPerPeer = 400;
    // A reader keeps a few reads in flight (DirectPull::kWindow): their
    // replies, and a little more, may wait unsent.
    limits.maxWriteBacklog = 8 * OfferBook::kMaxRead;
    return limits;
}

net::ClientOptions clientOptions()
{
    net::ClientOptions options;
    options.maxFrame = kReadFrame;
    return options;
}

QString pullKey(const QString &folder, const QString &path)
{
    return folder + u'/' + path.normalized(QString::NormalizationForm_C);
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

class DeviceChannel::Worker : public QObject {
public:
    Worker(const crypto::SigningKey &device, net::TlsCredentials tls) : m_key(device.seed()), m_tls(std::move(tls)) {}

    ~Worker() override
    {
        setActivePull(nullptr);
        m_active.reset(); // before the client it reads from
        {
            QMutexLocker lock(&pullMutex);
            pullKeys.clear();
            pullDone.wakeAll();
        }
        if (m_server)
            m_server->close();
        for (Watched &w : m_watched)
            delete w.client;
    }

    // On the channel's thread: the server and the timer live there.
    Status listen(const QHostAddress &address)
    {
        m_server = std::make_unique<net::ControlServer>(m_key, m_tls, channelLimits());
        m_server->setHandler(kWatch, [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
            onWatch(peer, body, std::move(r));
        });
        m_server->setHandler(QString::fromUtf16(kContentRead),
                             [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
                                 onRead(peer, body, std::move(r));
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
            w.client = new net::ControlClient(m_key, m_tls, clientOptions(), this);
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

    void offer(const ContentOffer &offer, const QString &localPath)
    {
        m_book.add(offer, localPath, nowMs());
        ++m_offerGeneration;
        answerHeld();
    }

    // The key is in pullKeys already (DeviceChannel::pull).
    void pull(const crypto::NodeId &from, const ContentOffer &offer, const QString &dir)
    {
        m_waiting.append(PullJob{from, offer, dir});
        startNextPull();
    }

    std::atomic<bool> news{false};
    std::function<void()> onNews;        // set before the worker runs; called on its thread
    DeviceChannel::OfferHandler onOffer; // likewise
    QMutex pullMutex;
    QWaitCondition pullDone;
    QSet<QString> pullKeys;                 // reads running or waiting (pullKey)
    const DirectPull *activePull = nullptr; // the one running (read under pullMutex)
    mutable QMutex watchingMutex;
    QSet<QString> watching; // devices with a watch answered on a live connection

private:
    struct Watched {
        crypto::NodeId id;
        QHostAddress address;
        quint16 port = 0;
        net::ControlClient *client = nullptr;
        qint64 seen = -1; // the device's last sequence it told us; -1: not asked yet
        qint64 offersSeen = -1;
        QSet<QByteArray> offerIds; // offers already passed on
        bool asking = false;
    };

    struct PullJob {
        crypto::NodeId from;
        ContentOffer offer;
        QString dir;
    };

    void setActivePull(const DirectPull *pull)
    {
        QMutexLocker lock(&pullMutex);
        activePull = pull;
    }

    void pullEnded(const QString &key)
    {
        QMutexLocker lock(&pullMutex);
        pullKeys.remove(key);
        pullDone.wakeAll();
    }

    void startNextPull()
    {
        while (!m_active && !m_waiting.isEmpty()) {
            const PullJob job = m_waiting.takeFirst();
            const QString key = pullKey(job.offer.folder, job.offer.path);
            auto w = m_watched.find(job.from.toString());
            if (w == m_watched.end() || !w->client || !w->client->isConnected()) {
                pullEnded(key);
                continue;
            }
            auto pull =
                std::make_unique<DirectPull>(w->client, job.offer, job.dir, [this, key](const Result<QString> &) {
                    // Called from inside the pull: it goes once that returns.
                    setActivePull(nullptr);
                    m_active.release()->deleteLater();
                    pullEnded(key);
                    QTimer::singleShot(0, this, [this] { startNextPull(); });
                });
            setActivePull(pull.get());
            m_active = std::move(pull);
            m_active->start();
        }
    }

    QCborMap watchReply()
    {
        QCborArray offers;
        for (const ContentOffer &o : m_book.current(nowMs()))
            offers.append(o.toCbor());
        return QCborMap{{u"seq"_s, m_sequence}, {u"og"_s, m_offerGeneration}, {u"offers"_s, offers}};
    }

    void onRead(const crypto::NodeId &peer, const QCborMap &body, const net::Responder &r)
    {
        if (!m_authorised.contains(peer))
            return (void)r.error(u"forbidden"_s, u"not a device of this account"_s);
        const QCborValue id = body.value(u"id"_s);
        const QCborValue offset = body.value(u"off"_s);
        const QCborValue length = body.value(u"len"_s);
        if (!id.isByteArray() || !offset.isInteger() || !length.isInteger())
            return (void)r.error(u"bad-request"_s, u"id: bytes, off and len: integers"_s);
        const qint64 len = length.toInteger();
        if (len <= 0 || len > OfferBook::kMaxRead)
            return (void)r.error(u"bad-request"_s, u"len: 1 to %1 bytes"_s.arg(OfferBook::kMaxRead));
        // Read straight into the reply (a 4 MiB read is otherwise copied
        // three times before it reaches the socket).
        const Status sent = r.okWithBytes(u"data"_s, len, [&](char *into) {
            return m_book.readInto(id.toByteArray(), offset.toInteger(), len, nowMs(), into);
        });
        if (!sent)
            r.error(u"unavailable"_s, sent.message());
    }

    void takeOffers(Watched &w, const QCborMap &reply)
    {
        const QCborValue og = reply.value(u"og"_s);
        const QCborValue offers = reply.value(u"offers"_s);
        if (!og.isInteger() || og.toInteger() <= w.offersSeen || !offers.isArray())
            return;
        w.offersSeen = og.toInteger();
        for (const QCborValue &v : offers.toArray()) {
            auto offer = ContentOffer::fromCbor(v.toMap());
            if (!offer) {
                qCDebug(lcSyncEngine).noquote()
                    << "an offer of device" << w.id.shortString() << "is ignored:" << offer.message();
                continue;
            }
            if (w.offerIds.contains(offer->id))
                continue;
            if (w.offerIds.size() >= kMaxOfferIdsKept)
                w.offerIds.clear();
            w.offerIds.insert(offer->id);
            if (onOffer)
                onOffer(w.id, offer.value());
        }
    }

    void onWatch(const crypto::NodeId &peer, const QCborMap &body, net::Responder r)
    {
        if (!m_authorised.contains(peer))
            return (void)r.error(u"forbidden"_s, u"not a device of this account"_s);
        const QCborValue seen = body.value(u"seq"_s);
        if (!seen.isInteger())
            return (void)r.error(u"bad-request"_s, u"seq: an integer"_s);
        const QCborValue offersSeen = body.value(u"og"_s);
        const bool newOffers = offersSeen.isInteger() && m_offerGeneration > offersSeen.toInteger();
        if (m_sequence > seen.toInteger() || newOffers || m_held.size() >= kMaxHeld)
            return (void)r.ok(watchReply());
        m_held.append(std::move(r));
    }

    void answerHeld()
    {
        const QList<net::Responder> held = std::exchange(m_held, {});
        if (held.isEmpty())
            return;
        const QCborMap reply = watchReply();
        for (const net::Responder &r : held)
            r.ok(reply);
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
        client->request(kWatch, QCborMap{{u"seq"_s, it->seen}, {u"og"_s, it->offersSeen}}, kWatchTimeoutMs)
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
                takeOffers(*w, reply.value());
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
    OfferBook m_book;
    qint64 m_offerGeneration = 0;
    std::unique_ptr<DirectPull> m_active;
    QList<PullJob> m_waiting;
};

Result<std::unique_ptr<DeviceChannel>> DeviceChannel::start(const crypto::SigningKey &device,
                                                            const QHostAddress &listen, std::function<void()> onNews,
                                                            OfferHandler onOffer)
{
    auto tls = net::makeTlsCredentials();
    if (!tls)
        return tls.error();
    std::unique_ptr<DeviceChannel> channel(new DeviceChannel);
    channel->m_thread.setObjectName(u"devices"_s);
    channel->m_thread.start();
    channel->m_worker = new Worker(device, tls.value());
    channel->m_worker->onNews = std::move(onNews);
    channel->m_worker->onOffer = std::move(onOffer);
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

namespace stratus::syncservice {

void DeviceChannel::offer(const ContentOffer &offer, const QString &localPath)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, offer, localPath]() { w->offer(offer, localPath); });
}

void DeviceChannel::pull(const crypto::NodeId &from, const ContentOffer &offer, const QString &dir)
{
    {
        // Registered here, so that a waitForPull() right after this call
        // waits for it.
        const QString key = pullKey(offer.folder, offer.path);
        QMutexLocker lock(&m_worker->pullMutex);
        if (m_worker->pullKeys.contains(key) || m_worker->pullKeys.size() > kMaxPullsWaiting)
            return;
        m_worker->pullKeys.insert(key);
    }
    QMetaObject::invokeMethod(m_worker, [w = m_worker, from, offer, dir]() { w->pull(from, offer, dir); });
}

void DeviceChannel::waitForPull(const QString &folder, const QString &path, int timeoutMs)
{
    const QString key = pullKey(folder, path);
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_worker->pullMutex);
    while (m_worker->pullKeys.contains(key) && !deadline.hasExpired())
        m_worker->pullDone.wait(&m_worker->pullMutex, deadline);
}

std::optional<DeviceChannel::ActiveRead> DeviceChannel::activeRead() const
{
    QMutexLocker lock(&m_worker->pullMutex);
    const DirectPull *pull = m_worker->activePull;
    if (!pull)
        return std::nullopt;
    return ActiveRead{pull->offer().folder, pull->offer().path, pull->written(), pull->offer().size};
}

} // namespace stratus::syncservice
