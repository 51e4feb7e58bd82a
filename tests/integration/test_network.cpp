// A real local network: 8 `stratus node run` processes on loopback, driven by
// the real `stratus` CLI. One devnet for the whole binary (CI budget).

#include "cli_runner.h"
#include "test_data.h"

#include "client/network_context.h"
#include "crypto/random.h"
#include "discovery/network_file.h"
#include "ledger/economics.h"
#include "node/contract.h"
#include "node/limits.h"
#include "nodeservice/wire.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace stratus;
using namespace stratus::test;
using namespace Qt::StringLiterals;

class TestNetwork : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_devnet;
    QString m_network;
    QString m_client;
    QString m_input;
    QByteArray m_data;

    CliRun devnet(const QStringList &args)
    {
        return runStratus(QStringList{u"devnet"_s} + args + QStringList{u"--dir"_s, m_devnet});
    }
    CliRun client(const QStringList &args)
    {
        return runStratus(args + QStringList{u"--network"_s, m_network, u"--data"_s, m_client});
    }
    QJsonArray nodes() { return devnet({u"status"_s, u"--json"_s}).json().value(u"nodes"_s).toArray(); }

    // Names of the nodes that hold some bytes, by used space.
    QStringList holders()
    {
        QStringList names;
        for (const QJsonValue &n : nodes())
            if (n.toObject().value(u"used"_s).toInteger() > 0)
                names << n.toObject().value(u"name"_s).toString();
        return names;
    }

    void expectGetIdentical(const QString &out)
    {
        const CliRun r = client({u"get"_s, u"data.bin"_s, u"--out"_s, out, u"--force"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == m_data);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("STRATUS_BIN").isEmpty());
        m_devnet = m_tmp.filePath(u"devnet"_s);
        m_client = m_tmp.filePath(u"client"_s);
        m_network = m_devnet + u"/network.json"_s;
        // node8 offers too little room for any shard of the test file.
        const CliRun up = devnet({u"up"_s, u"--nodes"_s, u"8"_s, u"--storage"_s,
                                  u"128MiB,128MiB,128MiB,128MiB,"
                                  u"128MiB,128MiB,128MiB,2MiB"_s});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        QCOMPARE(nodes().size(), 8);
        m_data = pseudoRandom(24 * 1024 * 1024 + 77, 3);
        m_input = m_tmp.filePath(u"data.bin"_s);
        QFile f(m_input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_data);
    }

    void cleanupTestCase()
    {
        const CliRun down = devnet({u"down"_s});
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        for (const QJsonValue &n : nodes())
            QCOMPARE(n.toObject().value(u"state"_s).toString(), u"stopped"_s);
    }

    void putThenGet()
    {
        const CliRun put = client({u"put"_s, m_input, u"--json"_s});
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        const QJsonObject file = put.json().value(u"files"_s).toArray().first().toObject();
        QCOMPARE(file.value(u"path"_s).toString(), u"/data.bin"_s);
        QCOMPARE(file.value(u"shards"_s).toInt(), 6);
        const CliRun ls = client({u"ls"_s, u"--json"_s});
        QVERIFY2(ls.exitCode == 0, qPrintable(ls.err));
        const QJsonObject listed = ls.json().value(u"files"_s).toArray().first().toObject();
        QCOMPARE(listed.value(u"size"_s).toInteger(), m_data.size());
        QCOMPARE(listed.value(u"healthy_shards"_s).toInt(), 6);
        QCOMPARE(holders().size(), 6);
        expectGetIdentical(m_tmp.filePath(u"out1.bin"_s));
    }

    void smallNodeGetsNothingAndRefusesStores()
    {
        QVERIFY(!holders().contains(u"node8"_s));
        // Ask node8 directly to store a shard larger than its capacity.
        auto network = discovery::NetworkFile::load(m_network);
        QVERIFY(network);
        const crypto::SigningKey device = crypto::SigningKey::generate();
        auto ctx = client::NetworkContext::start(network.value(), device, u"127.0.0.1"_s);
        QVERIFY(ctx);
        const discovery::BootstrapNode &small = network->bootstrap.last();
        QCOMPARE(small.name, u"node8"_s);
        node::ContractTerms terms;
        terms.shard = object::ShardId{crypto::randomBytes(32), 16 * 1024 * 1024};
        terms.client = crypto::NodeId::fromPublicKey(device.publicKey());
        terms.node = small.id;
        terms.startMs = QDateTime::currentMSecsSinceEpoch();
        terms.expiryMs = terms.startMs + 3600 * 1000;
        terms.nonce = crypto::randomBytes(node::kNonceSize);
        auto propose = [&](const node::ContractTerms &t) {
            auto proposal = node::signContract(t, device);
            const QCborMap body{{u"contract"_s, node::encodeSignedContract(proposal.value())},
                                {u"source"_s, nodeservice::endpointToCbor(swarm::Endpoint{u"127.0.0.1"_s, 9})}};
            return ctx.value()->request(small.id, u"store"_s, body).result();
        };
        // Below the network's storage price: refused, whatever the room.
        auto reply = propose(terms);
        QVERIFY(!reply.ok());
        QVERIFY2(reply.message().startsWith(u"bad-contract:"_s), qPrintable(reply.message()));
        terms.price = ledger::Economics::ofNetwork(network->economics)->storagePrice;
        terms.nonce = crypto::randomBytes(node::kNonceSize);
        reply = propose(terms);
        QVERIFY(!reply.ok());
        QVERIFY2(reply.message().startsWith(u"no-space:"_s), qPrintable(reply.message()));
    }

    void hostileBytesDoNotHarmALiveNode()
    {
        const QJsonObject n1 = nodes().first().toObject();
        const QString address = n1.value(u"address"_s).toString();
        const QString host = address.section(u':', 0, 0);
        const quint16 port = static_cast<quint16>(address.section(u':', 1).toUInt());
        for (const QByteArray &junk : {QByteArray("GET / HTTP/1.0\r\n\r\n"), QByteArray("\x16\x03\x01\xff\xff", 5),
                                       QByteArray(70000, '\xff'), QByteArray("\x00\x00\x00\x05hello", 9)}) {
            QTcpSocket s;
            s.connectToHost(host, port);
            QVERIFY(s.waitForConnected(3000));
            s.write(junk);
            s.waitForBytesWritten(3000);
            s.waitForReadyRead(300);
            s.abort();
        }
        expectGetIdentical(m_tmp.filePath(u"out2.bin"_s));
    }

    void survivesTwoDeadHoldersButNotThree()
    {
        const QStringList held = holders();
        QVERIFY(held.size() >= 3);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(devnet({u"kill"_s, held[i]}).exitCode, 0);
        expectGetIdentical(m_tmp.filePath(u"out3.bin"_s));

        QCOMPARE(devnet({u"kill"_s, held[2]}).exitCode, 0);
        const CliRun r = client({u"get"_s, u"data.bin"_s, u"--out"_s, m_tmp.filePath(u"out4.bin"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"only 3 of 6 shards are usable, 4 are needed"_s), qPrintable(r.err));
        QVERIFY2(r.err.count(u"shard "_s) >= 3, qPrintable(r.err)); // names the missing shards
        QVERIFY(!QFile::exists(m_tmp.filePath(u"out4.bin"_s)));

        QCOMPARE(devnet({u"restart"_s, held[2]}).exitCode, 0);
        expectGetIdentical(m_tmp.filePath(u"out5.bin"_s));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(devnet({u"restart"_s, held[i]}).exitCode, 0);
    }

    void corruptedShardIsWorkedAroundAndRepaired()
    {
        // Damage one byte of every 16 KiB block of one holder's shard file
        // (not its leaves), so that any proof challenge lands on damage.
        const QString victim = holders().first();
        QDirIterator it(m_devnet + u'/' + victim + u"/store/shards"_s, QDir::Files, QDirIterator::Subdirectories);
        QString shardFile;
        while (it.hasNext()) {
            const QString f = it.next();
            if (!f.endsWith(u".leaves"_s))
                shardFile = f;
        }
        QVERIFY(!shardFile.isEmpty());
        QFile f(shardFile);
        QVERIFY(f.open(QIODevice::ReadWrite));
        for (qint64 at = 100; at < f.size(); at += 16384) {
            f.seek(at);
            char c = 0;
            f.getChar(&c);
            f.seek(at);
            f.putChar(static_cast<char>(c ^ 0x40));
        }
        f.close();
        expectGetIdentical(m_tmp.filePath(u"out6.bin"_s));

        const CliRun repair = client({u"repair"_s, u"--json"_s});
        QVERIFY2(repair.exitCode == 0, qPrintable(repair.err));
        QCOMPARE(repair.json().value(u"shards_rebuilt"_s).toInt(), 1);
        const CliRun again = client({u"repair"_s, u"--json"_s});
        QCOMPARE(again.json().value(u"shards_rebuilt"_s).toInt(), 0);
        const CliRun ls = client({u"ls"_s, u"--json"_s});
        QCOMPARE(ls.json().value(u"files"_s).toArray().first().toObject().value(u"healthy_shards"_s).toInt(), 6);
        expectGetIdentical(m_tmp.filePath(u"out6b.bin"_s));
    }

    void contractsAreRenewedBeforeTheyEnd()
    {
        // Contracts run 30 days: asking to renew those ending within 40 renews all.
        const CliRun none = client({u"repair"_s, u"--json"_s, u"--renew-within"_s, u"1"_s});
        QVERIFY2(none.exitCode == 0, qPrintable(none.err));
        QCOMPARE(none.json().value(u"contracts_renewed"_s).toInt(), 0);
        const CliRun all = client({u"repair"_s, u"--json"_s, u"--renew-within"_s, u"40"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QCOMPARE(all.json().value(u"contracts_renewed"_s).toInt(), 6);
        expectGetIdentical(m_tmp.filePath(u"out6c.bin"_s));
    }

    void everythingSurvivesARestartOfEveryNode()
    {
        QCOMPARE(devnet({u"down"_s}).exitCode, 0);
        const CliRun up = devnet({u"up"_s, u"--nodes"_s, u"8"_s, u"--storage"_s, u"128MiB"_s});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        expectGetIdentical(m_tmp.filePath(u"out7.bin"_s));
    }

    void nodesAreFoundThroughTheDht()
    {
        // A network file that names only node1: the client finds the others
        // (node1 lists them; the DHT finds them once it has settled) and
        // places all six shards.
        QFile full(m_network);
        QVERIFY(full.open(QIODevice::ReadOnly));
        QJsonObject network = QJsonDocument::fromJson(full.readAll()).object();
        QJsonArray bootstrap = network.value(u"bootstrap"_s).toArray();
        while (bootstrap.size() > 1)
            bootstrap.removeLast();
        network.insert(u"bootstrap"_s, bootstrap);
        network.insert(u"local"_s, false); // as a published network file would be
        const QString oneNode = m_tmp.filePath(u"one-node.json"_s);
        QFile trimmed(oneNode);
        QVERIFY(trimmed.open(QIODevice::WriteOnly));
        trimmed.write(QJsonDocument(network).toJson());
        trimmed.close();
        const QString other = m_tmp.filePath(u"client2"_s);
        const CliRun put = runStratus({u"put"_s, m_input, u"--json"_s, u"--network"_s, oneNode, u"--data"_s, other});
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        QCOMPARE(put.json().value(u"files"_s).toArray().first().toObject().value(u"shards"_s).toInt(), 6);
        const CliRun get = runStratus({u"get"_s, u"data.bin"_s, u"--out"_s, m_tmp.filePath(u"out9.bin"_s),
                                       u"--network"_s, oneNode, u"--data"_s, other});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
        const CliRun rm = runStratus({u"rm"_s, u"data.bin"_s, u"--network"_s, oneNode, u"--data"_s, other});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
    }

    void removeFreesTheNodes()
    {
        const CliRun rm = client({u"rm"_s, u"data.bin"_s});
        QVERIFY2(rm.exitCode == 0, qPrintable(rm.err));
        QVERIFY(holders().isEmpty());
        const CliRun get = client({u"get"_s, u"data.bin"_s, u"--out"_s, m_tmp.filePath(u"out8.bin"_s)});
        QCOMPARE(get.exitCode, 1);
        QVERIFY2(get.err.contains(u"no file /data.bin"_s), qPrintable(get.err));
    }
};

QTEST_GUILESS_MAIN(TestNetwork)
#include "test_network.moc"
