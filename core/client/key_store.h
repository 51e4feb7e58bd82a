#pragma once

#include "common/result.h"
#include "crypto/secret.h"

#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace stratus::client {

// The two per-device secrets of a data directory (DESIGN.md "Identities and
// keys"): the device's Ed25519 seed and the SQLCipher key of its databases.
// The account's recovery secret is not among them: it stays in
// DIR/account.secret (local_account.h).
struct DeviceSecrets {
    crypto::Key256 deviceSeed;
    crypto::Key256 databaseKey;
};

// Where a data directory keeps its DeviceSecrets.
class KeyStore {
public:
    virtual ~KeyStore() = default;
    // Where the secrets are, for people ("owner-only files in /srv/stratus").
    virtual QString description() const = 0;
    // Whether secrets were saved here.
    virtual bool hasSecrets() = 0;
    virtual Result<DeviceSecrets> load() = 0;
    virtual Status save(const DeviceSecrets &secrets) = 0;
};

// Headless default: DIR/device.seed and DIR/database.key, 32 bytes each,
// readable by their owner only (a file others may read is refused).
class FileKeyStore final : public KeyStore {
public:
    explicit FileKeyStore(QString dir) : m_dir(std::move(dir)) {}
    QString description() const override;
    bool hasSecrets() override;
    Result<DeviceSecrets> load() override;
    Status save(const DeviceSecrets &secrets) override;

private:
    QString m_dir;
};

// Argon2id cost: memory in KiB, passes, lanes.
struct Argon2Params {
    quint32 memoryKiB = 64 * 1024;
    quint32 iterations = 3;
    quint32 parallelism = 1;
};

// A passphrase: Argon2id(passphrase, random salt) gives the key that seals
// the secrets with AES-256-GCM into DIR/keys.sealed (owner-only), together
// with the salt and the Argon2id cost.
class PassphraseKeyStore final : public KeyStore {
public:
    static constexpr const char *kFileName = "keys.sealed";
    // `params` applies to what save() writes; load() uses the file's own.
    PassphraseKeyStore(QString dir, QString passphrase, Argon2Params params = {});
    QString description() const override;
    bool hasSecrets() override;
    Result<DeviceSecrets> load() override;
    Status save(const DeviceSecrets &secrets) override;

private:
    QString path() const;
    QString m_dir;
    QString m_passphrase;
    Argon2Params m_params;
};

// The passphrase for headless use: $STRATUS_PASSPHRASE, or the systemd
// credential $CREDENTIALS_DIRECTORY/stratus-passphrase. Nothing when neither.
std::optional<QString> passphraseFromEnvironment();

// The OS keychain through QtKeychain (Secret Service, macOS Keychain,
// Windows Credential Store). Every keychain call is given `timeout`; when no
// keychain answers in time or it reports an error (as in CI: no D-Bus secret
// service), the secrets go to `fallback` instead, and fallbackReason() says
// why. Needs a QCoreApplication. Each keychain call runs on a thread of its
// own and blocks the caller at most `timeout`.
class KeychainKeyStore final : public KeyStore {
public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{3000};
    KeychainKeyStore(QString dir, std::unique_ptr<KeyStore> fallback,
                     std::chrono::milliseconds timeout = kDefaultTimeout);
    ~KeychainKeyStore() override;
    QString description() const override;
    bool hasSecrets() override;
    Result<DeviceSecrets> load() override;
    Status save(const DeviceSecrets &secrets) override;

    // Empty while the keychain is in use; else why the fallback is taken.
    QString fallbackReason() const { return m_fallbackReason; }
    bool usingFallback() const { return !m_fallbackReason.isEmpty(); }

private:
    // Asks the keychain once for the entry of this directory.
    void probe();
    void useFallback(const QString &reason);

    QString m_dir;
    std::unique_ptr<KeyStore> m_fallback;
    std::chrono::milliseconds m_timeout;
    bool m_probed = false;
    std::optional<QByteArray> m_entry; // what the keychain holds, when it answered
    QString m_fallbackReason;
};

} // namespace stratus::client
