#include "crypto/node_id.h"

#include "crypto/base32.h"
#include "crypto/hash.h"

using namespace Qt::StringLiterals;

namespace stratus::crypto {

static constexpr int kDataGroup = 13;
static constexpr int kDisplayGroup = 7;
static constexpr qsizetype kTextLength = 56;

NodeId NodeId::fromPublicKey(const QByteArray &publicKey)
{
    NodeId id;
    id.m_bytes = sha256(publicKey);
    return id;
}

Result<NodeId> NodeId::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() != kSize)
        return makeError(u"a node id is %1 bytes, not %2"_s.arg(kSize).arg(bytes.size()));
    NodeId id;
    id.m_bytes = bytes;
    return id;
}

QString NodeId::toString() const
{
    if (isNull())
        return {};
    return base32::grouped(base32::addChecks(base32::encode(m_bytes), kDataGroup), kDisplayGroup);
}

QString NodeId::shortString() const { return toString().left(kDisplayGroup); }

Result<NodeId> NodeId::parse(QStringView text)
{
    const QString norm = base32::normalize(text);
    if (norm.size() != kTextLength)
        return makeError(u"a node id has %1 characters (8 groups of 7), but \"%2\" has %3"_s.arg(kTextLength)
                             .arg(text.toString())
                             .arg(norm.size()));
    const base32::CheckedText checked = base32::stripChecks(norm, kDataGroup);
    if (checked.badGroup >= 0) {
        const int first = checked.badGroup * (kDataGroup + 1) + 1;
        if (!checked.badCharacter.isEmpty())
            return makeError(u"node id contains '%1', which is not a valid character"_s.arg(checked.badCharacter));
        return makeError(u"node id has a typo in characters %1-%2 (check character does not match)"_s.arg(first).arg(
            first + kDataGroup));
    }
    const auto decoded = base32::decode(checked.chars, kSize);
    if (!decoded || decoded->tailBits != 0)
        return makeError(u"node id \"%1\" is not valid"_s.arg(text.toString()));
    return fromBytes(decoded->bytes);
}

} // namespace stratus::crypto
