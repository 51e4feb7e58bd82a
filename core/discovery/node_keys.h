#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"

#include <QString>

#include <memory>

namespace stratus::discovery {

// A node's own secrets in its data directory (owner-only files):
//   DIR/node.seed      32 bytes: the Ed25519 seed of the node's identity
//   DIR/database.key   32 bytes: the SQLCipher key of the node database
struct NodeKeys {
    std::shared_ptr<crypto::SigningKey> identity;
    crypto::Key256 databaseKey;
    crypto::NodeId id;
    bool created = false;

    // Opens the keys in `dir`, creating the directory (0700) and new keys
    // when there are none.
    static Result<NodeKeys> loadOrCreate(const QString &dir);
};

} // namespace stratus::discovery
