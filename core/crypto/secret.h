#pragma once

#include <QByteArray>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace stratus::crypto {

// A fixed-size secret (key, seed) that wipes itself when destroyed.
template <std::size_t N>
class SecretBytes {
public:
    static constexpr std::size_t size = N;

    SecretBytes() { m_bytes.fill(0); }
    explicit SecretBytes(const std::uint8_t *data) { std::memcpy(m_bytes.data(), data, N); }
    SecretBytes(const SecretBytes &) = default;
    SecretBytes &operator=(const SecretBytes &) = default;
    ~SecretBytes() { wipe(); }

    static bool fromBytes(const QByteArray &in, SecretBytes &out)
    {
        if (static_cast<std::size_t>(in.size()) != N)
            return false;
        std::memcpy(out.m_bytes.data(), in.constData(), N);
        return true;
    }

    const std::uint8_t *data() const { return m_bytes.data(); }
    std::uint8_t *data() { return m_bytes.data(); }
    QByteArray toByteArray() const { return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), N); }
    bool operator==(const SecretBytes &o) const { return m_bytes == o.m_bytes; }

    void wipe()
    {
        volatile std::uint8_t *p = m_bytes.data();
        for (std::size_t i = 0; i < N; ++i)
            p[i] = 0;
    }

private:
    std::array<std::uint8_t, N> m_bytes;
};

using Key256 = SecretBytes<32>;

} // namespace stratus::crypto
