#include "discovery/network_file.h"
#include "discovery/node_record.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::discovery;
using namespace Qt::StringLiterals;

namespace {

NetworkFile sampleNetwork()
{
    NetworkFile f;
    f.name = u"devnet-test"_s;
    f.genesisMs = 1764000000000;
    f.local = true;
    for (int i = 0; i < 3; ++i) {
        const crypto::SigningKey key = crypto::SigningKey::generate();
        Endpoint e{QHostAddress(u"127.0.0.%1"_s.arg(i + 2)), quint16(7400 + i * 2), quint16(7401 + i * 2)};
        f.bootstrap.append(BootstrapNode{crypto::NodeId::fromPublicKey(key.publicKey()), e, u"node%1"_s.arg(i + 1)});
    }
    f.validators.append(f.bootstrap[0]);
    f.epochMs = 10000;
    return f;
}

QByteArray edited(const NetworkFile &f, const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject o = QJsonDocument::fromJson(f.toJson()).object();
    edit(o);
    return QJsonDocument(o).toJson();
}

} // namespace

class TestDiscovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void networkFileRoundTrip()
    {
        const NetworkFile f = sampleNetwork();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"network.json"_s);
        QVERIFY(f.save(path));
        auto back = NetworkFile::load(path);
        QVERIFY2(back, qPrintable(back.ok() ? QString() : back.message()));
        QCOMPARE(back->name, f.name);
        QCOMPARE(back->genesisMs, f.genesisMs);
        QCOMPARE(back->bootstrap.size(), 3);
        QCOMPARE(back->bootstrap[2].id, f.bootstrap[2].id);
        QCOMPARE(back->bootstrap[2].endpoint, f.bootstrap[2].endpoint);
        QCOMPARE(back->bootstrap[1].name, u"node2"_s);
        QCOMPARE(back->validators, f.validators);
        QCOMPARE(back->epochMs, 10000);
        QVERIFY(back->isCountedValidator(f.bootstrap[0].id));
        QVERIFY(!back->isCountedValidator(f.bootstrap[1].id));
        QVERIFY(back->local);
    }

    void networkFileErrorsSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const NetworkFile f = sampleNetwork();
        QTest::newRow("not json") << QByteArray("{nope") << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
        QTest::newRow("format") << edited(f, [](QJsonObject &o) { o.remove(u"format"_s); }) << u"format"_s;
        QTest::newRow("version") << edited(f, [](QJsonObject &o) { o[u"version"_s] = 9; }) << u"version 9"_s;
        QTest::newRow("no name") << edited(f, [](QJsonObject &o) { o[u"name"_s] = u""_s; }) << u"name"_s;
        QTest::newRow("bad k") << edited(f, [](QJsonObject &o) {
            o[u"erasure"_s] = QJsonObject{{u"k"_s, 0}, {u"m"_s, 2}};
        }) << u"\"k\""_s;
        QTest::newRow("no bootstrap") << edited(f, [](QJsonObject &o) { o[u"bootstrap"_s] = QJsonArray(); })
                                      << u"at least one node"_s;
        QTest::newRow("bad port") << edited(f, [](QJsonObject &o) {
            QJsonArray b = o[u"bootstrap"_s].toArray();
            QJsonObject n = b[1].toObject();
            n[u"control_port"_s] = 70000;
            b[1] = n;
            o[u"bootstrap"_s] = b;
        }) << u"bootstrap node 2: \"control_port\""_s;
        QTest::newRow("bad address") << edited(f, [](QJsonObject &o) {
            QJsonArray b = o[u"bootstrap"_s].toArray();
            QJsonObject n = b[0].toObject();
            n[u"address"_s] = u"localhost:7"_s;
            b[0] = n;
            o[u"bootstrap"_s] = b;
        }) << u"IP address"_s;
        QTest::newRow("typo in id") << edited(f, [](QJsonObject &o) {
            QJsonArray b = o[u"bootstrap"_s].toArray();
            QJsonObject n = b[2].toObject();
            QString id = n[u"id"_s].toString();
            id[3] = id[3] == u'A' ? u'B' : u'A';
            n[u"id"_s] = id;
            b[2] = n;
            o[u"bootstrap"_s] = b;
        }) << u"bootstrap node 3: node id has a typo"_s;
    }

    void networkFileErrorsSayWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto r = NetworkFile::parse(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(expected), qPrintable(r.message()));
    }

    void nodeRecordsAreSignedAndSequenced()
    {
        const crypto::SigningKey key = crypto::SigningKey::generate();
        NodeRecord r;
        r.sequence = 5;
        r.endpoint = Endpoint{QHostAddress(u"127.0.0.9"_s), 7000, 7001};
        r.capacityBytes = 1 << 30;
        r.freeBytes = 1 << 29;
        r.region = u"local"_s;
        r.version = u"0.1.0"_s;
        r.timeMs = 1764000000000;
        const SignedNodeRecord s = SignedNodeRecord::sign(r, key);
        QCOMPARE(s.record.id, crypto::NodeId::fromPublicKey(key.publicKey()));
        auto back = SignedNodeRecord::fromCbor(s.toCbor());
        QVERIFY2(back, qPrintable(back.ok() ? QString() : back.message()));
        QCOMPARE(back->record, s.record);

        // Any changed byte of the payload or signature is refused.
        for (qsizetype i = 0; i < s.payload.size(); i += 7) {
            QByteArray p = s.payload;
            p[i] = static_cast<char>(p[i] ^ 0x20);
            QVERIFY(!SignedNodeRecord::verify(p, s.signature).ok());
        }
        QByteArray sig = s.signature;
        sig[10] = static_cast<char>(sig[10] ^ 1);
        QVERIFY(!SignedNodeRecord::verify(s.payload, sig).ok());
        // Signed by another key: refused (the id is bound to the key).
        const SignedNodeRecord other = SignedNodeRecord::sign(r, crypto::SigningKey::generate());
        QVERIFY(!SignedNodeRecord::verify(s.payload, other.signature).ok());
        QVERIFY(!SignedNodeRecord::fromCbor(QByteArray("garbage")).ok());

        NodeDirectory dir;
        QVERIFY(dir.offer(s));
        QVERIFY(!dir.offer(s).ok()); // same sequence: not newer
        r.sequence = 4;
        QVERIFY(!dir.offer(SignedNodeRecord::sign(r, key)).ok());
        r.sequence = 6;
        r.freeBytes = 1;
        QVERIFY(dir.offer(SignedNodeRecord::sign(r, key)));
        QCOMPARE(dir.find(s.record.id)->record.freeBytes, quint64(1));
        QCOMPARE(dir.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "test_discovery.moc"
