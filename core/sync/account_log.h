#pragma once

#include "common/result.h"
#include "crypto/secret.h"
#include "crypto/signing_key.h"
#include "sync/version_vector.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <map>

namespace stratus::sync {

// A path of the account's tree: the synced folder's label (a top-level
// directory of the tree) and a path relative to it. Both NFC-normalised, so
// a name typed on macOS (NFD) and on Linux (NFC) is the same entry.
struct LogPath {
    QString folder; // no '/', not empty
    QString path;   // LocalIndex::isValidPath
    friend bool operator==(const LogPath &, const LogPath &) = default;
};

// One change a device made (issue 6). What the entry means per kind:
//   File      - `path` now has this content, size, mtime and executable bit;
//   Directory - `path` is a (possibly empty) directory;
//   Delete    - `path` is gone (file or directory);
//   Rename    - `renamedFrom` moved to `path` with the content it had;
//   Relocate  - no file changed: a stored object's chunks moved to other
//               segments (compaction). `contentRef` names the move (the
//               SHA-256 of the old sealed manifest; its batch carries the
//               old manifest and the new object), `path` one version stored
//               as it; no version vector, size, mtime or executable bit.
struct LogEntry {
    enum class Kind { File = 0, Directory = 1, Delete = 2, Rename = 3, Relocate = 4 };
    static constexpr qsizetype kMaxContentRef = 64;

    Kind kind = Kind::File;
    LogPath path;
    LogPath renamedFrom; // Rename only; empty otherwise
    qint64 size = 0;
    qint64 mtimeNs = 0;
    bool executable = false;
    QByteArray contentRef; // opaque: the object manifest id from the pipeline
    VersionVector version;
    friend bool operator==(const LogEntry &, const LogEntry &) = default;
};

// Where a device's chain stands: its last sequence number and the SHA-256 of
// its last sealed entry (empty before the first).
struct ChainHead {
    qint64 sequence = 0;
    QByteArray hash;
    friend bool operator==(const ChainHead &, const ChainHead &) = default;
};

// An entry as it travels and is stored: the canonical CBOR envelope
//   {"v":1, "type":"stratus.account-log-entry", "device": Ed25519 public key,
//    "seq": n, "prev": hash of the device's entry n-1 (empty for n = 1),
//    "nonce": 12 random bytes, "sealed": AES-256-GCM(entry CBOR), "sig": 64}
// The signature covers the envelope without "sig" (so the sealed bytes and
// the chain link), and the envelope's header is the AEAD's associated data,
// so a ciphertext cannot be moved to another device, sequence or chain.
// The chain is in clear so a relay can check order without the data key.
struct SealedEntry {
    QByteArray bytes;
    QByteArray devicePublicKey;
    qint64 sequence = 0;
    QByteArray previousHash;
    QByteArray hash() const; // SHA-256 of `bytes`: the next entry's "prev"
};

// The key that seals log entries, derived by HKDF from the account's data
// master key ("stratus/account-log/v1"): never the master key itself.
crypto::Key256 accountLogKey(const crypto::Key256 &dataMaster);

// Writes one device's chain. The nonce is random (96 bits) and stored in the
// envelope rather than derived from (device, sequence): a device restored
// from an old backup may reuse a sequence number, and a derived nonce would
// then seal two plaintexts under one nonce.
class AccountLogWriter {
public:
    AccountLogWriter(const crypto::Key256 &dataMaster, crypto::SigningKey deviceKey, ChainHead head = {});

    // Seals and signs `entry` as the next of the chain and advances the head.
    // Fails (and leaves the head alone) on an entry that does not validate.
    Result<SealedEntry> append(const LogEntry &entry);
    const ChainHead &head() const { return m_head; }

private:
    crypto::Key256 m_key;
    crypto::SigningKey m_device;
    ChainHead m_head;
};

// The envelope parsed and its signature checked against an authorised device
// key; nothing decrypted and no chain checked. For relays and for reading the
// chain link before opening.
Result<SealedEntry> parseSealedEntry(const QByteArray &bytes, const QList<QByteArray> &authorisedDeviceKeys);

// Everything: signature by an authorised device, `previous` is exactly the
// device's chain head before this entry (sequence + 1 and the same hash),
// the tag, and a canonical, valid entry inside.
Result<LogEntry> openEntry(const QByteArray &bytes, const crypto::Key256 &dataMaster,
                           const QList<QByteArray> &authorisedDeviceKeys, const ChainHead &previous);

// Reads the entries of every authorised device in chain order, keeping each
// device's head: an entry is accepted only right after the one before it of
// the same device. A refused entry leaves the heads alone.
class AccountLogReader {
public:
    AccountLogReader(const crypto::Key256 &dataMaster, QList<QByteArray> authorisedDeviceKeys);

    // The entry with who wrote it (device key, sequence, hash).
    struct Accepted {
        LogEntry entry;
        SealedEntry sealed;
    };
    // `CoveredByLater` skips the entry's own signature check (the rest is
    // checked): for an entry followed, in the same read, by a later entry
    // of the same device that is accepted with `Check`. That entry's signed
    // "prev" is the hash of the whole entry before it, which names the one
    // before that, and so on: its signature covers every entry of the chain
    // below it. Nothing accepted this way may be used unless that later
    // entry was accepted (10,000 entries of one change: one Ed25519 check
    // per batch instead of 10,000).
    enum class Signature { Check, CoveredByLater };
    Result<Accepted> accept(const QByteArray &bytes, Signature signature = Signature::Check);
    // Where the device's chain stands (sequence 0 before its first entry).
    ChainHead head(const QByteArray &devicePublicKey) const;
    // Resumes from heads stored earlier.
    void setHead(const QByteArray &devicePublicKey, const ChainHead &head) { m_heads[devicePublicKey] = head; }

private:
    crypto::Key256 m_logKey; // derived once from the data master key
    QList<QByteArray> m_devices;
    std::map<QByteArray, ChainHead> m_heads;
};

// The entry's inner CBOR (exposed for tests of the strict decoder).
Result<QByteArray> encodeLogEntry(const LogEntry &entry);
Result<LogEntry> decodeLogEntry(const QByteArray &cbor);

} // namespace stratus::sync
