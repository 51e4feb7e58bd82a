#include "crypto/recovery_secret.h"

#include "crypto/base32.h"
#include "crypto/hash.h"
#include "crypto/random.h"

using namespace Qt::StringLiterals;

namespace stratus::crypto {

static constexpr int kDataPerGroup = 4;
static_assert(RecoverySecret::kGroupWidth == kDataPerGroup + 1);

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

namespace {

struct Decoded {
    RecoverySecret::Problem problem;
    Key256 key;
};

Decoded decodeSecret(QStringView text)
{
    using Kind = RecoverySecret::Problem::Kind;
    Decoded out;
    const QString norm = base32::normalize(text);
    const qsizetype expected = RecoverySecret::kGroups * RecoverySecret::kGroupWidth;
    if (norm.size() != expected) {
        out.problem.kind = Kind::Length;
        out.problem.given = static_cast<int>(norm.size());
        return out;
    }
    const base32::CheckedText checked = base32::stripChecks(norm, kDataPerGroup);
    if (checked.badGroup >= 0) {
        out.problem.kind = checked.badCharacter.isEmpty() ? Kind::Typo : Kind::BadCharacter;
        out.problem.group = checked.badGroup + 1;
        out.problem.groupText = norm.mid(checked.badGroup * RecoverySecret::kGroupWidth, RecoverySecret::kGroupWidth);
        out.problem.character = checked.badCharacter;
        return out;
    }
    const auto decoded = base32::decode(checked.chars, Key256::size);
    if (!decoded) {
        out.problem.kind = Kind::Undecodable;
        return out;
    }
    Key256::fromBytes(decoded->bytes, out.key);
    if (decoded->tailBits != checksumBits(out.key))
        out.problem.kind = Kind::Checksum;
    return out;
}

} // namespace

RecoverySecret::Problem RecoverySecret::diagnose(QStringView text) { return decodeSecret(text).problem; }

Result<RecoverySecret> RecoverySecret::parse(QStringView text)
{
    using Kind = Problem::Kind;
    const Decoded d = decodeSecret(text);
    const Problem &p = d.problem;
    switch (p.kind) {
    case Kind::None:
        return fromKey(d.key);
    case Kind::Length:
        return makeError(u"a recovery secret has %1 groups of %2 characters (%3 in all), but %4 characters were "
                         u"given: check for a missing or extra character"_s.arg(kGroups)
                             .arg(kGroupWidth)
                             .arg(kGroups * kGroupWidth)
                             .arg(p.given));
    case Kind::BadCharacter:
        return makeError(
            u"group %1 (\"%2\") contains '%3', which never appears in a recovery secret"_s.arg(p.group).arg(
                p.groupText, p.character));
    case Kind::Typo:
        return makeError(
            u"group %1 (\"%2\") has a typo: its check character does not match"_s.arg(p.group).arg(p.groupText));
    case Kind::Undecodable:
        return makeError(u"the recovery secret could not be decoded"_s);
    case Kind::Checksum:
        return makeError(u"the recovery secret's checksum does not match: groups may be out of order"_s);
    }
    return makeError(u"the recovery secret could not be decoded"_s);
}

} // namespace stratus::crypto
