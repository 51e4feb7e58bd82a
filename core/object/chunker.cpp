#include "object/chunker.h"

#include <array>
#include <bit>

namespace stratus::object {

namespace {

// 256 pseudo-random 64-bit values from SplitMix64 seeded with a fixed
// constant. Changing this table changes every chunk boundary: never do.
constexpr std::array<std::uint64_t, 256> makeGearTable()
{
    std::array<std::uint64_t, 256> table{};
    std::uint64_t state = 0x5374726174757331ull; // "Stratus1"
    for (auto &v : table) {
        state += 0x9e3779b97f4a7c15ull;
        std::uint64_t z = state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        v = z ^ (z >> 31);
    }
    return table;
}

constexpr std::array<std::uint64_t, 256> kGear = makeGearTable();

// A mask of `bits` ones at the top of the word: the gear hash's high bits
// depend on the last 64 input bytes, the low ones on only a few.
constexpr std::uint64_t topMask(int bits) { return bits <= 0 ? 0 : ~0ull << (64 - bits); }

} // namespace

bool ChunkerParams::valid() const
{
    return minSize >= 64 && minSize < avgSize && avgSize < maxSize && std::has_single_bit(avgSize) &&
           maxSize <= 64u * 1024 * 1024;
}

Chunker::Chunker(const ChunkerParams &params) : m_params(params)
{
    Q_ASSERT(params.valid());
    const int bits = std::countr_zero(params.avgSize);
    m_maskSmall = topMask(bits + 2);
    m_maskLarge = topMask(bits - 2);
}

std::size_t Chunker::cut(const std::uint8_t *data, std::size_t size) const
{
    if (size <= m_params.minSize)
        return size;
    if (size > m_params.maxSize)
        size = m_params.maxSize;
    const std::size_t normal = size < m_params.avgSize ? size : m_params.avgSize;
    std::uint64_t h = 0;
    std::size_t i = m_params.minSize;
    for (; i < normal; ++i) {
        h = (h << 1) + kGear[data[i]];
        if ((h & m_maskSmall) == 0)
            return i + 1;
    }
    for (; i < size; ++i) {
        h = (h << 1) + kGear[data[i]];
        if ((h & m_maskLarge) == 0)
            return i + 1;
    }
    return size;
}

} // namespace stratus::object
