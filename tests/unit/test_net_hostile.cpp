// One live server, many hostile peers; afterwards an honest client is still
// served.

#include "net/frame.h"
#include "net/handshake.h"
#include "test_net_util.h"

#include <QCborValue>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtEndian>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::net;
using namespace stratus::net::test;

namespace {

const QHostAddress kServerAddress(u"127.0.0.4"_s);

QByteArray lengthPrefix(quint32 length)
{
    QByteArray h(4, Qt::Uninitialized);
    qToBigEndian(length, h.data());
    return h;
}

QByteArray framed(const QByteArray &payload) { return *encodeFrame(payload); }

QByteArray randomBytes(QRandomGenerator &rng, qsizetype n)
{
    QByteArray b(n, Qt::Uninitialized);
    for (auto &c : b)
        c = static_cast<char>(rng.bounded(256));
    return b;
}

// A peer that speaks TLS by hand and writes whatever the test wants.
class RawPeer {
public:
    explicit RawPeer(const Identity &who) : m_who(who), m_reader(kDefaultMaxFrame)
    {
        QObject::connect(&socket, &QSslSocket::sslErrors, [this](const QList<QSslError> &errors) {
            if (onlySelfSignedErrors(errors))
                socket.ignoreSslErrors(errors);
        });
    }

    bool connectTls(quint16 port, bool withCertificate = true, QSsl::SslProtocol protocol = QSsl::TlsV1_3OrLater)
    {
        TlsCredentials tls = m_who.tls;
        if (!withCertificate)
            tls = TlsCredentials{QSslCertificate(QByteArray()), QSslKey()};
        QSslConfiguration conf = makeTlsConfiguration(tls);
        conf.setProtocol(protocol);
        socket.setSslConfiguration(conf);
        socket.connectToHostEncrypted(kServerAddress.toString(), port, QString::fromUtf16(kTlsPeerName));
        return QTest::qWaitFor(
                   [&] { return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState; }, 5000) &&
               socket.isEncrypted();
    }

    // Sends our hello (optionally spoiled) and checks the server's.
    bool exchangeHello(const crypto::NodeId &server, bool spoilSignature = false)
    {
        QByteArray hello = encodeHello(m_who.key, socket.localCertificate(), socket.peerCertificate());
        if (spoilSignature) {
            QCborMap map = QCborValue::fromCbor(hello).toMap();
            QByteArray sig = map.value(u"sig"_s).toByteArray();
            sig[0] = static_cast<char>(sig[0] ^ 0x01);
            map.insert(u"sig"_s, sig);
            hello = map.toCborValue().toCbor();
        }
        socket.write(framed(hello));
        const std::optional<QByteArray> theirs = nextFrame();
        return theirs && verifyHello(*theirs, socket.localCertificate(), socket.peerCertificate(), server);
    }

    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    void sendRequest(const QString &type, quint64 id, const QCborMap &body = {})
    {
        send(framed(encodeRequest(Request{type, id, body})));
    }

    std::optional<QByteArray> nextFrame(int timeoutMs = 5000)
    {
        std::optional<QByteArray> frame;
        (void)QTest::qWaitFor(
            [&] {
                if (std::optional<QByteArray> f = m_reader.takeFrame()) {
                    frame = std::move(f);
                    return true;
                }
                while (socket.bytesAvailable() > 0) {
                    m_pending += socket.readAll();
                }
                const qsizetype used = m_reader.feed(m_pending);
                m_pending.remove(0, used);
                if (std::optional<QByteArray> f = m_reader.takeFrame()) {
                    frame = std::move(f);
                    return true;
                }
                return m_reader.failed() ||
                       (socket.state() == QAbstractSocket::UnconnectedState && m_pending.isEmpty());
            },
            timeoutMs);
        return frame;
    }

    std::optional<Reply> nextReply(int timeoutMs = 5000)
    {
        std::optional<QByteArray> f = nextFrame(timeoutMs);
        if (!f)
            return std::nullopt;
        Result<Reply> r = decodeReply(*f);
        if (!r)
            return std::nullopt;
        return r.value();
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] {
                socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    QSslSocket socket;

private:
    const Identity &m_who;
    FrameReader m_reader;
    QByteArray m_pending;
};

} // namespace

class TestNetHostile : public QObject {
    Q_OBJECT

private:
    Identity m_serverId;
    Identity m_attacker;
    Identity m_honest;
    std::unique_ptr<ControlServer> m_server;
    QRandomGenerator m_rng{99};

    quint16 port() const { return m_server->port(); }

    void verifyHonestClientServed()
    {
        ControlClient client(m_honest.keyCopy(), m_honest.tls);
        client.connectTo(kServerAddress, port(), m_serverId.id);
        Result<QCborMap> pong = waitFor(client.request(u"ping"_s));
        QVERIFY2(pong, qPrintable(pong ? QString() : pong.message()));
        QVERIFY(pong->value(u"time"_s).isInteger());
    }

private Q_SLOTS:
    void initTestCase()
    {
        ServerLimits limits;
        limits.handshakeTimeout = std::chrono::milliseconds(800);
        limits.maxErrorsBeforeClose = 4;
        limits.requestsPerSecondPerPeer = 20;
        limits.requestBurstPerPeer = 20;
        limits.maxConnections = 64;
        m_server = startServer(m_serverId, kServerAddress, limits);
        QVERIFY(m_server);
        m_server->setHandler(u"test/echo"_s,
                             [](const crypto::NodeId &, const QCborMap &body, Responder r) { r.ok(body); });
    }

    void cleanupTestCase() { m_server.reset(); }

    void cleanup()
    {
        // Every attack leaves nothing behind on the server.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);
    }

    void plainTcpGarbage()
    {
        QTcpSocket tcp;
        tcp.connectToHost(kServerAddress, port());
        QVERIFY(tcp.waitForConnected(3000));
        tcp.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        tcp.write(randomBytes(m_rng, 4096));
        QVERIFY(QTest::qWaitFor([&] { return tcp.state() == QAbstractSocket::UnconnectedState; }, 5000));
    }

    void silentTcpTimesOut()
    {
        QTcpSocket tcp;
        tcp.connectToHost(kServerAddress, port());
        QVERIFY(tcp.waitForConnected(3000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(QTest::qWaitFor([&] { return tcp.state() == QAbstractSocket::UnconnectedState; }, 5000));
        QVERIFY(clock.elapsed() >= 600);
    }

    void silentAfterTlsTimesOut()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.waitClosed(5000)); // no hello from us: dropped after the handshake timeout
    }

    void tlsWithGarbageInsteadOfHello()
    {
        for (int round = 0; round < 10; ++round) {
            RawPeer peer(m_attacker);
            QVERIFY(peer.connectTls(port()));
            if (round % 2 == 0)
                peer.send(randomBytes(m_rng, 1 + m_rng.bounded(3000)));
            else
                peer.send(framed(randomBytes(m_rng, 1 + m_rng.bounded(300))));
            QVERIFY(peer.waitClosed());
        }
    }

    void requestBeforeHello()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        peer.sendRequest(u"ping"_s, 1);
        QVERIFY(peer.waitClosed());
    }

    void badHelloSignature()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        peer.exchangeHello(m_serverId.id, /*spoilSignature=*/true);
        QVERIFY(peer.waitClosed());
    }

    void helloForAnotherSession()
    {
        // A hello signed for other certificates (a relay) is refused.
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        const Identity other;
        peer.send(framed(encodeHello(m_attacker.key, other.tls.certificate, peer.socket.peerCertificate())));
        QVERIFY(peer.waitClosed());
    }

    void noClientCertificate()
    {
        RawPeer peer(m_attacker);
        QVERIFY(!peer.connectTls(port(), /*withCertificate=*/false) || peer.waitClosed());
        QVERIFY(peer.waitClosed());
    }

    void tls12Refused()
    {
        RawPeer peer(m_attacker);
        QVERIFY(!peer.connectTls(port(), true, QSsl::TlsV1_2));
    }

    void garbageFramesAfterHello()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        // Each malformed frame gets an error reply; the fourth closes the connection.
        for (int i = 0; i < 4; ++i) {
            peer.send(framed(randomBytes(m_rng, 1 + m_rng.bounded(200))));
            std::optional<Reply> reply = peer.nextReply();
            QVERIFY(reply.has_value());
            QVERIFY(!reply->ok);
            QCOMPARE(reply->errorCode, codes::kMalformed);
            QCOMPARE(reply->re, 0u);
        }
        QVERIFY(peer.waitClosed());
    }

    void truncatedFrameThenDisconnect()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        QTRY_COMPARE(m_server->connectionCount(), 1);
        const QByteArray request = framed(encodeRequest(Request{u"ping"_s, 1, {}}));
        peer.send(request.left(request.size() - 3));
        peer.socket.disconnectFromHost();
        QVERIFY(peer.waitClosed());
    }

    void oversizedLengthPrefix()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        peer.send(lengthPrefix(0x7fffffff) + QByteArray(1000, 'A'));
        std::optional<Reply> reply = peer.nextReply();
        QVERIFY(reply.has_value());
        QCOMPARE(reply->errorCode, codes::kFrameTooLarge);
        QVERIFY(peer.waitClosed());
    }

    void zeroLengthFrame()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        peer.send(lengthPrefix(0));
        QVERIFY(peer.waitClosed());
    }

    void unknownTypeAndVersion()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        peer.sendRequest(u"no/such/type"_s, 1);
        std::optional<Reply> reply = peer.nextReply();
        QVERIFY(reply.has_value());
        QCOMPARE(reply->re, 1u);
        QCOMPARE(reply->errorCode, codes::kUnknownType);

        QCborMap v2{{u"v"_s, 2}, {u"t"_s, u"ping"_s}, {u"id"_s, 2}, {u"b"_s, QCborMap()}};
        peer.send(framed(v2.toCborValue().toCbor()));
        reply = peer.nextReply();
        QVERIFY(reply.has_value());
        QCOMPARE(reply->re, 2u);
        QCOMPARE(reply->errorCode, codes::kUnsupportedVersion);
        QCOMPARE(reply->errorMessage, u"unsupported protocol version"_s);

        // Still served on the same connection.
        peer.sendRequest(u"ping"_s, 3);
        reply = peer.nextReply();
        QVERIFY(reply.has_value() && reply->ok && reply->re == 3);
        peer.socket.disconnectFromHost();
        QVERIFY(peer.waitClosed());
    }

    void replayedRequestIds()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        peer.sendRequest(u"ping"_s, 5);
        std::optional<Reply> reply = peer.nextReply();
        QVERIFY(reply && reply->ok);
        for (quint64 id : {5, 4, 1}) {
            peer.sendRequest(u"ping"_s, id);
            reply = peer.nextReply();
            QVERIFY(reply.has_value());
            QCOMPARE(reply->errorCode, codes::kBadRequestId);
        }
        peer.sendRequest(u"ping"_s, 6);
        reply = peer.nextReply();
        QVERIFY(reply && reply->ok && reply->re == 6);
        peer.sendRequest(u"ping"_s, 6); // fourth error: closed
        reply = peer.nextReply();
        QVERIFY(reply && reply->errorCode == codes::kBadRequestId);
        QVERIFY(peer.waitClosed());
    }

    void floodOverTheRateLimit()
    {
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        constexpr int kFlood = 300;
        QByteArray burst;
        for (int i = 1; i <= kFlood; ++i)
            burst += framed(encodeRequest(Request{u"test/echo"_s, static_cast<quint64>(i), {{u"i"_s, i}}}));
        peer.send(burst);
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < kFlood; ++i) {
            std::optional<Reply> reply = peer.nextReply();
            QVERIFY2(reply.has_value(), qPrintable(u"reply %1 missing"_s.arg(i)));
            if (reply->ok)
                ++ok;
            else if (reply->errorCode == codes::kRateLimited)
                ++limited;
        }
        // Burst of 20 plus what 20/s refills while the flood is read.
        QVERIFY2(ok >= 20 && ok < 120, qPrintable(u"%1 answered"_s.arg(ok)));
        QCOMPARE(ok + limited, kFlood);
        peer.socket.disconnectFromHost();
        QVERIFY(peer.waitClosed());
    }

    void peerThatDoesNotRead()
    {
        // Writes large echo requests and never reads: bounded by the write
        // backlog and the rate limit, then dropped or served, never a leak.
        RawPeer peer(m_attacker);
        QVERIFY(peer.connectTls(port()));
        QVERIFY(peer.exchangeHello(m_serverId.id));
        const QCborMap big{{u"x"_s, QByteArray(200 * 1024, 'x')}};
        for (int i = 1; i <= 15; ++i)
            peer.sendRequest(u"test/echo"_s, static_cast<quint64>(i), big);
        QTest::qWait(200);
        peer.socket.abort();
    }

    void connectionCap()
    {
        ServerLimits limits;
        limits.maxConnections = 3;
        auto small = startServer(m_serverId, QHostAddress(u"127.0.0.5"_s), limits);
        QVERIFY(small);
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 6; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(small->address(), small->port());
            QVERIFY(sockets.back()->waitForConnected(3000));
        }
        QTRY_COMPARE(small->connectionCount(), 3);
        int closed = 0;
        (void)QTest::qWaitFor(
            [&] {
                closed = 0;
                for (auto &s : sockets)
                    closed += s->state() == QAbstractSocket::UnconnectedState ? 1 : 0;
                return closed == 3;
            },
            3000);
        QCOMPARE(closed, 3);
        sockets.clear();
        QTRY_COMPARE(small->connectionCount(), 0);
    }

    void honestClientStillServed()
    {
        verifyHonestClientServed();
        // And twice over, with the attacker's connections all gone.
        verifyHonestClientServed();
    }
};

QTEST_GUILESS_MAIN(TestNetHostile)
#include "test_net_hostile.moc"
