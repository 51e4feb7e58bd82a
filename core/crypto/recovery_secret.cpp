#include "crypto/recovery_secret.h"

#include "crypto/base32.h"
#include "crypto/hash.h"
#include "crypto/random.h"

using namespace Qt::StringLiterals;

namespace stratus::crypto {

static constexpr int kDataPerGroup = 4;
static constexpr int kGroupWidth = kDataPerGroup + 1;

static unsigned checksumBits(const Key256 &key)
{
    std::uint8_t digest[32];
    sha256(key.data(), Key256::size, digest);
    return digest[0] >> 4;
}

RecoverySecret RecoverySecret::generate() { return fromKey(randomKey()); }

RecoverySecret RecoverySecret::fromKey(const Key256 &key)
{
    RecoverySecret s;
    s.m_key = key;
    return s;
}

QString RecoverySecret::toString() const
{
    QByteArray raw = m_key.toByteArray();
    const QString chars = base32::encode(raw, checksumBits(m_key));
    raw.fill('\0');
    return base32::grouped(base32::addChecks(chars, kDataPerGroup), kGroupWidth);
}

Result<RecoverySecret> RecoverySecret::parse(QStringView text)
{
    const QString norm = base32::normalize(text);
    const qsizetype expected = kGroups * kGroupWidth;
    if (norm.size() != expected) {
        return makeError(u"a recovery secret has %1 groups of %2 characters (%3 in all), but %4 characters were "
                         u"given: check for a missing or extra character"_s.arg(kGroups)
                             .arg(kGroupWidth)
                             .arg(expected)
                             .arg(norm.size()));
    }
    const base32::CheckedText checked = base32::stripChecks(norm, kDataPerGroup);
    if (checked.badGroup >= 0) {
        const QString group = norm.mid(checked.badGroup * kGroupWidth, kGroupWidth);
        if (!checked.badCharacter.isEmpty())
            return makeError(
                u"group %1 (\"%2\") contains '%3', which never appears in a recovery secret"_s.arg(checked.badGroup + 1)
                    .arg(group, checked.badCharacter));
        return makeError(
            u"group %1 (\"%2\") has a typo: its check character does not match"_s.arg(checked.badGroup + 1).arg(group));
    }
    const auto decoded = base32::decode(checked.chars, Key256::size);
    if (!decoded)
        return makeError(u"the recovery secret could not be decoded"_s);
    Key256 key;
    Key256::fromBytes(decoded->bytes, key);
    if (decoded->tailBits != checksumBits(key))
        return makeError(u"the recovery secret's checksum does not match: groups may be out of order"_s);
    return fromKey(key);
}

} // namespace stratus::crypto
