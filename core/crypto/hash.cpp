#include "crypto/hash.h"

#include <botan/hash.h>
#include <botan/mac.h>
#include <botan/mem_ops.h>

namespace stratus::crypto {

QByteArray sha256(const QByteArray &data)
{
    Sha256 h;
    h.update(data);
    return h.final();
}

void sha256(const void *data, std::size_t size, std::uint8_t out[32])
{
    Sha256 h;
    h.update(data, size);
    h.final(out);
}

Sha256::Sha256() : m_hash(Botan::HashFunction::create_or_throw("SHA-256")) {}
Sha256::~Sha256() = default;

void Sha256::update(const void *data, std::size_t size) { m_hash->update(static_cast<const uint8_t *>(data), size); }

void Sha256::final(std::uint8_t out[32]) { m_hash->final(out); }

QByteArray Sha256::final()
{
    QByteArray out(kHashSize, Qt::Uninitialized);
    final(reinterpret_cast<std::uint8_t *>(out.data()));
    return out;
}

KeyedHash::KeyedHash(const Key256 &key) : m_mac(Botan::MessageAuthenticationCode::create_or_throw("HMAC(SHA-256)"))
{
    m_mac->set_key(key.data(), Key256::size);
}

KeyedHash::~KeyedHash() = default;

void KeyedHash::compute(const void *data, std::size_t size, std::uint8_t out[32])
{
    m_mac->update(static_cast<const uint8_t *>(data), size);
    m_mac->final(out);
}

QByteArray KeyedHash::compute(const QByteArray &data)
{
    QByteArray out(kHashSize, Qt::Uninitialized);
    compute(data.constData(), static_cast<std::size_t>(data.size()), reinterpret_cast<std::uint8_t *>(out.data()));
    return out;
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return Botan::constant_time_compare(reinterpret_cast<const uint8_t *>(a.constData()),
                                        reinterpret_cast<const uint8_t *>(b.constData()),
                                        static_cast<size_t>(a.size()));
}

} // namespace stratus::crypto
