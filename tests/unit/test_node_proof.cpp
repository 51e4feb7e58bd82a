// Proof of storage: a node answers a challenge from one block and the leaves
// file; a verifier needs only the ShardId and the node's public key.

#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "node/limits.h"
#include "node/proof.h"
#include "node/shard_store.h"
#include "object/merkle.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "test_data.h"
#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using object::ShardId;
using stratus::test::pseudoRandom;
using stratus::test::shardIdOf;

namespace {

constexpr qint64 kBlock = qint64(object::kMerkleBlockSize);

std::unique_ptr<ShardStore> openStore(const QString &dir)
{
    ShardStoreOptions o;
    o.capacity = 64 * 1024 * 1024;
    o.diskReserve = 1024 * 1024;
    auto store = ShardStore::open(dir, o);
    return store ? std::move(store).value() : nullptr;
}

ProofChallenge challengeFor(const ShardId &id, quint64 index)
{
    return ProofChallenge{id, index, crypto::randomBytes(kNonceSize)};
}

} // namespace

class TestNodeProof : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ShardStore> m_store;
    crypto::SigningKey m_nodeKey = crypto::SigningKey::generate();
    QByteArray m_data;
    ShardId m_id;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = openStore(m_dir.path());
        QVERIFY(m_store);
        m_data = pseudoRandom(13 * kBlock + 777, 99); // 14 blocks: a padded tree of 16 leaves
        m_id = shardIdOf(m_data);
        QVERIFY(m_store->put(m_id, m_data).ok());
    }

    void correctProofsVerify_data()
    {
        QTest::addColumn<quint64>("index");
        for (quint64 i : {0u, 1u, 7u, 12u, 13u})
            QTest::addRow("block %llu", static_cast<unsigned long long>(i)) << i;
    }

    void correctProofsVerify()
    {
        QFETCH(quint64, index);
        const ProofChallenge c = challengeFor(m_id, index);
        auto response = m_store->prove(c, m_nodeKey);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.message()));
        QCOMPARE(response->block, m_data.mid(qsizetype(index) * kBlock, kBlock));
        QCOMPARE(response->path.size(), std::size_t(4));
        const Status st = verifyProof(c, *response, m_nodeKey.publicKey());
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
    }

    void singleBlockShard()
    {
        const QByteArray small = pseudoRandom(100, 5);
        const ShardId id = shardIdOf(small);
        QVERIFY(m_store->put(id, small).ok());
        const ProofChallenge c = challengeFor(id, 0);
        auto response = m_store->prove(c, m_nodeKey);
        QVERIFY(response.ok());
        QCOMPARE(response->block, small);
        QVERIFY(response->path.empty());
        QVERIFY(verifyProof(c, *response, m_nodeKey.publicKey()).ok());
    }

    void tamperedProofsFail()
    {
        const ProofChallenge c = challengeFor(m_id, 5);
        auto good = m_store->prove(c, m_nodeKey);
        QVERIFY(good.ok());
        const QByteArray key = m_nodeKey.publicKey();

        ProofResponse r = *good;
        r.block[100] = static_cast<char>(r.block[100] ^ 0x04);
        QVERIFY(!verifyProof(c, r, key).ok());

        ProofChallenge wrongIndex = c;
        wrongIndex.blockIndex = 6;
        QVERIFY(!verifyProof(wrongIndex, *good, key).ok());

        r = *good;
        r.path[2][0] ^= 0x01;
        QVERIFY(!verifyProof(c, r, key).ok());
        r = *good;
        r.path.pop_back();
        QVERIFY(!verifyProof(c, r, key).ok());
        r = *good;
        r.path.push_back(r.path.back());
        QVERIFY(!verifyProof(c, r, key).ok());

        ProofChallenge otherNonce = c;
        otherNonce.nonce = crypto::randomBytes(kNonceSize);
        const Status replay = verifyProof(otherNonce, *good, key);
        QVERIFY(!replay.ok());
        QVERIFY2(replay.message().contains(u"signature"_s), qPrintable(replay.message()));

        r = *good;
        r.signature[10] = static_cast<char>(r.signature[10] ^ 0x01);
        QVERIFY(!verifyProof(c, r, key).ok());
        QVERIFY(!verifyProof(c, *good, crypto::SigningKey::generate().publicKey()).ok());
        QVERIFY(!verifyProof(c, *good, QByteArray()).ok());

        // A proof for another shard does not answer this one.
        ProofChallenge otherShard = c;
        otherShard.shard.root[0] = static_cast<char>(otherShard.shard.root[0] ^ 0x01);
        QVERIFY(!verifyProof(otherShard, *good, key).ok());
        // The right block of the right shard, but the last block claimed as a full one.
        const ProofChallenge last = challengeFor(m_id, 13);
        auto lastProof = m_store->prove(last, m_nodeKey);
        QVERIFY(lastProof.ok());
        QCOMPARE(lastProof->block.size(), 777);
        r = *lastProof;
        r.block.append(QByteArray(kBlock - 777, '\0'));
        QVERIFY(!verifyProof(last, r, key).ok());
    }

    void proveRefusesWhatItCannotAnswer()
    {
        QVERIFY(!m_store->prove(challengeFor(m_id, 14), m_nodeKey).ok());
        const QByteArray other = pseudoRandom(kBlock, 123);
        QVERIFY(!m_store->prove(challengeFor(shardIdOf(other), 0), m_nodeKey).ok());
        ProofChallenge shortNonce = challengeFor(m_id, 0);
        shortNonce.nonce.chop(1);
        QVERIFY(!m_store->prove(shortNonce, m_nodeKey).ok());
    }

    // prove() reads the leaves and one block only: damage to every other block
    // of the shard does not touch the proof of the intact one.
    void proofReadsOneBlock()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(9 * kBlock, 7);
        const ShardId id = shardIdOf(data);
        QVERIFY(store->put(id, data).ok());
        {
            QFile f(store->pathOf(id));
            QVERIFY(f.open(QIODevice::ReadWrite));
            for (qint64 b = 0; b < 9; ++b) {
                if (b == 4)
                    continue;
                QVERIFY(f.seek(b * kBlock));
                QCOMPARE(f.write(QByteArray(kBlock, 'Z')), kBlock);
            }
        }
        const ProofChallenge c = challengeFor(id, 4);
        auto response = store->prove(c, m_nodeKey);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.message()));
        QVERIFY(verifyProof(c, *response, m_nodeKey.publicKey()).ok());
        QVERIFY(store->has(id));

        // A damaged block is caught against its leaf; the shard goes to quarantine.
        auto damaged = store->prove(challengeFor(id, 2), m_nodeKey);
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.message().contains(u"damaged"_s), qPrintable(damaged.message()));
        QVERIFY(!store->has(id));
        QCOMPARE(store->usedBytes(), 0);
        QVERIFY(!QFile::exists(store->pathOf(id)));
    }

    void damagedLeavesAreRebuilt()
    {
        QTemporaryDir dir;
        auto store = openStore(dir.path());
        QVERIFY(store);
        const QByteArray data = pseudoRandom(3 * kBlock + 5, 8);
        const ShardId id = shardIdOf(data);
        QVERIFY(store->put(id, data).ok());
        {
            QFile f(store->leavesPathOf(id));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(40));
            QCOMPARE(f.write("garbage"), 7);
        }
        const ProofChallenge c = challengeFor(id, 1);
        auto response = store->prove(c, m_nodeKey);
        QVERIFY2(response.ok(), qPrintable(response.ok() ? QString() : response.message()));
        QVERIFY(verifyProof(c, *response, m_nodeKey.publicKey()).ok());
        auto leaves = store->readLeaves(id);
        QVERIFY(leaves.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(object::merkleRootFromLeaves(*leaves).data()), 32), id.root);
    }

    void encodingsRoundTrip()
    {
        const ProofChallenge c = challengeFor(m_id, 3);
        const QByteArray cc = encodeProofChallenge(c);
        auto decodedC = decodeProofChallenge(cc);
        QVERIFY2(decodedC.ok(), qPrintable(decodedC.ok() ? QString() : decodedC.message()));
        QCOMPARE(*decodedC, c);

        auto response = m_store->prove(c, m_nodeKey);
        QVERIFY(response.ok());
        const QByteArray rc = encodeProofResponse(*response);
        auto decodedR = decodeProofResponse(rc);
        QVERIFY2(decodedR.ok(), qPrintable(decodedR.ok() ? QString() : decodedR.message()));
        QCOMPARE(*decodedR, *response);
        QVERIFY(verifyProof(*decodedC, *decodedR, m_nodeKey.publicKey()).ok());
    }

    void decodingIsStrict()
    {
        const ProofChallenge c = challengeFor(m_id, 3);
        const QByteArray good = encodeProofChallenge(c);
        QVERIFY(!decodeProofChallenge(QByteArray()).ok());
        QVERIFY(!decodeProofChallenge(good + QByteArray(1, '\0')).ok()); // trailing byte
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY(!decodeProofChallenge(good.left(n)).ok()); // every truncation

        // Non-minimal integer for "v" (0x18 0x01 instead of 0x01).
        QByteArray nonMinimal = good;
        const QByteArray v = QByteArray::fromHex("617601");
        QVERIFY(nonMinimal.contains(v));
        nonMinimal.replace(nonMinimal.indexOf(v), v.size(), QByteArray::fromHex("61761801"));
        auto nm = decodeProofChallenge(nonMinimal);
        QVERIFY(!nm.ok());
        QVERIFY2(nm.message().contains(u"canonical"_s), qPrintable(nm.message()));

        // A repeated key.
        QByteArray dup = good;
        QCOMPARE(quint8(dup[0]), quint8(0xa6)); // a map of 6 pairs
        dup[0] = static_cast<char>(0xa7);
        dup.append(v);
        auto d = decodeProofChallenge(dup);
        QVERIFY(!d.ok());
        QVERIFY2(d.message().contains(u"twice"_s), qPrintable(d.message()));

        // An indefinite-length map.
        QByteArray indefinite = good;
        indefinite[0] = static_cast<char>(0xbf);
        indefinite.append(static_cast<char>(0xff));
        QVERIFY(!decodeProofChallenge(indefinite).ok());

        auto mutate = [&](const std::function<void(QCborMap &)> &f) {
            QCborMap m = QCborValue::fromCbor(good).toMap();
            f(m);
            return decodeProofChallenge(QCborValue(m).toCbor());
        };
        QVERIFY(mutate([](QCborMap &) {}).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"extra"_s, 1); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.remove(u"nonce"_s); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"v"_s, 2); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"type"_s, u"stratus.proof"_s); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"nonce"_s, QByteArray(31, 'n')); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"index"_s, 14); }).ok()); // past the last block
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"index"_s, -1); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"size"_s, 0); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"size"_s, u"1"_s); }).ok());
        QVERIFY(!mutate([](QCborMap &m) { m.insert(u"shard"_s, QByteArray(33, 's')); }).ok());
        QVERIFY(!decodeProofChallenge(QCborValue(QCborArray{1, 2}).toCbor()).ok());

        auto response = m_store->prove(c, m_nodeKey);
        QVERIFY(response.ok());
        const QByteArray rgood = encodeProofResponse(*response);
        auto mutateR = [&](const std::function<void(QCborMap &)> &f) {
            QCborMap m = QCborValue::fromCbor(rgood).toMap();
            f(m);
            return decodeProofResponse(QCborValue(m).toCbor());
        };
        QVERIFY(mutateR([](QCborMap &) {}).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.insert(u"block"_s, QByteArray(kBlock + 1, 'b')); }).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.insert(u"block"_s, QByteArray()); }).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.insert(u"path"_s, QCborArray{QByteArray(31, 'p')}); }).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.insert(u"path"_s, QByteArray(32, 'p')); }).ok());
        QVERIFY(!mutateR([](QCborMap &m) {
                     QCborArray a;
                     for (int i = 0; i < 65; ++i)
                         a.append(QByteArray(32, 'p'));
                     m.insert(u"path"_s, a);
                 }).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.insert(u"sig"_s, QByteArray(63, 's')); }).ok());
        QVERIFY(!mutateR([](QCborMap &m) { m.remove(u"sig"_s); }).ok());
        QVERIFY(!decodeProofResponse(rgood + QByteArray(1, '\0')).ok());
        for (qsizetype n = 0; n < rgood.size(); n += 97)
            QVERIFY(!decodeProofResponse(rgood.left(n)).ok());
    }

    void signingMessageLayout()
    {
        const ProofChallenge c{ShardId{QByteArray(32, '\x11'), 0x0102030405LL}, 0x0a0b, QByteArray(32, '\x22')};
        const QByteArray m = proofSigningMessage(c, QByteArray(32, '\x33'));
        QCOMPARE(m.size(), 128);
        QCOMPARE(m.left(16), QByteArray("stratus proof v1"));
        QCOMPARE(m.mid(16, 32), QByteArray(32, '\x11'));
        QCOMPARE(m.mid(48, 8), QByteArray::fromHex("0000000102030405"));
        QCOMPARE(m.mid(56, 8), QByteArray::fromHex("0000000000000a0b"));
        QCOMPARE(m.mid(64, 32), QByteArray(32, '\x22'));
        QCOMPARE(m.mid(96, 32), QByteArray(32, '\x33'));
    }

    void randomChallengesStayInRange()
    {
        for (int i = 0; i < 200; ++i) {
            const ProofChallenge c = randomChallenge(m_id);
            QVERIFY(c.blockIndex < 14);
            QCOMPARE(c.nonce.size(), kNonceSize);
        }
    }
};

QTEST_GUILESS_MAIN(TestNodeProof)
#include "test_node_proof.moc"
