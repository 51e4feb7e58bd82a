#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "db/migrations.h"
#include "node/contract.h"
#include "node/orders.h"
#include "node/signed_pointer.h"
#include "object/shard_id.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace stratus::db {
class Database;
class Statement;
} // namespace stratus::db

namespace stratus::node {

enum class ContractState {
    Active,    // in force until its expiry (and the grace period after it)
    Deleted,   // cancelled by a signed deletion order of its client
    Collected, // its shard was garbage-collected
};

QString contractStateName(ContractState state);

struct ContractRecord {
    qint64 id = 0;
    ContractTerms terms;
    SignedContract contract;
    ContractState state = ContractState::Active;
    qint64 acceptedMs = 0;
    qint64 cost = 0;     // micro-credits, contractCost(terms)
    qint64 stateMs = 0;  // when the state last changed (deleted or collected at)
    qint64 storedMs = 0; // when the shard was stored under it (its receipt); 0: not yet
};

// A bandwidth order as the node keeps it.
struct OrderRecord {
    qint64 id = 0;
    SignedOrder order;
    qint64 bytes = 0;
    qint64 receivedMs = 0;
};

// A closed epoch's signed statement and what backs it, as the node keeps it
// (formats: core/ledger/STATEMENTS.md). Written once, in one transaction:
// an epoch is never closed twice.
struct StatementRow {
    qint64 epoch = 0;
    QByteArray statement; // the signed statement (CBOR)
    QByteArray receipts;  // CBOR array of receipt leaves, in order
    QByteArray evidence;  // CBOR array of the validators' signed log entries used
    qint64 total = 0;     // µcr, as in the statement
    qint64 createdMs = 0;
};

// A shard stored under a contract, and when: what the node's epoch statement
// sums up. Carries the signed contract (encodeSignedContract) so a receipt
// stands on its own.
struct ReceiptRecord {
    qint64 id = 0;
    qint64 contractId = 0;
    object::ShardId shard;
    qint64 storedMs = 0;
    qint64 bytes = 0;
    QByteArray signedContract;
};

struct ClientTotals {
    crypto::NodeId client;
    qint64 activeContracts = 0; // active and not yet expired at `nowMs`
    qint64 activeBytes = 0;
    qint64 contractCost = 0; // micro-credits over all of the client's contracts
    qint64 bandwidthOrders = 0;
    qint64 bandwidthBytes = 0;
};

struct CollectibleShard {
    object::ShardId shard;
    bool deleted = false; // a deletion order cancelled its last live contract(s)
    bool expired = false; // some contract expired more than the grace period ago
};

struct CollectionRecord {
    qint64 id = 0;
    object::ShardId shard;
    QString reason;
    qint64 bytes = 0; // freed in the store (0 when the shard was not there)
    qint64 timeMs = 0;
};

// The storage node's own records in its SQLCipher database: contracts,
// receipts, bandwidth orders, deletion orders and what garbage collection
// did. Every signed object is verified again before it is stored (signatures
// over the exact payload bytes, addressed to this node), and stored as those
// exact bytes. Replays are refused: a contract or deletion nonce, or a
// bandwidth order serial, is accepted once per client.
//
// Like db::Database, one thread at a time (the node thread).
class NodeDatabase {
public:
    // Opens or creates the database under a raw 32-byte key and brings its
    // schema up to date. `self` is this node's id: objects for another node
    // are refused.
    static Result<std::unique_ptr<NodeDatabase>> open(const QString &path, const QByteArray &key32,
                                                      const crypto::NodeId &self);
    static std::vector<db::Migration> migrations();

    ~NodeDatabase();
    NodeDatabase(const NodeDatabase &) = delete;
    NodeDatabase &operator=(const NodeDatabase &) = delete;

    const crypto::NodeId &nodeId() const { return m_self; }
    db::Database &database() { return *m_db; }

    // Records a countersigned contract; returns its row id. Refused when a
    // signature or key is wrong, the contract is for another node, has
    // already expired at `acceptedMs`, or its (client, nonce) was seen.
    Result<qint64> addContract(const SignedContract &contract, qint64 acceptedMs);
    // Records that the shard of contract `contractId` is stored as of
    // `storedMs`.
    Result<qint64> addReceipt(qint64 contractId, qint64 storedMs);

    Result<std::optional<ContractRecord>> contract(qint64 id);
    Result<std::vector<ContractRecord>> contractsOfShard(const object::ShardId &shard);
    Result<std::vector<ReceiptRecord>> receiptsOfShard(const object::ShardId &shard);
    // Active contracts whose expiry is more than `graceMs` before `nowMs`.
    Result<std::vector<ContractRecord>> expiredContracts(qint64 nowMs, qint64 graceMs);
    Result<std::vector<ClientTotals>> totalsPerClient(qint64 nowMs);

    // The contracts in force at `nowMs` (active, not expired): what the node
    // claims to hold, and is paid for. Counted, and picked by position (in
    // the order they were accepted) so an auditor can choose at random.
    Result<qint64> claimCount(qint64 nowMs);
    Result<std::optional<ContractRecord>> claimAt(qint64 position, qint64 nowMs);
    // Records a bandwidth order; returns its row id. Refused when the order
    // is not valid for this node or its (client, serial) was seen.
    Result<qint64> addBandwidthOrder(const SignedOrder &order, qint64 receivedMs);

    // Applies a deletion order: the client's active contracts for the shard
    // that started at or before the order's time become Deleted. Returns how
    // many. Refused when the order is not valid for this node, replayed, or
    // cancels nothing (no such contract).
    Result<int> applyDeletion(const SignedOrder &order, qint64 receivedMs);

    // The latest deletion order the node applied for `shard`, if any (what it
    // shows an auditor who challenges a shard its client deleted).
    Result<std::optional<SignedOrder>> deletionOf(const object::ShardId &shard);
    // Shards with contracts not yet collected, none of them keeping the
    // shard: a contract keeps it while it is Active and its expiry is no more
    // than `graceMs` before `nowMs`.
    Result<std::vector<CollectibleShard>> collectibleShards(qint64 nowMs, qint64 graceMs);
    // (With graceMs 0: the node's trash, every shard no contract keeps any
    // more at `nowMs` that garbage collection has not removed yet.)
    // Marks every contract of `shard` Collected and logs the collection, in
    // one transaction.
    Status recordCollection(const object::ShardId &shard, const QString &reason, qint64 bytesFreed, qint64 timeMs);
    Result<std::vector<CollectionRecord>> collections();
    // Whether any contract, in any state, names the shard.
    Result<bool> hasContracts(const object::ShardId &shard);

    // Earnings (node_earnings.cpp). Contracts whose shard was stored and
    // kept under them for some time in [startMs, endMs): stored before
    // endMs, started before endMs, expiring after startMs, and still active
    // or ended (deleted, collected) after startMs. In acceptance order.
    Result<std::vector<ContractRecord>> contractsStoredDuring(qint64 startMs, qint64 endMs);
    // Bandwidth orders received in [startMs, endMs), in arrival order.
    Result<std::vector<OrderRecord>> ordersReceivedDuring(qint64 startMs, qint64 endMs);
    // Records a closed epoch; refused when the epoch already has one.
    Status addStatement(const StatementRow &row);
    Result<std::optional<StatementRow>> statement(qint64 epoch);
    // The newest `limit` statements, newest first.
    Result<std::vector<StatementRow>> latestStatements(int limit);
    Result<std::optional<qint64>> lastStatementEpoch();
    // When the node accepted its first contract, if it has any.
    Result<std::optional<qint64>> firstContractMs();

    // Signed pointers (node_pointers.cpp; signed_pointer.h). Keeps the
    // newest per (key, salt): an older or equal sequence with other bytes is
    // refused with the stored sequence named. At most `maxPointers` are kept
    // in all, and `maxPerKey` per key.
    static constexpr qint64 kMaxPointers = 200000;
    static constexpr qint64 kMaxPointersPerKey = 1000;
    Status putPointer(const SignedPointer &pointer, qint64 nowMs);
    Result<std::optional<SignedPointer>> pointer(const QByteArray &key, const QByteArray &salt);

private:
    NodeDatabase(std::unique_ptr<db::Database> db, const crypto::NodeId &self);
    Result<std::vector<ContractRecord>> queryContracts(const QString &where,
                                                       const std::function<Status(db::Statement &)> &bind);

    std::unique_ptr<db::Database> m_db;
    crypto::NodeId m_self;
};

} // namespace stratus::node
