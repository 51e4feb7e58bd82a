#include "client/placement.h"
#include "crypto/random.h"

#include <QTest>

using namespace stratus;
using namespace stratus::client;

namespace {

NodeCandidate node(quint64 freeGiB, double rtt, double score = 1.0, bool reachable = true)
{
    return NodeCandidate{crypto::NodeId::fromBytes(crypto::randomBytes(32)).value(), freeGiB << 30, rtt, score,
                         reachable};
}

} // namespace

class TestPlacement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ranksByScoreThenRoomThenSpeed()
    {
        const NodeCandidate trusted = node(10, 5, 1.0);
        const NodeCandidate doubtful = node(1000, 1, 0.3);
        const NodeCandidate roomy = node(500, 5, 1.0);
        const NodeCandidate slow = node(500, 400, 1.0);
        const NodeCandidate full = node(0, 1, 1.0);
        const NodeCandidate offline = node(100, 1, 1.0, false);
        const auto ranked = rankForPlacement({trusted, doubtful, roomy, slow, full, offline}, 1 << 20);
        QCOMPARE(ranked.size(), 4);
        QCOMPARE(ranked[0].id, roomy.id);
        // 10 GiB at 5 ms edges out 500 GiB at 400 ms; low reputation is last.
        QCOMPARE(ranked[1].id, trusted.id);
        QCOMPARE(ranked[2].id, slow.id);
        QCOMPARE(ranked[3].id, doubtful.id);
    }

    void ineligibleNodesGetNoShards()
    {
        NodeCandidate flagged = node(1000, 1, 0.95);
        flagged.eligible = false; // its audit score fell below the threshold
        const NodeCandidate fine = node(10, 5, 0.9);
        const auto ranked = rankForPlacement({flagged, fine}, 1 << 20);
        QCOMPARE(ranked.size(), 1);
        QCOMPARE(ranked[0].id, fine.id);
    }

    void newNodesGetALimitedShare()
    {
        // 10 vetted and 10 new (better-looking) nodes: a 4+2 segment puts at
        // most one shard on a new node.
        QList<NodeCandidate> nodes;
        for (int i = 0; i < 10; ++i) {
            nodes.append(node(10, 5));
            NodeCandidate fresh = node(1000, 1);
            fresh.vetted = false;
            nodes.append(fresh);
        }
        auto chosen = chooseNodes(rankForPlacement(nodes, 1 << 20), 6);
        QVERIFY(chosen);
        QCOMPARE(std::count_if(chosen->begin(), chosen->end(), [](const NodeCandidate &n) { return !n.vetted; }), 1);

        // A young network with only 3 vetted nodes: the new ones fill the rest.
        QList<NodeCandidate> young;
        for (int i = 0; i < 8; ++i) {
            NodeCandidate n = node(10, 5);
            n.vetted = i < 3;
            young.append(n);
        }
        auto placed = chooseNodes(rankForPlacement(young, 1 << 20), 6);
        QVERIFY(placed);
        QCOMPARE(std::count_if(placed->begin(), placed->end(), [](const NodeCandidate &n) { return n.vetted; }), 3);
    }

    void neverTwoShardsOnOneNode()
    {
        QList<NodeCandidate> nodes;
        for (int i = 0; i < 8; ++i)
            nodes.append(node(10 + i, 5));
        const auto ranked = rankForPlacement(nodes, 1 << 20);
        auto chosen = chooseNodes(ranked, 6);
        QVERIFY(chosen);
        QSet<QByteArray> ids;
        for (const auto &n : chosen.value())
            ids.insert(n.id.bytes());
        QCOMPARE(ids.size(), 6);
        // Excluding holders: the rest are picked, or a clear error.
        auto more = chooseNodes(ranked, 2, ids);
        QVERIFY(more);
        QVERIFY(!ids.contains(more->at(0).id.bytes()) && !ids.contains(more->at(1).id.bytes()));
        auto tooMany = chooseNodes(ranked, 3, ids);
        QVERIFY(!tooMany.ok());
        QVERIFY(tooMany.message().contains(QStringLiteral("only 2 reachable nodes")));
    }
};

QTEST_GUILESS_MAIN(TestPlacement)
#include "test_placement.moc"
