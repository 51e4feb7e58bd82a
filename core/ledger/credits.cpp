#include "ledger/credits.h"

#include "crypto/hash.h"
#include "ledger/reward.h"
#include "node/cbor_strict.h"

#include <QCborArray>
#include <QCborMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxGrantBytes = 1024;
constexpr qsizetype kNonceSize = 16;
constexpr qint64 kMaxAmount = qint64(1) << 60;

QByteArray grantMessage(const QByteArray &payload) { return QByteArray("stratus credit grant v1") + '\0' + payload; }
QByteArray balanceMessage(const QByteArray &payload) { return QByteArray("stratus balance v1") + '\0' + payload; }

QByteArray encodeGrant(const CreditGrant &g)
{
    return QCborMap{{u"v"_s, CreditGrant::kVersion}, {u"type"_s, u"credit-grant"_s}, {u"account"_s, g.account.bytes()},
                    {u"amount"_s, g.amount},         {u"nonce"_s, g.nonce},          {u"time"_s, g.timeMs},
                    {u"network"_s, g.network}}
        .toCborValue()
        .toCbor();
}

Result<CreditGrant> decodeGrant(const QByteArray &bytes)
{
    const QString what = u"credit grant"_s;
    auto parsed = cbor::parseMap(bytes, kMaxGrantBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st = cbor::checkHeader(m, CreditGrant::kVersion, u"credit-grant"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            m, {u"v"_s, u"type"_s, u"account"_s, u"amount"_s, u"nonce"_s, u"time"_s, u"network"_s}, {}, what);
        !st)
        return st.error();
    CreditGrant g;
    const auto account = cbor::bytesField(m, u"account"_s, 32, 32);
    const auto amount = cbor::uintField(m, u"amount"_s, kMaxAmount);
    const auto nonce = cbor::bytesField(m, u"nonce"_s, kNonceSize, kNonceSize);
    const auto time = cbor::uintField(m, u"time"_s, qint64(1) << 50);
    if (!account || !amount || !nonce || !time || !m.value(u"network"_s).isString())
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    auto id = crypto::NodeId::fromBytes(*account);
    if (!id)
        return cbor::malformed(what, u"bad account id"_s);
    g.account = id.value();
    g.amount = *amount;
    g.nonce = *nonce;
    g.timeMs = *time;
    g.network = m.value(u"network"_s).toString();
    if (Status st = cbor::checkCanonical(bytes, encodeGrant(g), what); !st)
        return st.error();
    return g;
}

Result<QCborMap> signedParts(const QByteArray &bytes, const QString &what)
{
    auto parsed = cbor::parseMap(bytes, 4096, what);
    if (!parsed)
        return parsed.error();
    if (Status st = cbor::checkKeys(*parsed, {u"p"_s, u"k"_s, u"s"_s}, {}, what); !st)
        return st.error();
    return parsed.value();
}

} // namespace

SignedGrant SignedGrant::sign(const CreditGrant &g, const crypto::SigningKey &treasury)
{
    SignedGrant s;
    s.grant = g;
    s.payload = encodeGrant(g);
    s.treasuryKey = treasury.publicKey();
    s.signature = treasury.sign(grantMessage(s.payload));
    return s;
}

QByteArray SignedGrant::toCbor() const
{
    return QCborMap{{u"p"_s, payload}, {u"k"_s, treasuryKey}, {u"s"_s, signature}}.toCborValue().toCbor();
}

Result<SignedGrant> SignedGrant::fromCbor(const QByteArray &bytes, const QByteArray &treasuryKey,
                                          const QString &network)
{
    auto m = signedParts(bytes, u"signed credit grant"_s);
    if (!m)
        return m.error();
    SignedGrant s;
    s.payload = m->value(u"p"_s).toByteArray();
    s.treasuryKey = m->value(u"k"_s).toByteArray();
    s.signature = m->value(u"s"_s).toByteArray();
    if (s.treasuryKey != treasuryKey)
        return makeError(u"the credit grant is not signed by this network's treasury"_s);
    if (!crypto::verifySignature(s.treasuryKey, grantMessage(s.payload), s.signature))
        return makeError(u"the credit grant's signature does not verify"_s);
    auto g = decodeGrant(s.payload);
    if (!g)
        return g.error();
    if (g->network != network)
        return makeError(u"the credit grant is for network \"%1\""_s.arg(g->network.left(64)));
    s.grant = g.value();
    return s;
}

CreditBook::CreditBook(QByteArray treasuryKey, QString network, Economics economics)
    : m_treasuryKey(std::move(treasuryKey)), m_network(std::move(network)), m_economics(std::move(economics))
{
}

void CreditBook::charge(const crypto::NodeId &id, qint64 amount)
{
    m_accounts[id.bytes()].spent += amount;
    m_changed.insert(id.bytes());
}

Status CreditBook::addGrant(const QByteArray &signedGrant)
{
    auto g = SignedGrant::fromCbor(signedGrant, m_treasuryKey, m_network);
    if (!g)
        return g.error();
    const QByteArray seen = crypto::sha256(u"g"_s.toLatin1() + g->grant.nonce);
    if (m_seen.contains(seen))
        return {};
    m_seen.insert(seen);
    m_accounts[g->grant.account.bytes()].granted += g->grant.amount;
    m_changed.insert(g->grant.account.bytes());
    m_newGrants.append(signedGrant);
    return {};
}

Result<qint64> CreditBook::addContract(const QByteArray &signedContract)
{
    auto c = node::decodeSignedContract(signedContract);
    if (!c)
        return c.error();
    auto terms = node::verifyContract(c.value());
    if (!terms)
        return terms.error();
    const QByteArray seen = crypto::sha256(u"c"_s.toLatin1() + terms->client.bytes() + terms->nonce);
    if (m_seen.contains(seen))
        return qint64(0);
    m_seen.insert(seen);
    const qint64 cost = node::contractCost(terms.value());
    charge(terms->client, cost);
    return cost;
}

Result<qint64> CreditBook::addOrder(const QByteArray &signedOrder)
{
    auto o = node::decodeSignedOrder(signedOrder);
    if (!o)
        return o.error();
    auto peek = node::decodeBandwidthOrder(o->payload);
    if (!peek)
        return peek.error();
    auto order = node::verifyBandwidthOrder(o.value(), peek->node);
    if (!order)
        return order.error();
    const QByteArray seen =
        crypto::sha256(u"o"_s.toLatin1() + order->client.bytes() + QByteArray::number(order->serial));
    if (m_seen.contains(seen))
        return qint64(0);
    m_seen.insert(seen);
    const qint64 cost = egressAmount(order->bytes, m_economics.egressPrice);
    charge(order->client, cost);
    return cost;
}

CreditAccount CreditBook::account(const crypto::NodeId &id) const { return m_accounts.value(id.bytes()); }

QList<crypto::NodeId> CreditBook::takeChanged()
{
    QList<crypto::NodeId> out;
    for (const QByteArray &b : std::as_const(m_changed))
        if (auto id = crypto::NodeId::fromBytes(b); id)
            out.append(id.value());
    m_changed.clear();
    return out;
}

QList<QByteArray> CreditBook::takeNewGrants() { return std::exchange(m_newGrants, {}); }

QByteArray CreditBook::save() const
{
    QCborArray accounts, seen;
    for (auto it = m_accounts.cbegin(); it != m_accounts.cend(); ++it)
        accounts.append(QCborArray{it.key(), it->granted, it->spent});
    for (const QByteArray &s : m_seen)
        seen.append(s);
    return QCborMap{{u"accounts"_s, accounts}, {u"seen"_s, seen}}.toCborValue().toCbor();
}

Status CreditBook::load(const QByteArray &bytes)
{
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(bytes, &err);
    if (err.error != QCborError::NoError || !v.isMap())
        return makeError(u"the credit book is damaged"_s);
    for (const QCborValue &a : v.toMap().value(u"accounts"_s).toArray()) {
        const QCborArray row = a.toArray();
        if (row.size() != 3 || row.at(0).toByteArray().size() != 32)
            return makeError(u"the credit book is damaged"_s);
        m_accounts.insert(row.at(0).toByteArray(), CreditAccount{row.at(1).toInteger(), row.at(2).toInteger()});
    }
    for (const QCborValue &s : v.toMap().value(u"seen"_s).toArray())
        m_seen.insert(s.toByteArray());
    return {};
}

QByteArray BalanceNote::sign(const crypto::SigningKey &key) const
{
    const QByteArray p = QCborMap{{u"v"_s, 1},
                                  {u"type"_s, u"balance"_s},
                                  {u"validator"_s, validator.bytes()},
                                  {u"account"_s, account.bytes()},
                                  {u"granted"_s, credits.granted},
                                  {u"spent"_s, credits.spent},
                                  {u"time"_s, timeMs}}
                             .toCborValue()
                             .toCbor();
    return QCborMap{{u"p"_s, p}, {u"k"_s, key.publicKey()}, {u"s"_s, key.sign(balanceMessage(p))}}
        .toCborValue()
        .toCbor();
}

Result<BalanceNote> BalanceNote::verify(const QByteArray &signedNote)
{
    const QString what = u"balance note"_s;
    auto m = signedParts(signedNote, what);
    if (!m)
        return m.error();
    const QByteArray p = m->value(u"p"_s).toByteArray();
    const QByteArray k = m->value(u"k"_s).toByteArray();
    if (!crypto::verifySignature(k, balanceMessage(p), m->value(u"s"_s).toByteArray()))
        return makeError(u"the balance note's signature does not verify"_s);
    auto parsed = cbor::parseMap(p, 1024, what);
    if (!parsed)
        return parsed.error();
    if (Status st = cbor::checkHeader(*parsed, 1, u"balance"_s, what); !st)
        return st.error();
    if (Status st = cbor::checkKeys(
            *parsed, {u"v"_s, u"type"_s, u"validator"_s, u"account"_s, u"granted"_s, u"spent"_s, u"time"_s}, {}, what);
        !st)
        return st.error();
    BalanceNote n;
    auto validator = crypto::NodeId::fromBytes(parsed->value(u"validator"_s).toByteArray());
    auto account = crypto::NodeId::fromBytes(parsed->value(u"account"_s).toByteArray());
    const auto granted = cbor::uintField(*parsed, u"granted"_s, kMaxAmount);
    const auto spent = cbor::uintField(*parsed, u"spent"_s, kMaxAmount);
    const auto time = cbor::uintField(*parsed, u"time"_s, qint64(1) << 50);
    if (!validator || !account || !granted || !spent || !time)
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    if (crypto::NodeId::fromPublicKey(k) != validator.value())
        return makeError(u"the balance note is signed by another key than its validator's"_s);
    n.validator = validator.value();
    n.account = account.value();
    n.credits = CreditAccount{*granted, *spent};
    n.timeMs = *time;
    return n;
}

std::optional<CreditAccount> medianBalance(const QList<QByteArray> &signedNotes, const QList<crypto::NodeId> &counted,
                                           const crypto::NodeId &account)
{
    QList<CreditAccount> found;
    QSet<QByteArray> from;
    for (const QByteArray &bytes : signedNotes) {
        auto n = BalanceNote::verify(bytes);
        if (!n || n->account != account || !counted.contains(n->validator) || from.contains(n->validator.bytes()))
            continue;
        from.insert(n->validator.bytes());
        found.append(n->credits);
    }
    if (found.isEmpty())
        return std::nullopt;
    // The median by balance (the lower middle for an even count: the
    // cautious one).
    std::sort(found.begin(), found.end(),
              [](const CreditAccount &a, const CreditAccount &b) { return a.balance() < b.balance(); });
    return found[(found.size() - 1) / 2];
}

qint64 storageCost(const Economics &e, qint64 bytes, qint64 ms) { return storageAmount(bytes, ms, e.storagePrice) + 1; }

} // namespace stratus::ledger
