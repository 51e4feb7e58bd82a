// libFuzzer target: the parsers of text a person types or pastes (node ids,
// recovery secrets, shard ids) never crash, and what they accept round-trips.

#include "crypto/node_id.h"
#include "crypto/recovery_secret.h"
#include "object/shard_id.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    if (auto id = stratus::crypto::NodeId::parse(text); id.ok()) {
        if (!(stratus::crypto::NodeId::parse(id->toString()).value() == id.value()))
            std::abort();
    }
    if (auto s = stratus::crypto::RecoverySecret::parse(text); s.ok()) {
        if (!(stratus::crypto::RecoverySecret::parse(s->toString()).value().key() == s->key()))
            std::abort();
    }
    if (auto sid = stratus::object::ShardId::parse(text); sid.ok()) {
        if (!(stratus::object::ShardId::parse(sid->toString()).value() == sid.value()))
            std::abort();
    }
    return 0;
}
