#include "nodeservice/epoch_closer.h"

#include "common/int128.h"
#include "ledger/statement.h"
#include "ledger/statement_builder.h"
#include "net/control_client.h"
#include "nodeservice/log.h"
#include "nodeservice/peer_clients.h"
#include "translog/hashing.h"
#include "translog/merkle_tree.h"

#include <QCborArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::nodeservice {

namespace {

constexpr int kRequestTimeoutMs = 5000;
constexpr int kMaxEvidencePerValidator = 4;
constexpr qint64 kMaxReceiptsPerReply = 100;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QCborMap earningsMap(const ledger::EpochEarnings &e)
{
    return QCborMap{{u"base"_s, e.base},
                    {u"multiplier_ppm"_s, e.multiplierPpm},
                    {u"storage_paid"_s, e.storagePaid},
                    {u"egress_paid"_s, e.egressPaid},
                    {u"penalty"_s, e.penalty},
                    {u"total"_s, e.total}};
}

} // namespace

EpochCloser::EpochCloser(EpochCloserConfig config, node::NodeDatabase &db, std::shared_ptr<crypto::SigningKey> identity,
                         PeerClients &peers, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_db(db), m_identity(std::move(identity)),
      m_id(crypto::NodeId::fromPublicKey(m_identity->publicKey())), m_peers(peers)
{
    const discovery::NetworkFile &net = m_config.network;
    if (auto last = m_db.lastStatementEpoch(); last && last->has_value())
        m_firstEpoch = **last + 1;
    else if (auto first = m_db.firstContractMs(); first && first->has_value())
        m_firstEpoch = net.epochAt(**first);
    else
        m_firstEpoch = net.epochAt(nowMs());
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &EpochCloser::tick);
    m_timer->start(static_cast<int>(std::clamp<qint64>(net.epochMs / 4, 250, 60000)));
    QTimer::singleShot(0, this, &EpochCloser::tick);
}

EpochCloser::~EpochCloser() = default;

qint64 EpochCloser::settleMs() const
{
    if (m_config.settle.count() > 0)
        return m_config.settle.count();
    return std::clamp<qint64>(m_config.network.epochMs / 5, 2000, 30 * 60 * 1000);
}

void EpochCloser::tick()
{
    if (m_busy)
        return;
    const discovery::NetworkFile &net = m_config.network;
    const qint64 now = nowMs();
    const qint64 current = net.epochAt(now);
    // The newest epoch that ended at least the settle time ago.
    qint64 ready = current - 1;
    if (now < net.epochStartMs(current) + settleMs())
        --ready;
    const qint64 next = std::max<qint64>(m_firstEpoch, 0);
    if (next > ready || now < net.genesisMs)
        return;
    close(next);
}

void EpochCloser::close(qint64 epoch)
{
    m_busy = true;
    struct Gathered {
        int pending = 0;
        int notReady = 0; // answered, but has not closed the epoch yet
        QList<QByteArray> evidence;
        QList<ledger::ValidatorKey> keys;
    };
    auto gathered = std::make_shared<Gathered>();
    QList<discovery::BootstrapNode> validators = m_config.network.validators;
    validators.erase(std::remove_if(validators.begin(), validators.end(),
                                    [this](const discovery::BootstrapNode &v) { return v.id == m_id; }),
                     validators.end());
    if (validators.isEmpty())
        return finishClose(epoch, {}, {});
    gathered->pending = static_cast<int>(validators.size());
    QPointer<EpochCloser> self(this);
    for (const discovery::BootstrapNode &v : validators) {
        net::ControlClient *c = m_peers.get(v);
        const crypto::NodeId vid = v.id;
        if (!c) {
            if (--gathered->pending == 0)
                finishClose(epoch, gathered->evidence, gathered->keys);
            continue;
        }
        c->request(u"attestations"_s, QCborMap{{u"node"_s, m_id.bytes()}, {u"epoch"_s, epoch}}, kRequestTimeoutMs)
            .then(this, [self, gathered, vid, epoch](Result<QCborMap> r) {
                EpochCloser *owner = self.data();
                if (!owner)
                    return;
                if (r) {
                    const QByteArray key = r->value(u"key"_s).toByteArray();
                    if (crypto::NodeId::fromPublicKey(key) == vid) {
                        gathered->keys.append(ledger::ValidatorKey{vid, key});
                        const QCborArray entries = r->value(u"entries"_s).toArray();
                        if (entries.isEmpty())
                            ++gathered->notReady; // a summary comes with every epoch a validator closed
                        for (qsizetype i = 0; i < std::min<qsizetype>(entries.size(), kMaxEvidencePerValidator); ++i)
                            gathered->evidence.append(entries.at(i).toByteArray());
                    }
                } else {
                    qCInfo(lcService).noquote() << "epoch" << epoch << ": no attestations from validator"
                                                << vid.shortString() << ":" << r.message();
                }
                if (--gathered->pending > 0)
                    return;
                // A validator that answers but has not closed the epoch yet
                // (its audit round runs late) is waited for, a while.
                const qint64 end = owner->m_config.network.epochStartMs(epoch + 1);
                if (gathered->notReady > 0 && nowMs() < end + 4 * owner->settleMs()) {
                    owner->m_busy = false;
                    return;
                }
                owner->finishClose(epoch, gathered->evidence, gathered->keys);
            });
    }
}

void EpochCloser::finishClose(qint64 epoch, const QList<QByteArray> &evidence, const QList<ledger::ValidatorKey> &keys)
{
    const discovery::NetworkFile &net = m_config.network;
    ledger::EpochClose c;
    c.epoch = epoch;
    c.startMs = net.epochStartMs(epoch);
    c.endMs = net.epochStartMs(epoch + 1);
    c.capacityBytes = m_config.capacityBytes;
    c.economics = m_config.economics;
    c.evidence = evidence;
    c.counted = keys;
    c.nowMs = nowMs();
    auto row = ledger::closeEpoch(m_db, *m_identity, c);
    m_busy = false;
    if (!row) {
        qCWarning(lcService).noquote() << "cannot close epoch" << epoch << ":" << row.message();
        return;
    }
    m_firstEpoch = epoch + 1;
    qCInfo(lcService).noquote() << "epoch" << epoch << "closed:" << row->total << "µcr";
    Q_EMIT closed(epoch, row->total);
    submit(row.value());
    QTimer::singleShot(0, this, &EpochCloser::tick); // a backlog closes one epoch after another
}

void EpochCloser::submit(const node::StatementRow &row)
{
    const QList<QByteArray> leaves = ledger::decodeLeaves(row.receipts);
    QPointer<EpochCloser> self(this);
    for (const discovery::BootstrapNode &v : m_config.network.validators) {
        if (v.id == m_id)
            continue;
        net::ControlClient *c = m_peers.get(v);
        if (!c)
            continue;
        const crypto::NodeId vid = v.id;
        const qint64 epoch = row.epoch;
        c->request(u"statement-submit"_s, QCborMap{{u"statement"_s, row.statement}}, kRequestTimeoutMs)
            .then(this, [self, v, vid, epoch, leaves](Result<QCborMap> r) {
                EpochCloser *owner = self.data();
                if (!owner)
                    return;
                if (!r) {
                    qCInfo(lcService).noquote() << "validator" << vid.shortString()
                                                << "did not take the statement of epoch" << epoch << ":" << r.message();
                    return;
                }
                const QCborArray picks = r->value(u"picks"_s).toArray();
                if (picks.isEmpty())
                    return;
                translog::MerkleTree tree;
                for (const QByteArray &leaf : leaves)
                    tree.append(translog::leafHash(leaf));
                QCborArray receipts, proofs;
                for (const QCborValue &p : picks) {
                    const qint64 i = p.toInteger(-1);
                    if (i < 0 || i >= leaves.size())
                        return; // a pick outside the statement: nothing sensible to answer
                    receipts.append(leaves[i]);
                    QCborArray proof;
                    for (const translog::Hash &h : tree.inclusionProof(quint64(i), tree.size()))
                        proof.append(translog::toByteArray(h));
                    proofs.append(proof);
                }
                net::ControlClient *again = owner->m_peers.get(v);
                if (!again)
                    return;
                again
                    ->request(u"statement-receipts"_s,
                              QCborMap{{u"epoch"_s, epoch}, {u"receipts"_s, receipts}, {u"proofs"_s, proofs}},
                              kRequestTimeoutMs)
                    .then(again, [vid, epoch](Result<QCborMap> checked) {
                        if (!checked)
                            qCWarning(lcService).noquote()
                                << "validator" << vid.shortString() << "checked the statement of epoch" << epoch << ":"
                                << checked.message();
                    });
            });
    }
}

Result<QCborMap> EpochCloser::earnings(int epochs, qint64 now)
{
    auto rows = m_db.latestStatements(std::clamp(epochs, 0, 10000));
    if (!rows)
        return rows.error();
    QCborArray statements;
    for (const node::StatementRow &row : *rows)
        statements.append(row.statement);

    // The running epoch, projected to its end from what happened so far,
    // with the scores of the last closed epoch (none yet: not audited).
    const discovery::NetworkFile &net = m_config.network;
    const qint64 current = net.epochAt(now);
    const qint64 start = std::max(net.epochStartMs(current), net.genesisMs);
    const qint64 elapsed = std::max<qint64>(1, now - start);
    qint64 storage = 0, egress = 0, storageCount = 0;
    auto leaves = ledger::collectReceipts(m_db, m_id, start, now, m_config.economics, &storage, &egress, &storageCount);
    if (!leaves)
        return leaves.error();
    ledger::EpochInputs in;
    if (!rows->empty())
        if (auto last = ledger::SignedStatement::fromCbor(rows->front().statement); last)
            in = last->statement.inputs;
    in.capacityBytes = m_config.capacityBytes;
    const auto scale = [&](qint64 v) {
        return static_cast<qint64>(static_cast<Int128>(v) * net.epochMs / std::min(elapsed, net.epochMs));
    };
    in.storage = scale(storage);
    in.egress = scale(egress);
    const ledger::EpochEarnings estimate = ledger::computeEarnings(m_config.economics, in);
    const qint64 epochsPerMonth = std::max<qint64>(1, qint64(30) * 86400000 / net.epochMs);
    QCborMap est = earningsMap(estimate);
    est.insert(u"epoch"_s, current);
    est.insert(u"elapsed_ms"_s, std::min(elapsed, net.epochMs));
    est.insert(u"month"_s, estimate.total * epochsPerMonth);
    return QCborMap{{u"node"_s, m_id.bytes()},
                    {u"genesis_ms"_s, net.genesisMs},
                    {u"epoch_ms"_s, net.epochMs},
                    {u"economics"_s, QJsonDocument(m_config.economics.toJson()).toJson(QJsonDocument::Compact)},
                    {u"statements"_s, statements},
                    {u"estimate"_s, est}};
}

Result<QCborMap> EpochCloser::statement(qint64 epoch, qint64 offset, qint64 limit)
{
    auto row = m_db.statement(epoch);
    if (!row)
        return row.error();
    if (!row->has_value())
        return makeError(u"not-found: epoch %1 is not closed on this node"_s.arg(epoch));
    auto evidence = ledger::decodeEvidence((*row)->evidence);
    if (!evidence)
        return evidence.error();
    const QList<QByteArray> leaves = ledger::decodeLeaves((*row)->receipts);
    QCborArray receipts, entries;
    const qint64 end = std::min<qint64>(leaves.size(), offset + std::clamp<qint64>(limit, 1, kMaxReceiptsPerReply));
    for (qint64 i = std::max<qint64>(0, offset); i < end; ++i)
        receipts.append(leaves[i]);
    for (const QByteArray &e : evidence->entries)
        entries.append(e);
    return QCborMap{{u"statement"_s, (*row)->statement},
                    {u"economics"_s, QJsonDocument(m_config.economics.toJson()).toJson(QJsonDocument::Compact)},
                    {u"evidence"_s, entries},
                    {u"validators"_s, ledger::encodeValidatorKeys(evidence->validators)},
                    {u"receipts_total"_s, qint64(leaves.size())},
                    {u"receipts"_s, receipts}};
}

} // namespace stratus::nodeservice
