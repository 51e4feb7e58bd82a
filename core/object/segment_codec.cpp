#include "object/segment_codec.h"

#include "object/log.h"
#include "object/merkle.h"

#include <QStringList>

#include <cstring>

using namespace Qt::StringLiterals;

namespace stratus::object {

quint64 shardSizeFor(quint64 size, int k)
{
    const quint64 kk = static_cast<quint64>(k);
    return (size + kk - 1) / kk;
}

Result<SegmentInfo> encodeSegment(QByteArray segment, const ErasureCoder &coder, ShardSink &sink)
{
    SegmentInfo info;
    info.k = coder.dataShards();
    info.m = coder.parityShards();
    info.size = static_cast<quint64>(segment.size());
    info.shardSize = shardSizeFor(info.size, info.k);
    const std::size_t len = static_cast<std::size_t>(info.shardSize);
    const std::size_t padded = len * static_cast<std::size_t>(info.k);
    const qsizetype oldSize = segment.size();
    segment.resize(static_cast<qsizetype>(padded));
    std::memset(segment.data() + oldSize, 0, padded - static_cast<std::size_t>(oldSize));

    std::vector<std::uint8_t *> data(static_cast<std::size_t>(info.k));
    for (int i = 0; i < info.k; ++i)
        data[static_cast<std::size_t>(i)] = reinterpret_cast<std::uint8_t *>(segment.data()) + len * i;
    QByteArray parityBuf(static_cast<qsizetype>(len * static_cast<std::size_t>(info.m)), Qt::Uninitialized);
    std::vector<std::uint8_t *> parity(static_cast<std::size_t>(info.m));
    for (int i = 0; i < info.m; ++i)
        parity[static_cast<std::size_t>(i)] = reinterpret_cast<std::uint8_t *>(parityBuf.data()) + len * i;
    coder.encode(data.data(), parity.data(), len);

    for (int i = 0; i < info.k + info.m; ++i) {
        const std::uint8_t *p = i < info.k ? data[static_cast<std::size_t>(i)] : parity[static_cast<std::size_t>(i - info.k)];
        ShardId id{merkleRoot(p, len), static_cast<qint64>(len)};
        if (Status st = sink.putShard(id, p, len); !st)
            return st.error();
        info.shards.push_back(std::move(id));
    }
    return info;
}

Result<QByteArray> loadSegment(const SegmentInfo &info, ShardSource &source, QStringList *problems)
{
    auto coder = ErasureCoder::create(info.k, info.m);
    if (!coder)
        return coder.error();
    const std::size_t len = static_cast<std::size_t>(info.shardSize);
    const int n = info.k + info.m;
    std::vector<QByteArray> held(static_cast<std::size_t>(n));
    std::vector<const std::uint8_t *> present(static_cast<std::size_t>(n), nullptr);
    QStringList skipped;
    int good = 0;
    for (int i = 0; i < n && good < info.k; ++i) {
        const ShardId &id = info.shards[static_cast<std::size_t>(i)];
        Result<QByteArray> shard = source.getShard(id);
        if (!shard) {
            skipped << u"shard %1 (%2): %3"_s.arg(i).arg(id.toString().left(12), shard.message());
            continue;
        }
        const QByteArray &bytes = shard.value();
        if (static_cast<std::size_t>(bytes.size()) != len) {
            skipped << u"shard %1 (%2): corrupted (%3 bytes, expected %4)"_s.arg(i)
                           .arg(id.toString().left(12))
                           .arg(bytes.size())
                           .arg(len);
            continue;
        }
        if (merkleRoot(reinterpret_cast<const std::uint8_t *>(bytes.constData()), len) != id.root) {
            skipped << u"shard %1 (%2): corrupted (merkle root does not match)"_s.arg(i).arg(id.toString().left(12));
            continue;
        }
        held[static_cast<std::size_t>(i)] = shard.value();
        present[static_cast<std::size_t>(i)] = reinterpret_cast<const std::uint8_t *>(held[static_cast<std::size_t>(i)].constData());
        ++good;
    }
    if (problems)
        *problems << skipped;
    if (good < info.k)
        return makeError(u"only %1 of %2 shards are usable, %3 are needed:\n  %4"_s.arg(good)
                             .arg(n)
                             .arg(info.k)
                             .arg(skipped.join(u"\n  "_s)));
    for (const QString &s : skipped)
        qCInfo(lcObject).noquote() << "skipped" << s;

    QByteArray out(static_cast<qsizetype>(len * static_cast<std::size_t>(info.k)), Qt::Uninitialized);
    std::vector<std::uint8_t *> outData(static_cast<std::size_t>(info.k));
    for (int i = 0; i < info.k; ++i)
        outData[static_cast<std::size_t>(i)] = reinterpret_cast<std::uint8_t *>(out.data()) + len * i;
    if (Status st = coder->decode(present, outData.data(), len); !st)
        return st.error();
    out.truncate(static_cast<qsizetype>(info.size));
    return out;
}

} // namespace stratus::object
