#pragma once

#include "common/result.h"
#include "crypto/node_id.h"

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include <initializer_list>
#include <optional>

namespace stratus::node::cbor {

// Helpers for the strict decoding of the node's wire objects (contracts,
// orders, proofs). Every object is one CBOR map with text keys; decoding
// accepts exactly what the encoder writes and nothing else:
//   - exactly one data item, no trailing bytes, at most `maxBytes`;
//   - a map whose keys are text, none repeated, exactly the expected set;
//   - and, last, the decoded value re-encoded must give back the input bytes
//     byte for byte (checkCanonical), which refuses non-minimal integers,
//     indefinite lengths, tags, reordered keys and any other alternative
//     encoding of the same value.

// Parses `bytes` as one CBOR map. `what` names the object in errors
// ("contract", "proof", ...).
Result<QCborMap> parseMap(const QByteArray &bytes, qsizetype maxBytes, const QString &what);

// The map's keys are exactly `required` plus any of `optional`.
Status checkKeys(const QCborMap &map, std::initializer_list<QString> required, std::initializer_list<QString> optional,
                 const QString &what);

// The common header of every object: "v" == `version` and "type" == `type`.
Status checkHeader(const QCborMap &map, qint64 version, const QString &type, const QString &what);

// An integer field in [0, max]; nothing when absent, of another type or out
// of range.
std::optional<qint64> uintField(const QCborMap &map, const QString &key, qint64 max);

// A byte-string field of a size in [minSize, maxSize].
std::optional<QByteArray> bytesField(const QCborMap &map, const QString &key, qsizetype minSize, qsizetype maxSize);

// A NodeId field (32 bytes); nothing when absent or malformed.
std::optional<crypto::NodeId> idField(const QCborMap &map, const QString &key);

// Refuses an input that is not the canonical encoding of what was decoded.
Status checkCanonical(const QByteArray &input, const QByteArray &reencoded, const QString &what);

// The error every decoder returns: "malformed <what>: <why>".
Error malformed(const QString &what, const QString &why);

// Direct reading and writing of the canonical form, for formats written or
// read once per file (where building a QCborValue tree costs more than the
// work around it). A head is a CBOR item's type and argument (a length or an
// unsigned value), always in its shortest form.
void appendHead(QByteArray &out, int major, quint64 value);
// A text string: its head and its bytes.
void appendText(QByteArray &out, QLatin1StringView text);
// The start of a map of `pairs` pairs whose first two are "v": 1 and
// "type": `type`, as QCborValue writes it (keys in insertion order).
QByteArray mapHeader(int pairs, QLatin1StringView type);
// Reads a head of major type `major` in shortest form at `p` and moves past
// it; nothing (and `p` unspecified) on another type, a longer form than
// needed, or the end.
std::optional<quint64> readHead(const unsigned char *&p, const unsigned char *end, int major);

} // namespace stratus::node::cbor
