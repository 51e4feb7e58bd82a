#pragma once

// What the sync engine puts on the network besides file content
// (SYNCSERVICE.md): where a stored object is, the batches of a device's
// account log, its head, and the account's device list. Canonical CBOR,
// decoded strictly (node/cbor_strict.h): everything here comes from storage
// nodes and is hostile until checked.

#include "common/result.h"
#include "crypto/node_id.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace stratus::syncservice {

// An object stored through the pipeline: its sealed manifest (only the
// account can open it) and which node holds each shard.
struct ObjectRef {
    static constexpr qsizetype kMaxBytes = 4 * 1024 * 1024;
    QByteArray sealedManifest;
    QList<std::pair<object::ShardId, crypto::NodeId>> placements;

    QByteArray encode() const;
    static Result<ObjectRef> decode(const QByteArray &bytes);

private:
    // The canonical form read directly; nothing for anything else.
    static std::optional<ObjectRef> decodeCanonical(const QByteArray &bytes);
};

// A stored object whose chunks moved to other segments (compaction): what
// a Relocate log entry names. Every version stored as `oldManifest` is now
// `moved`.
struct MovedObject {
    static constexpr qsizetype kMaxBytes = 2 * ObjectRef::kMaxBytes;
    QByteArray oldManifest;
    ObjectRef moved;

    QByteArray encode() const;
    static Result<MovedObject> decode(const QByteArray &bytes);
};

// One stored batch of a device's account log: entries `first`..`first +
// entries.size() - 1` (sealed and signed, sync/account_log.h), the content
// of the files they name (content SHA-256 → ObjectRef bytes), and where the
// previous batch is (empty for the first).
struct LogBatch {
    static constexpr qsizetype kMaxBytes = 256 * 1024 * 1024;
    static constexpr qsizetype kMaxEntries = 100000;
    QByteArray device; // Ed25519 public key
    qint64 first = 1;
    QList<QByteArray> entries;
    QList<std::pair<QByteArray, QByteArray>> blobs;
    QByteArray previous; // ObjectRef bytes of the batch before, or empty

    QByteArray encode() const;
    static Result<LogBatch> decode(const QByteArray &bytes);
};

// Where a device of the account listens for the others (DeviceChannel):
// the value of the pointer with salt "endpoint:" + the device's id, signed
// by the account key.
struct DeviceEndpoint {
    static constexpr qsizetype kMaxBytes = 512;
    QByteArray device; // Ed25519 public key
    QString address;   // an IP address
    quint16 port = 0;

    static QByteArray saltFor(const crypto::NodeId &device);
    QByteArray encode() const;
    static Result<DeviceEndpoint> decode(const QByteArray &bytes);
};

// A device's log head, the value of its pointer (signed by the account key,
// salt: the device's id): its last sequence and entry hash, and where its
// newest batch is.
struct LogHead {
    QByteArray device;
    qint64 sequence = 0;
    QByteArray hash;
    QByteArray batch; // ObjectRef bytes
    qint64 batchFirst = 1;

    QByteArray encode() const;
    static Result<LogHead> decode(const QByteArray &bytes);
};

// The account's devices, the value of the pointer with salt "devices"
// (signed by the account key). A device is authorised from when it is added
// until it is revoked.
struct DeviceRecord {
    QByteArray key; // Ed25519 public key
    QString name;
    qint64 addedMs = 0;
    qint64 revokedMs = 0; // 0: not revoked
    crypto::NodeId id() const { return crypto::NodeId::fromPublicKey(key); }
    friend bool operator==(const DeviceRecord &, const DeviceRecord &) = default;
};

struct DeviceList {
    static constexpr qsizetype kMaxDevices = 200;
    QList<DeviceRecord> devices;

    QList<QByteArray> authorisedKeys() const;
    const DeviceRecord *find(const QByteArray &key) const;
    QByteArray encode() const;
    static Result<DeviceList> decode(const QByteArray &bytes);
};

} // namespace stratus::syncservice
