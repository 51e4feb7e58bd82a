#include "sync/account_log.h"

#include "crypto/aead.h"
#include "crypto/hash.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "node/cbor_strict.h"
#include "sync/local_index.h"

#include <QCborMap>
#include <QCborValue>

#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::sync {

namespace {

const QString kEntryWhat = u"account log entry"_s;
const QString kEnvelopeWhat = u"sealed account log entry"_s;
const QString kEntryType = u"stratus.account-log-entry-body"_s;
const QString kEnvelopeType = u"stratus.account-log-entry"_s;
constexpr int kVersion = 1;
constexpr qsizetype kMaxPathBytes = 4096;
// An entry holds two paths, a version vector (at most 64 KiB) and small
// fields: these caps keep a hostile entry from making us allocate much.
constexpr qsizetype kMaxEntryBytes = 80 * 1024;
constexpr qsizetype kMaxEnvelopeBytes = 96 * 1024;
constexpr qsizetype kHashSize = 32;
constexpr qint64 kMaxSequence = std::numeric_limits<qint64>::max();

bool isNfc(const QString &s) { return s == s.normalized(QString::NormalizationForm_C); }

Status checkPath(const LogPath &p, const QString &which)
{
    if (p.folder.isEmpty() || p.folder.contains(u'/') || p.folder == u"."_s || p.folder == u".."_s)
        return makeError(u"the %1 folder label \"%2\" is empty or holds a '/'"_s.arg(which, p.folder));
    if (!LocalIndex::isValidPath(p.path))
        return makeError(u"the %1 path \"%2\" is not a relative '/'-separated path"_s.arg(which, p.path));
    if (!isNfc(p.folder) || !isNfc(p.path))
        return makeError(u"the %1 path \"%2/%3\" is not NFC-normalised"_s.arg(which, p.folder, p.path));
    if (p.folder.toUtf8().size() + p.path.toUtf8().size() > kMaxPathBytes)
        return makeError(u"the %1 path is longer than %2 bytes"_s.arg(which).arg(kMaxPathBytes));
    return {};
}

// What every entry must satisfy, on both sides of the wire.
Status checkEntry(const LogEntry &e)
{
    if (Status st = checkPath(e.path, u"entry's"_s); !st)
        return st;
    const bool rename = e.kind == LogEntry::Kind::Rename;
    if (rename) {
        if (Status st = checkPath(e.renamedFrom, u"renamed-from"_s); !st)
            return st;
        if (e.renamedFrom == e.path)
            return makeError(u"a rename of \"%1\" onto itself"_s.arg(e.path.path));
    } else if (!e.renamedFrom.folder.isEmpty() || !e.renamedFrom.path.isEmpty()) {
        return makeError(u"only a rename names a renamed-from path"_s);
    }
    if (e.size < 0)
        return makeError(u"a negative size"_s);
    if (e.contentRef.size() > LogEntry::kMaxContentRef)
        return makeError(u"a content reference over %1 bytes"_s.arg(LogEntry::kMaxContentRef));
    const bool contentless = e.kind == LogEntry::Kind::Directory || e.kind == LogEntry::Kind::Delete;
    if (contentless && (e.size != 0 || !e.contentRef.isEmpty() || e.executable))
        return makeError(u"a directory or delete entry with a size, content or executable bit"_s);
    if (e.kind == LogEntry::Kind::Relocate) {
        if (e.contentRef.size() != 32 || e.size != 0 || e.mtimeNs != 0 || e.executable || !e.version.isEmpty())
            return makeError(u"a relocate entry must name a 32-byte move and nothing else"_s);
        return {};
    }
    if (e.version.isEmpty())
        return makeError(u"an entry without a version vector"_s);
    return {};
}

LogPath normalised(const LogPath &p)
{
    return {p.folder.normalized(QString::NormalizationForm_C), p.path.normalized(QString::NormalizationForm_C)};
}

QCborMap envelopeHeader(const QByteArray &device, qint64 seq, const QByteArray &prev)
{
    return QCborMap{
        {u"v"_s, kVersion}, {u"type"_s, kEnvelopeType}, {u"device"_s, device}, {u"seq"_s, seq}, {u"prev"_s, prev}};
}

// The signed part: the header, the nonce and the sealed bytes.
QCborMap signedPart(const QByteArray &device, qint64 seq, const QByteArray &prev, const QByteArray &nonce,
                    const QByteArray &sealed)
{
    QCborMap map = envelopeHeader(device, seq, prev);
    map.insert(u"nonce"_s, nonce);
    map.insert(u"sealed"_s, sealed);
    return map;
}

} // namespace

QByteArray SealedEntry::hash() const { return crypto::sha256(bytes); }

crypto::Key256 accountLogKey(const crypto::Key256 &dataMaster)
{
    return crypto::deriveKey(dataMaster, QByteArrayLiteral("stratus/account-log/v1"),
                             QByteArrayLiteral("entry-encryption"));
}

Result<QByteArray> encodeLogEntry(const LogEntry &input)
{
    LogEntry e = input;
    e.path = normalised(e.path);
    if (e.kind == LogEntry::Kind::Rename)
        e.renamedFrom = normalised(e.renamedFrom);
    if (Status st = checkEntry(e); !st)
        return makeError(u"cannot write this account log entry: "_s + st.message());
    QCborMap map{{u"v"_s, kVersion},
                 {u"type"_s, kEntryType},
                 {u"kind"_s, static_cast<int>(e.kind)},
                 {u"folder"_s, e.path.folder},
                 {u"path"_s, e.path.path}};
    if (e.kind == LogEntry::Kind::Rename) {
        map.insert(u"from-folder"_s, e.renamedFrom.folder);
        map.insert(u"from-path"_s, e.renamedFrom.path);
    }
    map.insert(u"size"_s, e.size);
    map.insert(u"mtime"_s, e.mtimeNs);
    map.insert(u"exec"_s, e.executable);
    map.insert(u"content"_s, e.contentRef);
    map.insert(u"version"_s, e.version.encode());
    return QCborValue(map).toCbor();
}

Result<LogEntry> decodeLogEntry(const QByteArray &cbor)
{
    using namespace node::cbor;
    Result<QCborMap> parsed = parseMap(cbor, kMaxEntryBytes, kEntryWhat);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = checkHeader(map, kVersion, kEntryType, kEntryWhat); !st)
        return st.error();
    if (Status st = checkKeys(map,
                              {u"v"_s, u"type"_s, u"kind"_s, u"folder"_s, u"path"_s, u"size"_s, u"mtime"_s, u"exec"_s,
                               u"content"_s, u"version"_s},
                              {u"from-folder"_s, u"from-path"_s}, kEntryWhat);
        !st)
        return st.error();
    LogEntry e;
    const auto kind = uintField(map, u"kind"_s, 4);
    const auto size = uintField(map, u"size"_s, std::numeric_limits<qint64>::max());
    const auto content = bytesField(map, u"content"_s, 0, LogEntry::kMaxContentRef);
    const auto version = bytesField(map, u"version"_s, 1, VersionVector::kMaxEncodedBytes);
    if (!kind || !size || !content || !version)
        return malformed(kEntryWhat, u"a kind, size, content or version field is missing or out of range"_s);
    const QCborValue mtime = map.value(u"mtime"_s), exec = map.value(u"exec"_s);
    if (!mtime.isInteger() || !exec.isBool())
        return malformed(kEntryWhat, u"the mtime is not an integer or the executable bit not a boolean"_s);
    const QCborValue folder = map.value(u"folder"_s), path = map.value(u"path"_s);
    if (!folder.isString() || !path.isString())
        return malformed(kEntryWhat, u"the path is not text"_s);
    e.kind = static_cast<LogEntry::Kind>(*kind);
    e.path = {folder.toString(), path.toString()};
    const bool hasFrom = map.contains(u"from-folder"_s) || map.contains(u"from-path"_s);
    if (hasFrom != (e.kind == LogEntry::Kind::Rename))
        return malformed(kEntryWhat, u"a renamed-from path on an entry that is not a rename, or a rename without"_s);
    if (hasFrom) {
        const QCborValue ff = map.value(u"from-folder"_s), fp = map.value(u"from-path"_s);
        if (!ff.isString() || !fp.isString())
            return malformed(kEntryWhat, u"the renamed-from path is not text"_s);
        e.renamedFrom = {ff.toString(), fp.toString()};
    }
    e.size = *size;
    e.mtimeNs = mtime.toInteger();
    e.executable = exec.toBool();
    e.contentRef = *content;
    Result<VersionVector> vv = VersionVector::decode(*version);
    if (!vv)
        return malformed(kEntryWhat, vv.message());
    e.version = std::move(*vv);
    if (Status st = checkEntry(e); !st)
        return malformed(kEntryWhat, st.message());
    // Also refuses non-NFC text: encode would have normalised it.
    Result<QByteArray> again = encodeLogEntry(e);
    if (!again)
        return malformed(kEntryWhat, again.message());
    if (Status st = checkCanonical(cbor, *again, kEntryWhat); !st)
        return st.error();
    return e;
}

AccountLogWriter::AccountLogWriter(const crypto::Key256 &dataMaster, crypto::SigningKey deviceKey, ChainHead head)
    : m_key(accountLogKey(dataMaster)), m_device(std::move(deviceKey)), m_head(std::move(head))
{
}

Result<SealedEntry> AccountLogWriter::append(const LogEntry &entry)
{
    Result<QByteArray> plain = encodeLogEntry(entry);
    if (!plain)
        return plain.error();
    if (m_head.sequence == kMaxSequence)
        return makeError(u"this device's account log sequence is exhausted"_s);
    SealedEntry out;
    out.devicePublicKey = m_device.publicKey();
    out.sequence = m_head.sequence + 1;
    out.previousHash = m_head.hash;
    const QByteArray nonce = crypto::randomBytes(crypto::kGcmNonceSize);
    const QByteArray aad = QCborValue(envelopeHeader(out.devicePublicKey, out.sequence, out.previousHash)).toCbor();
    const QByteArray sealed = crypto::aesGcmSeal(m_key, nonce, *plain, aad);
    QCborMap map = signedPart(out.devicePublicKey, out.sequence, out.previousHash, nonce, sealed);
    const QByteArray signature = m_device.sign(QCborValue(map).toCbor());
    map.insert(u"sig"_s, signature);
    out.bytes = QCborValue(map).toCbor();
    m_head = {out.sequence, out.hash()};
    return out;
}

namespace {

struct Envelope {
    SealedEntry entry;
    QByteArray nonce;
    QByteArray sealed;
};

Result<Envelope> parseEnvelope(const QByteArray &bytes, const QList<QByteArray> &authorisedDeviceKeys,
                               bool checkSignature = true)
{
    using namespace node::cbor;
    Result<QCborMap> parsed = parseMap(bytes, kMaxEnvelopeBytes, kEnvelopeWhat);
    if (!parsed)
        return parsed.error();
    const QCborMap &map = *parsed;
    if (Status st = checkHeader(map, kVersion, kEnvelopeType, kEnvelopeWhat); !st)
        return st.error();
    if (Status st =
            checkKeys(map, {u"v"_s, u"type"_s, u"device"_s, u"seq"_s, u"prev"_s, u"nonce"_s, u"sealed"_s, u"sig"_s}, {},
                      kEnvelopeWhat);
        !st)
        return st.error();
    const auto device = bytesField(map, u"device"_s, crypto::kEd25519PublicKeySize, crypto::kEd25519PublicKeySize);
    const auto seq = uintField(map, u"seq"_s, kMaxSequence);
    const auto prev = bytesField(map, u"prev"_s, 0, kHashSize);
    const auto nonce = bytesField(map, u"nonce"_s, crypto::kGcmNonceSize, crypto::kGcmNonceSize);
    const auto sealed = bytesField(map, u"sealed"_s, crypto::kGcmTagSize, kMaxEntryBytes + crypto::kGcmTagSize);
    const auto sig = bytesField(map, u"sig"_s, crypto::kEd25519SignatureSize, crypto::kEd25519SignatureSize);
    if (!device || !seq || !prev || !nonce || !sealed || !sig)
        return malformed(kEnvelopeWhat, u"a field is missing or of the wrong size"_s);
    // The first entry has no predecessor; every later one names a whole hash.
    if (*seq == 0 || (*seq == 1) != prev->isEmpty() || (!prev->isEmpty() && prev->size() != kHashSize))
        return malformed(kEnvelopeWhat, u"sequence %1 with a previous hash of %2 bytes"_s.arg(*seq).arg(prev->size()));
    QCborMap tbs = signedPart(*device, *seq, *prev, *nonce, *sealed);
    const QByteArray tbsBytes = QCborValue(tbs).toCbor();
    tbs.insert(u"sig"_s, *sig);
    if (Status st = checkCanonical(bytes, QCborValue(tbs).toCbor(), kEnvelopeWhat); !st)
        return st.error();
    if (!authorisedDeviceKeys.contains(*device))
        return makeError(u"account log entry from device %1, which is not authorised on this account"_s.arg(
            crypto::NodeId::fromPublicKey(*device).shortString()));
    if (checkSignature && !crypto::verifySignature(*device, tbsBytes, *sig))
        return makeError(u"account log entry %1 of device %2 has a bad signature (forged or damaged)"_s.arg(*seq).arg(
            crypto::NodeId::fromPublicKey(*device).shortString()));
    Envelope out;
    out.entry.bytes = bytes;
    out.entry.devicePublicKey = *device;
    out.entry.sequence = *seq;
    out.entry.previousHash = *prev;
    out.nonce = *nonce;
    out.sealed = *sealed;
    return out;
}

} // namespace

Result<SealedEntry> parseSealedEntry(const QByteArray &bytes, const QList<QByteArray> &authorisedDeviceKeys)
{
    Result<Envelope> env = parseEnvelope(bytes, authorisedDeviceKeys);
    if (!env)
        return env.error();
    return std::move(env->entry);
}

namespace {

// Checks a verified envelope against the chain and decrypts it under the
// account log key.
Result<LogEntry> openEnvelope(const Envelope &env, const crypto::Key256 &logKey, const ChainHead &previous)
{
    const SealedEntry &s = env.entry;
    const QString device = crypto::NodeId::fromPublicKey(s.devicePublicKey).shortString();
    if (s.sequence != previous.sequence + 1)
        return makeError(u"account log of device %1 breaks its chain: entry %2 follows %3 (entries missing or "
                         "replayed)"_s.arg(device)
                             .arg(s.sequence)
                             .arg(previous.sequence));
    if (s.previousHash != previous.hash)
        return makeError(u"account log of device %1 breaks its chain: entry %2 does not follow the entry we hold "
                         "(a forked or rewritten history)"_s.arg(device)
                             .arg(s.sequence));
    const QByteArray aad = QCborValue(envelopeHeader(s.devicePublicKey, s.sequence, s.previousHash)).toCbor();
    Result<QByteArray> plain = crypto::aesGcmOpen(logKey, env.nonce, env.sealed, aad);
    if (!plain)
        return makeError(
            u"account log entry %1 of device %2 does not decrypt (another account's, or damaged)"_s.arg(s.sequence)
                .arg(device));
    return decodeLogEntry(*plain);
}

} // namespace

Result<LogEntry> openEntry(const QByteArray &bytes, const crypto::Key256 &dataMaster,
                           const QList<QByteArray> &authorisedDeviceKeys, const ChainHead &previous)
{
    Result<Envelope> env = parseEnvelope(bytes, authorisedDeviceKeys);
    if (!env)
        return env.error();
    return openEnvelope(*env, accountLogKey(dataMaster), previous);
}

AccountLogReader::AccountLogReader(const crypto::Key256 &dataMaster, QList<QByteArray> authorisedDeviceKeys)
    : m_logKey(accountLogKey(dataMaster)), m_devices(std::move(authorisedDeviceKeys))
{
}

ChainHead AccountLogReader::head(const QByteArray &devicePublicKey) const
{
    auto it = m_heads.find(devicePublicKey);
    return it == m_heads.end() ? ChainHead{} : it->second;
}

Result<AccountLogReader::Accepted> AccountLogReader::accept(const QByteArray &bytes, Signature signature)
{
    // One parse and at most one signature check per entry (10,000 entries
    // of a large change are read in one go).
    Result<Envelope> env = parseEnvelope(bytes, m_devices, signature == Signature::Check);
    if (!env)
        return env.error();
    Result<LogEntry> entry = openEnvelope(*env, m_logKey, head(env->entry.devicePublicKey));
    if (!entry)
        return entry.error();
    m_heads[env->entry.devicePublicKey] = {env->entry.sequence, env->entry.hash()};
    return Accepted{std::move(*entry), std::move(env->entry)};
}

} // namespace stratus::sync
