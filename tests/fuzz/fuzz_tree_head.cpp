// libFuzzer target for the transparency log's readers of untrusted bytes:
// the signed tree head decoder (whatever it accepts is in its one canonical
// form) and the proof verifiers (any sizes, indices and paths give an
// answer, never a crash or a hang).

#include "translog/merkle_tree.h"
#include "translog/proof_verify.h"
#include "translog/tree_head.h"

#include <QtEndian>

#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace stratus::translog;

namespace {

void fuzzHead(const QByteArray &input)
{
    auto decoded = SignedTreeHead::decodeUnverified(input);
    if (!decoded.ok())
        return;
    if (decoded.value().toCbor() != input)
        std::abort();
    (void)decoded.value().verify();
    if (SignedTreeHead::fromCbor(input).ok() != decoded.value().verify().ok())
        std::abort();
}

void fuzzProofs(const std::uint8_t *data, std::size_t size)
{
    if (size < 17 + 64)
        return;
    const quint64 a = qFromBigEndian<quint64>(data + 1);
    const quint64 b = qFromBigEndian<quint64>(data + 9);
    Hash x, y;
    std::memcpy(x.data(), data + 17, 32);
    std::memcpy(y.data(), data + 49, 32);
    std::vector<Hash> proof;
    for (std::size_t at = 81; at + 32 <= size && proof.size() < 130; at += 32) {
        Hash h;
        std::memcpy(h.data(), data + at, 32);
        proof.push_back(h);
    }
    if (data[0] & 1)
        (void)verifyInclusion(x, a, b, proof, y);
    else
        (void)verifyConsistency(a, b, x, y, proof);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzzHead(QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    fuzzProofs(data, size);
    return 0;
}
