// ValidatorService's dealings with the network's other paper nodes: their
// logs' tree heads (gossip, consistency proofs, forks reported) and, for an
// observer, comparing its scores with a counted validator's.

#include "validator/validator_service.h"

#include "net/control_client.h"
#include "net/message.h"
#include "translog/log_store.h"
#include "translog/tree_head.h"
#include "validator/epoch_entries.h"
#include "validator/log.h"
#include "validator/proof_wire.h"

#include <QCborArray>
#include <QCborMap>
#include <QPointer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace stratus::validator {

namespace {

constexpr qint64 kMaxEntriesPerRequest = 1000;
constexpr qint64 kDisagreementPpm = 200000;

QByteArray oursKey(const crypto::NodeId &node, qint64 epoch) { return node.bytes() + QByteArray::number(epoch); }

} // namespace

net::ControlClient *ValidatorService::peerClient(const crypto::NodeId &validator)
{
    const auto known = std::find_if(m_config.network.validators.cbegin(), m_config.network.validators.cend(),
                                    [&](const discovery::BootstrapNode &v) { return v.id == validator; });
    if (known == m_config.network.validators.cend())
        return nullptr; // only the network file's validators are asked
    net::ControlClient *&client = m_peers[validator];
    if (client && !client->isConnected() && !client->isConnecting()) {
        client->deleteLater();
        client = nullptr;
    }
    if (!client) {
        net::ClientOptions options;
        options.localAddress = m_config.bindAddress;
        client = new net::ControlClient(m_identity, *m_tls, options, this);
        client->connectTo(known->endpoint.address, known->endpoint.controlPort, validator);
    }
    return client;
}

void ValidatorService::exchangeHeads()
{
    QCborArray mine;
    mine.append(m_log->head().toCbor());
    for (const QByteArray &h : std::as_const(m_seenHeads))
        if (mine.size() < 64)
            mine.append(h);
    for (const discovery::BootstrapNode &v : m_config.network.validators) {
        if (v.id == m_id)
            continue;
        net::ControlClient *client = peerClient(v.id);
        if (!client)
            continue;
        QPointer<ValidatorService> self(this);
        client->request(u"log-head"_s, QCborMap{{u"heads"_s, mine}}, 5000)
            .then(this, [self, validator = v.id](Result<QCborMap> r) {
                const ValidatorService *const service = self.data();
                if (!service || service->m_closing || !r)
                    return;
                auto head = translog::SignedTreeHead::fromCbor(r->value(u"head"_s).toByteArray());
                if (!head || head->logId() != validator) {
                    qCWarning(lcValidator).noquote()
                        << "validator" << validator.shortString()
                        << "sent a bad tree head:" << (head ? u"for another log"_s : head.message());
                    return;
                }
                self->checkPeerHead(validator, head.value(), validator);
                for (const QCborValue &gossip : r->value(u"heads"_s).toArray()) {
                    auto other = translog::SignedTreeHead::fromCbor(gossip.toByteArray());
                    if (other && other->logId() != self->m_id)
                        self->checkPeerHead(other->logId(), other.value(), validator);
                }
            });
    }
}

// A head of `validator`'s log, learned from `source` (the validator itself or
// a gossiping peer). Compared with the latest head we verified: the same size
// with another root is a fork at once; a larger one must come with a valid
// consistency proof from the validator; a smaller one must be a prefix.
void ValidatorService::checkPeerHead(const crypto::NodeId &validator, const translog::SignedTreeHead &head,
                                     const crypto::NodeId &source)
{
    const QByteArray headBytes = head.toCbor();
    const auto known = m_seenHeads.constFind(validator);
    if (known == m_seenHeads.cend()) {
        m_seenHeads.insert(validator, headBytes);
        if (!counted() && m_config.network.isCountedValidator(validator))
            compareWithCounted(validator, head.head.treeSize);
        return;
    }
    auto old = translog::SignedTreeHead::fromCbor(known.value());
    if (!old) {
        m_seenHeads.insert(validator, headBytes);
        return;
    }
    const translog::SignedTreeHead older = old.value();
    if (older.head.treeSize == head.head.treeSize) {
        if (older.head.rootHash != head.head.rootHash)
            reportFork(validator, known.value(), headBytes,
                       u"two signed tree heads of size %1 with different roots (seen via %2)"_s.arg(head.head.treeSize)
                           .arg(source.shortString()));
        return;
    }
    const bool grew = head.head.treeSize > older.head.treeSize;
    const translog::SignedTreeHead &small = grew ? older : head;
    const translog::SignedTreeHead &large = grew ? head : older;
    // The validator itself proves that the larger tree extends the smaller one.
    if (!m_config.network.isCountedValidator(validator)) {
        if (grew)
            m_seenHeads.insert(validator, headBytes); // not ours to check (an unknown log)
        return;
    }
    net::ControlClient *client = peerClient(validator);
    if (!client)
        return;
    QPointer<ValidatorService> self(this);
    client
        ->request(u"log-consistency"_s,
                  QCborMap{{u"from"_s, static_cast<qint64>(small.head.treeSize)},
                           {u"to"_s, static_cast<qint64>(large.head.treeSize)}},
                  5000)
        .then(this, [self, validator, small, large, grew](Result<QCborMap> r) {
            const ValidatorService *const service = self.data();
            if (!service || service->m_closing)
                return;
            if (!r) {
                // It cannot prove that its larger head extends the smaller one.
                if (net::errorCode(r.error()) == u"bad-request"_s)
                    self->reportFork(validator, small.toCbor(), large.toCbor(),
                                     u"the validator cannot prove its head of size %1 consistent with its head of "
                                     u"size %2 (%3)"_s.arg(large.head.treeSize)
                                         .arg(small.head.treeSize)
                                         .arg(r.message()));
                return;
            }
            const auto proof = proofFromCbor(r->value(u"proof"_s));
            Status st = proof ? translog::verifyHeadConsistency(small, large, *proof)
                              : Status(makeError(u"malformed consistency proof"_s));
            if (!st) {
                self->reportFork(validator, small.toCbor(), large.toCbor(),
                                 u"its heads of size %1 and %2 are not consistent: %3"_s.arg(small.head.treeSize)
                                     .arg(large.head.treeSize)
                                     .arg(st.message()));
                return;
            }
            if (grew) {
                self->m_seenHeads.insert(validator, large.toCbor());
                if (!self->counted() && self->m_config.network.isCountedValidator(validator))
                    self->compareWithCounted(validator, large.head.treeSize);
            }
        });
}

// Observer: reads a counted validator's new attestations and logs a
// disagreement where its score of a node differs much from ours for the
// same epoch.
void ValidatorService::compareWithCounted(const crypto::NodeId &validator, quint64 size)
{
    quint64 from = m_compared.value(validator, 0);
    if (from >= size)
        return;
    net::ControlClient *client = peerClient(validator);
    if (!client)
        return;
    const qint64 count = std::min<qint64>(kMaxEntriesPerRequest, static_cast<qint64>(size - from));
    QPointer<ValidatorService> self(this);
    client->request(u"log-entries"_s, QCborMap{{u"from"_s, static_cast<qint64>(from)}, {u"count"_s, count}}, 10000)
        .then(this, [self, validator, from, size](Result<QCborMap> r) {
            const ValidatorService *const service = self.data();
            if (!service || service->m_closing || !r)
                return;
            auto head = translog::SignedTreeHead::fromCbor(self->m_seenHeads.value(validator));
            if (!head)
                return;
            quint64 next = from;
            for (const QCborValue &v : r->value(u"entries"_s).toArray()) {
                ++next;
                auto entry = decodeEntry(v.toByteArray());
                if (!entry || entry->kind != EntryKind::Attestation ||
                    !verifyEntry(entry.value(), head->head.publicKey))
                    continue;
                auto theirs = decodeAttestation(entry->body);
                if (!theirs)
                    continue;
                const auto ours = self->m_ours.constFind(oursKey(theirs->node, theirs->epoch));
                if (ours == self->m_ours.cend())
                    continue;
                const qint64 diff = std::abs(theirs->scorePpm - ours->scorePpm);
                const bool onlineDiffers = (theirs->pings > 0 && ours->pings > 0) &&
                                           ((theirs->pingsAnswered == 0) != (ours->pingsAnswered == 0));
                if (diff <= kDisagreementPpm && !onlineDiffers)
                    continue;
                Disagreement d{self->m_id,
                               validator,
                               theirs->node,
                               theirs->epoch,
                               theirs->scorePpm,
                               ours->scorePpm,
                               v.toByteArray(),
                               onlineDiffers ? u"they and we disagree on whether the node was online"_s
                                             : u"their score differs from ours by %1"_s.arg(diff / 1e6, 0, 'f', 2)};
                const QString text = u"validator %1 scored node %2 %3 in epoch %4; we saw %5"_s.arg(
                    validator.shortString(), theirs->node.shortString(),
                    QString::number(theirs->scorePpm / 1e6, 'f', 2), QString::number(theirs->epoch),
                    QString::number(ours->scorePpm / 1e6, 'f', 2));
                self->m_problems.append(u"disagreement: "_s + text);
                qCWarning(lcValidator).noquote() << "disagreement:" << text;
                (void)self->appendEntries(
                    {signEntry(EntryKind::Disagreement, encodeDisagreement(d), self->m_identity)});
            }
            self->m_compared.insert(validator, next);
            if (next < size)
                self->compareWithCounted(validator, size);
        });
}

} // namespace stratus::validator
