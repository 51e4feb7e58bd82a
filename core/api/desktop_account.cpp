#include "api/desktop_account.h"

#include "common/key_file.h"
#include "crypto/random.h"
#include "crypto/recovery_secret.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

const QString kSecretFile = u"account.secret"_s;

} // namespace

bool hasAccount(const QString &dataDir) { return QFileInfo::exists(QDir(dataDir).filePath(kSecretFile)); }

QString generateRecoverySecret() { return crypto::RecoverySecret::generate().toString(); }

Status checkRecoverySecret(const QString &text)
{
    auto secret = crypto::RecoverySecret::parse(text.trimmed());
    if (!secret)
        return secret.error();
    return {};
}

Status restoreAccount(const QString &dataDir, const QString &secretText)
{
    auto secret = crypto::RecoverySecret::parse(secretText.trimmed());
    if (!secret)
        return secret.error();
    if (dataDir.isEmpty())
        return makeError(u"no data directory given"_s);
    const QString dir = QDir(dataDir).absolutePath();
    if (hasAccount(dir))
        return makeError(u"%1 already holds an account"_s.arg(dir));
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create the data directory %1"_s.arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The same files openClient() creates; the secret goes last because its
    // presence marks a complete account.
    if (Status st = writeKeyFile(dir + u"/device.seed"_s, crypto::randomKey().toByteArray()); !st)
        return st;
    if (Status st = writeKeyFile(dir + u"/database.key"_s, crypto::randomKey().toByteArray()); !st)
        return st;
    return writeKeyFile(dir + u'/' + kSecretFile, secret->toString().toLatin1() + '\n');
}

} // namespace stratus::api
