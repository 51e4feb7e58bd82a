// Epoch statements at scale: a node database with N contracts (each stored,
// some deleted in the epoch) and M bandwidth orders in one epoch; times
// building and signing the statement (one transaction), the self-contained
// file's size, verifying it (every signature and amount), and a paper
// node's sampled check of 8 receipts with inclusion proofs.
//
//   bench_statement [--contracts N] [--orders M]
//
// Prints human-readable lines, then one line of compact JSON.

#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "db/database.h"
#include "ledger/receipt.h"
#include "ledger/statement_builder.h"
#include "ledger/statement_bundle.h"
#include "node/limits.h"
#include "node/node_database.h"
#include "translog/hashing.h"
#include "translog/merkle_tree.h"
#include "translog/proof_verify.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace stratus;

namespace {

constexpr qint64 kEpochMs = 86400000;
constexpr qint64 kStart = 1'750'000'000'000 / kEpochMs * kEpochMs;

void say(const QString &line) { std::printf("%s\n", qPrintable(line)); }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const QString &name, qint64 fallback) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toLongLong() : fallback;
    };
    const qint64 contracts = option(u"--contracts"_s, 20000);
    const qint64 orders = option(u"--orders"_s, 5000);

    QTemporaryDir dir;
    const crypto::SigningKey nodeKey = crypto::SigningKey::generate();
    const crypto::NodeId nodeId = crypto::NodeId::fromPublicKey(nodeKey.publicKey());
    auto db = node::NodeDatabase::open(dir.filePath(u"node.db"_s), crypto::randomBytes(32), nodeId);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.message()));
        return 1;
    }
    const ledger::Economics economics = ledger::Economics::defaults();
    std::vector<crypto::SigningKey> clients;
    for (int i = 0; i < 50; ++i)
        clients.push_back(crypto::SigningKey::generate());

    QElapsedTimer t;
    t.start();
    // Each add is its own transaction, as on a running node.
    (void)(*db)->database().exec(u"PRAGMA synchronous = OFF"_s); // only to make the data quickly
    {
        for (qint64 i = 0; i < contracts; ++i) {
            const crypto::SigningKey &c = clients[std::size_t(i) % clients.size()];
            node::ContractTerms terms;
            terms.shard = object::ShardId{crypto::randomBytes(32), 4 << 20};
            terms.client = crypto::NodeId::fromPublicKey(c.publicKey());
            terms.node = nodeId;
            terms.startMs = kStart - kEpochMs;
            terms.expiryMs = kStart + 30 * kEpochMs;
            terms.price = economics.storagePrice;
            terms.nonce = crypto::randomBytes(node::kNonceSize);
            auto signedContract = node::signContract(terms, c);
            (void)node::countersignContract(*signedContract, nodeKey);
            auto id = (*db)->addContract(*signedContract, kStart - kEpochMs);
            if (!id) {
                std::fprintf(stderr, "%s\n", qPrintable(id.message()));
                return 1;
            }
            (void)(*db)->addReceipt(*id, kStart - kEpochMs + 1000);
        }
        for (qint64 i = 0; i < orders; ++i) {
            const crypto::SigningKey &c = clients[std::size_t(i) % clients.size()];
            const node::BandwidthOrder o{crypto::NodeId::fromPublicKey(c.publicKey()),
                                         nodeId,
                                         object::ShardId{crypto::randomBytes(32), 4 << 20},
                                         4 << 20,
                                         i + 1,
                                         kStart + 1000 + i};
            (void)(*db)->addBandwidthOrder(*node::signBandwidthOrder(o, c), kStart + 1000 + i);
        }
    }
    (void)(*db)->database().exec(u"PRAGMA synchronous = FULL"_s);
    const double fillS = t.elapsed() / 1000.0;
    say(u"node database: %1 contracts, %2 bandwidth orders (%3 s to make)"_s.arg(contracts).arg(orders).arg(fillS));

    ledger::EpochClose close;
    close.epoch = 1;
    close.startMs = kStart;
    close.endMs = kStart + kEpochMs;
    close.capacityBytes = qint64(1) << 40;
    close.economics = economics;
    close.nowMs = close.endMs + 1000;
    t.restart();
    auto row = ledger::closeEpoch(**db, nodeKey, close);
    const double closeS = t.elapsed() / 1000.0;
    if (!row) {
        std::fprintf(stderr, "%s\n", qPrintable(row.message()));
        return 1;
    }
    say(u"close the epoch (receipts, Merkle root, sign, one transaction): %1 s"_s.arg(closeS, 0, 'f', 2));

    ledger::StatementBundle bundle;
    bundle.statement = row->statement;
    bundle.receipts = ledger::decodeLeaves(row->receipts);
    bundle.economics = QJsonDocument(economics.toJson()).toJson();
    const qint64 fileBytes = bundle.toCbor().size();
    say(u"statement file: %1 receipts, %2 MiB"_s.arg(bundle.receipts.size()).arg(fileBytes / 1048576.0, 0, 'f', 1));

    t.restart();
    auto verified = ledger::verifyBundle(bundle);
    const double verifyS = t.elapsed() / 1000.0;
    if (!verified) {
        std::fprintf(stderr, "%s\n", qPrintable(verified.message()));
        return 1;
    }
    say(u"verify every signature and amount: %1 s (%2 receipts/s)"_s.arg(verifyS, 0, 'f', 2)
            .arg(qRound64(bundle.receipts.size() / verifyS)));

    // A paper node's check: 8 receipts with their inclusion proofs.
    t.restart();
    translog::MerkleTree tree;
    for (const QByteArray &leaf : bundle.receipts)
        tree.append(translog::leafHash(leaf));
    const double treeS = t.elapsed() / 1000.0;
    t.restart();
    const auto root = translog::hashFromBytes(verified->statement.statement.receiptsRoot);
    for (int i = 0; i < 8; ++i) {
        const quint64 pick = quint64(i) * tree.size() / 8;
        if (!translog::verifyInclusion(translog::leafHash(bundle.receipts[qsizetype(pick)]), pick, tree.size(),
                                       tree.inclusionProof(pick, tree.size()), *root))
            return 1;
        if (!ledger::checkReceipt(*ledger::decodeReceipt(bundle.receipts[qsizetype(pick)]), nodeId, close.startMs,
                                  close.endMs, economics))
            return 1;
    }
    const double sampleMs = t.elapsed();
    say(u"paper node's sampled check: tree for proofs %1 s (the node's side), 8 receipts checked in %2 ms"_s
            .arg(treeS, 0, 'f', 2)
            .arg(sampleMs));

    const QJsonObject out{{u"bench"_s, u"statement"_s},
                          {u"contracts"_s, contracts},
                          {u"orders"_s, orders},
                          {u"close_s"_s, closeS},
                          {u"file_bytes"_s, fileBytes},
                          {u"verify_s"_s, verifyS},
                          {u"sample_check_ms"_s, sampleMs},
                          {u"total_ucr"_s, verified->statement.statement.earnings.total}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
