#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>

#include <map>
#include <optional>

namespace stratus::sync {

// A version vector: for each device that changed a file, how many changes it
// made. Comparing two tells whether one version descends from the other or
// whether they were made concurrently (a conflict).
//
// Counters are positive; a device absent from the vector has counter 0, so
// zeros are never stored and two vectors that mean the same compare equal and
// encode to the same bytes.
class VersionVector {
public:
    static constexpr int kVersion = 1;
    // Far above any real account's number of devices, low enough that a
    // hostile vector cannot make a decoder allocate much.
    static constexpr qsizetype kMaxDevices = 1000;
    static constexpr qsizetype kMaxEncodedBytes = 64 * 1024;

    enum class Order { Equal, Dominates, Dominated, Concurrent };

    VersionVector() = default;

    // Bumps this device's counter (a local change). Fails only when the
    // counter would overflow or the vector is full.
    Status increment(const crypto::NodeId &device);
    // The element-wise maximum: the version that has seen both.
    VersionVector merged(const VersionVector &other) const;
    // How this vector relates to `other`: Dominates when this has seen every
    // change `other` has and more.
    Order compare(const VersionVector &other) const;

    qint64 counter(const crypto::NodeId &device) const;
    bool isEmpty() const { return m_counters.empty(); }
    qsizetype size() const { return static_cast<qsizetype>(m_counters.size()); }
    const std::map<crypto::NodeId, qint64> &counters() const { return m_counters; }

    // Canonical CBOR: {"v": 1, "type": "stratus.version-vector", "counters":
    // [[device (32 bytes), counter], ...]} with devices in ascending byte order.
    QByteArray encode() const;
    // Accepts exactly what encode() writes: refuses truncations, trailing
    // bytes, unsorted or repeated devices, zero counters, and anything over
    // the size caps.
    static Result<VersionVector> decode(const QByteArray &cbor);

    friend bool operator==(const VersionVector &, const VersionVector &) = default;

private:
    // The canonical form read directly; nullopt for anything else (decode()
    // then says what is wrong).
    static std::optional<VersionVector> decodeCanonical(const QByteArray &cbor);

    std::map<crypto::NodeId, qint64> m_counters;
};

} // namespace stratus::sync
