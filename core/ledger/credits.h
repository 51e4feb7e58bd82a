#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "ledger/economics.h"
#include "node/contract.h"
#include "node/orders.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace stratus::ledger {

// Network credits (ECONOMICS.md "Credits"): the network's treasury grants
// an account (the client id that signs its contracts and orders) an amount,
// signed with the treasury key the network file names:
//   payload { "v": 1, "type": "credit-grant", "account": bytes(32),
//             "amount": uint, "nonce": bytes(16), "time": uint, "network": text }
//   signed  { "p": payload, "k": treasury key, "s": Ed25519 over
//             "stratus credit grant v1" || 0x00 || payload }
struct CreditGrant {
    static constexpr int kVersion = 1;
    crypto::NodeId account;
    qint64 amount = 0; // µcr
    QByteArray nonce;  // 16 bytes: one grant counts once
    qint64 timeMs = 0;
    QString network;
    friend bool operator==(const CreditGrant &, const CreditGrant &) = default;
};

struct SignedGrant {
    QByteArray payload;
    QByteArray treasuryKey;
    QByteArray signature;
    CreditGrant grant;

    static SignedGrant sign(const CreditGrant &g, const crypto::SigningKey &treasury);
    QByteArray toCbor() const;
    // Strict; checks the signature and that it is `treasuryKey`'s (the
    // network file's) and for `network`.
    static Result<SignedGrant> fromCbor(const QByteArray &bytes, const QByteArray &treasuryKey, const QString &network);
};

// What an account has been granted and has spent, as a validator counts it
// from signed records only.
struct CreditAccount {
    qint64 granted = 0;
    qint64 spent = 0;
    qint64 balance() const { return granted - spent; }
    friend bool operator==(const CreditAccount &, const CreditAccount &) = default;
};

// A validator's book of every account's credits: grants (treasury-signed)
// in, contracts (client-signed, node-countersigned: their whole cost) and
// bandwidth orders (client-signed: bytes at the egress price) out. Each
// signed record counts once. Not a local counter: every line rests on a
// signature anyone can check.
class CreditBook {
public:
    CreditBook(QByteArray treasuryKey, QString network, Economics economics);

    Status addGrant(const QByteArray &signedGrant);
    // Returns the amount charged (0 for a record already counted).
    Result<qint64> addContract(const QByteArray &signedContract);
    Result<qint64> addOrder(const QByteArray &signedOrder);

    CreditAccount account(const crypto::NodeId &id) const;
    // Accounts changed since the last takeChanged(), and the grants taken in.
    QList<crypto::NodeId> takeChanged();
    QList<QByteArray> takeNewGrants();

    QByteArray save() const;
    Status load(const QByteArray &cbor);

private:
    void charge(const crypto::NodeId &id, qint64 amount);

    QByteArray m_treasuryKey;
    QString m_network;
    Economics m_economics;
    QHash<QByteArray, CreditAccount> m_accounts; // by account id bytes
    QSet<QByteArray> m_seen;                     // SHA-256 of each record counted
    QSet<QByteArray> m_changed;
    QList<QByteArray> m_newGrants;
};

// A validator's signed answer to "what is this account's balance":
//   { "p": { "v", "type": "balance", "validator", "account", "granted",
//            "spent", "time" }, "k": key, "s": sig over "stratus balance v1" || 0 || p }
struct BalanceNote {
    crypto::NodeId validator;
    crypto::NodeId account;
    CreditAccount credits;
    qint64 timeMs = 0;

    QByteArray sign(const crypto::SigningKey &key) const;
    static Result<BalanceNote> verify(const QByteArray &signedNote);
};

// The balance the counted validators agree on: the median of their notes
// (each verified, one per validator in `counted`); nothing without a note.
std::optional<CreditAccount> medianBalance(const QList<QByteArray> &signedNotes, const QList<crypto::NodeId> &counted,
                                           const crypto::NodeId &account);

// What storing `bytes` for `ms` costs a client at the network's price (as
// node::contractCost computes it for a contract).
qint64 storageCost(const Economics &e, qint64 bytes, qint64 ms);

} // namespace stratus::ledger
