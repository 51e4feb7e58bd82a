// Four sessions on distinct loopback addresses form a DHT from one bootstrap
// node: they find each other's announces by topic and read back each
// other's BEP 44 mutable items.

#include "swarm/swarm_session.h"

#include "crypto/hash.h"
#include "crypto/signing_key.h"

#include <QTest>

#include "test_timing.h"

#include <map>

using namespace stratus;
using namespace stratus::swarm;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<SwarmSession> startSession(const QString &ip)
{
    SwarmSettings settings;
    settings.listenAddress = ip;
    auto session = SwarmSession::create(settings);
    if (!session)
        qFatal("%s", qPrintable(session.message()));
    return std::move(session).value();
}

crypto::Key256 seedFrom(char fill)
{
    crypto::Key256 seed;
    for (std::size_t i = 0; i < seed.size; ++i)
        seed.data()[i] = static_cast<std::uint8_t>(fill + static_cast<char>(i));
    return seed;
}

} // namespace

class TestSwarmDht : public QObject {
    Q_OBJECT

    std::vector<std::unique_ptr<SwarmSession>> m_nodes;
    std::map<SwarmSession *, int> m_counts;

    // Issues a lookup and waits for its end; returns the peers found.
    EndpointList lookup(SwarmSession *s, const QByteArray &topic, std::chrono::milliseconds timeout)
    {
        std::optional<EndpointList> result;
        auto c =
            connect(s, &SwarmSession::dhtLookupFinished, this, [&](const QByteArray &t, const EndpointList &peers) {
                if (t == topic)
                    result = peers;
            });
        if (!s->getPeers(topic, timeout).ok())
            return {};
        (void)QTest::qWaitFor([&] { return result.has_value(); }, static_cast<int>(timeout.count()) + 2000);
        disconnect(c);
        return result.value_or(EndpointList{});
    }

    std::optional<MutablePutResult> put(SwarmSession *s, const crypto::Key256 &seed, const QByteArray &salt,
                                        const QByteArray &value, qint64 seq)
    {
        std::optional<MutablePutResult> result;
        auto c = connect(s, &SwarmSession::mutablePutFinished, this, [&](const MutablePutResult &r) { result = r; });
        const auto started = s->putMutable(seed, salt, value, seq);
        if (!started.ok()) {
            disconnect(c);
            qWarning("%s", qPrintable(started.message()));
            return std::nullopt;
        }
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 10000);
        disconnect(c);
        return result;
    }

    std::optional<MutableItem> get(SwarmSession *s, const QByteArray &pk, const QByteArray &salt)
    {
        std::optional<MutableItem> result;
        auto c = connect(s, &SwarmSession::mutableGetFinished, this, [&](const MutableItem &item) {
            if (item.publicKey == pk && item.salt == salt)
                result = item;
        });
        if (!s->getMutable(pk, salt, 3s).ok()) {
            disconnect(c);
            return std::nullopt;
        }
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 6000);
        disconnect(c);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (int i = 41; i <= 44; ++i) {
            m_nodes.push_back(startSession(u"127.0.0.%1"_s.arg(i)));
            SwarmSession *s = m_nodes.back().get();
            connect(s, &SwarmSession::dhtNodeCount, this, [this, s](int n) { m_counts[s] = n; });
        }
        // One bootstrap node; everyone else is learned through it.
        const Endpoint bootstrap = m_nodes.front()->listenEndpoint();
        for (std::size_t i = 1; i < m_nodes.size(); ++i)
            QVERIFY(m_nodes[i]->addDhtNode(bootstrap).ok());
        QElapsedTimer t;
        t.start();
        const bool joined = QTest::qWaitFor(
            [this] {
                bool all = true;
                for (const auto &n : m_nodes) {
                    n->requestDhtNodeCount();
                    all = all && m_counts[n.get()] >= 2;
                }
                return all;
            },
            10000);
        for (const auto &n : m_nodes)
            qInfo("%s: %d DHT nodes", qPrintable(n->listenEndpoint().toString()), m_counts[n.get()]);
        QVERIFY2(joined, "the sessions did not fill their DHT routing tables");
        qInfo("DHT routing tables filled in %lld ms", static_cast<long long>(t.elapsed()));
    }

    void cleanupTestCase() { m_nodes.clear(); }

    void findPeersByTopic()
    {
        const QByteArray topic = crypto::sha256("stratus-test-network"_ba).left(20);
        QVERIFY(m_nodes[1]->announce(topic, 7001).ok());
        QVERIFY(m_nodes[2]->announce(topic, 7002).ok());
        QVERIFY(!m_nodes[2]->announce(topic.left(19), 7002).ok());
        const Endpoint one{u"127.0.0.42"_s, 7001};
        const Endpoint two{u"127.0.0.43"_s, 7002};
        // Announces post no alert when they land: look until both show up.
        EndpointList found;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 8000 && !(found.contains(one) && found.contains(two)))
            found = lookup(m_nodes[3].get(), topic, 500ms);
        QVERIFY2(found.contains(one) && found.contains(two), qPrintable(u"found %1 peers"_s.arg(found.size())));
        qInfo("announce to lookup: %lld ms", static_cast<long long>(t.elapsed()));

        // A topic nobody announced ends empty at the deadline.
        const QByteArray other = crypto::sha256("nobody"_ba).left(20);
        QElapsedTimer empty;
        empty.start();
        QVERIFY(lookup(m_nodes[0].get(), other, 300ms).isEmpty());
        QVERIFY(empty.elapsed() >= 250);
    }

    void mutableItems()
    {
        const crypto::Key256 seed = seedFrom('a');
        const QByteArray pk = SwarmSession::dhtPublicKey(seed);
        // The same seed, the same key in Botan and in libtorrent.
        QCOMPARE(pk.toHex(), crypto::SigningKey(seed).publicKey().toHex());

        const QByteArray device1 = "device-1"_ba, device2 = "device-2"_ba;
        auto r1 = put(m_nodes[1].get(), seed, device1, "log head 1"_ba, 1);
        QVERIFY(r1.has_value());
        QVERIFY2(r1->ok(), qPrintable(r1->error));
        QVERIFY(r1->storedOn >= 1);
        auto r2 = put(m_nodes[2].get(), seed, device2, "other device head"_ba, 1);
        QVERIFY(r2.has_value() && r2->ok());

        QElapsedTimer getTimer;
        getTimer.start();
        auto got = get(m_nodes[3].get(), pk, device1);
        qInfo("mutable get answered in %lld ms", static_cast<long long>(getTimer.elapsed()));
        QVERIFY(got.has_value());
        QVERIFY2(got->ok(), qPrintable(got->error));
        QCOMPARE(got->value, "log head 1"_ba);
        QCOMPARE(got->seq, 1);
        // Salts keep the two devices' pointers apart.
        got = get(m_nodes[0].get(), pk, device2);
        QVERIFY(got.has_value() && got->ok());
        QCOMPARE(got->value, "other device head"_ba);

        // A newer sequence number replaces the value.
        auto r3 = put(m_nodes[1].get(), seed, device1, QByteArray(900, 'x'), 2);
        QVERIFY(r3.has_value() && r3->ok());
        got = get(m_nodes[2].get(), pk, device1);
        QVERIFY(got.has_value() && got->ok());
        QCOMPARE(got->seq, 2);
        QCOMPARE(got->value, QByteArray(900, 'x'));

        // An older sequence number does not replace it.
        auto stale = put(m_nodes[3].get(), seed, device1, "stale"_ba, 1);
        QVERIFY(stale.has_value());
        QVERIFY(!stale->ok());
        QCOMPARE(stale->storedOn, 0);
        QVERIFY2(stale->error.contains(u"sequence number 2"_s), qPrintable(stale->error));
        got = get(m_nodes[0].get(), pk, device1);
        QVERIFY(got.has_value() && got->ok());
        QCOMPARE(got->seq, 2);

        // Nothing under an unknown key: not found, at the deadline at the latest.
        got = get(m_nodes[3].get(), SwarmSession::dhtPublicKey(seedFrom('z')), device1);
        QVERIFY(got.has_value());
        QVERIFY(!got->found);

        // Limits are checked before anything is sent.
        QVERIFY(!m_nodes[1]->putMutable(seed, QByteArray(65, 's'), "v"_ba, 3).ok());
        QVERIFY(!m_nodes[1]->putMutable(seed, device1, QByteArray(1000, 'v'), 3).ok());
        QVERIFY(!m_nodes[1]->putMutable(seed, device1, "v"_ba, -1).ok());
        QVERIFY(!m_nodes[1]->getMutable(pk.left(31), device1, 1s).ok());
    }
};

QTEST_GUILESS_MAIN(TestSwarmDht)
#include "test_swarm_dht.moc"
