#include "object/manifest.h"

#include "crypto/hash.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborStreamReader>
#include <QCborValue>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::object {

namespace {

constexpr qsizetype kMaxManifestBytes = 256 * 1024 * 1024;
constexpr qsizetype kMaxChunks = 1 << 24;
constexpr qsizetype kMaxSegments = 1 << 20;
constexpr quint64 kMaxShardSize = 1ull << 30;
constexpr quint32 kMaxSealedChunk = 64u * 1024 * 1024 + 16;
constexpr qsizetype kMaxNameBytes = 4096;

const QString kKeyVersion = u"v"_s;
const QString kKeyType = u"type"_s;
const QString kKeyName = u"name"_s;
const QString kKeySize = u"size"_s;
const QString kKeyMtime = u"mtime"_s;
const QString kKeyHash = u"hash"_s;
const QString kKeyChunks = u"chunks"_s;
const QString kKeySegments = u"segments"_s;
const QString kKeyK = u"k"_s;
const QString kKeyM = u"m"_s;
const QString kKeyShardSize = u"shardSize"_s;
const QString kKeyShards = u"shards"_s;
const QString kFileType = u"stratus.file"_s;

Error bad(const QString &what) { return makeError(u"malformed manifest: %1"_s.arg(what)); }

bool toUnsigned(const QCborValue &v, quint64 max, quint64 &out)
{
    if (!v.isInteger() || v.toInteger() < 0)
        return false;
    out = static_cast<quint64>(v.toInteger());
    return out <= max;
}

bool onlyKeys(const QCborMap &map, std::initializer_list<QString> keys)
{
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString())
            return false;
        const QString k = it.key().toString();
        if (std::find(keys.begin(), keys.end(), k) == keys.end())
            return false;
    }
    return true;
}

Result<SegmentInfo> decodeSegment(const QCborValue &value, qsizetype index)
{
    const QString where = u"segment %1"_s.arg(index);
    if (!value.isMap())
        return bad(u"%1 is not a map"_s.arg(where));
    const QCborMap map = value.toMap();
    if (!onlyKeys(map, {kKeyK, kKeyM, kKeySize, kKeyShardSize, kKeyShards}))
        return bad(u"%1 has unknown fields"_s.arg(where));
    SegmentInfo s;
    quint64 k = 0, m = 0;
    if (!toUnsigned(map.value(kKeyK), 255, k) || k < 1 || !toUnsigned(map.value(kKeyM), 254, m) || k + m > 255)
        return bad(u"%1 has invalid erasure parameters"_s.arg(where));
    s.k = static_cast<int>(k);
    s.m = static_cast<int>(m);
    if (!toUnsigned(map.value(kKeyShardSize), kMaxShardSize, s.shardSize) || s.shardSize == 0)
        return bad(u"%1 has an invalid shard size"_s.arg(where));
    if (!toUnsigned(map.value(kKeySize), s.shardSize * k, s.size) || s.size == 0)
        return bad(u"%1 has a size that does not fit its shards"_s.arg(where));
    const QCborValue shards = map.value(kKeyShards);
    if (!shards.isArray() || shards.toArray().size() != static_cast<qsizetype>(k + m))
        return bad(u"%1 does not list k + m shards"_s.arg(where));
    for (const QCborValue &sv : shards.toArray()) {
        const QByteArray root = sv.toByteArray();
        if (!sv.isByteArray() || root.size() != 32)
            return bad(u"%1 has a shard id that is not a 32-byte merkle root"_s.arg(where));
        s.shards.push_back(ShardId{root, static_cast<qint64>(s.shardSize)});
    }
    return s;
}

Result<ChunkRef> decodeChunk(const QCborValue &value, qsizetype index, const std::vector<SegmentInfo> &segments)
{
    const QString where = u"chunk %1"_s.arg(index);
    if (!value.isArray() || value.toArray().size() != 4)
        return bad(u"%1 is not [id, segment, offset, sealed size]"_s.arg(where));
    const QCborArray a = value.toArray();
    ChunkRef c;
    c.id = a.at(0).toByteArray();
    if (!a.at(0).isByteArray() || c.id.size() != 32)
        return bad(u"%1 has an id that is not 32 bytes"_s.arg(where));
    quint64 seg = 0, off = 0, sealed = 0;
    if (!toUnsigned(a.at(1), segments.empty() ? 0 : segments.size() - 1, seg) || segments.empty())
        return bad(u"%1 points to a segment that does not exist"_s.arg(where));
    if (!toUnsigned(a.at(3), kMaxSealedChunk, sealed) || sealed <= 16)
        return bad(u"%1 has an invalid size"_s.arg(where));
    const quint64 segSize = segments[seg].size;
    if (!toUnsigned(a.at(2), std::numeric_limits<quint64>::max(), off) || off > segSize || sealed > segSize - off)
        return bad(u"%1 lies outside its segment"_s.arg(where));
    c.segment = static_cast<quint32>(seg);
    c.offset = off;
    c.sealedSize = static_cast<quint32>(sealed);
    return c;
}

} // namespace

QByteArray contentHashOf(const std::vector<ChunkRef> &chunks)
{
    crypto::Sha256 h;
    for (const ChunkRef &c : chunks)
        h.update(c.id);
    return h.final();
}

QByteArray encodeManifest(const FileManifest &m)
{
    QCborArray segments;
    for (const SegmentInfo &s : m.segments) {
        QCborArray shards;
        for (const ShardId &id : s.shards)
            shards.append(id.root);
        segments.append(QCborMap{{kKeyK, s.k},
                                 {kKeyM, s.m},
                                 {kKeySize, static_cast<qint64>(s.size)},
                                 {kKeyShardSize, static_cast<qint64>(s.shardSize)},
                                 {kKeyShards, shards}});
    }
    QCborArray chunks;
    for (const ChunkRef &c : m.chunks)
        chunks.append(QCborArray{c.id, static_cast<qint64>(c.segment), static_cast<qint64>(c.offset),
                                 static_cast<qint64>(c.sealedSize)});
    const QCborMap map{{kKeyVersion, FileManifest::kVersion},
                       {kKeyType, kFileType},
                       {kKeyName, m.name},
                       {kKeySize, static_cast<qint64>(m.size)},
                       {kKeyMtime, m.mtimeMs},
                       {kKeyHash, m.contentHash},
                       {kKeySegments, segments},
                       {kKeyChunks, chunks}};
    return map.toCborValue().toCbor();
}

Result<FileManifest> decodeManifest(const QByteArray &cbor)
{
    if (cbor.isEmpty())
        return bad(u"it is empty"_s);
    if (cbor.size() > kMaxManifestBytes)
        return bad(u"it is larger than %1 bytes"_s.arg(kMaxManifestBytes));
    QCborStreamReader reader(cbor);
    const QCborValue root = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return bad(u"CBOR error: %1"_s.arg(reader.lastError().toString()));
    if (reader.currentOffset() != cbor.size())
        return bad(u"trailing bytes after the manifest"_s);
    if (!root.isMap())
        return bad(u"the top level is not a map"_s);
    const QCborMap map = root.toMap();
    if (!map.value(kKeyVersion).isInteger())
        return bad(u"no version"_s);
    if (map.value(kKeyVersion).toInteger() != FileManifest::kVersion)
        return makeError(u"manifest version %1 is not supported by this Stratus (it reads version %2)"_s
                             .arg(map.value(kKeyVersion).toInteger())
                             .arg(FileManifest::kVersion));
    if (!onlyKeys(map, {kKeyVersion, kKeyType, kKeyName, kKeySize, kKeyMtime, kKeyHash, kKeySegments, kKeyChunks}))
        return bad(u"unknown fields"_s);
    if (map.value(kKeyType).toString() != kFileType)
        return bad(u"not a file manifest"_s);

    FileManifest m;
    const QCborValue name = map.value(kKeyName);
    m.name = name.toString();
    if (!name.isString() || m.name.isEmpty() || m.name.toUtf8().size() > kMaxNameBytes || m.name.contains(u'/') ||
        m.name.contains(QChar(0)) || m.name == u"."_s || m.name == u".."_s)
        return bad(u"invalid file name"_s);
    if (!toUnsigned(map.value(kKeySize), std::numeric_limits<qint64>::max(), m.size))
        return bad(u"invalid size"_s);
    if (!map.value(kKeyMtime).isInteger())
        return bad(u"invalid modification time"_s);
    m.mtimeMs = map.value(kKeyMtime).toInteger();
    m.contentHash = map.value(kKeyHash).toByteArray();
    if (!map.value(kKeyHash).isByteArray() || m.contentHash.size() != 32)
        return bad(u"invalid content hash"_s);

    const QCborValue segments = map.value(kKeySegments);
    if (!segments.isArray() || segments.toArray().size() > kMaxSegments)
        return bad(u"invalid segment list"_s);
    for (const QCborValue &sv : segments.toArray()) {
        Result<SegmentInfo> s = decodeSegment(sv, static_cast<qsizetype>(m.segments.size()));
        if (!s)
            return s.error();
        m.segments.push_back(std::move(s.value()));
    }
    const QCborValue chunks = map.value(kKeyChunks);
    if (!chunks.isArray() || chunks.toArray().size() > kMaxChunks)
        return bad(u"invalid chunk list"_s);
    quint64 total = 0;
    for (const QCborValue &cv : chunks.toArray()) {
        Result<ChunkRef> c = decodeChunk(cv, static_cast<qsizetype>(m.chunks.size()), m.segments);
        if (!c)
            return c.error();
        total += c->plainSize();
        m.chunks.push_back(std::move(c.value()));
    }
    if (total != m.size)
        return bad(u"chunk sizes add up to %1 bytes, not the file's %2"_s.arg(total).arg(m.size));
    if (contentHashOf(m.chunks) != m.contentHash)
        return bad(u"the content hash does not match the chunk list"_s);
    return m;
}

} // namespace stratus::object
