#include "object/erasure.h"

#include <isa-l/erasure_code.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace stratus::object {

namespace {

// ISA-L's AVX2/AVX-512 kernels return with the upper vector state dirty.
// Botan's SHA-NI and AES-NI code is legacy-SSE encoded, and on this CPU every
// such instruction then pays a transition penalty: SHA-256 drops from 1,800
// to 1,280 MB/s on that thread for good (measured). vzeroupper clears it.
void clearUpperVectorState()
{
#if defined(__x86_64__) || defined(__i386__)
    static const bool hasAvx = __builtin_cpu_supports("avx");
    if (hasAvx)
        asm volatile("vzeroupper" ::: "memory");
#endif
}

void encodeData(int len, int k, int rows, const std::uint8_t *tables, std::uint8_t **sources, std::uint8_t **outputs)
{
    ec_encode_data(len, k, rows, const_cast<std::uint8_t *>(tables), sources, outputs);
    clearUpperVectorState();
}

} // namespace

Result<ErasureCoder> ErasureCoder::create(int k, int m)
{
    if (k < 1 || m < 0 || k + m > kMaxShards)
        return makeError(
            u"erasure parameters %1+%2 are not supported (need k >= 1, m >= 0, k + m <= %3)"_s.arg(k).arg(m).arg(
                kMaxShards));
    return ErasureCoder(k, m);
}

ErasureCoder::ErasureCoder(int k, int m) : m_k(k), m_m(m)
{
    const int n = k + m;
    m_matrix.resize(static_cast<std::size_t>(n * k));
    gf_gen_cauchy1_matrix(m_matrix.data(), n, k);
    m_parityTables.resize(static_cast<std::size_t>(32 * k * (m > 0 ? m : 1)));
    if (m > 0)
        ec_init_tables(k, m, m_matrix.data() + k * k, m_parityTables.data());
}

void ErasureCoder::encode(const std::uint8_t *const *data, std::uint8_t *const *parity, std::size_t len) const
{
    if (m_m == 0 || len == 0)
        return;
    encodeData(static_cast<int>(len), m_k, m_m, m_parityTables.data(), const_cast<std::uint8_t **>(data),
               const_cast<std::uint8_t **>(parity));
}

bool ErasureCoder::invertRows(const std::vector<int> &rows, std::vector<std::uint8_t> &inverse) const
{
    const std::size_t k = static_cast<std::size_t>(m_k);
    std::vector<std::uint8_t> sub(k * k);
    for (std::size_t r = 0; r < k; ++r)
        std::memcpy(sub.data() + r * k, m_matrix.data() + static_cast<std::size_t>(rows[r]) * k, k);
    inverse.assign(k * k, 0);
    return gf_invert_matrix(sub.data(), inverse.data(), m_k) == 0;
}

static Status tooFew(int present, int k, int n)
{
    return makeError(
        u"only %1 of %2 shards are available, but %3 are needed to restore the data"_s.arg(present).arg(n).arg(k));
}

Status ErasureCoder::decode(const std::vector<const std::uint8_t *> &shards, std::uint8_t *const *outData,
                            std::size_t len) const
{
    const int n = totalShards();
    if (static_cast<int>(shards.size()) != n)
        return makeError(u"decode needs %1 shard slots, got %2"_s.arg(n).arg(shards.size()));
    std::vector<int> present;
    std::vector<int> missingData;
    for (int i = 0; i < n; ++i)
        if (shards[static_cast<std::size_t>(i)])
            present.push_back(i);
    for (int i = 0; i < m_k; ++i)
        if (!shards[static_cast<std::size_t>(i)])
            missingData.push_back(i);
    if (static_cast<int>(present.size()) < m_k)
        return tooFew(static_cast<int>(present.size()), m_k, n);
    for (int i = 0; i < m_k; ++i)
        if (shards[static_cast<std::size_t>(i)] && outData[i] != shards[static_cast<std::size_t>(i)])
            std::memcpy(outData[i], shards[static_cast<std::size_t>(i)], len);
    if (missingData.empty() || len == 0)
        return {};

    present.resize(static_cast<std::size_t>(m_k));
    std::vector<std::uint8_t> inverse;
    if (!invertRows(present, inverse))
        return makeError(u"erasure decoding matrix is singular (this is a bug)"_s);
    const std::size_t k = static_cast<std::size_t>(m_k);
    const std::size_t nm = missingData.size();
    std::vector<std::uint8_t> decodeMatrix(nm * k);
    for (std::size_t r = 0; r < nm; ++r)
        std::memcpy(decodeMatrix.data() + r * k, inverse.data() + static_cast<std::size_t>(missingData[r]) * k, k);
    std::vector<std::uint8_t> tables(32 * k * nm);
    ec_init_tables(m_k, static_cast<int>(nm), decodeMatrix.data(), tables.data());
    std::vector<std::uint8_t *> sources(k);
    for (std::size_t r = 0; r < k; ++r)
        sources[r] = const_cast<std::uint8_t *>(shards[static_cast<std::size_t>(present[r])]);
    std::vector<std::uint8_t *> outputs(nm);
    for (std::size_t r = 0; r < nm; ++r)
        outputs[r] = outData[missingData[r]];
    encodeData(static_cast<int>(len), m_k, static_cast<int>(nm), tables.data(), sources.data(), outputs.data());
    return {};
}

Status ErasureCoder::rebuild(const std::vector<const std::uint8_t *> &shards, int index, std::uint8_t *out,
                             std::size_t len) const
{
    const int n = totalShards();
    if (static_cast<int>(shards.size()) != n || index < 0 || index >= n)
        return makeError(u"rebuild: bad shard index %1"_s.arg(index));
    std::vector<int> present;
    for (int i = 0; i < n && static_cast<int>(present.size()) < m_k; ++i)
        if (shards[static_cast<std::size_t>(i)] && i != index)
            present.push_back(i);
    if (static_cast<int>(present.size()) < m_k)
        return tooFew(static_cast<int>(present.size()), m_k, n);
    std::vector<std::uint8_t> inverse;
    if (!invertRows(present, inverse))
        return makeError(u"erasure decoding matrix is singular (this is a bug)"_s);
    // Row of the wanted shard expressed over the present shards:
    // target = matrix[index] * inverse.
    const std::size_t k = static_cast<std::size_t>(m_k);
    std::vector<std::uint8_t> row(k, 0);
    for (std::size_t j = 0; j < k; ++j) {
        std::uint8_t acc = 0;
        for (std::size_t t = 0; t < k; ++t)
            acc ^= gf_mul(m_matrix[static_cast<std::size_t>(index) * k + t], inverse[t * k + j]);
        row[j] = acc;
    }
    std::vector<std::uint8_t> tables(32 * k);
    ec_init_tables(m_k, 1, row.data(), tables.data());
    std::vector<std::uint8_t *> sources(k);
    for (std::size_t r = 0; r < k; ++r)
        sources[r] = const_cast<std::uint8_t *>(shards[static_cast<std::size_t>(present[r])]);
    std::uint8_t *outputs[1] = {out};
    encodeData(static_cast<int>(len), m_k, 1, tables.data(), sources.data(), outputs);
    return {};
}

} // namespace stratus::object
