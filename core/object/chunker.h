#pragma once

#include <QtGlobal>

#include <cstddef>
#include <cstdint>

namespace stratus::object {

// Content-defined chunking, FastCDC style: a gear rolling hash, no cut before
// `minSize`, a stricter mask before `avgSize` and a looser one after it
// (normalised chunking, level 2), a forced cut at `maxSize`. The gear table is
// fixed, so the same bytes always give the same chunks on every machine.
struct ChunkerParams {
    std::size_t minSize = 256 * 1024;
    std::size_t avgSize = 1024 * 1024; // a power of two
    std::size_t maxSize = 4 * 1024 * 1024;

    bool valid() const;
};

class Chunker {
public:
    explicit Chunker(const ChunkerParams &params);

    // Length of the next chunk at the start of `data`. Pass at least maxSize
    // bytes unless they are the last bytes of the input.
    std::size_t cut(const std::uint8_t *data, std::size_t size) const;

    const ChunkerParams &params() const { return m_params; }

private:
    ChunkerParams m_params;
    std::uint64_t m_maskSmall = 0;
    std::uint64_t m_maskLarge = 0;
};

} // namespace stratus::object
