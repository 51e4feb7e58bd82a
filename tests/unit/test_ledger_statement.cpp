// Epoch statements built from a real node database: receipts, evidence,
// the bundle a verifier checks, every kind of tampering it must catch, and
// closing an epoch exactly once across a crash and a restart.

#include "crypto/hash.h"
#include "ledger/receipt.h"
#include "ledger/statement_builder.h"
#include "ledger/statement_bundle.h"
#include "validator/epoch_entries.h"
#include "validator/log_entry.h"

#include <QCborMap>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/wait.h>
#include <unistd.h>

#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::ledger;
using crypto::SigningKey;
using test::nodeIdOf;

namespace {

constexpr qint64 kEpochMs = 10000;
constexpr qint64 kStart = 1'700'000'000'000; // epoch 7's start
constexpr qint64 kEnd = kStart + kEpochMs;
constexpr qint64 kEpoch = 7;

object::ShardId shard(char fill, qint64 size) { return object::ShardId{QByteArray(32, fill), size}; }

} // namespace

class TestLedgerStatement : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(32);
    SigningKey m_node = SigningKey::generate();
    SigningKey m_client = SigningKey::generate();
    SigningKey m_v1 = SigningKey::generate();
    SigningKey m_v2 = SigningKey::generate();
    SigningKey m_stranger = SigningKey::generate();
    Economics m_economics = Economics::devnet(kEpochMs);
    int m_count = 0;

    std::unique_ptr<node::NodeDatabase> openDb(const QString &path)
    {
        auto db = node::NodeDatabase::open(path, m_key, nodeIdOf(m_node));
        return db ? std::move(db).value() : nullptr;
    }

    QByteArray attestation(const SigningKey &v, qint64 score, qint64 failed)
    {
        validator::Attestation a;
        a.validator = nodeIdOf(v);
        a.node = nodeIdOf(m_node);
        a.epoch = kEpoch;
        a.timeMs = kEnd + 100;
        a.pings = a.pingsAnswered = 10;
        a.uptimePpm = 990000;
        a.auditsPassed = 10;
        a.auditsFailed = failed;
        a.auditScorePpm = 960000;
        a.scorePpm = score;
        return validator::signEntry(validator::EntryKind::Attestation, validator::encodeAttestation(a), v);
    }

    QByteArray summary(const SigningKey &v, qint64 median, qint64 used)
    {
        validator::EpochSummary s;
        s.validator = nodeIdOf(v);
        s.epoch = kEpoch;
        s.timeMs = kEnd + 100;
        s.nodes = 8;
        s.medianScorePpm = median;
        s.capacityBytes = 8 * kGiB;
        s.usedBytes = used;
        return validator::signEntry(validator::EntryKind::Summary, validator::encodeEpochSummary(s), v);
    }

    QList<ValidatorKey> counted() const
    {
        return {ValidatorKey{nodeIdOf(m_v1), m_v1.publicKey()}, ValidatorKey{nodeIdOf(m_v2), m_v2.publicKey()}};
    }

    EpochClose closing()
    {
        EpochClose c;
        c.epoch = kEpoch;
        c.startMs = kStart;
        c.endMs = kEnd;
        c.capacityBytes = kGiB;
        c.economics = m_economics;
        c.evidence = {attestation(m_v1, 950000, 0), summary(m_v1, 900000, 2 * kGiB), attestation(m_v2, 930000, 2),
                      summary(m_v2, 910000, 2 * kGiB)};
        c.counted = counted();
        c.nowMs = kEnd + 3000;
        return c;
    }

    // A database with what one epoch of a node holds: a contract kept all
    // epoch, one stored half-way in, one deleted half-way, one expired
    // before the epoch, two bandwidth orders inside and one after.
    QString populated()
    {
        const QString path = m_dir.path() + u"/node-%1.db"_s.arg(++m_count);
        auto db = openDb(path);
        if (!db)
            return {};
        auto add = [&](const node::SignedContract &c, qint64 storedMs) {
            auto id = db->addContract(c, storedMs - 10);
            if (id)
                (void)db->addReceipt(*id, storedMs);
        };
        const object::ShardId whole = shard('a', 32 << 20), late = shard('b', 16 << 20), gone = shard('c', 8 << 20),
                              old = shard('d', 4 << 20);
        const qint64 price = m_economics.storagePrice;
        add(test::makeContract(m_client, m_node, whole, kStart - 5000, kEnd + 100000, price), kStart - 4000);
        add(test::makeContract(m_client, m_node, late, kStart + 5000, kEnd + 100000, price), kStart + 6000);
        add(test::makeContract(m_client, m_node, gone, kStart - 5000, kEnd + 100000, price), kStart - 4000);
        add(test::makeContract(m_client, m_node, old, kStart - 50000, kStart - 1000, price), kStart - 40000);
        (void)db->applyDeletion(test::makeDeletion(m_client, m_node, gone, kStart + 2500), kStart + 2500);
        (void)db->addBandwidthOrder(test::makeBandwidthOrder(m_client, m_node, whole, 32 << 20, 1, kStart + 100),
                                    kStart + 200);
        (void)db->addBandwidthOrder(test::makeBandwidthOrder(m_client, m_node, late, 4 << 20, 2, kStart + 7000),
                                    kStart + 7100);
        (void)db->addBandwidthOrder(test::makeBandwidthOrder(m_client, m_node, whole, 1 << 20, 3, kEnd + 10),
                                    kEnd + 20);
        return path;
    }

    StatementBundle bundleOf(const node::StatementRow &row)
    {
        StatementBundle b;
        b.statement = row.statement;
        b.receipts = decodeLeaves(row.receipts);
        auto ev = decodeEvidence(row.evidence);
        b.evidence = ev->entries;
        b.validators = ev->validators;
        b.economics = QJsonDocument(m_economics.toJson()).toJson();
        return b;
    }

    // The bundle with the statement changed by `edit` and signed again with
    // the node's own key: a node lying about a number.
    StatementBundle lying(StatementBundle b, const std::function<void(EpochStatement &)> &edit)
    {
        EpochStatement s = SignedStatement::fromCbor(b.statement)->statement;
        edit(s);
        b.statement = SignedStatement::sign(s, m_node).toCbor();
        return b;
    }

    static void expectRefused(const StatementBundle &b, const QString &words)
    {
        auto v = verifyBundle(b);
        QVERIFY2(!v.ok(), qPrintable(words));
        QVERIFY2(v.message().contains(words), qPrintable(v.message()));
    }

private Q_SLOTS:
    void receiptsAndAmounts()
    {
        const QString path = populated();
        auto db = openDb(path);
        QVERIFY(db);
        auto row = closeEpoch(*db, m_node, closing());
        QVERIFY2(row.ok(), qPrintable(row.ok() ? QString() : row.message()));
        auto s = SignedStatement::fromCbor(row->statement);
        QVERIFY(s.ok());
        const EpochStatement &st = s->statement;
        QCOMPARE(st.storageReceipts, 3); // whole, late, gone (old expired before the epoch)
        QCOMPARE(st.egressReceipts, 2);  // the third order came after the epoch
        const qint64 price = m_economics.storagePrice;
        const qint64 storage = storageAmount(32 << 20, kEpochMs, price) + storageAmount(16 << 20, 4000, price) +
                               storageAmount(8 << 20, 2500, price);
        QCOMPARE(st.inputs.storage, storage);
        QCOMPARE(st.inputs.egress,
                 egressAmount(32 << 20, m_economics.egressPrice) + egressAmount(4 << 20, m_economics.egressPrice));
        // Evidence: medians of two validators, even counts take the mean.
        QCOMPARE(st.validators, 2);
        QCOMPARE(st.inputs.scorePpm, 940000);
        QCOMPARE(st.inputs.auditsFailed, 1);
        QCOMPARE(st.inputs.networkMedianScorePpm, 905000);
        QCOMPARE(st.inputs.networkUtilizationPpm, 250000);
        QCOMPARE(st.earnings, computeEarnings(m_economics, st.inputs));
        QVERIFY(st.earnings.base > 0);
        QCOMPARE(st.earnings.multiplierPpm, 1140000); // 1 + 4 * 0.035
        QVERIFY(st.earnings.total > 0);

        auto verified = verifyBundle(bundleOf(row.value()));
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.message()));
        QCOMPARE(verified->storage, storage);
        QVERIFY(verifyBundle(bundleOf(row.value()), {nodeIdOf(m_v1), nodeIdOf(m_v2)}).ok());
    }

    void tamperingIsCaughtAndNamed()
    {
        auto db = openDb(populated());
        auto row = closeEpoch(*db, m_node, closing());
        QVERIFY(row.ok());
        const StatementBundle good = bundleOf(row.value());
        QVERIFY(verifyBundle(good).ok());

        // A changed byte in the signed payload: the signature no longer holds.
        StatementBundle b = good;
        auto signedStatement = SignedStatement::fromCbor(b.statement).value();
        EpochStatement changed = signedStatement.statement;
        changed.earnings.total += 1;
        signedStatement.payload = encodeStatement(changed);
        b.statement = signedStatement.toCbor();
        expectRefused(b, u"signature does not verify"_s);

        // The node itself signs a wrong number: the recomputation names it.
        expectRefused(lying(good, [](EpochStatement &s) { s.earnings.total += 1; }), u"total (µcr)"_s);
        expectRefused(lying(good,
                            [](EpochStatement &s) {
                                s.earnings.base += 500;
                                s.earnings.total += 500;
                            }),
                      u"base fee (µcr)"_s);
        expectRefused(lying(good, [](EpochStatement &s) { s.inputs.storage += 1; }),
                      u"storage before the multiplier"_s);
        expectRefused(lying(good, [](EpochStatement &s) { s.inputs.scorePpm = 999999; }), u"score (ppm)"_s);

        // Signed by someone else, or a key that is not the node's.
        b = good;
        signedStatement = SignedStatement::fromCbor(b.statement).value();
        signedStatement.signature = m_stranger.sign(signedStatement.payload);
        b.statement = signedStatement.toCbor();
        expectRefused(b, u"signature does not verify"_s);
        b = good;
        signedStatement.publicKey = m_stranger.publicKey();
        b.statement = signedStatement.toCbor();
        expectRefused(b, u"not its node's"_s);

        // A missing, a changed, a duplicated and a reordered receipt.
        b = good;
        b.receipts.removeAt(1);
        expectRefused(b, u"a receipt is missing"_s);
        b = good;
        auto r = decodeReceipt(b.receipts[0]).value();
        r.amount += 1;
        b.receipts[0] = encodeReceipt(r);
        expectRefused(b, u"receipt 1: its amount is"_s);
        b = good;
        r = decodeReceipt(b.receipts[0]).value();
        r.toMs = kEnd + 1;
        b.receipts[0] = encodeReceipt(r);
        expectRefused(b, u"receipt 1: its interval lies outside the epoch"_s);
        b = good;
        b.receipts[1] = b.receipts[0];
        expectRefused(b, u"counted twice"_s);
        b = good;
        std::swap(b.receipts[0], b.receipts[1]);
        expectRefused(b, u"receipts root"_s);

        // Evidence from a validator the network does not count; other economics.
        b = good;
        b.evidence.append(attestation(m_stranger, 1000000, 0));
        expectRefused(b, u"not a counted validator"_s);
        QVERIFY(!verifyBundle(good, {nodeIdOf(m_v1)}).ok()); // the network file counts only v1
        b = good;
        Economics other = m_economics;
        other.storagePrice += 1;
        b.economics = QJsonDocument(other.toJson()).toJson();
        expectRefused(b, u"not the ones the statement was computed under"_s);

        // The file itself: garbage and truncation are refused, never crash.
        const QByteArray file = good.toCbor();
        QVERIFY(StatementBundle::fromCbor(file).ok());
        for (qsizetype cut : {qsizetype(0), qsizetype(1), file.size() / 2, file.size() - 1})
            QVERIFY(!StatementBundle::fromCbor(file.left(cut)).ok() ||
                    !verifyBundle(*StatementBundle::fromCbor(file.left(cut))).ok());
    }

    void evidenceThatDoesNotFitIsLeftOut()
    {
        auto db = openDb(populated());
        EpochClose c = closing();
        c.evidence.append(attestation(m_stranger, 1000000, 0)); // not counted
        c.evidence.append(attestation(m_v1, 100000, 50));       // a second one from v1
        auto row = buildStatement(*db, m_node, c);
        QVERIFY(row.ok());
        auto s = SignedStatement::fromCbor(row->statement)->statement;
        QCOMPARE(s.validators, 2);
        QCOMPARE(s.inputs.scorePpm, 940000);
        QVERIFY(verifyBundle(bundleOf(row.value())).ok());
        // No validator answered: not audited, no base fee, the smallest multiplier.
        c.evidence.clear();
        row = buildStatement(*db, m_node, c);
        s = SignedStatement::fromCbor(row->statement)->statement;
        QVERIFY(!s.inputs.audited);
        QCOMPARE(s.earnings.base, 0);
        QCOMPARE(s.earnings.multiplierPpm, m_economics.minMultiplierPpm);
        QVERIFY(verifyBundle(bundleOf(row.value())).ok());
    }

    void closedOnceAcrossCrashAndRestart()
    {
        const QString path = populated();
        // A real process dies between writing the statement and committing it.
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            auto db = openDb(path);
            if (!db)
                ::_exit(2);
            (void)closeEpoch(*db, m_node, closing(), [] { ::_exit(7); });
            ::_exit(3); // not reached
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 7);

        auto db = openDb(path);
        QVERIFY(db);
        QVERIFY(!db->statement(kEpoch)->has_value()); // nothing half-written
        auto first = closeEpoch(*db, m_node, closing());
        QVERIFY(first.ok());
        // Closing again (a timer firing twice, a restart) changes nothing.
        EpochClose again = closing();
        again.nowMs += 60000;
        again.evidence.clear();
        auto second = closeEpoch(*db, m_node, again);
        QVERIFY(second.ok());
        QCOMPARE(second->statement, first->statement);
        QCOMPARE(db->latestStatements(10)->size(), std::size_t(1));
        db.reset();

        // After a restart the statement is still there, and still verifies.
        db = openDb(path);
        auto stored = db->statement(kEpoch);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->statement, first->statement);
        QCOMPARE(db->lastStatementEpoch()->value(), kEpoch);
        QVERIFY(verifyBundle(bundleOf(**stored)).ok());
    }
};

QTEST_GUILESS_MAIN(TestLedgerStatement)
#include "test_ledger_statement.moc"
