#include "node/proof.h"

#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "node/cbor_strict.h"
#include "node/limits.h"

#include <QCborArray>
#include <QCborMap>
#include <QRandomGenerator>
#include <QtEndian>

#include <cstring>

using namespace Qt::StringLiterals;

namespace stratus::node {

namespace {

constexpr qsizetype kMaxChallengeBytes = 256;
constexpr qsizetype kMaxResponseBytes = 32 * 1024;
constexpr qsizetype kMaxPathLength = 64;
const QByteArray kProofTag("stratus proof v1");

const QString kWhatChallenge = u"proof challenge"_s;
const QString kWhatResponse = u"proof"_s;
const QString kChallengeType = u"stratus.proof-challenge"_s;
const QString kResponseType = u"stratus.proof"_s;

void appendU64(QByteArray &out, quint64 value)
{
    char buf[8];
    qToBigEndian(value, buf);
    out.append(buf, 8);
}

} // namespace

qint64 proofBlockSize(qint64 shardSize, quint64 index)
{
    if (shardSize <= 0 || index >= object::merkleBlockCount(static_cast<std::uint64_t>(shardSize)))
        return 0;
    const qint64 offset = static_cast<qint64>(index) * qint64(object::kMerkleBlockSize);
    return std::min<qint64>(qint64(object::kMerkleBlockSize), shardSize - offset);
}

ProofChallenge randomChallenge(const object::ShardId &shard)
{
    ProofChallenge c;
    c.shard = shard;
    const std::size_t blocks = object::merkleBlockCount(static_cast<std::uint64_t>(std::max<qint64>(shard.size, 0)));
    c.blockIndex = blocks > 0 ? QRandomGenerator::system()->bounded(quint64(blocks)) : 0;
    c.nonce = crypto::randomBytes(kNonceSize);
    return c;
}

QByteArray proofSigningMessage(const ProofChallenge &challenge, const QByteArray &blockHash)
{
    QByteArray m;
    m.reserve(128);
    m.append(kProofTag);
    m.append(challenge.shard.root);
    appendU64(m, static_cast<quint64>(challenge.shard.size));
    appendU64(m, challenge.blockIndex);
    m.append(challenge.nonce);
    m.append(blockHash);
    return m;
}

Status verifyProof(const ProofChallenge &challenge, const ProofResponse &response, const QByteArray &nodePublicKey)
{
    if (!challenge.shard.isValid() || challenge.nonce.size() != kNonceSize)
        return makeError(u"the proof challenge is invalid (bad shard id or nonce)"_s);
    const qint64 expected = proofBlockSize(challenge.shard.size, challenge.blockIndex);
    if (expected == 0)
        return makeError(u"block %1 does not exist in shard %2"_s.arg(challenge.blockIndex)
                             .arg(challenge.shard.toString().left(12)));
    if (response.block.size() != expected)
        return makeError(
            u"the proof's block is %1 bytes; block %2 of this shard is %3 bytes"_s.arg(response.block.size())
                .arg(challenge.blockIndex)
                .arg(expected));
    object::Hash32 root;
    std::memcpy(root.data(), challenge.shard.root.constData(), root.size());
    const std::size_t leafCount = object::merkleBlockCount(static_cast<std::uint64_t>(challenge.shard.size));
    if (!object::verifyMerklePath(root, leafCount, static_cast<std::size_t>(challenge.blockIndex),
                                  reinterpret_cast<const std::uint8_t *>(response.block.constData()),
                                  static_cast<std::size_t>(response.block.size()), response.path))
        return makeError(u"the proof's block and merkle path do not lead to the root of shard %1"_s.arg(
            challenge.shard.toString().left(12)));
    const QByteArray message = proofSigningMessage(challenge, crypto::sha256(response.block));
    if (!crypto::verifySignature(nodePublicKey, message, response.signature))
        return makeError(u"the proof's signature is not the node's signature over this challenge"_s);
    return {};
}

QByteArray encodeProofChallenge(const ProofChallenge &c)
{
    const QCborMap map{{u"v"_s, ProofChallenge::kVersion},
                       {u"type"_s, kChallengeType},
                       {u"shard"_s, c.shard.root},
                       {u"size"_s, c.shard.size},
                       {u"index"_s, static_cast<qint64>(c.blockIndex)},
                       {u"nonce"_s, c.nonce}};
    return QCborValue(map).toCbor();
}

Result<ProofChallenge> decodeProofChallenge(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxChallengeBytes, kWhatChallenge);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, ProofChallenge::kVersion, kChallengeType, kWhatChallenge); !st)
        return st.error();
    if (Status st = cbor::checkKeys(map, {u"v"_s, u"type"_s, u"shard"_s, u"size"_s, u"index"_s, u"nonce"_s}, {},
                                    kWhatChallenge);
        !st)
        return st.error();
    const auto root = cbor::bytesField(map, u"shard"_s, 32, 32);
    const auto size = cbor::uintField(map, u"size"_s, kMaxShardSize);
    if (!root || !size || *size == 0)
        return cbor::malformed(kWhatChallenge, u"invalid shard id"_s);
    const auto index = cbor::uintField(map, u"index"_s, std::numeric_limits<qint64>::max());
    if (!index || proofBlockSize(*size, static_cast<quint64>(*index)) == 0)
        return cbor::malformed(kWhatChallenge, u"the block index is not a block of the shard"_s);
    const auto nonce = cbor::bytesField(map, u"nonce"_s, kNonceSize, kNonceSize);
    if (!nonce)
        return cbor::malformed(kWhatChallenge, u"the nonce is not %1 bytes"_s.arg(kNonceSize));
    ProofChallenge c{object::ShardId{*root, *size}, static_cast<quint64>(*index), *nonce};
    if (Status st = cbor::checkCanonical(cbor, encodeProofChallenge(c), kWhatChallenge); !st)
        return st.error();
    return c;
}

QByteArray encodeProofResponse(const ProofResponse &r)
{
    QCborArray path;
    for (const object::Hash32 &h : r.path)
        path.append(QByteArray(reinterpret_cast<const char *>(h.data()), static_cast<qsizetype>(h.size())));
    const QCborMap map{{u"v"_s, ProofResponse::kVersion},
                       {u"type"_s, kResponseType},
                       {u"block"_s, r.block},
                       {u"path"_s, path},
                       {u"sig"_s, r.signature}};
    return QCborValue(map).toCbor();
}

Result<ProofResponse> decodeProofResponse(const QByteArray &cbor)
{
    Result<QCborMap> parsed = cbor::parseMap(cbor, kMaxResponseBytes, kWhatResponse);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = cbor::checkHeader(map, ProofResponse::kVersion, kResponseType, kWhatResponse); !st)
        return st.error();
    if (Status st = cbor::checkKeys(map, {u"v"_s, u"type"_s, u"block"_s, u"path"_s, u"sig"_s}, {}, kWhatResponse); !st)
        return st.error();
    ProofResponse r;
    const auto block = cbor::bytesField(map, u"block"_s, 1, qsizetype(object::kMerkleBlockSize));
    if (!block)
        return cbor::malformed(kWhatResponse, u"the block is empty or larger than 16 KiB"_s);
    r.block = *block;
    const QCborValue path = map.value(u"path"_s);
    if (!path.isArray() || path.toArray().size() > kMaxPathLength)
        return cbor::malformed(kWhatResponse,
                               u"the merkle path is not a list of at most %1 hashes"_s.arg(kMaxPathLength));
    for (const QCborValue &h : path.toArray()) {
        const QByteArray bytes = h.toByteArray();
        if (!h.isByteArray() || bytes.size() != 32)
            return cbor::malformed(kWhatResponse, u"a merkle path entry is not a 32-byte hash"_s);
        object::Hash32 hash;
        std::memcpy(hash.data(), bytes.constData(), hash.size());
        r.path.push_back(hash);
    }
    const auto sig = cbor::bytesField(map, u"sig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!sig)
        return cbor::malformed(kWhatResponse, u"the signature is not %1 bytes"_s.arg(crypto::kEd25519SignatureSize));
    r.signature = *sig;
    if (Status st = cbor::checkCanonical(cbor, encodeProofResponse(r), kWhatResponse); !st)
        return st.error();
    return r;
}

} // namespace stratus::node
