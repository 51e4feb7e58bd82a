#include "client/local_account.h"

#include "client/key_store.h"
#include "client/log.h"
#include "common/key_file.h"
#include "crypto/random.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

const QString kSecretFile = u"account.secret"_s;

Status createAccountFiles(const QString &dir, const crypto::RecoverySecret &secret, KeyStore &store)
{
    // The secret goes last: its presence marks a complete account.
    if (Status st = store.save(DeviceSecrets{crypto::randomKey(), crypto::randomKey()}); !st)
        return st;
    return writeKeyFile(dir + u'/' + kSecretFile, secret.toString().toLatin1() + '\n');
}

} // namespace

Result<LocalAccount> openOrCreateAccount(const QString &dataDir, KeyStore *keyStore)
{
    if (dataDir.isEmpty())
        return makeError(u"no data directory given"_s);
    const QString dir = QDir(dataDir).absolutePath();
    if (QFileInfo(dir).exists() && !QFileInfo(dir).isDir())
        return makeError(u"%1 is not a directory"_s.arg(dir));
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create the data directory %1"_s.arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    FileKeyStore files(dir);
    KeyStore &store = keyStore ? *keyStore : files;
    LocalAccount account;
    account.dataDir = dir;
    const QString secretPath = dir + u'/' + kSecretFile;
    if (!QFileInfo::exists(secretPath)) {
        if (Status st = createAccountFiles(dir, crypto::RecoverySecret::generate(), store); !st)
            return makeError(u"cannot create an account in %1: %2"_s.arg(dir, st.message()));
        account.created = true;
        qCDebug(lcClient).noquote() << "created a new account in" << dir;
    }

    Result<QByteArray> secretText = readPrivateFile(secretPath, 1024);
    if (!secretText)
        return secretText.error();
    Result<crypto::RecoverySecret> secret = crypto::RecoverySecret::parse(QString::fromLatin1(secretText->trimmed()));
    if (!secret)
        return makeError(u"%1 is damaged: %2"_s.arg(secretPath, secret.message()));
    Result<DeviceSecrets> keys = store.load();
    if (!keys)
        return keys.error();

    account.secret = secret.value();
    account.keys = crypto::AccountKeys::derive(account.secret);
    account.device = std::make_shared<crypto::SigningKey>(keys->deviceSeed);
    account.databaseKey = keys->databaseKey;
    account.accountId = crypto::NodeId::fromPublicKey(crypto::SigningKey(account.keys.signingSeed).publicKey());
    account.deviceId = crypto::NodeId::fromPublicKey(account.device->publicKey());
    return account;
}

bool hasAccount(const QString &dataDir) { return QFileInfo::exists(dataDir + u'/' + kSecretFile); }

Result<LocalAccount> restoreAccount(const QString &dataDir, const QString &secretText, KeyStore *keyStore)
{
    auto secret = crypto::RecoverySecret::parse(secretText.trimmed());
    if (!secret)
        return makeError(u"that is not the recovery secret: %1"_s.arg(secret.message()));
    if (dataDir.isEmpty())
        return makeError(u"no data directory given"_s);
    const QString dir = QDir(dataDir).absolutePath();
    if (hasAccount(dir))
        return makeError(u"%1 already holds an account; restore into a new data directory"_s.arg(dir));
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create the data directory %1"_s.arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    FileKeyStore files(dir);
    if (Status st = createAccountFiles(dir, secret.value(), keyStore ? *keyStore : files); !st)
        return makeError(u"cannot write the account into %1: %2"_s.arg(dir, st.message()));
    auto account = openOrCreateAccount(dir, keyStore);
    if (account)
        account->created = false;
    return account;
}

} // namespace stratus::client
