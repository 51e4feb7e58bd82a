#pragma once

#include "client/network_context.h"
#include "common/result.h"
#include "crypto/signing_key.h"
#include "node/signed_pointer.h"

#include <optional>

namespace stratus::client {

// Signed pointers (node/signed_pointer.h) kept on the storage nodes nearest
// to the pointer (XOR distance between SHA-256(key || salt) and the node
// ids), so every device of an account asks the same few nodes. Blocks the
// calling thread (never the network thread).
class PointerClient {
public:
    static constexpr int kReplicas = 5;

    explicit PointerClient(NetworkContext &network) : m_network(network) {}

    // Stores the pointer on the kReplicas nearest nodes that answer (going
    // further down the list past nodes that do not). Returns how many stored
    // it; fails when none did, or when a node holds a newer sequence
    // ("stale": read, merge and publish again with a higher one).
    Result<int> publish(const node::SignedPointer &pointer);
    // The newest valid pointer the nearest nodes hold; nothing when none
    // holds one. Every answer is verified (signature, key, salt).
    Result<std::optional<node::SignedPointer>> fetch(const QByteArray &publicKey, const QByteArray &salt);

private:
    QList<crypto::NodeId> nearest(const QByteArray &publicKey, const QByteArray &salt) const;

    NetworkContext &m_network;
};

} // namespace stratus::client
