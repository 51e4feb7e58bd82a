#include "validator/proof_wire.h"

namespace stratus::validator {

QCborArray proofToCbor(const std::vector<translog::Hash> &proof)
{
    QCborArray out;
    for (const translog::Hash &h : proof)
        out.append(translog::toByteArray(h));
    return out;
}

std::optional<std::vector<translog::Hash>> proofFromCbor(const QCborValue &value)
{
    if (!value.isArray() || value.toArray().size() > 128)
        return std::nullopt;
    std::vector<translog::Hash> out;
    for (const QCborValue &v : value.toArray()) {
        auto h = translog::hashFromBytes(v.toByteArray());
        if (!h)
            return std::nullopt;
        out.push_back(*h);
    }
    return out;
}

} // namespace stratus::validator
