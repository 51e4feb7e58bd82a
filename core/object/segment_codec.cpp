#include "object/segment_codec.h"

#include "object/merkle.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace stratus::object {

quint64 shardSizeFor(quint64 size, int k)
{
    const quint64 kk = static_cast<quint64>(k);
    return (size + kk - 1) / kk;
}

CodedSegment codeSegment(QByteArray segment, const ErasureCoder &coder)
{
    CodedSegment c;
    c.k = coder.dataShards();
    c.m = coder.parityShards();
    c.size = static_cast<quint64>(segment.size());
    c.shardSize = shardSizeFor(c.size, c.k);
    const std::size_t len = static_cast<std::size_t>(c.shardSize);
    const std::size_t total = len * static_cast<std::size_t>(c.k + c.m);
    const std::size_t oldSize = static_cast<std::size_t>(segment.size());
    segment.resize(static_cast<qsizetype>(total));
    std::memset(segment.data() + oldSize, 0, len * static_cast<std::size_t>(c.k) - oldSize);
    std::vector<std::uint8_t *> data(static_cast<std::size_t>(c.k));
    std::vector<std::uint8_t *> parity(static_cast<std::size_t>(c.m));
    auto *base = reinterpret_cast<std::uint8_t *>(segment.data());
    for (int i = 0; i < c.k; ++i)
        data[static_cast<std::size_t>(i)] = base + len * static_cast<std::size_t>(i);
    for (int i = 0; i < c.m; ++i)
        parity[static_cast<std::size_t>(i)] = base + len * static_cast<std::size_t>(c.k + i);
    coder.encode(data.data(), parity.data(), len);
    c.bytes = std::move(segment);
    return c;
}

Result<ShardId> storeShard(const CodedSegment &coded, int index, ShardSink &sink)
{
    const std::uint8_t *p = coded.shard(index);
    const std::size_t len = static_cast<std::size_t>(coded.shardSize);
    const std::vector<Hash32> leaves = merkleLeaves(p, len);
    const Hash32 root = merkleRootFromLeaves(leaves);
    ShardId id{QByteArray(reinterpret_cast<const char *>(root.data()), static_cast<qsizetype>(root.size())),
               static_cast<qint64>(len)};
    if (Status st = sink.putShard(id, coded.bytes, static_cast<qsizetype>(coded.shardSize) * index, leaves); !st)
        return st.error();
    return id;
}

Result<QByteArray> fetchVerifiedShard(ShardSource &source, const ShardId &id)
{
    Result<QByteArray> shard = source.getShard(id);
    if (!shard)
        return shard.error();
    if (shard->size() != id.size)
        return makeError(u"corrupted (%1 bytes, expected %2)"_s.arg(shard->size()).arg(id.size));
    if (!source.verifiesShards() && merkleRoot(reinterpret_cast<const std::uint8_t *>(shard->constData()),
                                               static_cast<std::size_t>(id.size)) != id.root)
        return makeError(u"corrupted (merkle root does not match)"_s);
    return shard;
}

void SegmentData::read(quint64 offset, std::size_t len, std::uint8_t *out) const
{
    while (len > 0) {
        const std::size_t shard = static_cast<std::size_t>(offset / shardSize);
        const std::size_t within = static_cast<std::size_t>(offset % shardSize);
        const std::size_t n = std::min<std::size_t>(len, static_cast<std::size_t>(shardSize) - within);
        std::memcpy(out, shards[shard].constData() + within, n);
        out += n;
        offset += n;
        len -= n;
    }
}

Result<SegmentData> assembleSegment(const SegmentInfo &info, std::vector<QByteArray> fetched)
{
    auto coder = ErasureCoder::create(info.k, info.m);
    if (!coder)
        return coder.error();
    const std::size_t len = static_cast<std::size_t>(info.shardSize);
    std::vector<const std::uint8_t *> present(fetched.size(), nullptr);
    for (std::size_t i = 0; i < fetched.size(); ++i)
        if (static_cast<std::size_t>(fetched[i].size()) == len)
            present[i] = reinterpret_cast<const std::uint8_t *>(fetched[i].constData());
    SegmentData out;
    out.shardSize = info.shardSize;
    out.size = info.size;
    out.shards.resize(static_cast<std::size_t>(info.k));
    std::vector<std::uint8_t *> outPtrs(static_cast<std::size_t>(info.k));
    for (std::size_t i = 0; i < out.shards.size(); ++i) {
        if (present[i]) {
            out.shards[i] = fetched[i]; // shared, no copy
            outPtrs[i] = const_cast<std::uint8_t *>(present[i]);
        } else {
            out.shards[i] = QByteArray(static_cast<qsizetype>(len), Qt::Uninitialized);
            outPtrs[i] = reinterpret_cast<std::uint8_t *>(out.shards[i].data());
        }
    }
    if (Status st = coder->decode(present, outPtrs.data(), len); !st)
        return st.error();
    return out;
}

} // namespace stratus::object
