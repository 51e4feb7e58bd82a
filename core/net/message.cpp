#include "net/message.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QtEndian>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace stratus::net {

namespace {

const QString kKeyVersion = u"v"_s;
const QString kKeyType = u"t"_s;
const QString kKeyId = u"id"_s;
const QString kKeyRe = u"re"_s;
const QString kKeyBody = u"b"_s;
const QString kKeyCode = u"code"_s;
const QString kKeyMessage = u"message"_s;
const QString kTypeOk = u"ok"_s;
const QString kTypeError = u"error"_s;

// The map holds exactly the given keys, each once, all text.
bool hasExactKeys(const QCborMap &map, std::initializer_list<QString> keys)
{
    if (map.size() != static_cast<qsizetype>(keys.size()))
        return false;
    for (const QString &k : keys) {
        if (!map.contains(k))
            return false;
    }
    // Same size and every key present: duplicates would have left a key out.
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString())
            return false;
    }
    return true;
}

bool readId(const QCborValue &v, quint64 &out)
{
    if (!v.isInteger() || v.toInteger() <= 0)
        return false;
    out = static_cast<quint64>(v.toInteger());
    return true;
}

} // namespace

bool isValidToken(const QString &token, qsizetype maxLength)
{
    if (token.isEmpty() || token.size() > maxLength)
        return false;
    for (QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.' ||
                        u == u'_' || u == u'-' || u == u'/';
        if (!ok)
            return false;
    }
    return true;
}

Result<QCborMap> decodeSingleMap(const QByteArray &bytes)
{
    QCborStreamReader reader(bytes);
    if (!reader.isMap())
        return makeError(u"the message is not a CBOR map"_s);
    const QCborValue root = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return makeError(u"the message is not valid CBOR: %1"_s.arg(reader.lastError().toString()));
    if (reader.currentOffset() != bytes.size())
        return makeError(
            u"the message has %1 trailing bytes after the CBOR map"_s.arg(bytes.size() - reader.currentOffset()));
    if (!root.isMap())
        return makeError(u"the message is not a CBOR map"_s);
    return root.toMap();
}

QByteArray encodeRequest(const Request &request)
{
    const QCborMap map{{kKeyVersion, kProtocolVersion},
                       {kKeyType, request.type},
                       {kKeyId, static_cast<qint64>(request.id)},
                       {kKeyBody, request.body}};
    return map.toCborValue().toCbor();
}

QByteArray encodeOkReply(quint64 re, const QCborMap &body)
{
    const QCborMap map{
        {kKeyVersion, kProtocolVersion}, {kKeyType, kTypeOk}, {kKeyRe, static_cast<qint64>(re)}, {kKeyBody, body}};
    return map.toCborValue().toCbor();
}

namespace {

// The head of a CBOR byte string of n bytes (RFC 8949: major type 2, the
// shortest form, as QCborStreamWriter writes it).
QByteArray byteStringHead(quint64 n)
{
    QByteArray head;
    if (n < 24) {
        head.append(char(0x40 | n));
    } else if (n <= 0xff) {
        head.append(char(0x58));
        head.append(char(n));
    } else if (n <= 0xffff) {
        head.resize(3);
        head[0] = char(0x59);
        qToBigEndian(static_cast<quint16>(n), head.data() + 1);
    } else if (n <= 0xffffffffu) {
        head.resize(5);
        head[0] = char(0x5a);
        qToBigEndian(static_cast<quint32>(n), head.data() + 1);
    } else {
        head.resize(9);
        head[0] = char(0x5b);
        qToBigEndian(n, head.data() + 1);
    }
    return head;
}

// Walks the items of one container (or the top level), noting whether an
// item that starts at `at` is a byte string. False if the nesting is deeper
// than a reply's needs to be or the walk fails.
bool itemStartsWithBytes(QCborStreamReader &reader, qsizetype at, int depth, bool &headAt)
{
    constexpr int kMaxDepth = 32;
    while (reader.lastError() == QCborError::NoError && (depth == 0 ? !reader.isInvalid() : reader.hasNext())) {
        if (reader.currentOffset() == at)
            headAt = reader.isByteArray();
        if (reader.isContainer()) {
            if (depth >= kMaxDepth || !reader.enterContainer())
                return false;
            if (!itemStartsWithBytes(reader, at, depth + 1, headAt) || !reader.leaveContainer())
                return false;
        } else if (!reader.next()) {
            return false;
        }
        if (depth == 0)
            break; // one top-level item
    }
    return reader.lastError() == QCborError::NoError;
}

} // namespace

QByteArray encodeOkReplyWithBytes(quint64 re, const QString &key, qsizetype length)
{
    QByteArray out;
    {
        QCborStreamWriter w(&out);
        w.startMap(4);
        w.append(kKeyVersion);
        w.append(kProtocolVersion);
        w.append(kKeyType);
        w.append(kTypeOk);
        w.append(kKeyRe);
        w.append(static_cast<qint64>(re));
        w.append(kKeyBody);
        w.startMap(1);
        w.append(key);
        // The byte string's head (RFC 8949, major type 2) is written below:
        // the writer cannot leave its contents to be filled later. Both maps
        // have a fixed length, so nothing follows the byte string.
    }
    const quint64 n = static_cast<quint64>(std::max<qsizetype>(length, 0));
    out += byteStringHead(n);
    out.resize(out.size() + static_cast<qsizetype>(n));
    return out;
}

std::optional<Reply> decodeReplyEndingInBytes(const QByteArray &payload, qsizetype length, FrameBytes *bytes)
{
    if (length <= 0 || length >= payload.size())
        return std::nullopt;
    const QByteArray head = byteStringHead(static_cast<quint64>(length));
    const qsizetype at = payload.size() - length - head.size();
    if (at <= 0 || QByteArrayView(payload).sliced(at, head.size()) != head)
        return std::nullopt;
    QByteArray prefix = payload.first(at);
    prefix.append(char(0x40)); // the same value with no bytes
    Result<Reply> reply = decodeReply(prefix);
    if (!reply)
        return std::nullopt;
    // The 0x40 must have been read as an item of its own, not as the
    // contents of a string whose head comes before it: then the whole
    // payload parses the same way, with the bytes as that item.
    QCborStreamReader reader(prefix);
    bool headAt = false;
    if (!itemStartsWithBytes(reader, at, 0, headAt) || !headAt)
        return std::nullopt;
    *bytes = FrameBytes{payload, payload.size() - length, length};
    return std::move(reply.value());
}

QByteArray encodeErrorReply(quint64 re, const QString &code, const QString &message)
{
    const QCborMap body{{kKeyCode, code.left(kMaxErrorCodeLength)},
                        {kKeyMessage, message.left(kMaxErrorMessageLength)}};
    const QCborMap map{
        {kKeyVersion, kProtocolVersion}, {kKeyType, kTypeError}, {kKeyRe, static_cast<qint64>(re)}, {kKeyBody, body}};
    return map.toCborValue().toCbor();
}

std::variant<Request, Rejection> decodeRequest(const QByteArray &payload)
{
    Result<QCborMap> decoded = decodeSingleMap(payload);
    if (!decoded)
        return Rejection{0, codes::kMalformed, decoded.message()};
    const QCborMap &map = decoded.value();

    // Read the id first so that later refusals can name the request.
    quint64 id = 0;
    const bool haveId = readId(map.value(kKeyId), id);
    const quint64 re = haveId ? id : 0;

    const QCborValue version = map.value(kKeyVersion);
    if (!version.isInteger())
        return Rejection{re, codes::kMalformed, u"the message has no protocol version (\"v\")"_s};
    if (version.toInteger() != kProtocolVersion)
        return Rejection{re, codes::kUnsupportedVersion, u"unsupported protocol version"_s};
    if (!hasExactKeys(map, {kKeyVersion, kKeyType, kKeyId, kKeyBody}))
        return Rejection{re, codes::kMalformed, u"a request has exactly the keys v, t, id and b"_s};
    if (!haveId)
        return Rejection{0, codes::kMalformed, u"the request id must be an integer from 1 to 2^63-1"_s};
    const QCborValue type = map.value(kKeyType);
    if (!type.isString() || !isValidToken(type.toString(), kMaxTypeLength))
        return Rejection{re, codes::kMalformed,
                         u"the message type must be 1 to 64 characters of a-z A-Z 0-9 . _ - /"_s};
    const QCborValue body = map.value(kKeyBody);
    if (!body.isMap())
        return Rejection{re, codes::kMalformed, u"the request body must be a CBOR map"_s};
    return Request{type.toString(), id, body.toMap()};
}

Result<Reply> decodeReply(const QByteArray &payload)
{
    Result<QCborMap> decoded = decodeSingleMap(payload);
    if (!decoded)
        return decoded.error();
    const QCborMap &map = decoded.value();
    const QCborValue version = map.value(kKeyVersion);
    if (!version.isInteger() || version.toInteger() != kProtocolVersion)
        return makeError(u"the reply has an unsupported protocol version"_s);
    if (!hasExactKeys(map, {kKeyVersion, kKeyType, kKeyRe, kKeyBody}))
        return makeError(u"a reply has exactly the keys v, t, re and b"_s);
    const QCborValue re = map.value(kKeyRe);
    if (!re.isInteger() || re.toInteger() < 0)
        return makeError(u"the reply's \"re\" must be a non-negative integer"_s);
    const QCborValue body = map.value(kKeyBody);
    if (!body.isMap())
        return makeError(u"the reply body must be a CBOR map"_s);
    const QCborValue type = map.value(kKeyType);
    Reply reply;
    reply.re = static_cast<quint64>(re.toInteger());
    if (type.isString() && type.toString() == kTypeOk) {
        reply.ok = true;
        reply.body = body.toMap();
        return reply;
    }
    if (!type.isString() || type.toString() != kTypeError)
        return makeError(u"a reply's type is \"ok\" or \"error\""_s);
    const QCborMap err = body.toMap();
    if (!hasExactKeys(err, {kKeyCode, kKeyMessage}))
        return makeError(u"an error reply's body has exactly the keys code and message"_s);
    const QCborValue code = err.value(kKeyCode);
    const QCborValue message = err.value(kKeyMessage);
    if (!code.isString() || !isValidToken(code.toString(), kMaxErrorCodeLength))
        return makeError(u"an error reply's code must be 1 to 64 characters of a-z A-Z 0-9 . _ - /"_s);
    if (!message.isString() || message.toString().size() > kMaxErrorMessageLength)
        return makeError(u"an error reply's message must be text of at most 1024 characters"_s);
    reply.ok = false;
    reply.errorCode = code.toString();
    reply.errorMessage = message.toString();
    return reply;
}

Error makeCodedError(const QString &code, const QString &message) { return makeError(code + u": "_s + message); }

QString errorCode(const Error &error)
{
    const qsizetype colon = error.message.indexOf(u": "_s);
    if (colon <= 0)
        return QString();
    const QString code = error.message.left(colon);
    return isValidToken(code, kMaxErrorCodeLength) ? code : QString();
}

QString errorText(const Error &error)
{
    const QString code = errorCode(error);
    return code.isEmpty() ? error.message : error.message.mid(code.size() + 2);
}

} // namespace stratus::net
