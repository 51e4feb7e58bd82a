#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace stratus::validator {

// A validator's current view of one node, as clients read it.
struct NodeScore {
    crypto::NodeId id;
    qint64 scorePpm = 0;
    qint64 auditScorePpm = 0;
    qint64 uptimePpm = 0;
    qint64 latencyP95Us = 0;
    qint64 throughput = 0; // bytes per second; 0: not measured
    qint64 auditsPassed = 0;
    qint64 auditsFailed = 0;
    bool online = false;
    bool vetted = false;
    bool eligible = false; // may get new shards (see ReputationParams)
    QByteArray record;     // the node's own signed record (SignedNodeRecord CBOR); may be empty
    friend bool operator==(const NodeScore &, const NodeScore &) = default;
};

// The directory a paper node serves over the control plane (`scores`): every
// node it audits with its current scores, signed as a whole.
//   { "p": payload (CBOR), "s": Ed25519 over "stratus score sheet v1" || 0x00 || payload }
struct ScoreSheet {
    static constexpr int kVersion = 1;
    crypto::NodeId validator;
    QByteArray publicKey; // the validator's Ed25519 key; validator == NodeId of it
    qint64 timeMs = 0;
    qint64 epoch = 0;
    QList<NodeScore> nodes;

    QByteArray sign(const crypto::SigningKey &key) const;
    // Decodes strictly and checks the signature and that the key is the
    // validator's.
    static Result<ScoreSheet> verify(const QByteArray &signedSheet);
};

// What the counted validators say together: per node, the median of each
// score over the sheets that list it (DESIGN.md: a node's score is the
// median over the validators that audited it); online, vetted and eligible
// when most of those sheets say so.
struct CombinedScore {
    NodeScore median;
    int validators = 0; // how many sheets listed the node
};
QHash<crypto::NodeId, CombinedScore> combineSheets(const QList<ScoreSheet> &sheets);

} // namespace stratus::validator
