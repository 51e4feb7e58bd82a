#include "ledger/statement_checker.h"

#include "ledger/receipt.h"
#include "net/control_server.h"
#include "net/responder.h"
#include "translog/hashing.h"
#include "translog/proof_verify.h"
#include "validator/epoch_entries.h"
#include "validator/validator_service.h"

#include <QCborArray>
#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace {

constexpr qsizetype kMaxPending = 10000;
constexpr qsizetype kMaxDone = 100000;

} // namespace

QByteArray StatementChecker::key(const crypto::NodeId &node, qint64 epoch)
{
    return node.bytes() + QByteArray::number(epoch);
}

StatementChecker::StatementChecker(validator::ValidatorService &validator, net::ControlServer &server,
                                   Economics economics, QObject *parent)
    : QObject(parent), m_validator(validator), m_server(server), m_economics(std::move(economics))
{
    m_server.setHandler(u"statement-submit"_s,
                        [this](const crypto::NodeId &peer, const QCborMap &body, net::Responder r) {
                            auto signedStatement = SignedStatement::fromCbor(body.value(u"statement"_s).toByteArray());
                            if (!signedStatement)
                                return (void)r.error(u"bad-request"_s, signedStatement.message());
                            const EpochStatement &s = signedStatement->statement;
                            if (s.node != peer)
                                return (void)r.error(u"forbidden"_s, u"a node submits its own statements only"_s);
                            const discovery::NetworkFile &net = m_validator.network();
                            if (s.endMs > QDateTime::currentMSecsSinceEpoch())
                                return (void)r.error(u"bad-request"_s, u"epoch %1 has not ended"_s.arg(s.epoch));
                            const QByteArray k = key(s.node, s.epoch);
                            if (m_done.contains(k))
                                return (void)r.ok(QCborMap{{u"picks"_s, QCborArray()}, {u"checked"_s, true}});
                            // What can be checked without the receipts.
                            QString wrong;
                            if (s.startMs != net.epochStartMs(s.epoch) || s.endMs != net.epochStartMs(s.epoch + 1))
                                wrong = u"its epoch bounds are not the network's"_s;
                            else if (s.economics != m_economics.digest())
                                wrong = u"it was computed under other economics than the network's"_s;
                            else if (computeEarnings(m_economics, s.inputs) != s.earnings)
                                wrong = u"its earnings do not follow from its inputs"_s;
                            else if (auto ours = m_validator.attestationOf(s.node, s.epoch); ours && s.validators == 0)
                                wrong = u"it leaves out the attestations of the validators"_s;
                            if (!wrong.isEmpty() || s.receipts() == 0) {
                                record(signedStatement.value(), 0, wrong.isEmpty(), wrong);
                                return (void)r.ok(QCborMap{{u"picks"_s, QCborArray()}, {u"checked"_s, true}});
                            }
                            if (m_pending.size() >= kMaxPending)
                                return (void)r.error(u"busy"_s, u"too many statements being checked"_s);
                            Pending p{signedStatement.value(), {}};
                            const qint64 n = s.receipts();
                            QCborArray picks;
                            for (int i = 0; i < std::min<qint64>(kSample, n); ++i) {
                                qint64 pick = 0;
                                do
                                    pick = static_cast<qint64>(QRandomGenerator::system()->bounded(quint64(n)));
                                while (p.picks.contains(pick));
                                p.picks.append(pick);
                                picks.append(pick);
                            }
                            m_pending.insert(k, p);
                            r.ok(QCborMap{{u"picks"_s, picks}});
                        });

    m_server.setHandler(u"statement-receipts"_s, [this](const crypto::NodeId &peer, const QCborMap &body,
                                                        net::Responder r) {
        const qint64 epoch = body.value(u"epoch"_s).toInteger(-1);
        const QByteArray k = key(peer, epoch);
        if (!m_pending.contains(k))
            return (void)r.error(u"not-found"_s, u"no statement of yours for epoch %1 is being checked"_s.arg(epoch));
        const Pending p = m_pending.take(k);
        const EpochStatement &s = p.statement.statement;
        const QCborArray receipts = body.value(u"receipts"_s).toArray();
        const QCborArray proofs = body.value(u"proofs"_s).toArray();
        QString wrong;
        if (receipts.size() != p.picks.size() || proofs.size() != p.picks.size())
            wrong = u"it did not answer for every receipt asked"_s;
        const auto root = translog::hashFromBytes(s.receiptsRoot);
        for (qsizetype i = 0; wrong.isEmpty() && i < p.picks.size(); ++i) {
            const QByteArray leaf = receipts.at(i).toByteArray();
            const QString where = u"receipt %1"_s.arg(p.picks[i]);
            std::vector<translog::Hash> path;
            for (const QCborValue &h : proofs.at(i).toArray()) {
                auto hash = translog::hashFromBytes(h.toByteArray());
                if (!hash || path.size() > 64) {
                    wrong = u"%1: a malformed inclusion proof"_s.arg(where);
                    break;
                }
                path.push_back(*hash);
            }
            if (!wrong.isEmpty())
                break;
            if (!root || !translog::verifyInclusion(translog::leafHash(leaf), quint64(p.picks[i]),
                                                    quint64(s.receipts()), path, *root)) {
                wrong = u"%1 is not in the statement's receipts root"_s.arg(where);
                break;
            }
            auto receipt = decodeReceipt(leaf);
            if (!receipt) {
                wrong = u"%1: %2"_s.arg(where, receipt.message());
                break;
            }
            if (auto facts = checkReceipt(receipt.value(), s.node, s.startMs, s.endMs, m_economics); !facts)
                wrong = u"%1: %2"_s.arg(where, facts.message());
        }
        record(p.statement, p.picks.size(), wrong.isEmpty(), wrong);
        r.ok(QCborMap{{u"ok"_s, wrong.isEmpty()}, {u"reason"_s, wrong}});
    });
}

StatementChecker::~StatementChecker()
{
    m_server.setHandler(u"statement-submit"_s, {});
    m_server.setHandler(u"statement-receipts"_s, {});
}

void StatementChecker::record(const SignedStatement &signedStatement, qint64 sampled, bool ok, const QString &reason)
{
    const EpochStatement &s = signedStatement.statement;
    validator::StatementCheck c;
    c.validator = m_validator.id();
    c.node = s.node;
    c.epoch = s.epoch;
    c.timeMs = QDateTime::currentMSecsSinceEpoch();
    c.statementHash = signedStatement.hash();
    c.total = s.earnings.total;
    c.receipts = s.receipts();
    c.sampled = sampled;
    c.ok = ok;
    c.reason = reason.left(1000);
    if (Status st = m_validator.appendEntry(validator::EntryKind::StatementCheck, validator::encodeStatementCheck(c));
        !st)
        return;
    if (m_done.size() >= kMaxDone)
        m_done.clear();
    m_done.insert(key(s.node, s.epoch));
    Q_EMIT checked(s.node, s.epoch, ok, reason);
}

} // namespace stratus::ledger
