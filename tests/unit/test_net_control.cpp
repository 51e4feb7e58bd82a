#include "test_net_util.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

#include <thread>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::net;
using namespace stratus::net::test;

namespace {
const QHostAddress kLocal1(u"127.0.0.1"_s);
const QHostAddress kLocal2(u"127.0.0.2"_s);
const QHostAddress kLocal3(u"127.0.0.3"_s);
} // namespace

class TestNetControl : public QObject {
    Q_OBJECT

private:
    Identity m_serverId;
    Identity m_clientId;

    std::unique_ptr<ControlClient> connectClient(ControlServer &server, const crypto::NodeId &expected,
                                                 ClientOptions options = {})
    {
        auto client = std::make_unique<ControlClient>(m_clientId.keyCopy(), m_clientId.tls, options);
        client->connectTo(server.address(), server.port(), expected);
        return client;
    }

private Q_SLOTS:
    void pingAndEcho()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        QVERIFY(server->port() != 0);
        QCOMPARE(server->nodeId(), m_serverId.id);
        crypto::NodeId seenPeer;
        server->setHandler(u"test/echo"_s, [&](const crypto::NodeId &peer, const QCborMap &body, Responder r) {
            seenPeer = peer;
            r.ok(body);
        });
        QSignalSpy peerConnected(server.get(), &ControlServer::peerConnected);
        QSignalSpy peerDisconnected(server.get(), &ControlServer::peerDisconnected);

        auto client = connectClient(*server, m_serverId.id);
        QSignalSpy connected(client.get(), &ControlClient::connected);
        QVERIFY(connected.wait(5000));
        QVERIFY(client->isConnected());
        QCOMPARE(connected.first().first().value<crypto::NodeId>(), m_serverId.id);
        QCOMPARE(client->peer(), m_serverId.id);
        QTRY_COMPARE(peerConnected.size(), 1);
        QCOMPARE(peerConnected.first().first().value<crypto::NodeId>(), m_clientId.id);
        QVERIFY(peerConnected.first().at(1).toString().startsWith(u"127.0.0.1:"_s));

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        Result<QCborMap> pong = waitFor(client->request(u"ping"_s));
        QVERIFY2(pong, qPrintable(pong ? QString() : pong.message()));
        const qint64 t = pong->value(u"time"_s).toInteger();
        QVERIFY(t >= before - 1000 && t <= QDateTime::currentMSecsSinceEpoch() + 1000);

        const QCborMap body{{u"text"_s, u"h\u00e9llo"_s}, {u"blob"_s, QByteArray(200 * 1024, 'B')}, {u"n"_s, -3}};
        Result<QCborMap> echo = waitFor(client->request(u"test/echo"_s, body));
        QVERIFY(echo);
        QCOMPARE(echo.value(), body);
        QCOMPARE(seenPeer, m_clientId.id);

        // Many requests at once, answered in any order, each to its own future.
        QList<QFuture<Result<QCborMap>>> futures;
        for (int i = 0; i < 20; ++i)
            futures.append(client->request(u"test/echo"_s, QCborMap{{u"i"_s, i}}));
        for (int i = 0; i < 20; ++i) {
            Result<QCborMap> r = waitFor(futures[i]);
            QVERIFY(r);
            QCOMPARE(r->value(u"i"_s).toInteger(), i);
        }

        client->disconnectFromNode();
        QTRY_COMPARE(peerDisconnected.size(), 1);
        QTRY_COMPARE(server->connectionCount(), 0);
    }

    void repliesMayBeLargerThanRequests()
    {
        // A server that sends large replies (the device channel's file
        // reads) still reads only small requests.
        ServerLimits limits;
        limits.maxReplyFrame = 2 << 20;
        auto server = startServer(m_serverId, kLocal1, limits);
        QVERIFY(server);
        server->setHandler(u"test/big"_s, [](const crypto::NodeId &, const QCborMap &, Responder r) {
            r.ok(QCborMap{{u"data"_s, QByteArray(1 << 20, 'D')}});
        });
        server->setHandler(u"test/echo"_s,
                           [](const crypto::NodeId &, const QCborMap &body, Responder r) { r.ok(body); });
        ClientOptions options;
        options.maxFrame = 2 << 20;
        auto client = connectClient(*server, m_serverId.id, options);
        Result<QCborMap> big = waitFor(client->request(u"test/big"_s));
        QVERIFY2(big, qPrintable(big ? QString() : big.message()));
        QCOMPARE(big->value(u"data"_s).toByteArray().size(), 1 << 20);
        // A request over the server's (default) request limit ends the
        // connection; the server serves the next one as before.
        Result<QCborMap> refused =
            waitFor(client->request(u"test/echo"_s, QCborMap{{u"blob"_s, QByteArray(512 * 1024, 'B')}}));
        QVERIFY(!refused);
        auto again = connectClient(*server, m_serverId.id, options);
        QVERIFY(waitFor(again->request(u"test/big"_s)));
    }

    void bytesRepliesComeInPlace()
    {
        // okWithBytes() fills the reply where it is sent from; requestBytes()
        // takes the bytes where they lie in the received frame. A server
        // that answers with an ordinary map gets the same result; a reply of
        // another length or shape is an error, and the connection goes on.
        ServerLimits limits;
        limits.maxReplyFrame = 2 << 20;
        auto server = startServer(m_serverId, kLocal1, limits);
        QVERIFY(server);
        auto pattern = [](qsizetype n) {
            QByteArray b(n, Qt::Uninitialized);
            for (qsizetype i = 0; i < n; ++i)
                b[i] = char(i * 13 + 1);
            return b;
        };
        server->setHandler(u"test/in-place"_s, [&](const crypto::NodeId &, const QCborMap &body, Responder r) {
            const qsizetype n = body.value(u"n"_s).toInteger();
            const QByteArray want = pattern(n);
            QVERIFY(r.okWithBytes(u"data"_s, n, [&](char *into) {
                std::copy(want.cbegin(), want.cend(), into);
                return Status{};
            }));
        });
        server->setHandler(u"test/map"_s, [&](const crypto::NodeId &, const QCborMap &body, Responder r) {
            r.ok(QCborMap{{u"data"_s, pattern(body.value(u"n"_s).toInteger())}});
        });
        server->setHandler(u"test/refuse"_s, [](const crypto::NodeId &, const QCborMap &, Responder r) {
            const Status st = r.okWithBytes(u"data"_s, 100, [](char *) { return Status(makeError(u"gone"_s)); });
            QVERIFY(!st);
            r.error(u"unavailable"_s, st.message());
        });
        ClientOptions options;
        options.maxFrame = 2 << 20;
        auto client = connectClient(*server, m_serverId.id, options);
        for (const QString &type : {u"test/in-place"_s, u"test/map"_s}) {
            for (const qsizetype n : {1, 24, 70000, 1 << 20}) {
                Result<FrameBytes> got = waitFor(client->requestBytes(type, QCborMap{{u"n"_s, n}}, u"data"_s, n));
                QVERIFY2(got, qPrintable(got ? QString() : got.message()));
                QCOMPARE(QByteArray(got->data(), got->size), pattern(n));
            }
        }
        // Asked for 100 bytes, sent 99: refused, whichever shape.
        for (const QString &type : {u"test/in-place"_s, u"test/map"_s}) {
            Result<FrameBytes> wrong = waitFor(client->requestBytes(type, QCborMap{{u"n"_s, 99}}, u"data"_s, 100));
            QVERIFY(!wrong);
            QCOMPARE(errorCode(wrong.error()), codes::kProtocol);
        }
        Result<FrameBytes> refused = waitFor(client->requestBytes(u"test/refuse"_s, {}, u"data"_s, 100));
        QVERIFY(!refused);
        QCOMPARE(errorCode(refused.error()), u"unavailable"_s);
        // Several at once, answered in any order, each to its own request.
        QList<QFuture<Result<FrameBytes>>> many;
        for (int i = 1; i <= 6; ++i)
            many.append(client->requestBytes(i % 2 ? u"test/in-place"_s : u"test/map"_s, QCborMap{{u"n"_s, 1000 * i}},
                                             u"data"_s, 1000 * i));
        for (int i = 1; i <= 6; ++i) {
            Result<FrameBytes> got = waitFor(many[i - 1]);
            QVERIFY(got);
            QCOMPARE(QByteArray(got->data(), got->size), pattern(1000 * i));
        }
        QVERIFY(waitFor(client->request(u"ping"_s)));
    }

    void requestsWaitForTheConnection()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        auto client = connectClient(*server, m_serverId.id);
        QVERIFY(client->isConnecting());
        QFuture<Result<QCborMap>> a = client->request(u"ping"_s);
        QFuture<Result<QCborMap>> b = client->request(u"ping"_s);
        QVERIFY(waitFor(a));
        QVERIFY(waitFor(b));
    }

    void asyncHandlers()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        server->setHandler(u"test/later"_s, [](const crypto::NodeId &, const QCborMap &body, Responder r) {
            QTimer::singleShot(150, [r, body] { r.ok(QCborMap{{u"late"_s, body.value(u"x"_s)}}); });
        });
        server->setHandler(u"test/thread"_s, [](const crypto::NodeId &, const QCborMap &, Responder r) {
            std::thread([r] {
                QThread::msleep(50);
                r.ok(QCborMap{{u"from"_s, u"worker"_s}});
                QVERIFY(!r.ok()); // exactly once, also from other threads
            }).detach();
        });
        auto client = connectClient(*server, m_serverId.id);
        QElapsedTimer clock;
        clock.start();
        QFuture<Result<QCborMap>> later = client->request(u"test/later"_s, QCborMap{{u"x"_s, 7}});
        QFuture<Result<QCborMap>> thread = client->request(u"test/thread"_s);
        Result<QCborMap> r1 = waitFor(later);
        QVERIFY(r1);
        QCOMPARE(r1->value(u"late"_s).toInteger(), 7);
        QVERIFY(clock.elapsed() >= 140);
        Result<QCborMap> r2 = waitFor(thread);
        QVERIFY(r2);
        QCOMPARE(r2->value(u"from"_s).toString(), u"worker"_s);
    }

    void errorReplies()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        server->setHandler(u"test/fail"_s, [](const crypto::NodeId &, const QCborMap &, Responder r) {
            QVERIFY(r.error(u"no-such-shard"_s, u"shard 12 is not stored here"_s));
            QVERIFY(!r.ok());
            QVERIFY(!r.error(u"again"_s, u"x"_s));
        });
        server->setHandler(u"test/drop"_s, [](const crypto::NodeId &, const QCborMap &, Responder) {});
        server->setHandler(u"test/throw"_s, [](const crypto::NodeId &, const QCborMap &, Responder) {
            throw std::runtime_error("boom");
        });
        auto client = connectClient(*server, m_serverId.id);

        Result<QCborMap> fail = waitFor(client->request(u"test/fail"_s));
        QVERIFY(!fail);
        QCOMPARE(errorCode(fail.error()), u"no-such-shard"_s);
        QCOMPARE(errorText(fail.error()), u"shard 12 is not stored here"_s);

        Result<QCborMap> unknown = waitFor(client->request(u"test/nothing-here"_s));
        QVERIFY(!unknown);
        QCOMPARE(errorCode(unknown.error()), codes::kUnknownType);

        Result<QCborMap> dropped = waitFor(client->request(u"test/drop"_s));
        QVERIFY(!dropped);
        QCOMPARE(errorCode(dropped.error()), codes::kInternal);

        Result<QCborMap> thrown = waitFor(client->request(u"test/throw"_s));
        QVERIFY(!thrown);
        QCOMPARE(errorCode(thrown.error()), codes::kInternal);

        Result<QCborMap> badType = waitFor(client->request(u"has space"_s));
        QCOMPARE(errorCode(badType.error()), codes::kBadRequest);
        Result<QCborMap> tooBig = waitFor(client->request(u"test/fail"_s, {{u"x"_s, QByteArray(300 * 1024, 'x')}}));
        QCOMPARE(errorCode(tooBig.error()), codes::kBadRequest);

        // The connection is still fine.
        QVERIFY(waitFor(client->request(u"ping"_s)));
        QVERIFY(client->isConnected());
        server->setHandler(u"ping"_s, {});
        QCOMPARE(errorCode(waitFor(client->request(u"ping"_s)).error()), codes::kUnknownType);
    }

    void wrongNodeIsRefused()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        const Identity someoneElse;
        auto client = connectClient(*server, someoneElse.id);
        QSignalSpy connected(client.get(), &ControlClient::connected);
        QSignalSpy disconnected(client.get(), &ControlClient::disconnected);
        QFuture<Result<QCborMap>> pending = client->request(u"ping"_s);
        QVERIFY(disconnected.wait(5000));
        QCOMPARE(connected.size(), 0);
        QVERIFY(disconnected.first().first().toString().contains(u"not the expected node"_s));
        Result<QCborMap> r = waitFor(pending);
        QVERIFY(!r);
        QCOMPARE(errorCode(r.error()), codes::kDisconnected);
        QCOMPARE(errorCode(waitFor(client->request(u"ping"_s)).error()), codes::kNotConnected);
        QTRY_COMPARE(server->connectionCount(), 0);

        // The same client object then reaches the right node.
        client->connectTo(server->address(), server->port(), m_serverId.id);
        QVERIFY(connected.wait(5000));
        QVERIFY(waitFor(client->request(u"ping"_s)));
    }

    void nothingListening()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        const quint16 port = server->port();
        server.reset();
        auto client = std::make_unique<ControlClient>(m_clientId.keyCopy(), m_clientId.tls);
        QSignalSpy disconnected(client.get(), &ControlClient::disconnected);
        client->connectTo(kLocal1, port, m_serverId.id);
        QFuture<Result<QCborMap>> r = client->request(u"ping"_s);
        QVERIFY(disconnected.wait(5000));
        QCOMPARE(errorCode(waitFor(r).error()), codes::kDisconnected);
    }

    void timeoutsAndLateAnswers()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        QList<Responder> held;
        server->setHandler(u"test/hold"_s,
                           [&](const crypto::NodeId &, const QCborMap &, Responder r) { held.append(r); });
        auto client = connectClient(*server, m_serverId.id);
        Result<QCborMap> r = waitFor(client->request(u"test/hold"_s, {}, 200));
        QVERIFY(!r);
        QCOMPARE(errorCode(r.error()), codes::kTimeout);
        QCOMPARE(held.size(), 1);
        QVERIFY(held.first().ok()); // the late answer is dropped by the client
        QVERIFY(waitFor(client->request(u"ping"_s)));
        held.clear();
    }

    void serverGoingAwayFailsPending()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        QList<Responder> held;
        server->setHandler(u"test/hold"_s,
                           [&](const crypto::NodeId &, const QCborMap &, Responder r) { held.append(r); });
        auto client = connectClient(*server, m_serverId.id);
        QSignalSpy disconnected(client.get(), &ControlClient::disconnected);
        QFuture<Result<QCborMap>> pending = client->request(u"test/hold"_s);
        QTRY_COMPARE(held.size(), 1);
        server.reset();
        QVERIFY(held.first().ok() || true); // answering after the server is gone is harmless
        Result<QCborMap> r = waitFor(pending);
        QVERIFY(!r);
        QCOMPARE(errorCode(r.error()), codes::kDisconnected);
        QTRY_COMPARE(disconnected.size(), 1);
        held.clear();
    }

    void concurrencyLimit()
    {
        ServerLimits limits;
        limits.maxConcurrentRequestsPerPeer = 2;
        auto server = startServer(m_serverId, kLocal1, limits);
        QVERIFY(server);
        QList<Responder> held;
        server->setHandler(u"test/hold"_s,
                           [&](const crypto::NodeId &, const QCborMap &, Responder r) { held.append(r); });
        auto client = connectClient(*server, m_serverId.id);
        auto a = client->request(u"test/hold"_s);
        auto b = client->request(u"test/hold"_s);
        Result<QCborMap> c = waitFor(client->request(u"test/hold"_s));
        QCOMPARE(errorCode(c.error()), codes::kBusy);
        QCOMPARE(held.size(), 2);
        for (const Responder &r : held)
            r.ok();
        QVERIFY(waitFor(a) && waitFor(b));
        QVERIFY(waitFor(client->request(u"ping"_s)));
    }

    void otherLoopbackAddresses()
    {
        auto server = startServer(m_serverId, kLocal2);
        QVERIFY(server);
        QCOMPARE(server->address(), kLocal2);
        QSignalSpy peerConnected(server.get(), &ControlServer::peerConnected);
        ClientOptions options;
        options.localAddress = kLocal3;
        auto client = connectClient(*server, m_serverId.id, options);
        QVERIFY(waitFor(client->request(u"ping"_s)));
        QCOMPARE(peerConnected.size(), 1);
        QVERIFY(peerConnected.first().at(1).toString().startsWith(u"127.0.0.3:"_s));
    }

    void idleConnectionsAreClosed()
    {
        ServerLimits limits;
        limits.idleTimeout = std::chrono::milliseconds(300);
        auto server = startServer(m_serverId, kLocal1, limits);
        QVERIFY(server);
        auto client = connectClient(*server, m_serverId.id);
        QSignalSpy disconnected(client.get(), &ControlClient::disconnected);
        QVERIFY(waitFor(client->request(u"ping"_s)));
        QVERIFY(disconnected.wait(3000));
        QTRY_COMPARE(server->connectionCount(), 0);
    }

    void clientOnAnotherThread()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        const QHostAddress address = server->address();
        const quint16 port = server->port();
        std::atomic<bool> served{false};
        QThread *worker = QThread::create([&] {
            ControlClient client(m_clientId.keyCopy(), m_clientId.tls);
            client.connectTo(address, port, m_serverId.id);
            QFuture<Result<QCborMap>> f = client.request(u"ping"_s);
            QElapsedTimer clock;
            clock.start();
            while (!f.isFinished() && clock.elapsed() < 5000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            served = f.isFinished() && f.result().ok();
        });
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
        delete worker;
        QVERIFY(served);
    }

    void listenFailures()
    {
        auto server = startServer(m_serverId, kLocal1);
        QVERIFY(server);
        ControlServer second(m_serverId.keyCopy(), m_serverId.tls);
        const Status busy = second.listen(kLocal1, server->port());
        QVERIFY(!busy);
        QVERIFY(busy.message().contains(QString::number(server->port())));
        const TlsCredentials none;
        ControlServer noCert(m_serverId.keyCopy(), none);
        QVERIFY(!noCert.listen(kLocal1, 0));
    }
};

QTEST_GUILESS_MAIN(TestNetControl)
#include "test_net_control.moc"
