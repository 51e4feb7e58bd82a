// Contracts, bandwidth orders and deletion orders: encoding, signatures over
// the exact payload bytes, and strict decoding.

#include "crypto/node_id.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "node/contract.h"
#include "node/limits.h"
#include "node/orders.h"
#include "node/proof.h"

#include <QCborMap>
#include <QCborValue>
#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using crypto::NodeId;
using crypto::SigningKey;
using object::ShardId;

namespace {

NodeId idOf(const SigningKey &key) { return NodeId::fromPublicKey(key.publicKey()); }

constexpr qint64 kDay = qint64(24) * 3600 * 1000;
constexpr qint64 kGiB = qint64(1) << 30;

// Re-encodes `cbor` after changing one field of its map.
QByteArray mutated(const QByteArray &cbor, const std::function<void(QCborMap &)> &change)
{
    QCborMap m = QCborValue::fromCbor(cbor).toMap();
    change(m);
    return QCborValue(m).toCbor();
}

} // namespace

class TestNodeContracts : public QObject {
    Q_OBJECT

private:
    SigningKey m_client = SigningKey::generate();
    SigningKey m_node = SigningKey::generate();
    SigningKey m_stranger = SigningKey::generate();

    ContractTerms terms() const
    {
        ContractTerms t;
        t.shard = ShardId{QByteArray(32, '\x5a'), 4 * 1024 * 1024};
        t.client = idOf(m_client);
        t.node = idOf(m_node);
        t.startMs = 1'700'000'000'000;
        t.expiryMs = t.startMs + 30 * kDay;
        t.price = 4'000'000; // 4 credits per GiB-month
        t.nonce = crypto::randomBytes(kNonceSize);
        return t;
    }

    SignedContract countersigned(const ContractTerms &t) const
    {
        auto c = signContract(t, m_client);
        if (!c || !countersignContract(*c, m_node).ok())
            return {};
        return *c;
    }

private Q_SLOTS:
    void contractSignedAndCountersigned()
    {
        const ContractTerms t = terms();
        auto proposal = signContract(t, m_client);
        QVERIFY(proposal.ok());
        QVERIFY(!proposal->isCountersigned());
        QCOMPARE(proposal->payload, encodeContractTerms(t));
        auto checked = verifyContractProposal(*proposal, idOf(m_node));
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.message()));
        QCOMPARE(*checked, t);
        QVERIFY(!verifyContract(*proposal).ok()); // not countersigned yet

        SignedContract c = *proposal;
        QVERIFY(countersignContract(c, m_node).ok());
        QVERIFY(c.isCountersigned());
        QCOMPARE(c.payload, proposal->payload); // the node signs the same bytes
        auto verified = verifyContract(c);
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.message()));
        QCOMPARE(*verified, t);

        // Through the wire format.
        auto decoded = decodeSignedContract(encodeSignedContract(c));
        QVERIFY(decoded.ok());
        QCOMPARE(*decoded, c);
        QVERIFY(verifyContract(*decoded).ok());
        auto decodedProposal = decodeSignedContract(encodeSignedContract(*proposal));
        QVERIFY(decodedProposal.ok());
        QCOMPARE(*decodedProposal, *proposal);
    }

    void contractWrongSignerRefused()
    {
        const ContractTerms t = terms();
        QVERIFY(!signContract(t, m_stranger).ok()); // not the client's key
        // A stranger signs the client's payload with its own key: the key does not hash to the client id.
        SignedContract forged{
            encodeContractTerms(t), m_stranger.publicKey(), m_stranger.sign(encodeContractTerms(t)), {}, {}};
        QVERIFY(!verifyContractProposal(forged, idOf(m_node)).ok());
        // The client's key with a stranger's signature.
        forged.clientKey = m_client.publicKey();
        QVERIFY(!verifyContractProposal(forged, idOf(m_node)).ok());

        // Only the named node can countersign.
        auto proposal = signContract(t, m_client);
        QVERIFY(proposal.ok());
        SignedContract c = *proposal;
        const Status wrongNode = countersignContract(c, m_stranger);
        QVERIFY(!wrongNode.ok());
        QVERIFY(!c.isCountersigned());
        QVERIFY(!verifyContractProposal(*proposal, idOf(m_stranger)).ok());
        // A countersignature by another key.
        c.nodeKey = m_stranger.publicKey();
        c.nodeSignature = m_stranger.sign(c.payload);
        QVERIFY(!verifyContract(c).ok());
        c.nodeKey = m_node.publicKey();
        QVERIFY(!verifyContract(c).ok());
    }

    void contractAlteredBytesRefused()
    {
        const SignedContract c = countersigned(terms());
        QVERIFY(c.isCountersigned());
        // Any change to the signed bytes, even one that still decodes, breaks both signatures.
        SignedContract altered = c;
        altered.payload = mutated(c.payload, [](QCborMap &m) { m.insert(u"price"_s, 1); });
        QVERIFY(decodeContractTerms(altered.payload).ok());
        QVERIFY(!verifyContract(altered).ok());
        altered = c;
        altered.payload = mutated(c.payload, [](QCborMap &m) { m.insert(u"expiry"_s, qint64(1'800'000'000'000)); });
        QVERIFY(!verifyContract(altered).ok());
        for (qsizetype i = 0; i < c.payload.size(); i += 7) {
            altered = c;
            altered.payload[i] = static_cast<char>(altered.payload[i] ^ 0x01);
            QVERIFY(!verifyContract(altered).ok());
        }
        altered = c;
        altered.clientSignature[0] = static_cast<char>(altered.clientSignature[0] ^ 0x01);
        QVERIFY(!verifyContract(altered).ok());
        altered = c;
        altered.nodeSignature[63] = static_cast<char>(altered.nodeSignature[63] ^ 0x01);
        QVERIFY(!verifyContract(altered).ok());
    }

    void contractTermsValidated()
    {
        ContractTerms t = terms();
        QVERIFY(validateContractTerms(t).ok());
        auto bad = [&](const std::function<void(ContractTerms &)> &f) {
            ContractTerms x = terms();
            f(x);
            return !validateContractTerms(x).ok() && !signContract(x, m_client).ok();
        };
        QVERIFY(bad([](ContractTerms &x) { x.expiryMs = x.startMs; }));
        QVERIFY(bad([](ContractTerms &x) { x.startMs = -1; }));
        QVERIFY(bad([](ContractTerms &x) { x.expiryMs = x.startMs + kMaxContractDurationMs + 1; }));
        QVERIFY(bad([](ContractTerms &x) { x.price = -1; }));
        QVERIFY(bad([](ContractTerms &x) { x.price = kMaxPrice + 1; }));
        QVERIFY(bad([](ContractTerms &x) { x.nonce.chop(1); }));
        QVERIFY(bad([](ContractTerms &x) { x.shard.size = kMaxShardSize + 1; }));
        QVERIFY(bad([](ContractTerms &x) { x.shard.root.chop(1); }));
        QVERIFY(bad([](ContractTerms &x) { x.node = NodeId(); }));
    }

    void contractCostIsExactAndRoundsUp()
    {
        ContractTerms t = terms();
        t.shard.size = kGiB;
        t.startMs = 0;
        t.expiryMs = kMsPerPriceMonth;
        t.price = 1'000'000;
        QCOMPARE(contractCost(t), 1'000'000); // one GiB for one month
        t.shard.size = kGiB / 4;
        t.expiryMs = 2 * kMsPerPriceMonth;
        QCOMPARE(contractCost(t), 500'000);
        t.shard.size = 1;
        t.expiryMs = 1;
        QCOMPARE(contractCost(t), 1); // rounded up to a micro-credit
        t.price = 0;
        QCOMPARE(contractCost(t), 0);
        t.price = kMaxPrice;
        t.shard.size = kMaxShardSize;
        t.expiryMs = kMaxContractDurationMs;
        QVERIFY(contractCost(t) > 0); // no overflow at the bounds
    }

    void contractDecodingIsStrict()
    {
        const ContractTerms t = terms();
        const QByteArray good = encodeContractTerms(t);
        QVERIFY(decodeContractTerms(good).ok());
        QVERIFY(!decodeContractTerms(good + QByteArray(1, '\0')).ok());
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY(!decodeContractTerms(good.left(n)).ok());
        auto refused = [&](const std::function<void(QCborMap &)> &f) {
            return !decodeContractTerms(mutated(good, f)).ok();
        };
        QVERIFY(!refused([](QCborMap &) {}));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"memo"_s, u"hi"_s); }));
        QVERIFY(refused([](QCborMap &m) { m.remove(u"price"_s); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"v"_s, 2); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"type"_s, u"stratus.deletion"_s); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"price"_s, -5); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"price"_s, 1.5); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"client"_s, QByteArray(31, 'c')); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"expiry"_s, 5); }));
        QVERIFY(refused([](QCborMap &m) { m.insert(u"size"_s, 0); }));
        // Fields in another order: the same value, not the canonical bytes.
        QCborMap reordered;
        const QCborMap original = QCborValue::fromCbor(good).toMap();
        for (auto it = original.constEnd(); it != original.constBegin();) {
            --it;
            reordered.insert(it.key(), it.value());
        }
        auto r = decodeContractTerms(QCborValue(reordered).toCbor());
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(u"canonical"_s), qPrintable(r.message()));

        const QByteArray envelope = encodeSignedContract(countersigned(t));
        QVERIFY(decodeSignedContract(envelope).ok());
        QVERIFY(!decodeSignedContract(envelope + QByteArray(1, '\0')).ok());
        QVERIFY(!decodeSignedContract(mutated(envelope, [](QCborMap &m) { m.remove(u"nodeSig"_s); })).ok());
        QVERIFY(!decodeSignedContract(mutated(envelope, [](QCborMap &m) { m.insert(u"clientSig"_s, 5); })).ok());
        QVERIFY(!decodeSignedContract(mutated(envelope, [](QCborMap &m) {
                     m.insert(u"payload"_s, QByteArray(5000, 'p'));
                 })).ok());
        QVERIFY(!decodeSignedContract(good).ok()); // terms are not an envelope
    }

    void bandwidthOrders()
    {
        BandwidthOrder o{idOf(m_client), idOf(m_node), ShardId{QByteArray(32, '\x01'), 1000},
                         5000,           42,           1'700'000'000'000};
        auto signedOrder = signBandwidthOrder(o, m_client);
        QVERIFY(signedOrder.ok());
        auto verified = verifyBandwidthOrder(*signedOrder, idOf(m_node));
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.message()));
        QCOMPARE(*verified, o);
        auto wire = decodeSignedOrder(encodeSignedOrder(*signedOrder));
        QVERIFY(wire.ok());
        QCOMPARE(*wire, *signedOrder);

        QVERIFY(!signBandwidthOrder(o, m_stranger).ok());
        QVERIFY(!verifyBandwidthOrder(*signedOrder, idOf(m_stranger)).ok()); // for another node
        SignedOrder altered = *signedOrder;
        altered.payload = mutated(altered.payload, [](QCborMap &m) { m.insert(u"bytes"_s, 999'999); });
        QVERIFY(decodeBandwidthOrder(altered.payload).ok());
        QVERIFY(!verifyBandwidthOrder(altered, idOf(m_node)).ok());
        altered = *signedOrder;
        altered.clientKey = m_stranger.publicKey();
        altered.clientSignature = m_stranger.sign(altered.payload);
        QVERIFY(!verifyBandwidthOrder(altered, idOf(m_node)).ok());
        // A deletion verifier does not accept a bandwidth order, nor the reverse.
        QVERIFY(!verifyDeletionOrder(*signedOrder, idOf(m_node)).ok());

        BandwidthOrder zero = o;
        zero.bytes = 0;
        QVERIFY(!signBandwidthOrder(zero, m_client).ok());
        const QByteArray good = encodeBandwidthOrder(o);
        QVERIFY(!decodeBandwidthOrder(good + QByteArray(1, '\0')).ok());
        QVERIFY(!decodeBandwidthOrder(mutated(good, [](QCborMap &m) { m.insert(u"serial"_s, -1); })).ok());
        QVERIFY(!decodeBandwidthOrder(mutated(good, [](QCborMap &m) { m.insert(u"x"_s, 0); })).ok());
        QVERIFY(!decodeBandwidthOrder(mutated(good, [](QCborMap &m) {
                     m.insert(u"bytes"_s, qint64(kMaxOrderBytes + 1));
                 })).ok());
    }

    void deletionOrders()
    {
        DeletionOrder o{idOf(m_client), idOf(m_node), ShardId{QByteArray(32, '\x02'), 2000}, 1'700'000'000'000,
                        crypto::randomBytes(kNonceSize)};
        auto signedOrder = signDeletionOrder(o, m_client);
        QVERIFY(signedOrder.ok());
        auto verified = verifyDeletionOrder(*signedOrder, idOf(m_node));
        QVERIFY2(verified.ok(), qPrintable(verified.ok() ? QString() : verified.message()));
        QCOMPARE(*verified, o);
        QVERIFY(!verifyDeletionOrder(*signedOrder, idOf(m_stranger)).ok());
        QVERIFY(!verifyBandwidthOrder(*signedOrder, idOf(m_node)).ok());
        QVERIFY(!signDeletionOrder(o, m_stranger).ok());
        SignedOrder altered = *signedOrder;
        altered.payload[altered.payload.size() - 1] = static_cast<char>(altered.payload.back() ^ 0x01);
        QVERIFY(!verifyDeletionOrder(altered, idOf(m_node)).ok());
        DeletionOrder noNonce = o;
        noNonce.nonce.clear();
        QVERIFY(!signDeletionOrder(noNonce, m_client).ok());

        const QByteArray envelope = encodeSignedOrder(*signedOrder);
        QVERIFY(!decodeSignedOrder(envelope.left(envelope.size() - 1)).ok());
        QVERIFY(!decodeSignedOrder(mutated(envelope, [](QCborMap &m) { m.insert(u"type"_s, u"x"_s); })).ok());
        QVERIFY(!decodeSignedOrder(mutated(envelope, [](QCborMap &m) {
                     m.insert(u"clientKey"_s, QByteArray(33, 'k'));
                 })).ok());
    }

    // Every decoder, fed random bytes and every one-byte corruption of valid
    // objects, answers with a value or an error: never a crash (run under ASan).
    void hostileBytesNeverCrash()
    {
        const auto decodeAll = [](const QByteArray &b) {
            int accepted = 0;
            accepted += decodeContractTerms(b).ok();
            accepted += decodeSignedContract(b).ok();
            accepted += decodeBandwidthOrder(b).ok();
            accepted += decodeDeletionOrder(b).ok();
            accepted += decodeSignedOrder(b).ok();
            accepted += decodeProofChallenge(b).ok();
            accepted += decodeProofResponse(b).ok();
            return accepted;
        };
        QRandomGenerator rng(12345);
        for (int i = 0; i < 3000; ++i) {
            QByteArray b(rng.bounded(300), Qt::Uninitialized);
            for (auto &c : b)
                c = static_cast<char>(rng.generate());
            if (i % 2 == 0 && !b.isEmpty())
                b[0] = static_cast<char>(0xa0 | rng.bounded(16)); // looks like a map
            QCOMPARE(decodeAll(b), 0);
        }
        const ContractTerms t = terms();
        const SignedContract c = countersigned(t);
        const BandwidthOrder bo{idOf(m_client), idOf(m_node), t.shard, 10, 1, 5};
        const DeletionOrder d{idOf(m_client), idOf(m_node), t.shard, 5, crypto::randomBytes(kNonceSize)};
        const ProofChallenge pc{t.shard, 3, crypto::randomBytes(kNonceSize)};
        for (const QByteArray &valid :
             {encodeContractTerms(t), encodeSignedContract(c), encodeBandwidthOrder(bo), encodeDeletionOrder(d),
              encodeSignedOrder(*signDeletionOrder(d, m_client)), encodeProofChallenge(pc)}) {
            QCOMPARE(decodeAll(valid), 1);
            for (qsizetype i = 0; i < valid.size(); ++i) {
                for (int bit = 0; bit < 8; bit += 3) {
                    QByteArray b = valid;
                    b[i] = static_cast<char>(b[i] ^ (1 << bit));
                    QVERIFY(decodeAll(b) <= 1);
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestNodeContracts)
#include "test_node_contracts.moc"
