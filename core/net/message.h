#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCborMap>
#include <QString>

#include <optional>
#include <variant>

namespace stratus::net {

// The envelope version this build speaks.
constexpr qint64 kProtocolVersion = 1;
// Longest message type name, in characters.
constexpr qsizetype kMaxTypeLength = 64;
// Longest error code and error message in an error reply, in characters.
constexpr qsizetype kMaxErrorCodeLength = 64;
constexpr qsizetype kMaxErrorMessageLength = 1024;

// Error codes of error replies (see PROTOCOL.md). Handlers may use their own
// codes too (same character rules: a-z 0-9 . _ -).
namespace codes {
inline const QString kMalformed = QStringLiteral("malformed");
inline const QString kUnsupportedVersion = QStringLiteral("unsupported-version");
inline const QString kUnknownType = QStringLiteral("unknown-type");
inline const QString kBadRequest = QStringLiteral("bad-request");
inline const QString kBadRequestId = QStringLiteral("bad-request-id");
inline const QString kBusy = QStringLiteral("busy");
inline const QString kRateLimited = QStringLiteral("rate-limited");
inline const QString kFrameTooLarge = QStringLiteral("frame-too-large");
inline const QString kInternal = QStringLiteral("internal");
// Produced locally by ControlClient, never sent.
inline const QString kTimeout = QStringLiteral("timeout");
inline const QString kDisconnected = QStringLiteral("disconnected");
inline const QString kNotConnected = QStringLiteral("not-connected");
inline const QString kProtocol = QStringLiteral("protocol");
} // namespace codes

// { "v": 1, "t": type, "id": id, "b": body }
struct Request {
    QString type;
    quint64 id = 0; // 1 .. 2^63-1, increasing on a connection
    QCborMap body;
};

// { "v": 1, "t": "ok" | "error", "re": id, "b": body }; an error body is
// { "code": text, "message": text }.
struct Reply {
    quint64 re = 0; // 0: answers a request whose id could not be read
    bool ok = true;
    QCborMap body;     // ok replies
    QString errorCode; // error replies
    QString errorMessage;
};

// Why a request frame is refused, and what to answer.
struct Rejection {
    quint64 re = 0;
    QString code;
    QString message;
};

QByteArray encodeRequest(const Request &request);
QByteArray encodeOkReply(quint64 re, const QCborMap &body);
// An ok reply whose body is {key: a byte string of `length` bytes}, with the
// byte string's contents left for the caller to write in place: they are the
// last `length` bytes of the result (uninitialised). The same message as
// encodeOkReply(re, {{key, bytes}}), without copying a large payload three
// times on its way into the frame.
QByteArray encodeOkReplyWithBytes(quint64 re, const QString &key, qsizetype length);

// A byte string inside a received frame: the frame is shared, the bytes are
// not copied out of it.
struct FrameBytes {
    QByteArray frame;
    qsizetype offset = 0;
    qsizetype size = 0;
    const char *data() const { return frame.constData() + offset; }
};
// If `payload` ends with a byte string of exactly `length` bytes (where
// encodeOkReplyWithBytes() puts it), decodes the reply as if that byte
// string were empty, as strictly as decodeReply() does, and points *bytes
// at it. nullopt if the payload has another shape (decode it whole then).
// Sound because the empty string's head must be read as an item of its
// own (checked): a prefix that decodes to a whole message ending in that
// item decodes, followed by the real head and bytes, to the same message
// with those bytes (test_net_message checks this on mutated replies).
std::optional<Reply> decodeReplyEndingInBytes(const QByteArray &payload, qsizetype length, FrameBytes *bytes);
QByteArray encodeErrorReply(quint64 re, const QString &code, const QString &message);

// Strict decoding of one request payload: a single CBOR map with exactly the
// envelope keys, no trailing bytes. A refusal carries the id when it could be
// read, so that the error reply can name the request.
std::variant<Request, Rejection> decodeRequest(const QByteArray &payload);
Result<Reply> decodeReply(const QByteArray &payload);

// True for a type name or error code: 1..64 characters from a-z A-Z 0-9 . _ - /
bool isValidToken(const QString &token, qsizetype maxLength);

// Decodes exactly one CBOR map that fills all of bytes; helper for strict
// formats built on the envelope (hello).
Result<QCborMap> decodeSingleMap(const QByteArray &bytes);

// A request failure (remote error reply or local failure) as an Error whose
// message is "<code>: <message>"; errorCode() reads the code back.
Error makeCodedError(const QString &code, const QString &message);
QString errorCode(const Error &error);
QString errorText(const Error &error);

} // namespace stratus::net
