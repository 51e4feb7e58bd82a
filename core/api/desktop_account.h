#pragma once

// What the desktop app's first-run wizard needs about accounts beyond
// openClient(): checking a typed recovery secret (naming the group a typo is
// in) and restoring an account from it into a data directory.

#include "common/result.h"

#include <QString>

namespace stratus::api {

// True when `dataDir` holds an account (its recovery secret file).
bool hasAccount(const QString &dataDir);

// A new recovery secret in its text form (13 groups of 5), not yet stored:
// the wizard shows it, asks for a few groups back, then restoreAccount()s it.
QString generateRecoverySecret();

// Checks a recovery secret as typed ("7KQ2M-XV0PA-..."); the error says
// which group holds a mistyped character.
Status checkRecoverySecret(const QString &text);

// The same, for a UI to word in its language.
struct SecretProblem {
    enum class Kind { None, Length, BadCharacter, Typo, Undecodable, Checksum };
    Kind kind = Kind::None;
    int groups = 0;     // how many groups a secret has
    int groupWidth = 0; // characters per group
    int given = 0;      // Length: characters typed (separators left out)
    int group = 0;      // BadCharacter, Typo: 1-based
    QString groupText;  // BadCharacter, Typo: that group as typed
    QString character;  // BadCharacter
};
SecretProblem diagnoseRecoverySecret(const QString &text);

// Makes `dataDir` hold the account of `secretText` with a new device key.
// Refuses a data directory that already holds an account.
Status restoreAccount(const QString &dataDir, const QString &secretText);

} // namespace stratus::api
