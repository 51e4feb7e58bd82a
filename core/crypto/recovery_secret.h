#pragma once

#include "common/result.h"
#include "crypto/secret.h"

#include <QString>

namespace stratus::crypto {

// The 256-bit secret an account is made from, shown to the user once.
//
// Text form: 13 groups of 5 characters, "7KQ2M-XV0PA-...". The 256 bits and a
// 4-bit checksum (from SHA-256 of the secret) are written as 52 base32
// characters, 4 per group, each group followed by a check character (Luhn
// mod 32 that also covers the group's position). A mistyped character is
// reported with the group it is in; swapped groups fail the checks; anything
// that slips through the group checks is caught by the checksum bits.
class RecoverySecret {
public:
    static constexpr int kGroups = 13;
    static constexpr int kGroupWidth = 5;

    // What is wrong with a typed secret, for a UI to word (parse() words it
    // in English).
    struct Problem {
        enum class Kind { None, Length, BadCharacter, Typo, Undecodable, Checksum };
        Kind kind = Kind::None;
        int given = 0;     // Length: characters typed (separators left out)
        int group = 0;     // BadCharacter, Typo: 1-based
        QString groupText; // BadCharacter, Typo: the group as typed
        QString character; // BadCharacter
    };
    static Problem diagnose(QStringView text);

    static RecoverySecret generate();
    static RecoverySecret fromKey(const Key256 &key);
    static Result<RecoverySecret> parse(QStringView text);

    const Key256 &key() const { return m_key; }
    QString toString() const;

private:
    Key256 m_key;
};

} // namespace stratus::crypto
