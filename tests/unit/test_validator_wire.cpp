// The paper node's signed objects: log entries (attestations, disagreement
// and fork reports) and score sheets. Strict decoding, signatures, and the
// medians clients compute over several validators.

#include "crypto/signing_key.h"
#include "validator/log_entry.h"
#include "validator/score_sheet.h"

#include <QTest>

using namespace stratus;
using namespace stratus::validator;
using namespace Qt::StringLiterals;

namespace {

crypto::NodeId idOf(const crypto::SigningKey &k) { return crypto::NodeId::fromPublicKey(k.publicKey()); }

Attestation sampleAttestation(const crypto::SigningKey &validator, const crypto::SigningKey &node)
{
    Attestation a;
    a.validator = idOf(validator);
    a.node = idOf(node);
    a.epoch = 42;
    a.timeMs = 1764000000000;
    a.pings = 10;
    a.pingsAnswered = 9;
    a.uptimePpm = 950000;
    a.auditsPassed = 40;
    a.auditsFailed = 1;
    a.latencyP50Us = 1500;
    a.latencyP95Us = 9000;
    a.throughput = 50000000;
    a.auditScorePpm = 930000;
    a.scorePpm = 910000;
    a.vetted = true;
    return a;
}

NodeScore score(const crypto::NodeId &id, qint64 ppm, bool online = true)
{
    NodeScore n;
    n.id = id;
    n.scorePpm = ppm;
    n.auditScorePpm = ppm;
    n.uptimePpm = 1000000;
    n.online = online;
    n.eligible = online && ppm >= 900000;
    n.vetted = true;
    return n;
}

} // namespace

class TestValidatorWire : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void attestationRoundTripAndSignature()
    {
        const auto validator = crypto::SigningKey::generate();
        const auto node = crypto::SigningKey::generate();
        const Attestation a = sampleAttestation(validator, node);
        const QByteArray bytes = signEntry(EntryKind::Attestation, encodeAttestation(a), validator);
        auto entry = decodeEntry(bytes);
        QVERIFY(entry);
        QCOMPARE(entry->kind, EntryKind::Attestation);
        QVERIFY(verifyEntry(entry.value(), validator.publicKey()));
        QVERIFY(!verifyEntry(entry.value(), node.publicKey())); // someone else's key
        auto back = decodeAttestation(entry->body);
        QVERIFY(back);
        QCOMPARE(back.value(), a);
    }

    void everyFlippedBitOfAnEntryIsCaught()
    {
        const auto validator = crypto::SigningKey::generate();
        const auto node = crypto::SigningKey::generate();
        const QByteArray bytes =
            signEntry(EntryKind::Attestation, encodeAttestation(sampleAttestation(validator, node)), validator);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray m = bytes;
                m[i] = static_cast<char>(m[i] ^ (1 << bit));
                auto e = decodeEntry(m);
                if (!e)
                    continue;
                // Decodes: then the signature or the body must fail.
                const bool fine = verifyEntry(e.value(), validator.publicKey()).ok() &&
                                  decodeAttestation(e->body).ok() && e->kind == EntryKind::Attestation;
                QVERIFY2(!fine, qPrintable(u"byte %1 bit %2"_s.arg(i).arg(bit)));
            }
        for (qsizetype n = 0; n < bytes.size(); ++n)
            QVERIFY(!decodeEntry(bytes.left(n)));
        QVERIFY(!decodeEntry(bytes + '\0'));
    }

    void malformedAttestationsAreRefused()
    {
        const auto validator = crypto::SigningKey::generate();
        Attestation a = sampleAttestation(validator, validator);
        a.pingsAnswered = a.pings + 1;
        QVERIFY(!decodeAttestation(encodeAttestation(a)));
        a = sampleAttestation(validator, validator);
        a.scorePpm = 1000001;
        QVERIFY(!decodeAttestation(encodeAttestation(a)));
        QVERIFY(!decodeAttestation(QByteArray("\xa0", 1)));
        QVERIFY(!decodeAttestation(QByteArray(5000, '\xff')));
    }

    void reportsRoundTrip()
    {
        const auto a = crypto::SigningKey::generate();
        const auto b = crypto::SigningKey::generate();
        Disagreement d{idOf(a), idOf(b), idOf(b), 7, 100000, 990000, "entry"_ba, u"scores differ"_s};
        auto dBack = decodeDisagreement(encodeDisagreement(d));
        QVERIFY(dBack);
        QCOMPARE(dBack.value(), d);
        ForkReport f{idOf(a), idOf(b), "head one"_ba, "head two"_ba, u"two roots for size 5"_s, 123};
        auto fBack = decodeForkReport(encodeForkReport(f));
        QVERIFY(fBack);
        QCOMPARE(fBack.value(), f);
        QVERIFY(!decodeForkReport(encodeDisagreement(d)));
    }

    void scoreSheetsAreSignedAndStrict()
    {
        const auto validator = crypto::SigningKey::generate();
        const auto node = crypto::SigningKey::generate();
        ScoreSheet s;
        s.validator = idOf(validator);
        s.publicKey = validator.publicKey();
        s.timeMs = 1;
        s.epoch = 3;
        s.nodes = {score(idOf(node), 990000)};
        const QByteArray signedSheet = s.sign(validator);
        auto back = ScoreSheet::verify(signedSheet);
        QVERIFY(back);
        QCOMPARE(back->nodes.size(), 1);
        QCOMPARE(back->nodes.first(), s.nodes.first());
        for (qsizetype i = 0; i < signedSheet.size(); ++i) {
            QByteArray m = signedSheet;
            m[i] = static_cast<char>(m[i] ^ 0x20);
            QVERIFY2(!ScoreSheet::verify(m), qPrintable(u"byte %1"_s.arg(i)));
        }
        // Signed by another key than the one it names.
        const auto other = crypto::SigningKey::generate();
        QVERIFY(!ScoreSheet::verify(s.sign(other)));
    }

    void clientsTakeTheMedianOverValidators()
    {
        const crypto::NodeId a = idOf(crypto::SigningKey::generate());
        const crypto::NodeId b = idOf(crypto::SigningKey::generate());
        QList<ScoreSheet> sheets(3);
        sheets[0].nodes = {score(a, 990000), score(b, 950000)};
        sheets[1].nodes = {score(a, 100000), score(b, 940000, false)}; // one validator says a is bad
        sheets[2].nodes = {score(a, 980000)};
        const auto combined = combineSheets(sheets);
        QCOMPARE(combined.value(a).validators, 3);
        QCOMPARE(combined.value(a).median.scorePpm, 980000);
        QVERIFY(combined.value(a).median.eligible); // one outlier does not move it
        QCOMPARE(combined.value(b).validators, 2);
        QCOMPARE(combined.value(b).median.scorePpm, 945000);
        QVERIFY(!combined.value(b).median.online); // not most of them
    }
};

QTEST_GUILESS_MAIN(TestValidatorWire)
#include "test_validator_wire.moc"
