#include "api/desktop_account.h"

#include "client/local_account.h"
#include "crypto/recovery_secret.h"

using namespace Qt::StringLiterals;

namespace stratus::api {

bool hasAccount(const QString &dataDir) { return client::hasAccount(dataDir); }

QString generateRecoverySecret() { return crypto::RecoverySecret::generate().toString(); }

Status checkRecoverySecret(const QString &text)
{
    auto secret = crypto::RecoverySecret::parse(text.trimmed());
    if (!secret)
        return secret.error();
    return {};
}

SecretProblem diagnoseRecoverySecret(const QString &text)
{
    using Secret = crypto::RecoverySecret;
    const Secret::Problem p = Secret::diagnose(text.trimmed());
    SecretProblem out;
    out.kind = static_cast<SecretProblem::Kind>(p.kind);
    out.groups = Secret::kGroups;
    out.groupWidth = Secret::kGroupWidth;
    out.given = p.given;
    out.group = p.group;
    out.groupText = p.groupText;
    out.character = p.character;
    return out;
}

Status restoreAccount(const QString &dataDir, const QString &secretText)
{
    auto account = client::restoreAccount(dataDir, secretText);
    if (!account)
        return account.error();
    return {};
}

} // namespace stratus::api
