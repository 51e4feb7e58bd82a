#include "sync/version_vector.h"

#include "node/cbor_strict.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

const QString kWhat = u"version vector"_s;
const QString kType = u"stratus.version-vector"_s;
constexpr qint64 kMaxCounter = std::numeric_limits<qint64>::max();

// {"v": 1, "type": "stratus.version-vector", "counters": ...}: everything
// before the counters' array head, as QCborValue writes it.
const QByteArray kEncodedHead = [] {
    QByteArray head = node::cbor::mapHeader(3, QLatin1StringView("stratus.version-vector"));
    node::cbor::appendText(head, QLatin1StringView("counters"));
    return head;
}();

using node::cbor::appendHead;
using node::cbor::readHead;

} // namespace

std::optional<VersionVector> VersionVector::decodeCanonical(const QByteArray &cbor)
{
    if (cbor.size() > kMaxEncodedBytes || !cbor.startsWith(kEncodedHead))
        return std::nullopt;
    const auto *p = reinterpret_cast<const unsigned char *>(cbor.constData()) + kEncodedHead.size();
    const auto *end = reinterpret_cast<const unsigned char *>(cbor.constData()) + cbor.size();
    const std::optional<quint64> count = readHead(p, end, 4);
    if (!count || *count > static_cast<quint64>(kMaxDevices))
        return std::nullopt;
    VersionVector out;
    for (quint64 i = 0; i < *count; ++i) {
        if (p >= end || *p++ != 0x82)
            return std::nullopt;
        const std::optional<quint64> idSize = readHead(p, end, 2);
        if (!idSize || *idSize != static_cast<quint64>(crypto::NodeId::kSize) || end - p < crypto::NodeId::kSize)
            return std::nullopt;
        auto device = crypto::NodeId::fromBytes(
            QByteArray(reinterpret_cast<const char *>(p), static_cast<qsizetype>(crypto::NodeId::kSize)));
        p += crypto::NodeId::kSize;
        const std::optional<quint64> counter = readHead(p, end, 0);
        if (!device || !counter || *counter == 0 || *counter > static_cast<quint64>(kMaxCounter))
            return std::nullopt;
        if (!out.m_counters.empty() && !(out.m_counters.rbegin()->first < device.value()))
            return std::nullopt;
        out.m_counters.emplace_hint(out.m_counters.end(), std::move(device.value()), static_cast<qint64>(*counter));
    }
    if (p != end)
        return std::nullopt;
    return out;
}

Status VersionVector::increment(const crypto::NodeId &device)
{
    if (device.bytes().size() != crypto::NodeId::kSize) // a default-constructed id
        return makeError(u"cannot count a change by a device without an id"_s);
    auto it = m_counters.find(device);
    if (it == m_counters.end()) {
        if (size() >= kMaxDevices)
            return makeError(
                u"this file was changed by more than %1 devices; its version cannot grow"_s.arg(kMaxDevices));
        m_counters.emplace(device, 1);
        return {};
    }
    if (it->second == kMaxCounter)
        return makeError(u"the version counter of device %1 is exhausted"_s.arg(device.shortString()));
    ++it->second;
    return {};
}

VersionVector VersionVector::merged(const VersionVector &other) const
{
    VersionVector out = *this;
    for (const auto &[device, count] : other.m_counters) {
        qint64 &mine = out.m_counters[device];
        mine = std::max(mine, count);
    }
    return out;
}

VersionVector::Order VersionVector::compare(const VersionVector &other) const
{
    bool greater = false; // some counter of ours is ahead
    bool less = false;    // some counter of theirs is ahead
    auto a = m_counters.begin();
    auto b = other.m_counters.begin();
    // Both maps are sorted by device: walk them together.
    while (a != m_counters.end() || b != other.m_counters.end()) {
        if (b == other.m_counters.end() || (a != m_counters.end() && a->first < b->first)) {
            greater = true;
            ++a;
        } else if (a == m_counters.end() || b->first < a->first) {
            less = true;
            ++b;
        } else {
            greater |= a->second > b->second;
            less |= a->second < b->second;
            ++a;
            ++b;
        }
    }
    if (greater && less)
        return Order::Concurrent;
    if (greater)
        return Order::Dominates;
    if (less)
        return Order::Dominated;
    return Order::Equal;
}

qint64 VersionVector::counter(const crypto::NodeId &device) const
{
    auto it = m_counters.find(device);
    return it == m_counters.end() ? 0 : it->second;
}

QByteArray VersionVector::encode() const
{
    // Written byte by byte (the map read by decode() is small and fixed):
    // the engine encodes and decodes one of these for every file it looks at.
    QByteArray out;
    out.reserve(64 + static_cast<qsizetype>(m_counters.size()) * 45);
    out.append(kEncodedHead);
    appendHead(out, 4, m_counters.size());
    for (const auto &[device, count] : m_counters) {
        out.append(char(0x82));
        appendHead(out, 2, static_cast<quint64>(device.bytes().size()));
        out.append(device.bytes());
        appendHead(out, 0, static_cast<quint64>(count));
    }
    return out;
}

Result<VersionVector> VersionVector::decode(const QByteArray &cbor)
{
    if (std::optional<VersionVector> fast = decodeCanonical(cbor))
        return std::move(*fast);
    // Not in canonical form: the general reader says what is wrong with it.
    Result<QCborMap> parsed = node::cbor::parseMap(cbor, kMaxEncodedBytes, kWhat);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = node::cbor::checkHeader(map, kVersion, kType, kWhat); !st)
        return st.error();
    if (Status st = node::cbor::checkKeys(map, {u"v"_s, u"type"_s, u"counters"_s}, {}, kWhat); !st)
        return st.error();
    const QCborValue list = map.value(u"counters"_s);
    if (!list.isArray())
        return node::cbor::malformed(kWhat, u"the counters are not a list"_s);
    const QCborArray counters = list.toArray();
    if (counters.size() > kMaxDevices)
        return node::cbor::malformed(kWhat, u"more than %1 devices"_s.arg(kMaxDevices));
    VersionVector out;
    const crypto::NodeId *previous = nullptr;
    for (const QCborValue &item : counters) {
        const QCborArray pair = item.toArray();
        if (!item.isArray() || pair.size() != 2 || !pair[0].isByteArray() || !pair[1].isInteger())
            return node::cbor::malformed(kWhat, u"a counter is not a [device, count] pair"_s);
        auto device = crypto::NodeId::fromBytes(pair[0].toByteArray());
        if (!device || pair[0].toByteArray().size() != crypto::NodeId::kSize)
            return node::cbor::malformed(kWhat, u"a device id is not 32 bytes"_s);
        if (pair[1].toInteger() <= 0)
            return node::cbor::malformed(kWhat, u"a counter is not positive"_s);
        if (previous && !(*previous < device.value()))
            return node::cbor::malformed(kWhat, u"the devices are repeated or not in ascending order"_s);
        previous = &out.m_counters.emplace(device.value(), pair[1].toInteger()).first->first;
    }
    if (Status st = node::cbor::checkCanonical(cbor, out.encode(), kWhat); !st)
        return st.error();
    return out;
}

} // namespace stratus::sync
