#pragma once

#include "common/result.h"
#include "crypto/node_id.h"
#include "crypto/signing_key.h"
#include "translog/hashing.h"
#include "translog/merkle_tree.h"
#include "translog/tree_head.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace stratus::translog {

// The largest entry a log takes (an attestation is a few hundred bytes).
constexpr qsizetype kMaxEntrySize = 64 * 1024;

struct LogStoreOptions {
    // Milliseconds since 1970 for new tree heads; the system clock when
    // empty. Heads never go back in time, whatever the clock says.
    std::function<qint64()> clock;
};

// The crash-safe, append-only, signed Merkle log of one validator, in one
// directory (formats in TRANSLOG.md):
//   entries.dat  the entries, each framed with its length and leaf hash
//   head.cbor    the latest signed tree head, replaced atomically
//   heads.dat    every signed tree head, in order
//
// append() writes a batch, flushes it to disk once, then signs and stores
// the new head; a head is only ever written over entries already on disk,
// so after a crash at any moment open() finds the signed entries intact.
// Unsigned entries after the head are kept if whole (and signed at open)
// or cut off if torn. Entries a signed head covers are never changed: if
// they do not match the head, open() fails and says where, and leaves every
// file as it was.
//
// One process at a time (open() takes an exclusive lock on entries.dat);
// one thread at a time (no method is thread-safe).
class LogStore {
public:
    static Result<std::unique_ptr<LogStore>> open(const QString &dir, const crypto::SigningKey &key,
                                                  LogStoreOptions options = {});
    ~LogStore();
    LogStore(const LogStore &) = delete;
    LogStore &operator=(const LogStore &) = delete;

    // Appends `entries` (each at most kMaxEntrySize bytes) in order and
    // returns the new signed head: the batch holds indices
    // [head.treeSize - entries.size(), head.treeSize). An empty batch signs
    // a fresh head over the same entries (a newer timestamp). On an error
    // nothing new is signed; if the error came after the entries reached
    // the disk, the store refuses further appends and must be reopened
    // (which signs them).
    Result<SignedTreeHead> append(const std::vector<QByteArray> &entries);

    quint64 size() const { return m_tree.size(); }
    const SignedTreeHead &head() const { return m_head; }
    crypto::NodeId logId() const { return m_head.logId(); }
    const QString &directory() const { return m_dir; }

    // Entries read back from disk and checked against their leaf hash.
    // entries() reads its span with one read: ask for pages (say a thousand
    // entries), not for the whole log.
    Result<QByteArray> entry(quint64 index) const;
    Result<std::vector<QByteArray>> entries(quint64 from, quint64 count) const;
    Result<Hash> leafHash(quint64 index) const;

    // Proofs and roots over the first `treeSize` entries (<= size()).
    Result<std::vector<Hash>> inclusionProof(quint64 index, quint64 treeSize) const;
    Result<std::vector<Hash>> consistencyProof(quint64 oldSize, quint64 newSize) const;
    Result<Hash> root(quint64 treeSize) const;
    const MerkleTree &tree() const { return m_tree; }

    // Every head this log has signed, oldest first (read from heads.dat).
    Result<std::vector<SignedTreeHead>> history() const;

private:
    LogStore(QString dir, const crypto::SigningKey &key, LogStoreOptions options);
    Status load();
    Status signAndStore();
    Status appendToHistory(const SignedTreeHead &head);
    Result<QByteArray> readEntry(quint64 index) const;
    QString path(const char *name) const;
    qint64 now() const;

    QString m_dir;
    crypto::SigningKey m_key;
    LogStoreOptions m_options;
    int m_entriesFd = -1;
    int m_headsFd = -1;
    quint64 m_headsEnd = 0;
    MerkleTree m_tree;
    std::vector<quint64> m_offsets; // where record i starts; one more for the end
    SignedTreeHead m_head;
    QString m_failed; // why appends are refused, if they are
};

} // namespace stratus::translog
