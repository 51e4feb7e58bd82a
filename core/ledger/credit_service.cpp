#include "ledger/credit_service.h"

#include "common/cbor_parse.h"
#include "common/files.h"
#include "crypto/random.h"
#include "ledger/log.h"
#include "net/control_server.h"
#include "net/responder.h"
#include "validator/epoch_entries.h"
#include "validator/validator_service.h"

#include <QCborArray>
#include <QCborMap>
#include <QDateTime>
#include <QFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace {

constexpr int kMaxSpendItems = 256;
constexpr qsizetype kAccountsPerEntry = 40;
constexpr qsizetype kGrantsPerEntry = 10;
constexpr qint64 kMaxStateBytes = 256 * 1024 * 1024;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

CreditService::CreditService(validator::ValidatorService &validator, const crypto::SigningKey &identity,
                             net::ControlServer &server, Config config, QObject *parent)
    : QObject(parent), m_validator(validator), m_identity(identity.seed()),
      m_id(crypto::NodeId::fromPublicKey(identity.publicKey())), m_server(server), m_config(std::move(config)),
      m_book(m_config.treasuryKey, m_config.network, m_config.economics)
{
    if (QFile f(m_config.stateFile); f.open(QIODevice::ReadOnly)) {
        const QCborMap state = parseCbor(f.read(kMaxStateBytes)).toMap();
        if (Status st = m_book.load(QCborValue(state.value(u"book"_s)).toByteArray()); !st)
            qCWarning(lcLedger).noquote() << "credits:" << st.message() << "- starting an empty book";
        for (const QCborValue &g : state.value(u"faucet"_s).toArray()) {
            const QCborArray row = g.toArray();
            m_faucetGrants.insert(row.at(0).toByteArray(), row.at(1).toByteArray());
        }
        (void)m_book.takeChanged();
        (void)m_book.takeNewGrants();
    }
    if (m_config.faucetSeed)
        m_faucet = std::make_unique<crypto::SigningKey>(*m_config.faucetSeed);
    if (m_faucet && m_faucet->publicKey() != m_config.treasuryKey) {
        qCWarning(lcLedger) << "the faucet key is not the network's treasury key: no faucet";
        m_faucet.reset();
    }
    m_epoch = m_config.epochMs > 0 ? (nowMs() - m_config.genesisMs) / m_config.epochMs : 0;

    m_server.setHandler(u"credit-grant"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const QByteArray grant = body.value(u"grant"_s).toByteArray();
        if (Status st = m_book.addGrant(grant); !st)
            return (void)r.error(u"bad-grant"_s, st.message());
        m_dirty = true;
        auto g = SignedGrant::fromCbor(grant, m_config.treasuryKey, m_config.network);
        BalanceNote note{m_id, g->grant.account, m_book.account(g->grant.account), nowMs()};
        r.ok(QCborMap{{u"note"_s, note.sign(m_identity)}});
    });

    // spend: what a storage node was paid with, reported as the signed
    // records themselves. Anyone may report (a record counts once and
    // rests on the client's own signature).
    m_server.setHandler(u"spend"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        const QCborArray contracts = body.value(u"contracts"_s).toArray();
        const QCborArray orders = body.value(u"orders"_s).toArray();
        if (contracts.size() + orders.size() > kMaxSpendItems)
            return (void)r.error(u"bad-request"_s, u"at most %1 records per spend"_s.arg(kMaxSpendItems));
        qint64 charged = 0, refused = 0;
        for (const QCborValue &c : contracts) {
            auto cost = m_book.addContract(c.toByteArray());
            cost ? charged += *cost : ++refused;
        }
        for (const QCborValue &o : orders) {
            auto cost = m_book.addOrder(o.toByteArray());
            cost ? charged += *cost : ++refused;
        }
        m_dirty = true;
        r.ok(QCborMap{{u"charged"_s, charged}, {u"refused"_s, refused}});
    });

    m_server.setHandler(u"balance"_s, [this](const crypto::NodeId &, const QCborMap &body, net::Responder r) {
        auto account = crypto::NodeId::fromBytes(body.value(u"account"_s).toByteArray());
        if (!account)
            return (void)r.error(u"bad-request"_s, u"balance needs account (32 bytes)"_s);
        BalanceNote note{m_id, account.value(), m_book.account(account.value()), nowMs()};
        r.ok(QCborMap{{u"note"_s, note.sign(m_identity)}});
    });

    // faucet: a new account's first credits (a devnet's paper node with the
    // treasury key). One grant per account; asking again returns it again.
    m_server.setHandler(u"faucet"_s, [this](const crypto::NodeId &peer, const QCborMap &, net::Responder r) {
        if (!m_faucet)
            return (void)r.error(u"not-found"_s, u"this paper node runs no faucet"_s);
        QByteArray grant = m_faucetGrants.value(peer.bytes());
        if (grant.isEmpty()) {
            CreditGrant g{peer, m_config.economics.faucetGrant, crypto::randomBytes(16), nowMs(), m_config.network};
            grant = SignedGrant::sign(g, *m_faucet).toCbor();
            m_faucetGrants.insert(peer.bytes(), grant);
            (void)m_book.addGrant(grant);
            m_dirty = true;
            save();
            qCInfo(lcLedger).noquote() << "faucet: granted" << g.amount << "µcr to" << peer.shortString();
        }
        r.ok(QCborMap{{u"grant"_s, grant}});
    });

    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, [this] {
        const qint64 epoch = m_config.epochMs > 0 ? (nowMs() - m_config.genesisMs) / m_config.epochMs : 0;
        if (epoch != m_epoch) {
            publish();
            m_epoch = epoch;
        }
        if (m_dirty)
            save();
    });
    m_timer->start(1000);
}

CreditService::~CreditService()
{
    for (const QString &type : {u"credit-grant"_s, u"spend"_s, u"balance"_s, u"faucet"_s})
        m_server.setHandler(type, {});
    save();
}

void CreditService::publish()
{
    const QList<QByteArray> grants = m_book.takeNewGrants();
    const QList<crypto::NodeId> changed = m_book.takeChanged();
    for (qsizetype g = 0, a = 0; g < grants.size() || a < changed.size();) {
        validator::CreditsEntry e;
        e.validator = m_id;
        e.epoch = m_epoch;
        e.timeMs = nowMs();
        for (; g < grants.size() && e.grants.size() < kGrantsPerEntry; ++g)
            e.grants.append(grants[g]);
        for (; a < changed.size() && e.accounts.size() < kAccountsPerEntry; ++a) {
            const CreditAccount c = m_book.account(changed[a]);
            e.accounts.append({changed[a], c.granted, c.spent});
        }
        if (Status st = m_validator.appendEntry(validator::EntryKind::Credits, validator::encodeCreditsEntry(e)); !st)
            qCWarning(lcLedger).noquote() << "cannot publish credits:" << st.message();
    }
}

void CreditService::save()
{
    QCborArray faucet;
    for (auto it = m_faucetGrants.cbegin(); it != m_faucetGrants.cend(); ++it)
        faucet.append(QCborArray{it.key(), it.value()});
    const QByteArray state = QCborMap{{u"book"_s, m_book.save()}, {u"faucet"_s, faucet}}.toCborValue().toCbor();
    if (Status st = writeFileAtomic(m_config.stateFile, state, true); !st)
        qCWarning(lcLedger).noquote() << "cannot save the credit book:" << st.message();
    m_dirty = false;
}

} // namespace stratus::ledger
