#include "translog/tree_head.h"

#include "translog/proof_verify.h"

#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>
#include <QtEndian>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::translog {

namespace {

const QByteArray kDomain("stratus tree head v1");
constexpr qint64 kVersion = 1;

const QString kV = u"v"_s;
const QString kKey = u"key"_s;
const QString kSize = u"size"_s;
const QString kTime = u"time"_s;
const QString kRoot = u"root"_s;
const QString kSig = u"sig"_s;

Error malformed(const QString &why) { return makeError(u"malformed signed tree head: %1"_s.arg(why)); }

} // namespace

QByteArray TreeHead::signedMessage() const
{
    QByteArray m;
    m.reserve(kDomain.size() + publicKey.size() + 8 + 8 + 32);
    m += kDomain;
    m += publicKey;
    char number[8];
    qToBigEndian<quint64>(treeSize, number);
    m.append(number, 8);
    qToBigEndian<qint64>(timestampMs, number);
    m.append(number, 8);
    m += toByteArray(rootHash);
    return m;
}

crypto::NodeId SignedTreeHead::logId() const { return crypto::NodeId::fromPublicKey(head.publicKey); }

SignedTreeHead SignedTreeHead::sign(TreeHead head, const crypto::SigningKey &key)
{
    head.publicKey = key.publicKey();
    SignedTreeHead s;
    s.signature = key.sign(head.signedMessage());
    s.head = std::move(head);
    return s;
}

Status SignedTreeHead::verify() const
{
    if (head.publicKey.size() != crypto::kEd25519PublicKeySize)
        return makeError(u"the signed tree head's key is %1 bytes, not %2"_s.arg(head.publicKey.size())
                             .arg(crypto::kEd25519PublicKeySize));
    if (signature.size() != crypto::kEd25519SignatureSize)
        return makeError(u"the signed tree head's signature is %1 bytes, not %2"_s.arg(signature.size())
                             .arg(crypto::kEd25519SignatureSize));
    if (!crypto::verifySignature(head.publicKey, head.signedMessage(), signature))
        return makeError(
            u"the tree head of size %1 is not signed by the key of log %2 (bad signature)"_s.arg(head.treeSize)
                .arg(logId().shortString()));
    return {};
}

QByteArray SignedTreeHead::toCbor() const
{
    return QCborMap{{kV, kVersion},
                    {kKey, head.publicKey},
                    {kSize, static_cast<qint64>(head.treeSize)},
                    {kTime, head.timestampMs},
                    {kRoot, toByteArray(head.rootHash)},
                    {kSig, signature}}
        .toCborValue()
        .toCbor();
}

Result<SignedTreeHead> SignedTreeHead::decodeUnverified(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return malformed(u"it is empty"_s);
    if (bytes.size() > kMaxSignedTreeHeadSize)
        return malformed(u"it is %1 bytes, more than the %2 allowed"_s.arg(bytes.size()).arg(kMaxSignedTreeHeadSize));
    QCborStreamReader reader(bytes);
    if (!reader.isMap())
        return malformed(u"it is not a CBOR map"_s);
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return malformed(u"CBOR error: %1"_s.arg(reader.lastError().toString()));
    if (reader.currentOffset() != bytes.size())
        return malformed(u"trailing bytes after the map"_s);
    const QCborMap map = value.toMap();
    if (map.size() != 6)
        return malformed(u"it has %1 fields, not 6"_s.arg(map.size()));
    for (const QString &key : {kV, kKey, kSize, kTime, kRoot, kSig}) {
        if (!map.contains(key))
            return malformed(u"the field \"%1\" is missing"_s.arg(key));
    }
    const QCborValue v = map.value(kV);
    if (!v.isInteger() || v.toInteger() != kVersion)
        return makeError(u"signed tree head version %1 is not supported (this Stratus reads version %2)"_s
                             .arg(v.isInteger() ? QString::number(v.toInteger()) : u"?"_s)
                             .arg(kVersion));
    const QCborValue key = map.value(kKey);
    if (!key.isByteArray() || key.toByteArray().size() != crypto::kEd25519PublicKeySize)
        return malformed(u"\"key\" is not a 32-byte Ed25519 public key"_s);
    const QCborValue size = map.value(kSize);
    if (!size.isInteger() || size.toInteger() < 0)
        return malformed(u"\"size\" is not an entry count"_s);
    const QCborValue time = map.value(kTime);
    if (!time.isInteger())
        return malformed(u"\"time\" is not an integer"_s);
    const QCborValue root = map.value(kRoot);
    const auto rootHash = root.isByteArray() ? hashFromBytes(root.toByteArray()) : std::nullopt;
    if (!rootHash)
        return malformed(u"\"root\" is not a 32-byte hash"_s);
    const QCborValue sig = map.value(kSig);
    if (!sig.isByteArray() || sig.toByteArray().size() != crypto::kEd25519SignatureSize)
        return malformed(u"\"sig\" is not a 64-byte Ed25519 signature"_s);

    SignedTreeHead s;
    s.head.publicKey = key.toByteArray();
    s.head.treeSize = static_cast<quint64>(size.toInteger());
    s.head.timestampMs = time.toInteger();
    s.head.rootHash = *rootHash;
    s.signature = sig.toByteArray();
    // Only the one encoding we write is accepted: this refuses reordered
    // keys, non-minimal integers, indefinite lengths, tags and the like, so
    // a head has exactly one byte form.
    if (s.toCbor() != bytes)
        return malformed(u"it is not in canonical form (the fields are right, but encoded differently than Stratus "
                         u"encodes them)"_s);
    return s;
}

Result<SignedTreeHead> SignedTreeHead::fromCbor(const QByteArray &bytes)
{
    auto s = decodeUnverified(bytes);
    if (!s)
        return s;
    if (Status st = s->verify(); !st)
        return st.error();
    return s;
}

Status verifyHeadConsistency(const SignedTreeHead &older, const SignedTreeHead &newer, const std::vector<Hash> &proof)
{
    if (Status st = older.verify(); !st)
        return st;
    if (Status st = newer.verify(); !st)
        return st;
    if (older.head.publicKey != newer.head.publicKey)
        return makeError(u"the two tree heads belong to different logs (%1 and %2)"_s.arg(older.logId().shortString(),
                                                                                          newer.logId().shortString()));
    if (Status st = verifyConsistency(older.head.treeSize, newer.head.treeSize, older.head.rootHash,
                                      newer.head.rootHash, proof);
        !st)
        return makeError(u"log %1: %2"_s.arg(older.logId().shortString(), st.message()));
    return {};
}

} // namespace stratus::translog
