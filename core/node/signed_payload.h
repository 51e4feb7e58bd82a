#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>
#include <QString>

namespace stratus::node {

// A signed object carries its payload as the exact bytes that were signed:
// signatures are checked over those bytes, never over a re-encoding.
//
// Checks that `publicKey` belongs to `signer` (NodeId = SHA-256 of the key)
// and that `signature` is its Ed25519 signature over `payload`. `who` names
// the signer in errors ("the client", "the node").
Status checkPayloadSignature(const QByteArray &payload, const QByteArray &publicKey, const QByteArray &signature,
                             const crypto::NodeId &signer, const QString &who);

} // namespace stratus::node
