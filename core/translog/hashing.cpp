#include "translog/hashing.h"

#include "common/hex.h"
#include "crypto/hash.h"

#include <cstring>

namespace stratus::translog {

namespace {

// One reusable SHA-256 state per thread: creating a hash object per call
// would cost more than hashing 64 bytes.
crypto::Sha256 &hasher()
{
    thread_local crypto::Sha256 h;
    return h;
}

} // namespace

Hash leafHash(const void *data, std::size_t size)
{
    static constexpr std::uint8_t kLeafPrefix = 0x00;
    crypto::Sha256 &h = hasher();
    h.update(&kLeafPrefix, 1);
    h.update(data, size);
    Hash out;
    h.final(out.data());
    return out;
}

Hash leafHash(const QByteArray &entry) { return leafHash(entry.constData(), static_cast<std::size_t>(entry.size())); }

Hash nodeHash(const Hash &left, const Hash &right)
{
    std::uint8_t buffer[1 + 2 * 32];
    buffer[0] = 0x01;
    std::memcpy(buffer + 1, left.data(), 32);
    std::memcpy(buffer + 33, right.data(), 32);
    crypto::Sha256 &h = hasher();
    h.update(buffer, sizeof buffer);
    Hash out;
    h.final(out.data());
    return out;
}

Hash emptyTreeHash()
{
    Hash out;
    crypto::sha256("", 0, out.data());
    return out;
}

QByteArray toByteArray(const Hash &hash)
{
    return QByteArray(reinterpret_cast<const char *>(hash.data()), static_cast<qsizetype>(hash.size()));
}

std::optional<Hash> hashFromBytes(const QByteArray &bytes)
{
    Hash out;
    if (bytes.size() != static_cast<qsizetype>(out.size()))
        return std::nullopt;
    std::memcpy(out.data(), bytes.constData(), out.size());
    return out;
}

QString toHex(const Hash &hash) { return stratus::toHex(toByteArray(hash)); }

} // namespace stratus::translog
