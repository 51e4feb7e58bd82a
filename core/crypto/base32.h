#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace stratus::crypto::base32 {

// Crockford-style alphabet for text people read aloud and type: digits and
// upper-case letters without I, L, O and U. Parsing is case-insensitive and
// reads I/L as 1 and O as 0.
inline constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Index of a character in the alphabet, after normalisation; -1 if invalid.
int indexOf(QChar c);

// Encodes bytes MSB-first, 5 bits a character; the last character is padded
// with zero bits (or with `tailBits` if given, which must fit in the padding).
QString encode(const QByteArray &bytes, unsigned tailBits = 0);

// Decodes exactly `byteCount` bytes from normalised characters (see
// normalize()); returns the bytes and the unused trailing bits, or nothing.
struct Decoded {
    QByteArray bytes;
    unsigned tailBits = 0;
};
std::optional<Decoded> decode(QStringView normalized, qsizetype byteCount);

// Upper-cases, maps I/L→1 and O→0, and drops separators ('-', ' ', tabs).
QString normalize(QStringView text);

// A Luhn mod 32 check character over `chars` (alphabet characters) and a
// position index, so that a typo or two swapped neighbours inside a group, or
// two swapped groups, change the check.
QChar checkCharacter(QStringView chars, int groupIndex);

} // namespace stratus::crypto::base32

namespace stratus::crypto::base32 {

// Splits `chars` into groups of `groupLength` and appends a check character
// to each group.
QString addChecks(QStringView chars, int groupLength);

// The reverse of addChecks() on normalised text: verifies each group's check
// character. On failure `badGroup` is the 0-based group that does not match.
struct CheckedText {
    QString chars;
    int badGroup = -1;
    QString badCharacter;
};
CheckedText stripChecks(QStringView normalized, int groupLength);

// Inserts `separator` between groups of `width` characters.
QString grouped(QStringView chars, int width, QChar separator = QLatin1Char('-'));

} // namespace stratus::crypto::base32
