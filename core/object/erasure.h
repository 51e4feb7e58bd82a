#pragma once

#include "common/result.h"

#include <cstdint>
#include <vector>

namespace stratus::object {

// Reed-Solomon erasure coding with ISA-L over GF(2^8), Cauchy matrix:
// k data shards and m parity shards of equal length; any k of the k + m
// restore the data.
class ErasureCoder {
public:
    static constexpr int kMaxShards = 255;

    // k >= 1, m >= 0, k + m <= 255.
    static Result<ErasureCoder> create(int k, int m);

    int dataShards() const { return m_k; }
    int parityShards() const { return m_m; }
    int totalShards() const { return m_k + m_m; }

    // Computes the m parity shards from the k data shards (each `len` bytes).
    void encode(const std::uint8_t *const *data, std::uint8_t *const *parity, std::size_t len) const;

    // Rebuilds the k data shards. `shards` has k + m entries; a null entry is a
    // missing shard. `outData` gets k pointers to buffers of `len` bytes: the
    // present data shards are copied, the missing ones reconstructed. Fails
    // clearly when fewer than k shards are present.
    Status decode(const std::vector<const std::uint8_t *> &shards, std::uint8_t *const *outData, std::size_t len) const;

    // Rebuilds one missing shard (data or parity) from any k present shards.
    Status rebuild(const std::vector<const std::uint8_t *> &shards, int index, std::uint8_t *out,
                   std::size_t len) const;

private:
    ErasureCoder(int k, int m);
    // Inverse of the k x k matrix of the rows of the present shards `rows`.
    bool invertRows(const std::vector<int> &rows, std::vector<std::uint8_t> &inverse) const;

    int m_k = 0;
    int m_m = 0;
    std::vector<std::uint8_t> m_matrix;       // (k + m) x k encoding matrix
    std::vector<std::uint8_t> m_parityTables; // ISA-L tables for the parity rows
};

} // namespace stratus::object
