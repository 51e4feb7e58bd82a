#pragma once

#include "common/result.h"
#include "crypto/account_keys.h"
#include "crypto/node_id.h"
#include "crypto/recovery_secret.h"
#include "crypto/signing_key.h"

#include <QString>

#include <memory>

namespace stratus::client {

// The account and device keys of one data directory, kept as DESIGN.md says
// for headless use: files readable by their owner only.
//
//   DIR/account.secret   the recovery secret, in its text form
//   DIR/device.seed      32 bytes: this device's Ed25519 seed
//   DIR/database.key     32 bytes: the SQLCipher key of DIR's databases
//
// A file that others may read is refused (as ssh refuses a readable key).
struct LocalAccount {
    QString dataDir;
    crypto::RecoverySecret secret;
    crypto::AccountKeys keys;
    std::shared_ptr<crypto::SigningKey> device;
    crypto::Key256 databaseKey;
    crypto::NodeId accountId; // SHA-256 of the account's public key
    crypto::NodeId deviceId;
    bool created = false; // made by this call
};

class KeyStore;

// Opens the account in `dataDir`, creating the directory (0700) and a new
// account in it when it has none. The device seed and the database key are
// kept in `keyStore` (key_store.h: a passphrase, the OS keychain); without
// one, in the key files above.
Result<LocalAccount> openOrCreateAccount(const QString &dataDir, KeyStore *keyStore = nullptr);

// Makes `dataDir` a new device of the account whose recovery secret is
// `secretText` (a typo is reported with the group it is in). Refused when
// the directory already holds an account. `keyStore` as for
// openOrCreateAccount().
Result<LocalAccount> restoreAccount(const QString &dataDir, const QString &secretText, KeyStore *keyStore = nullptr);

// Whether `dataDir` holds an account.
bool hasAccount(const QString &dataDir);

} // namespace stratus::client
