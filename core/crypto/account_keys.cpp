#include "crypto/account_keys.h"

#include "crypto/kdf.h"

namespace stratus::crypto {

AccountKeys AccountKeys::derive(const RecoverySecret &secret)
{
    const QByteArray salt("stratus/account/v1");
    AccountKeys k;
    k.signingSeed = deriveKey(secret.key(), salt, QByteArray("account-signing"));
    k.dataMaster = deriveKey(secret.key(), salt, QByteArray("data-master"));
    k.dedup = deriveKey(secret.key(), salt, QByteArray("dedup"));
    return k;
}

} // namespace stratus::crypto
