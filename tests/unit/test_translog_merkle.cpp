// The transparency log's Merkle tree against a naive implementation written
// straight from the definitions of RFC 9162 section 2.1 (MTH, PATH, PROOF and
// SUBPROOF), for every tree size up to 70 and every valid proof request; and
// the verifiers of RFC 9162 against valid and broken proofs.

#include "common/hex.h"
#include "crypto/hash.h"
#include "translog/hashing.h"
#include "translog/merkle_tree.h"
#include "translog/proof_verify.h"

#include <QTest>

#include <cstring>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::translog;

namespace {

constexpr quint64 kMaxSize = 70;

// ---- The reference: RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1, read literally.
// D[begin:end] is the list of leaf hashes in [begin, end).

quint64 largestPowerOfTwoBelow(quint64 n)
{
    quint64 k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}

Hash referenceMth(const std::vector<Hash> &d, quint64 begin, quint64 end)
{
    const quint64 n = end - begin;
    if (n == 0)
        return emptyTreeHash();
    if (n == 1)
        return d[begin];
    const quint64 k = largestPowerOfTwoBelow(n);
    return nodeHash(referenceMth(d, begin, begin + k), referenceMth(d, begin + k, end));
}

std::vector<Hash> referencePath(quint64 m, const std::vector<Hash> &d, quint64 begin, quint64 end)
{
    const quint64 n = end - begin;
    if (n == 1)
        return {};
    const quint64 k = largestPowerOfTwoBelow(n);
    std::vector<Hash> out;
    if (m < k) {
        out = referencePath(m, d, begin, begin + k);
        out.push_back(referenceMth(d, begin + k, end));
    } else {
        out = referencePath(m - k, d, begin + k, end);
        out.push_back(referenceMth(d, begin, begin + k));
    }
    return out;
}

std::vector<Hash> referenceSubproof(quint64 m, const std::vector<Hash> &d, quint64 begin, quint64 end, bool b)
{
    const quint64 n = end - begin;
    if (m == n)
        return b ? std::vector<Hash>{} : std::vector<Hash>{referenceMth(d, begin, end)};
    const quint64 k = largestPowerOfTwoBelow(n);
    std::vector<Hash> out;
    if (m <= k) {
        out = referenceSubproof(m, d, begin, begin + k, b);
        out.push_back(referenceMth(d, begin + k, end));
    } else {
        out = referenceSubproof(m - k, d, begin + k, end, false);
        out.push_back(referenceMth(d, begin, begin + k));
    }
    return out;
}

std::vector<Hash> referenceProof(quint64 m, const std::vector<Hash> &d, quint64 n)
{
    if (m == 0 || m == n)
        return {};
    return referenceSubproof(m, d, 0, n, true);
}

// ----

std::vector<Hash> sampleLeaves(quint64 n)
{
    std::vector<Hash> leaves;
    for (quint64 i = 0; i < n; ++i)
        leaves.push_back(leafHash(u"attestation %1"_s.arg(i).toUtf8()));
    return leaves;
}

MerkleTree treeOf(const std::vector<Hash> &leaves)
{
    MerkleTree tree;
    for (const Hash &h : leaves)
        tree.append(h);
    return tree;
}

Hash flipped(Hash h, int bit)
{
    h[static_cast<std::size_t>(bit / 8) % h.size()] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    return h;
}

Hash hashOfHex(const char *hex) { return *hashFromBytes(*fromHex(QString::fromLatin1(hex), 32)); }

} // namespace

class TestTranslogMerkle : public QObject {
    Q_OBJECT

private:
    std::vector<Hash> m_leaves = sampleLeaves(kMaxSize);
    MerkleTree m_tree = treeOf(m_leaves);

private Q_SLOTS:
    void hashesFollowRfc9162()
    {
        // SHA-256 of nothing, of 0x00 (the leaf hash of an empty entry), and
        // of 0x01 || a || b.
        QCOMPARE(toHex(emptyTreeHash()), u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
        QCOMPARE(toHex(leafHash(QByteArray())), u"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"_s);
        const Hash a = leafHash("a");
        const Hash b = leafHash("b");
        QCOMPARE(toByteArray(a), crypto::sha256(QByteArray(1, '\0') + "a"));
        QCOMPARE(toByteArray(nodeHash(a, b)), crypto::sha256("\x01" + toByteArray(a) + toByteArray(b)));
        QVERIFY(leafHash("a") != leafHash("b"));
        QCOMPARE(MerkleTree().root(0), emptyTreeHash());
    }

    void rootsMatchPublishedVectors()
    {
        // The eight-entry test log of the Certificate Transparency test
        // suites: roots after each append.
        const QList<QByteArray> entries = {
            QByteArray(),
            QByteArray::fromHex("00"),
            QByteArray::fromHex("10"),
            QByteArray::fromHex("2021"),
            QByteArray::fromHex("3031"),
            QByteArray::fromHex("40414243"),
            QByteArray::fromHex("5051525354555657"),
            QByteArray::fromHex("606162636465666768696a6b6c6d6e6f"),
        };
        const char *roots[] = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        };
        MerkleTree tree;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            tree.append(leafHash(entries[i]));
            QCOMPARE(tree.root(), hashOfHex(roots[i]));
        }
        for (quint64 size = 1; size <= 8; ++size)
            QCOMPARE(tree.root(size), hashOfHex(roots[size - 1]));
    }

    void rootsMatchReference()
    {
        MerkleTree growing;
        QCOMPARE(growing.root(), emptyTreeHash());
        for (quint64 n = 1; n <= kMaxSize; ++n) {
            growing.append(m_leaves[n - 1]);
            QCOMPARE(growing.size(), n);
            QCOMPARE(growing.root(), referenceMth(m_leaves, 0, n));
            QCOMPARE(growing.leaf(n - 1), m_leaves[n - 1]);
        }
        // Earlier sizes of the full tree too.
        for (quint64 n = 0; n <= kMaxSize; ++n)
            QCOMPARE(m_tree.root(n), referenceMth(m_leaves, 0, n));
    }

    void inclusionProofsMatchReferenceAndVerify()
    {
        for (quint64 n = 1; n <= kMaxSize; ++n) {
            const Hash root = m_tree.root(n);
            for (quint64 m = 0; m < n; ++m) {
                const std::vector<Hash> proof = m_tree.inclusionProof(m, n);
                QCOMPARE(proof, referencePath(m, m_leaves, 0, n));
                QCOMPARE(proof.size(), inclusionProofLength(m, n));
                const Status ok = verifyInclusion(m_leaves[m], m, n, proof, root);
                QVERIFY2(ok, qPrintable(u"m=%1 n=%2: %3"_s.arg(m).arg(n).arg(ok ? QString() : ok.message())));
            }
        }
    }

    void brokenInclusionProofsFail()
    {
        for (quint64 n = 1; n <= kMaxSize; ++n) {
            const Hash root = m_tree.root(n);
            for (quint64 m = 0; m < n; ++m) {
                const std::vector<Hash> proof = m_tree.inclusionProof(m, n);
                const Hash &leaf = m_leaves[m];
                // A flipped bit anywhere: in the proof, the leaf or the root.
                for (std::size_t i = 0; i < proof.size(); ++i) {
                    std::vector<Hash> bad = proof;
                    bad[i] = flipped(bad[i], static_cast<int>(m * 7 + i));
                    QVERIFY(!verifyInclusion(leaf, m, n, bad, root));
                }
                QVERIFY(!verifyInclusion(flipped(leaf, 3), m, n, proof, root));
                QVERIFY(!verifyInclusion(leaf, m, n, proof, flipped(root, 200)));
                // Another entry's leaf, or this leaf at another index.
                QVERIFY(!verifyInclusion(m_leaves[(m + 1) % kMaxSize], m, n, proof, root));
                for (quint64 other = 0; other < n + 2; ++other) {
                    if (other != m)
                        QVERIFY(!verifyInclusion(leaf, other, n, proof, root));
                }
                // Another tree size (with that size's own root): only the
                // very same path may verify.
                for (quint64 size = 1; size <= kMaxSize; ++size) {
                    if (size != n && m < size && m_tree.inclusionProof(m, size) != proof)
                        QVERIFY(!verifyInclusion(leaf, m, size, proof, m_tree.root(size)));
                }
                QVERIFY(!verifyInclusion(leaf, m, 0, proof, emptyTreeHash()));
                // Truncated and extended paths.
                if (!proof.empty()) {
                    std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
                    QVERIFY(!verifyInclusion(leaf, m, n, shorter, root));
                    std::vector<Hash> headless(proof.begin() + 1, proof.end());
                    QVERIFY(!verifyInclusion(leaf, m, n, headless, root));
                }
                std::vector<Hash> longer = proof;
                longer.push_back(root);
                QVERIFY(!verifyInclusion(leaf, m, n, longer, root));
                std::vector<Hash> prefixed{leaf};
                for (const Hash &h : proof)
                    prefixed.push_back(h);
                QVERIFY(!verifyInclusion(leaf, m, n, prefixed, root));
            }
        }
    }

    void inclusionErrorsSayWhatIsWrong()
    {
        const auto proof = m_tree.inclusionProof(5, 20);
        const Hash root = m_tree.root(20);
        Status st = verifyInclusion(m_leaves[5], 25, 20, proof, root);
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"outside a log of 20 entries"_s), qPrintable(st.message()));
        st = verifyInclusion(m_leaves[5], 5, 20, std::vector<Hash>(proof.begin(), proof.end() - 1), root);
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"must hold 5 hashes, this one holds 4"_s), qPrintable(st.message()));
        st = verifyInclusion(m_leaves[6], 5, 20, proof, root);
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"does not lead to the root"_s), qPrintable(st.message()));
    }

    void consistencyProofsMatchReferenceAndVerify()
    {
        for (quint64 n = 0; n <= kMaxSize; ++n) {
            for (quint64 m = 0; m <= n; ++m) {
                const std::vector<Hash> proof = m_tree.consistencyProof(m, n);
                QCOMPARE(proof, referenceProof(m, m_leaves, n));
                QCOMPARE(proof.size(), consistencyProofLength(m, n));
                const Status ok = verifyConsistency(m, n, m_tree.root(m), m_tree.root(n), proof);
                QVERIFY2(ok, qPrintable(u"m=%1 n=%2: %3"_s.arg(m).arg(n).arg(ok ? QString() : ok.message())));
            }
        }
    }

    void brokenConsistencyProofsFail()
    {
        for (quint64 n = 1; n <= kMaxSize; ++n) {
            const Hash newRoot = m_tree.root(n);
            for (quint64 m = 1; m <= n; ++m) {
                const std::vector<Hash> proof = m_tree.consistencyProof(m, n);
                const Hash oldRoot = m_tree.root(m);
                for (std::size_t i = 0; i < proof.size(); ++i) {
                    std::vector<Hash> bad = proof;
                    bad[i] = flipped(bad[i], static_cast<int>(n * 5 + i));
                    QVERIFY(!verifyConsistency(m, n, oldRoot, newRoot, bad));
                }
                QVERIFY(!verifyConsistency(m, n, flipped(oldRoot, 9), newRoot, proof));
                QVERIFY(!verifyConsistency(m, n, oldRoot, flipped(newRoot, 77), proof));
                // A rewritten history: the old root of another tree.
                const Hash otherOld = referenceMth(sampleLeaves(m + 1), 1, m + 1);
                if (m < n)
                    QVERIFY(!verifyConsistency(m, n, otherOld, newRoot, proof));
                // Other sizes (with their own roots): only the very same
                // proof may verify.
                for (quint64 mm = 1; mm <= kMaxSize; ++mm) {
                    for (quint64 nn : {n - 1, n + 1}) {
                        if (nn < mm || nn > kMaxSize || (mm == m && nn == n))
                            continue;
                        if (m_tree.consistencyProof(mm, nn) == proof)
                            continue;
                        QVERIFY(!verifyConsistency(mm, nn, m_tree.root(mm), m_tree.root(nn), proof));
                    }
                }
                // Truncated and extended proofs.
                if (!proof.empty()) {
                    QVERIFY(
                        !verifyConsistency(m, n, oldRoot, newRoot, std::vector<Hash>(proof.begin(), proof.end() - 1)));
                    QVERIFY(
                        !verifyConsistency(m, n, oldRoot, newRoot, std::vector<Hash>(proof.begin() + 1, proof.end())));
                }
                std::vector<Hash> longer = proof;
                longer.push_back(newRoot);
                QVERIFY(!verifyConsistency(m, n, oldRoot, newRoot, longer));
                longer = {oldRoot};
                for (const Hash &h : proof)
                    longer.push_back(h);
                QVERIFY(!verifyConsistency(m, n, oldRoot, newRoot, longer));
            }
        }
    }

    void consistencyEdgeCases()
    {
        const Hash r5 = m_tree.root(5);
        const Hash r9 = m_tree.root(9);
        Status st = verifyConsistency(9, 5, r9, r5, m_tree.consistencyProof(5, 9));
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"logs only grow"_s), qPrintable(st.message()));
        st = verifyConsistency(7, 7, r5, r9, {});
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"two different histories"_s), qPrintable(st.message()));
        QVERIFY(!verifyConsistency(0, 5, r5, r5, {}));
        QVERIFY(!verifyConsistency(0, 5, emptyTreeHash(), r5, {r5}));
        QVERIFY(verifyConsistency(0, 5, emptyTreeHash(), r5, {}));
        QVERIFY(!verifyConsistency(5, 5, r5, r5, {r5}));
        st = verifyConsistency(5, 9, m_tree.root(4), r9, m_tree.consistencyProof(5, 9));
        QVERIFY(!st);
        QVERIFY2(st.message().contains(u"does not rebuild the root of the log at size 5"_s), qPrintable(st.message()));
    }

    void largeTreeProofsStayShort()
    {
        MerkleTree tree;
        const quint64 n = 100'003;
        tree.reserve(n);
        for (quint64 i = 0; i < n; ++i) {
            Hash h{};
            std::memcpy(h.data(), &i, sizeof i);
            tree.append(h);
        }
        const Hash root = tree.root();
        for (quint64 index : {quint64(0), quint64(1), quint64(65535), quint64(65536), n - 2, n - 1}) {
            const auto proof = tree.inclusionProof(index, n);
            QVERIFY(proof.size() <= 17);
            QVERIFY(verifyInclusion(tree.leaf(index), index, n, proof, root));
        }
        for (quint64 old : {quint64(1), quint64(3), quint64(65536), quint64(99'999), n - 1}) {
            const auto proof = tree.consistencyProof(old, n);
            QVERIFY(proof.size() <= 2 * 17);
            QVERIFY(verifyConsistency(old, n, tree.root(old), root, proof));
        }
    }
};

QTEST_GUILESS_MAIN(TestTranslogMerkle)
#include "test_translog_merkle.moc"
