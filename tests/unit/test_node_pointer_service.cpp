// A live storage node's pointer-put / pointer-get handlers against hostile
// requests (junk, a bad signature, an oversized value, a stale sequence, a
// wrong-size key): each gets an error reply, and the node then still serves
// a correct put and get.

#include "crypto/random.h"
#include "net/message.h"
#include "node/signed_pointer.h"
#include "nodeservice/node_service.h"
#include "test_net_util.h"

#include <QCborMap>
#include <QCborValue>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::net::test;
using node::SignedPointer;

namespace {

const QHostAddress kNodeAddress(u"127.0.0.5"_s);

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(kNodeAddress, 0) ? probe.serverPort() : 0;
}

QCborMap putBody(const QByteArray &pointer) { return QCborMap{{u"pointer"_s, pointer}}; }

QCborMap getBody(const QByteArray &key, const QByteArray &salt) { return QCborMap{{u"key"_s, key}, {u"salt"_s, salt}}; }

} // namespace

class TestNodePointerService : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<nodeservice::NodeService> m_node;
    Identity m_client;
    crypto::SigningKey m_owner = crypto::SigningKey::generate();

    std::unique_ptr<net::ControlClient> connectClient()
    {
        auto client = std::make_unique<net::ControlClient>(m_client.keyCopy(), m_client.tls);
        client->connectTo(kNodeAddress, m_node->controlPort(), m_node->id());
        return client;
    }

    // The error code of a request that must fail ("" when it succeeded).
    QString errorCodeOf(net::ControlClient &client, const QString &type, const QCborMap &body)
    {
        Result<QCborMap> r = waitFor(client.request(type, body), 10000);
        if (r)
            return QString();
        return net::errorCode(r.error());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        nodeservice::NodeServiceConfig config;
        config.dataDir = m_dir.path();
        config.listenAddress = kNodeAddress;
        config.controlPort = freePort();
        config.swarmPort = freePort();
        QVERIFY(config.controlPort != 0 && config.swarmPort != 0 && config.controlPort != config.swarmPort);
        config.capacity = qint64(64) << 20;
        auto node = nodeservice::NodeService::start(config);
        QVERIFY2(node, qPrintable(node ? QString() : node.message()));
        m_node = std::move(node).value();
    }

    void cleanupTestCase() { m_node.reset(); }

    void junkPutRefused()
    {
        auto client = connectClient();
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, {}), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(QByteArray("junk"))), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(crypto::randomBytes(4096))), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, QCborMap{{u"pointer"_s, u"text, not bytes"_s}}),
                 u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, QCborMap{{u"pointer"_s, 12}}), u"bad-request"_s);
        // A map that looks like a pointer but has a field of the wrong type.
        QCborMap fake = QCborValue::fromCbor(SignedPointer::sign(m_owner, "s", 1, "v")->encode()).toMap();
        fake.insert(u"seq"_s, u"1"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(fake.toCborValue().toCbor())), u"bad-request"_s);
    }

    void badSignatureRefused()
    {
        auto client = connectClient();
        SignedPointer p = SignedPointer::sign(m_owner, "forged", 1, "value").value();
        p.value = "other value";
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p.encode())), u"bad-request"_s);
        p = SignedPointer::sign(m_owner, "forged", 1, "value").value();
        p.signature[10] = static_cast<char>(p.signature[10] ^ 1);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p.encode())), u"bad-request"_s);
        // Nothing was stored under that salt.
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(m_owner.publicKey(), "forged")), u"not-found"_s);
    }

    void oversizedValueRefused()
    {
        auto client = connectClient();
        SignedPointer p = SignedPointer::sign(m_owner, "big", 1, {}).value();
        p.value = QByteArray(SignedPointer::kMaxValue + 1, 'v');
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p.encode())), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(m_owner.publicKey(), "big")), u"not-found"_s);
        // The largest value is taken.
        const SignedPointer full =
            SignedPointer::sign(m_owner, "big", 1, QByteArray(SignedPointer::kMaxValue, 'v')).value();
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(full.encode())), QString());
    }

    void staleSequenceRefused()
    {
        auto client = connectClient();
        const SignedPointer p2 = SignedPointer::sign(m_owner, "head", 2, "two").value();
        const SignedPointer p1 = SignedPointer::sign(m_owner, "head", 1, "one").value();
        const SignedPointer fork = SignedPointer::sign(m_owner, "head", 2, "fork").value();
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p2.encode())), QString());
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p1.encode())), u"stale"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(fork.encode())), u"stale"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-put"_s, putBody(p2.encode())), QString()); // the same again
        Result<QCborMap> got = waitFor(client->request(u"pointer-get"_s, getBody(m_owner.publicKey(), "head")), 10000);
        QVERIFY2(got, qPrintable(got ? QString() : got.message()));
        QCOMPARE(got->value(u"pointer"_s).toByteArray(), p2.encode());
    }

    void badGetRefused()
    {
        auto client = connectClient();
        const QByteArray key = m_owner.publicKey();
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(key.left(31), "head")), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(key + 'x', "head")), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody({}, "head")), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, QCborMap{{u"key"_s, u"text"_s}}), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, {}), u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(key, QByteArray(SignedPointer::kMaxSalt + 1, 's'))),
                 u"bad-request"_s);
        QCOMPARE(errorCodeOf(*client, u"pointer-get"_s, getBody(crypto::randomBytes(32), "head")), u"not-found"_s);
    }

    void stillServesAfterwards()
    {
        auto client = connectClient();
        const SignedPointer p = SignedPointer::sign(m_owner, "devices", 7, "the device list").value();
        Result<QCborMap> put = waitFor(client->request(u"pointer-put"_s, putBody(p.encode())), 10000);
        QVERIFY2(put, qPrintable(put ? QString() : put.message()));
        QCOMPARE(put->value(u"seq"_s).toInteger(), 7);
        Result<QCborMap> got =
            waitFor(client->request(u"pointer-get"_s, getBody(m_owner.publicKey(), "devices")), 10000);
        QVERIFY2(got, qPrintable(got ? QString() : got.message()));
        auto back = SignedPointer::decode(got->value(u"pointer"_s).toByteArray());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->value, QByteArray("the device list"));
        QCOMPARE(back->sequence, 7);
        QCOMPARE(back->publicKey, m_owner.publicKey());
    }
};

QTEST_GUILESS_MAIN(TestNodePointerService)
#include "test_node_pointer_service.moc"
