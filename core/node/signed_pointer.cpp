#include "node/signed_pointer.h"

#include "node/cbor_strict.h"

#include <QCborMap>
#include <QCborValue>

using namespace Qt::StringLiterals;

namespace stratus::node {

namespace {

const QString kWhat = u"pointer"_s;
constexpr qint64 kMaxSequence = (qint64(1) << 53) - 1;

QCborMap unsignedMap(const SignedPointer &p)
{
    QCborMap m;
    m.insert(u"v"_s, 1);
    m.insert(u"type"_s, u"stratus.pointer"_s);
    m.insert(u"key"_s, p.publicKey);
    m.insert(u"salt"_s, p.salt);
    m.insert(u"seq"_s, p.sequence);
    m.insert(u"value"_s, p.value);
    return m;
}

QByteArray signedBytes(const SignedPointer &p) { return unsignedMap(p).toCborValue().toCbor(); }

Status checkLimits(const SignedPointer &p)
{
    if (p.salt.size() > SignedPointer::kMaxSalt)
        return makeError(u"a pointer's salt has at most %1 bytes"_s.arg(SignedPointer::kMaxSalt));
    if (p.value.size() > SignedPointer::kMaxValue)
        return makeError(
            u"a pointer holds at most %1 bytes; this value has %2"_s.arg(SignedPointer::kMaxValue).arg(p.value.size()));
    if (p.sequence < 0 || p.sequence > kMaxSequence)
        return makeError(u"a pointer's sequence number is out of range"_s);
    return {};
}

} // namespace

Result<SignedPointer> SignedPointer::sign(const crypto::SigningKey &key, const QByteArray &salt, qint64 sequence,
                                          const QByteArray &value)
{
    SignedPointer p;
    p.publicKey = key.publicKey();
    p.salt = salt;
    p.sequence = sequence;
    p.value = value;
    if (Status st = checkLimits(p); !st)
        return st.error();
    p.signature = key.sign(signedBytes(p));
    return p;
}

QByteArray SignedPointer::encode() const
{
    QCborMap m = unsignedMap(*this);
    m.insert(u"sig"_s, signature);
    return m.toCborValue().toCbor();
}

Result<SignedPointer> SignedPointer::decode(const QByteArray &bytes)
{
    auto map = cbor::parseMap(bytes, kMaxEncoded, kWhat);
    if (!map)
        return map.error();
    if (Status st =
            cbor::checkKeys(*map, {u"v"_s, u"type"_s, u"key"_s, u"salt"_s, u"seq"_s, u"value"_s, u"sig"_s}, {}, kWhat);
        !st)
        return st.error();
    if (Status st = cbor::checkHeader(*map, 1, u"stratus.pointer"_s, kWhat); !st)
        return st.error();
    const auto key = cbor::bytesField(*map, u"key"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto salt = cbor::bytesField(*map, u"salt"_s, 0, kMaxSalt);
    const auto seq = cbor::uintField(*map, u"seq"_s, kMaxSequence);
    const auto value = cbor::bytesField(*map, u"value"_s, 0, kMaxValue);
    const auto sig = cbor::bytesField(*map, u"sig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!key || !salt || !seq || !value || !sig)
        return cbor::malformed(kWhat, u"a field is missing, of the wrong type or out of range"_s);
    SignedPointer p{*key, *salt, *seq, *value, *sig};
    if (Status st = cbor::checkCanonical(bytes, p.encode(), kWhat); !st)
        return st.error();
    if (!crypto::verifySignature(p.publicKey, signedBytes(p), p.signature))
        return makeError(u"the pointer's signature does not verify"_s);
    return p;
}

} // namespace stratus::node
