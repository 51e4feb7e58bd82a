#pragma once

#include "client/file_index.h"
#include "client/remote_store.h"
#include "common/result.h"
#include "crypto/secret.h"
#include "syncservice/sync_wire.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace stratus::syncservice {

// What one pass over many objects (one transaction) already looked up or
// recorded: files packed together share their segments, so their shards'
// nodes are read and recorded once per pass instead of once per file.
// Valid only while nothing else changes the placements.
struct RefPass {
    QSet<QByteArray> recorded;                                                    // shard + node
    QHash<QByteArray, QList<std::pair<object::ShardId, crypto::NodeId>>> holders; // by shard
};

// Where the newest version of `remotePath` is: its sealed manifest and the
// node of each shard, from the client's index.
Result<ObjectRef> refOfLatest(client::FileIndex &index, const crypto::Key256 &dataMaster, const QString &remotePath,
                              RefPass *pass = nullptr);

// Where the object `refBytes` (ObjectRef bytes) is now after the moves in
// `moved` (old sealed manifest -> ObjectRef bytes; a move of a move is
// followed too); nothing when it did not move.
std::optional<QByteArray> movedRef(const QHash<QByteArray, QByteArray> &moved, const QByteArray &refBytes);

// Records the nodes `ref` names for its shards (another device's placements:
// no contract of this device's).
Status addHolders(client::FileIndex &index, const ObjectRef &ref, RefPass *pass = nullptr);

// Records an object another device stored as a version of `remotePath` in
// this device's index (the account's history), with its shards' nodes, and
// returns that version. The manifest is opened first: a reference this
// account's key does not open is refused.
Result<client::FileVersion> registerRef(client::FileIndex &index, const crypto::Key256 &dataMaster,
                                        const QString &remotePath, qint64 size, qint64 mtimeMs, const ObjectRef &ref,
                                        RefPass *pass = nullptr);

// Stores `bytes` as an object at `remotePath` and returns where it is.
Result<ObjectRef> storeBytes(client::RemoteStore &store, client::FileIndex &index, const crypto::Key256 &dataMaster,
                             const QString &workDir, const QString &remotePath, const QByteArray &bytes);

// Fetches an object registered at `remotePath` (registerRef) into memory.
Result<QByteArray> fetchBytes(client::RemoteStore &store, const client::FileVersion &version, const QString &workDir,
                              qsizetype maxBytes);

} // namespace stratus::syncservice
