#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace stratus::crypto {

// A node's (or device's) identity: SHA-256 of its Ed25519 public key.
// Shown as 56 base32 characters in 8 groups of 7 — four blocks of 13 data
// characters, each followed by a check character — e.g.
// "MFZWI3D-BONSGYC-..." Parsing ignores case, dashes and spaces, reads I/L as
// 1 and O as 0, and names the block that holds a typo.
class NodeId {
public:
    static constexpr qsizetype kSize = 32;

    NodeId() = default;
    static NodeId fromPublicKey(const QByteArray &publicKey);
    static Result<NodeId> fromBytes(const QByteArray &bytes);
    static Result<NodeId> parse(QStringView text);

    bool isNull() const { return m_bytes.isEmpty(); }
    const QByteArray &bytes() const { return m_bytes; }
    QString toString() const;
    QString shortString() const; // first group, for logs and lists

    friend bool operator==(const NodeId &, const NodeId &) = default;
    friend auto operator<=>(const NodeId &a, const NodeId &b) { return a.m_bytes.compare(b.m_bytes) <=> 0; }
    friend size_t qHash(const NodeId &id, size_t seed = 0) { return qHash(id.m_bytes, seed); }

private:
    QByteArray m_bytes;
};

} // namespace stratus::crypto
