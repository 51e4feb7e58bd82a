// Signed tree heads: the signed layout, the strict CBOR form, and that no
// changed, cut or forged head gets through.

#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "translog/merkle_tree.h"
#include "translog/tree_head.h"

#include <QCborMap>
#include <QCborValue>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::translog;

namespace {

MerkleTree sampleTree(int n)
{
    MerkleTree tree;
    for (int i = 0; i < n; ++i)
        tree.append(leafHash(QByteArray::number(i)));
    return tree;
}

TreeHead headOf(const MerkleTree &tree, quint64 size, qint64 time)
{
    TreeHead h;
    h.treeSize = size;
    h.timestampMs = time;
    h.rootHash = tree.root(size);
    return h;
}

} // namespace

class TestTranslogHead : public QObject {
    Q_OBJECT

private:
    crypto::SigningKey m_key = crypto::SigningKey::generate();
    MerkleTree m_tree = sampleTree(40);

private Q_SLOTS:
    void signedMessageLayout()
    {
        const SignedTreeHead s = SignedTreeHead::sign(headOf(m_tree, 40, 1'764'000'000'123), m_key);
        const QByteArray m = s.head.signedMessage();
        QCOMPARE(m.size(), 100);
        QCOMPARE(m.left(20), QByteArray("stratus tree head v1"));
        QCOMPARE(m.mid(20, 32), m_key.publicKey());
        QCOMPARE(qFromBigEndian<quint64>(m.constData() + 52), quint64(40));
        QCOMPARE(qFromBigEndian<qint64>(m.constData() + 60), qint64(1'764'000'000'123));
        QCOMPARE(m.mid(68, 32), toByteArray(m_tree.root(40)));
        QVERIFY(crypto::verifySignature(m_key.publicKey(), m, s.signature));
    }

    void roundTrip()
    {
        const SignedTreeHead s = SignedTreeHead::sign(headOf(m_tree, 17, 1'764'000'000'000), m_key);
        QCOMPARE(s.head.publicKey, m_key.publicKey());
        QCOMPARE(s.logId(), crypto::NodeId::fromPublicKey(m_key.publicKey()));
        QVERIFY(s.verify());
        const QByteArray cbor = s.toCbor();
        QVERIFY(cbor.size() <= kMaxSignedTreeHeadSize);
        auto back = SignedTreeHead::fromCbor(cbor);
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back.value(), s);
        QCOMPARE(back->toCbor(), cbor);

        // The empty log.
        const SignedTreeHead empty = SignedTreeHead::sign(headOf(m_tree, 0, 5), m_key);
        QCOMPARE(empty.head.rootHash, emptyTreeHash());
        auto emptyBack = SignedTreeHead::fromCbor(empty.toCbor());
        QVERIFY(emptyBack);
        QCOMPARE(emptyBack.value(), empty);
    }

    void everyMutationIsRejected()
    {
        const QByteArray cbor = SignedTreeHead::sign(headOf(m_tree, 40, 1'764'000'000'000), m_key).toCbor();
        for (qsizetype i = 0; i < cbor.size(); ++i) {
            for (int mask : {0x01, 0x80, 0xff}) {
                QByteArray bad = cbor;
                bad[i] = static_cast<char>(bad[i] ^ mask);
                QVERIFY2(!SignedTreeHead::fromCbor(bad), qPrintable(u"byte %1 ^ %2 accepted"_s.arg(i).arg(mask)));
            }
        }
        for (qsizetype n = 0; n < cbor.size(); ++n)
            QVERIFY2(!SignedTreeHead::fromCbor(cbor.left(n)), qPrintable(u"cut to %1 bytes accepted"_s.arg(n)));
        auto trailing = SignedTreeHead::fromCbor(cbor + QByteArray(1, '\0'));
        QVERIFY(!trailing);
        QVERIFY2(trailing.message().contains(u"trailing"_s), qPrintable(trailing.message()));
    }

    void forgeriesAreRejected()
    {
        const crypto::SigningKey other = crypto::SigningKey::generate();
        const SignedTreeHead real = SignedTreeHead::sign(headOf(m_tree, 40, 1000), m_key);

        // Signed by another key, but claiming to be this log.
        SignedTreeHead forged = SignedTreeHead::sign(headOf(m_tree, 40, 1000), other);
        forged.head.publicKey = m_key.publicKey();
        auto r = SignedTreeHead::fromCbor(forged.toCbor());
        QVERIFY(!r);
        QVERIFY2(r.message().contains(u"bad signature"_s), qPrintable(r.message()));

        // A real signature moved to other contents.
        for (auto edit : std::initializer_list<std::function<void(TreeHead &)>>{
                 [](TreeHead &h) { h.treeSize += 1; },
                 [](TreeHead &h) { h.timestampMs += 1; },
                 [](TreeHead &h) { h.rootHash[31] ^= 1; },
                 [&](TreeHead &h) { h.publicKey = other.publicKey(); },
             }) {
            SignedTreeHead moved = real;
            edit(moved.head);
            QVERIFY(!moved.verify());
            QVERIFY(!SignedTreeHead::fromCbor(moved.toCbor()));
        }
        SignedTreeHead noSignature = real;
        noSignature.signature.clear();
        QVERIFY(!noSignature.verify());
        QVERIFY(!SignedTreeHead::fromCbor(noSignature.toCbor()));
    }

    void strictDecoding_data()
    {
        const SignedTreeHead s = SignedTreeHead::sign(headOf(m_tree, 40, 1000), m_key);
        const QCborMap good = QCborValue::fromCbor(s.toCbor()).toMap();
        QTest::addColumn<QByteArray>("cbor");
        QTest::addColumn<QString>("expected");

        QCborMap m = good;
        m.insert(u"extra"_s, 1);
        QTest::newRow("extra field") << m.toCborValue().toCbor() << u"7 fields"_s;
        m = good;
        m.remove(u"time"_s);
        QTest::newRow("missing field") << m.toCborValue().toCbor() << u"5 fields"_s;
        m = good;
        m.remove(u"time"_s);
        m.insert(u"when"_s, 1000);
        QTest::newRow("renamed field") << m.toCborValue().toCbor() << u"\"time\" is missing"_s;
        m = good;
        m[u"v"_s] = 2;
        QTest::newRow("version") << m.toCborValue().toCbor() << u"version 2"_s;
        m = good;
        m[u"key"_s] = QByteArray(31, 'k');
        QTest::newRow("short key") << m.toCborValue().toCbor() << u"\"key\""_s;
        m = good;
        m[u"root"_s] = QByteArray(33, 'r');
        QTest::newRow("long root") << m.toCborValue().toCbor() << u"\"root\""_s;
        m = good;
        m[u"sig"_s] = u"text"_s;
        QTest::newRow("text signature") << m.toCborValue().toCbor() << u"\"sig\""_s;
        m = good;
        m[u"size"_s] = -1;
        QTest::newRow("negative size") << m.toCborValue().toCbor() << u"\"size\""_s;
        m = good;
        m[u"size"_s] = 40.0;
        QTest::newRow("float size") << m.toCborValue().toCbor() << u"\"size\""_s;

        // The same fields in another order.
        QCborMap reordered;
        for (const QString &key : {u"sig"_s, u"root"_s, u"time"_s, u"size"_s, u"key"_s, u"v"_s})
            reordered.insert(key, good.value(key));
        QTest::newRow("reordered") << reordered.toCborValue().toCbor() << u"canonical"_s;

        // A non-minimal integer: "v" as a two-byte integer (0x19 0x00 0x01).
        QByteArray wide = s.toCbor();
        const qsizetype at = wide.indexOf(QByteArray("\x61v\x01", 3));
        QVERIFY(at > 0);
        wide.replace(at + 2, 1, QByteArray("\x19\x00\x01", 3));
        QTest::newRow("non-minimal integer") << wide << u"canonical"_s;

        QTest::newRow("not a map") << QCborValue(42).toCbor() << u"not a CBOR map"_s;
        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("too large") << QByteArray(kMaxSignedTreeHeadSize + 1, '\xa0') << u"more than"_s;
    }

    void strictDecoding()
    {
        QFETCH(QByteArray, cbor);
        QFETCH(QString, expected);
        auto r = SignedTreeHead::fromCbor(cbor);
        QVERIFY(!r);
        QVERIFY2(r.message().contains(expected), qPrintable(r.message()));
    }

    void headConsistency()
    {
        const SignedTreeHead older = SignedTreeHead::sign(headOf(m_tree, 13, 1000), m_key);
        const SignedTreeHead newer = SignedTreeHead::sign(headOf(m_tree, 40, 2000), m_key);
        QVERIFY(verifyHeadConsistency(older, newer, m_tree.consistencyProof(13, 40)));
        QVERIFY(!verifyHeadConsistency(older, newer, m_tree.consistencyProof(12, 40)));
        QVERIFY(!verifyHeadConsistency(newer, older, m_tree.consistencyProof(13, 40)));

        // The same size with another root: two histories, each signed.
        MerkleTree rewritten = sampleTree(12);
        rewritten.append(leafHash("rewritten"));
        const SignedTreeHead fork = SignedTreeHead::sign(headOf(rewritten, 13, 1500), m_key);
        auto st = verifyHeadConsistency(older, fork, {});
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"two different histories"_s), qPrintable(st.message()));

        const crypto::SigningKey other = crypto::SigningKey::generate();
        const SignedTreeHead foreign = SignedTreeHead::sign(headOf(m_tree, 40, 2000), other);
        st = verifyHeadConsistency(older, foreign, m_tree.consistencyProof(13, 40));
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"different logs"_s), qPrintable(st.message()));

        SignedTreeHead badlySigned = newer;
        badlySigned.signature[0] = static_cast<char>(badlySigned.signature[0] ^ 1);
        QVERIFY(!verifyHeadConsistency(older, badlySigned, m_tree.consistencyProof(13, 40)));
    }
};

QTEST_GUILESS_MAIN(TestTranslogHead)
#include "test_translog_head.moc"
