#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "discovery/endpoint.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace stratus::discovery {

// What a node says about itself: who it is, where it listens, what it
// offers. Published signed and sequenced; a higher sequence number replaces
// a lower one, so a node can move or resize without anyone trusting a relay.
struct NodeRecord {
    crypto::NodeId id;
    QByteArray publicKey; // Ed25519, 32 bytes; id == SHA-256(publicKey)
    quint64 sequence = 0;
    Endpoint endpoint;
    quint64 capacityBytes = 0;
    quint64 freeBytes = 0;
    QString region;
    QString version;
    qint64 timeMs = 0;

    friend bool operator==(const NodeRecord &, const NodeRecord &) = default;
};

// A record with the exact bytes that were signed (CBOR; never re-encoded to
// check a signature) and the node's Ed25519 signature over
// "stratus/node-record/v1" || payload.
struct SignedNodeRecord {
    QByteArray payload;
    QByteArray signature;
    NodeRecord record;

    static SignedNodeRecord sign(NodeRecord record, const crypto::SigningKey &key);
    // Decodes and checks the payload and its signature.
    static Result<SignedNodeRecord> verify(const QByteArray &payload, const QByteArray &signature);

    // {"p": payload, "s": signature} as one CBOR item, and back (verified).
    QByteArray toCbor() const;
    static Result<SignedNodeRecord> fromCbor(const QByteArray &bytes);
};

// The latest verified record of each node.
class NodeDirectory {
public:
    // Keeps `r` if it is newer than what is known; says why not otherwise.
    Status offer(const SignedNodeRecord &r);
    const SignedNodeRecord *find(const crypto::NodeId &id) const;
    QList<SignedNodeRecord> all() const;
    qsizetype size() const { return m_records.size(); }

private:
    QHash<QByteArray, SignedNodeRecord> m_records;
};

} // namespace stratus::discovery
