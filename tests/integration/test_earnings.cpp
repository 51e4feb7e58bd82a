// Earnings on a real local network: 6 storage nodes and 2 counted paper
// nodes (`stratus devnet up --validators 2 --epoch 4`), real traffic, the
// real `stratus` CLI. What a node reports equals what `stratus earnings
// verify` recomputes from the exported statement; tampered statements fail
// with the reason; a node's earnings survive a kill and a restart and no
// epoch is counted twice. One devnet for the whole binary (CI budget).

#include "cli_runner.h"
#include "test_data.h"
#include "test_timing.h"

#include "client/network_context.h"
#include "crypto/random.h"
#include "discovery/network_file.h"
#include "discovery/node_keys.h"
#include "ledger/economics.h"
#include "ledger/statement_bundle.h"
#include "node/contract.h"
#include "node/limits.h"
#include "nodeservice/wire.h"

#include <QCborMap>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace stratus;
using namespace stratus::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kEpochSeconds = 4;
// Devnet prices are a day's per epoch while contracts run 30 days: with
// 4 s epochs 3,000 credits store about 34 MiB with redundancy (86.4 credits
// per MiB for 30 days).
constexpr int kFaucetCredits = 3000;

} // namespace

class TestEarnings : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_devnet;
    QString m_network;
    QString m_clientData;

    CliRun devnet(const QStringList &args)
    {
        return runStratus(QStringList{u"devnet"_s} + args + QStringList{u"--dir"_s, m_devnet});
    }
    CliRun client(const QStringList &args)
    {
        return runStratus(args + QStringList{u"--network"_s, m_network, u"--data"_s, m_clientData});
    }

    // `earnings show --json`, by node name.
    QHash<QString, QJsonObject> earnings()
    {
        QHash<QString, QJsonObject> out;
        const CliRun r = client({u"earnings"_s, u"show"_s, u"--json"_s, u"--epochs"_s, u"1000"_s});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            out.insert(v.toObject().value(u"name"_s).toString(), v.toObject());
        return out;
    }

    bool waitFor(const std::function<bool(const QHash<QString, QJsonObject> &)> &pred, int ms)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < scaledMs(ms)) {
            if (pred(earnings()))
                return true;
            QThread::msleep(300);
        }
        return false;
    }

    static qint64 sum(const QJsonObject &node, const QString &field)
    {
        qint64 total = 0;
        for (const QJsonValue &e : node.value(u"epochs"_s).toArray())
            total += e.toObject().value(field).toInteger();
        return total;
    }

    // The epoch of `node` with the most receipts.
    static QJsonObject busiestEpoch(const QJsonObject &node)
    {
        QJsonObject best;
        qint64 most = -1;
        for (const QJsonValue &v : node.value(u"epochs"_s).toArray()) {
            const QJsonObject e = v.toObject();
            const qint64 n = e.value(u"storage_receipts"_s).toInteger() + e.value(u"egress_receipts"_s).toInteger();
            if (n > most) {
                most = n;
                best = e;
            }
        }
        return best;
    }

    QString exportStatement(const QString &node, qint64 epoch)
    {
        const QString out = m_tmp.filePath(u"%1-%2.stratus"_s.arg(node).arg(epoch));
        const CliRun r = client(
            {u"earnings"_s, u"export"_s, u"--node"_s, node, u"--statement"_s, QString::number(epoch), u"--out"_s, out});
        return r.exitCode == 0 ? out : QString();
    }

    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Writes `b` and runs `earnings verify` on it.
    CliRun verify(const ledger::StatementBundle &b, const QString &name)
    {
        const QString path = m_tmp.filePath(name);
        if (!writeFile(path, b.toCbor()))
            return {};
        return runStratus({u"earnings"_s, u"verify"_s, path, u"--network"_s, m_network});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_devnet = m_tmp.filePath(u"devnet"_s);
        m_network = m_devnet + u"/network.json"_s;
        m_clientData = m_tmp.filePath(u"client"_s);
        const CliRun up = devnet({u"up"_s, u"--nodes"_s, u"6"_s, u"--validators"_s, u"2"_s, u"--storage"_s, u"128MiB"_s,
                                  u"--audit-interval"_s, u"0.5"_s, u"--epoch"_s, QString::number(kEpochSeconds),
                                  u"--faucet-credits"_s, QString::number(kFaucetCredits)});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err + up.out));
        // Traffic: a 6 MiB file stored (contracts) and fetched (bandwidth orders).
        const QString path = m_tmp.filePath(u"data.bin"_s);
        QVERIFY(writeFile(path, pseudoRandom(6 << 20, 7)));
        const CliRun put = client({u"put"_s, path});
        QVERIFY2(put.exitCode == 0, qPrintable(put.err));
        const CliRun get = client({u"get"_s, u"data.bin"_s, u"--out"_s, m_tmp.filePath(u"back.bin"_s)});
        QVERIFY2(get.exitCode == 0, qPrintable(get.err));
    }

    void cleanupTestCase() { devnet({u"down"_s}); }

    void nodesReportWhatVerifyRecomputes()
    {
        // Every node closes epochs; the holders' include storage, and the
        // nodes that served the get include egress.
        QVERIFY2(waitFor(
                     [](const QHash<QString, QJsonObject> &all) {
                         if (all.size() != 6)
                             return false;
                         int storing = 0, serving = 0;
                         for (const QJsonObject &n : all) {
                             if (n.value(u"epochs"_s).toArray().isEmpty())
                                 return false;
                             storing += sum(n, u"storage_receipts"_s) > 0;
                             serving += sum(n, u"egress_receipts"_s) > 0;
                         }
                         return storing >= 6 && serving >= 4;
                     },
                     60000),
                 "the nodes did not close epochs with their traffic");
        const QHash<QString, QJsonObject> all = earnings();
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            const QJsonObject e = busiestEpoch(it.value());
            const qint64 epoch = e.value(u"epoch"_s).toInteger();
            QVERIFY(e.value(u"audited"_s).toBool());
            QVERIFY(e.value(u"validators"_s).toInteger() >= 1);
            QCOMPARE(e.value(u"total"_s).toInteger(),
                     e.value(u"base"_s).toInteger() + e.value(u"storage_paid"_s).toInteger() +
                         e.value(u"egress_paid"_s).toInteger() - e.value(u"penalty"_s).toInteger());
            const QString file = exportStatement(it.key(), epoch);
            QVERIFY2(!file.isEmpty(), qPrintable(it.key()));
            const CliRun v = runStratus({u"earnings"_s, u"verify"_s, file, u"--network"_s, m_network, u"--json"_s});
            QVERIFY2(v.exitCode == 0, qPrintable(it.key() + u": "_s + v.err));
            const QJsonObject checked = v.json().value(u"epoch"_s).toObject();
            for (const QString &field : {u"base"_s, u"storage"_s, u"egress"_s, u"multiplier_ppm"_s, u"storage_paid"_s,
                                         u"egress_paid"_s, u"penalty"_s, u"total"_s, u"statement"_s})
                QCOMPARE(checked.value(field), e.value(field));
        }
        // The paper nodes checked the statements and logged what they found.
        const CliRun logs = client({u"log"_s, u"verify"_s, u"--json"_s});
        QVERIFY2(logs.exitCode == 0, qPrintable(logs.err));
        const CliRun text = client({u"log"_s, u"verify"_s});
        QVERIFY2(text.out.contains(u"statements checked and verified"_s), qPrintable(text.out));
        for (const QJsonValue &v : QJsonDocument::fromJson(logs.out.toUtf8()).array())
            QVERIFY2(v.toObject().value(u"reports"_s).toArray().isEmpty(), qPrintable(logs.out));
    }

    void tamperedStatementsFailWithTheReason()
    {
        const QHash<QString, QJsonObject> all = earnings();
        QString node;
        QJsonObject epoch;
        for (auto it = all.cbegin(); it != all.cend() && node.isEmpty(); ++it) {
            const QJsonObject e = busiestEpoch(it.value());
            if (e.value(u"storage_receipts"_s).toInteger() > 0) {
                node = it.key();
                epoch = e;
            }
        }
        QVERIFY(!node.isEmpty());
        const QString file = exportStatement(node, epoch.value(u"epoch"_s).toInteger());
        QVERIFY(!file.isEmpty());
        auto good = ledger::StatementBundle::fromCbor(readFile(file));
        QVERIFY(good.ok());
        QCOMPARE(verify(good.value(), u"good.stratus"_s).exitCode, 0);

        // A missing receipt.
        ledger::StatementBundle b = good.value();
        b.receipts.removeFirst();
        CliRun r = verify(b, u"missing.stratus"_s);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"a receipt is missing"_s), qPrintable(r.err));

        // One changed number, the signature left as it was.
        b = good.value();
        auto signedStatement = ledger::SignedStatement::fromCbor(b.statement).value();
        ledger::EpochStatement changed = signedStatement.statement;
        changed.earnings.total += 1000;
        signedStatement.payload = ledger::encodeStatement(changed);
        b.statement = signedStatement.toCbor();
        r = verify(b, u"changed.stratus"_s);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"signature does not verify"_s), qPrintable(r.err));

        // The node itself signs a wrong total (its key is on its disk).
        auto keys = discovery::NodeKeys::loadOrCreate(m_devnet + u'/' + node);
        QVERIFY(keys.ok());
        b = good.value();
        b.statement = ledger::SignedStatement::sign(changed, *keys->identity).toCbor();
        r = verify(b, u"lying.stratus"_s);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"total (µcr): the statement says"_s), qPrintable(r.err));

        // A forged signature: someone else's key.
        b = good.value();
        const crypto::SigningKey forger = crypto::SigningKey::generate();
        signedStatement = ledger::SignedStatement::fromCbor(b.statement).value();
        signedStatement.signature = forger.sign(signedStatement.payload);
        b.statement = signedStatement.toCbor();
        r = verify(b, u"forged.stratus"_s);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"signature does not verify"_s), qPrintable(r.err));

        // Not a statement at all; no such file.
        QVERIFY(writeFile(m_tmp.filePath(u"junk.stratus"_s), pseudoRandom(4096, 3)));
        r = runStratus({u"earnings"_s, u"verify"_s, m_tmp.filePath(u"junk.stratus"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"not a Stratus statement"_s), qPrintable(r.err));
        r = runStratus({u"earnings"_s, u"verify"_s, m_tmp.filePath(u"nothing.stratus"_s)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"cannot read"_s), qPrintable(r.err));
        r = runStratus({u"earnings"_s, u"verify"_s});
        QCOMPARE(r.exitCode, 2);
    }

    void creditsAreKeptByValidatorsAndEnforced()
    {
        // The faucet's grant, less what the contracts and orders cost, as
        // the paper nodes count it from the signed records.
        QJsonObject c;
        QElapsedTimer t;
        t.start();
        do {
            c = client({u"credits"_s, u"--json"_s}).json();
            if (c.value(u"spent"_s).toInteger() > 0)
                break;
            QThread::msleep(200);
        } while (t.elapsed() < scaledMs(10000));
        QVERIFY(c.value(u"enabled"_s).toBool());
        QVERIFY(c.value(u"known"_s).toBool());
        QCOMPARE(c.value(u"validators_answered"_s).toInt(), 2);
        QCOMPARE(c.value(u"granted"_s).toInteger(), qint64(kFaucetCredits) * 1000000);
        QVERIFY(c.value(u"spent"_s).toInteger() > 0);
        QCOMPARE(c.value(u"balance"_s).toInteger(),
                 c.value(u"granted"_s).toInteger() - c.value(u"spent"_s).toInteger());
        // The get of data.bin signed bandwidth orders: its traffic and what it
        // costs at the egress price (at least the file's bytes: k shards).
        const qint64 traffic = c.value(u"traffic_bytes_30d"_s).toInteger();
        QVERIFY2(traffic >= 6 * 1024 * 1024, qPrintable(QString::number(traffic)));
        QVERIFY(c.value(u"egress_price"_s).toInteger() > 0);
        QCOMPARE(c.value(u"monthly_traffic_cost"_s).toInteger(),
                 (traffic * c.value(u"egress_price"_s).toInteger()) >> 30);

        // An upload the balance does not cover is refused before anything is
        // sent (a sparse 1 GiB file: nothing of it is read).
        const QString big = m_tmp.filePath(u"too-big.bin"_s);
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(qint64(1) << 30));
        }
        CliRun r = client({u"put"_s, big});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"not enough credits"_s) && r.err.contains(u"Nothing was uploaded"_s),
                 qPrintable(r.err));
        QVERIFY(!client({u"ls"_s}).out.contains(u"too-big"_s));

        // A client with no credits at all, going straight to a node: refused.
        const QString stranger = m_tmp.filePath(u"stranger"_s);
        QVERIFY(writeFile(m_tmp.filePath(u"small.bin"_s), pseudoRandom(64 * 1024, 9)));
        r = runStratus({u"put"_s, m_tmp.filePath(u"small.bin"_s), u"--network"_s, m_network, u"--data"_s, stranger});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err)); // a new account gets the faucet's grant first
        QVERIFY(QFile::exists(stranger + u"/credits-"_s +
                              QJsonDocument::fromJson(readFile(m_network)).object().value(u"name"_s).toString() +
                              u".grant"_s));

        // An upload that leaves less than two months of storage: a warning.
        QVERIFY(writeFile(m_tmp.filePath(u"most.bin"_s), pseudoRandom(12 << 20, 11)));
        r = client({u"put"_s, m_tmp.filePath(u"most.bin"_s)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QThread::msleep(scaledMs(1500));
        r = client({u"credits"_s});
        QVERIFY2(r.err.contains(u"credits run low"_s), qPrintable(r.out + r.err));

        // The paper nodes publish the credit books in their logs.
        const CliRun text = client({u"log"_s, u"verify"_s});
        QVERIFY2(text.exitCode == 0 && text.out.contains(u"credit books"_s), qPrintable(text.out + text.err));
    }

    void aNodeRefusesAClientWithoutCredits()
    {
        // Straight to a node with a contract from a device that has no grant.
        auto network = discovery::NetworkFile::load(m_network);
        QVERIFY(network);
        const crypto::SigningKey device = crypto::SigningKey::generate();
        auto ctx = client::NetworkContext::start(network.value(), device, u"127.0.0.1"_s);
        QVERIFY(ctx);
        const discovery::BootstrapNode &target = network->bootstrap.first();
        node::ContractTerms terms;
        terms.shard = object::ShardId{crypto::randomBytes(32), 1024 * 1024};
        terms.client = crypto::NodeId::fromPublicKey(device.publicKey());
        terms.node = target.id;
        terms.startMs = QDateTime::currentMSecsSinceEpoch();
        terms.expiryMs = terms.startMs + 3600 * 1000;
        terms.price = ledger::Economics::ofNetwork(network->economics)->storagePrice;
        terms.nonce = crypto::randomBytes(node::kNonceSize);
        auto proposal = node::signContract(terms, device);
        QVERIFY(proposal);
        const QCborMap body{{u"contract"_s, node::encodeSignedContract(proposal.value())},
                            {u"source"_s, nodeservice::endpointToCbor(swarm::Endpoint{u"127.0.0.1"_s, 9})}};
        const auto reply = ctx.value()->request(target.id, u"store"_s, body).result();
        QVERIFY(!reply.ok());
        QVERIFY2(reply.message().startsWith(u"no-credit:"_s), qPrintable(reply.message()));
    }

    void earningsSurviveRestartAndNothingCountsTwice()
    {
        const QString node = u"node1"_s;
        const QJsonArray before = earnings().value(node).value(u"epochs"_s).toArray();
        QVERIFY(!before.isEmpty());
        QCOMPARE(devnet({u"kill"_s, node}).exitCode, 0);
        QThread::msleep(scaledMs(2 * kEpochSeconds * 1000 + 500));
        QCOMPARE(devnet({u"restart"_s, node}).exitCode, 0);
        const qint64 newest = before.first().toObject().value(u"epoch"_s).toInteger();
        // It closes the epochs it missed, then goes on.
        QVERIFY2(waitFor(
                     [&](const QHash<QString, QJsonObject> &all) {
                         const QJsonArray now = all.value(node).value(u"epochs"_s).toArray();
                         return !now.isEmpty() && now.first().toObject().value(u"epoch"_s).toInteger() >= newest + 3;
                     },
                     40000),
                 "the restarted node closed no new epoch");
        const QJsonArray after = earnings().value(node).value(u"epochs"_s).toArray();
        QHash<qint64, QJsonObject> byEpoch;
        for (const QJsonValue &v : after) {
            const qint64 e = v.toObject().value(u"epoch"_s).toInteger();
            QVERIFY2(!byEpoch.contains(e), "an epoch counted twice");
            byEpoch.insert(e, v.toObject());
        }
        // Every epoch from the first to the newest, once, in order.
        const qint64 first = after.last().toObject().value(u"epoch"_s).toInteger();
        const qint64 last = after.first().toObject().value(u"epoch"_s).toInteger();
        QCOMPARE(qint64(after.size()), last - first + 1);
        // What was earned before the restart is unchanged, to the statement.
        for (const QJsonValue &v : before) {
            const QJsonObject old = v.toObject();
            const QJsonObject now = byEpoch.value(old.value(u"epoch"_s).toInteger());
            QCOMPARE(now.value(u"statement"_s), old.value(u"statement"_s));
            QCOMPARE(now.value(u"total"_s), old.value(u"total"_s));
        }
        // The epoch it was down for: the validators saw it gone.
        bool sawDowntime = false;
        for (const QJsonObject &e : std::as_const(byEpoch))
            if (e.value(u"epoch"_s).toInteger() > newest && e.value(u"uptime"_s).toDouble() < 1.0)
                sawDowntime = true;
        QVERIFY(sawDowntime);
        // The CSV for accounting has a line per closed epoch.
        const CliRun csv =
            client({u"earnings"_s, u"export"_s, u"--csv"_s, u"--node"_s, node, u"--epochs"_s, u"1000"_s});
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        QCOMPARE(csv.out.trimmed().split(u'\n').size(), after.size() + 1);
        QVERIFY(csv.out.startsWith(u"node_id,node_name,epoch,"_s));
    }
};

QTEST_GUILESS_MAIN(TestEarnings)
#include "test_earnings.moc"
