#pragma once

#include "crypto/recovery_secret.h"
#include "crypto/secret.h"

namespace stratus::crypto {

// The keys an account derives from its recovery secret with HKDF-SHA-256
// (salt "stratus/account/v1"; info names the key). Nothing else is needed to
// restore an account on a new machine.
struct AccountKeys {
    Key256 signingSeed; // Ed25519 seed of the account key
    Key256 dataMaster;  // root of per-chunk and manifest encryption keys
    Key256 dedup;       // keys the hash that names chunks

    static AccountKeys derive(const RecoverySecret &secret);
};

} // namespace stratus::crypto
