#pragma once

#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "ledger/credits.h"
#include "ledger/economics.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QTimer;

namespace stratus::net {
class ControlServer;
}
namespace stratus::validator {
class ValidatorService;
}

namespace stratus::ledger {

// The paper node's credit desk (ECONOMICS.md "Credits"): keeps every
// account's balance from signed records only — treasury grants that clients
// hand in, contracts and bandwidth orders that storage nodes report — answers
// signed balance notes, and each epoch publishes the grants it took in and
// the balances that changed into its transparency log (entries of kind
// "credits"). With the treasury key (a devnet's paper1) it is also the
// faucet that grants a new account its first credits.
//
// Requests (on `server`): credit-grant {grant} → {note}; spend {contracts:
// [..], orders: [..]} → {charged}; balance {account} → {note}; faucet → {grant}.
class CreditService : public QObject {
    Q_OBJECT
public:
    struct Config {
        QString stateFile; // where the book is kept (DIR/validator/credits.cbor)
        QByteArray treasuryKey;
        QString network;
        Economics economics;
        qint64 epochMs = 0;
        qint64 genesisMs = 0;
        std::optional<crypto::Key256> faucetSeed; // the treasury's seed: run the faucet
    };

    CreditService(validator::ValidatorService &validator, const crypto::SigningKey &identity,
                  net::ControlServer &server, Config config, QObject *parent = nullptr);
    ~CreditService() override;

    CreditAccount account(const crypto::NodeId &id) const { return m_book.account(id); }

private:
    void publish();
    void save();

    validator::ValidatorService &m_validator;
    crypto::SigningKey m_identity;
    crypto::NodeId m_id;
    net::ControlServer &m_server;
    Config m_config;
    CreditBook m_book;
    std::unique_ptr<crypto::SigningKey> m_faucet;
    QHash<QByteArray, QByteArray> m_faucetGrants; // account id -> the signed grant it got
    QTimer *m_timer = nullptr;
    qint64 m_epoch = 0;
    bool m_dirty = false;
};

} // namespace stratus::ledger
