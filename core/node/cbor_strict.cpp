#include "node/cbor_strict.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QSet>

using namespace Qt::StringLiterals;

namespace stratus::node::cbor {

Error malformed(const QString &what, const QString &why) { return makeError(u"malformed %1: %2"_s.arg(what, why)); }

Result<QCborMap> parseMap(const QByteArray &bytes, qsizetype maxBytes, const QString &what)
{
    if (bytes.isEmpty())
        return malformed(what, u"it is empty"_s);
    if (bytes.size() > maxBytes)
        return malformed(what, u"it is %1 bytes, more than the %2 allowed"_s.arg(bytes.size()).arg(maxBytes));
    QCborStreamReader reader(bytes);
    if (!reader.isMap())
        return malformed(what, u"the top level is not a map"_s);
    const QCborValue root = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return malformed(what, u"CBOR error: %1"_s.arg(reader.lastError().toString()));
    if (reader.currentOffset() != bytes.size())
        return malformed(what, u"trailing bytes after the map"_s);
    if (!root.isMap())
        return malformed(what, u"the top level is not a map"_s);
    const QCborMap map = root.toMap();
    QSet<QString> seen;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString())
            return malformed(what, u"a key is not text"_s);
        const QString key = it.key().toString();
        if (seen.contains(key))
            return malformed(what, u"the key \"%1\" appears twice"_s.arg(key));
        seen.insert(key);
    }
    return map;
}

Status checkKeys(const QCborMap &map, std::initializer_list<QString> required, std::initializer_list<QString> optional,
                 const QString &what)
{
    for (const QString &key : required) {
        if (!map.contains(key))
            return malformed(what, u"the field \"%1\" is missing"_s.arg(key));
    }
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QString key = it.key().toString();
        const bool known = std::find(required.begin(), required.end(), key) != required.end() ||
                           std::find(optional.begin(), optional.end(), key) != optional.end();
        if (!known)
            return malformed(what, u"unknown field \"%1\""_s.arg(key.left(64)));
    }
    return {};
}

Status checkHeader(const QCborMap &map, qint64 version, const QString &type, const QString &what)
{
    const QCborValue v = map.value(u"v"_s);
    if (!v.isInteger())
        return malformed(what, u"no version"_s);
    if (v.toInteger() != version)
        return makeError(u"%1 version %2 is not supported by this Stratus (it reads version %3)"_s.arg(what)
                             .arg(v.toInteger())
                             .arg(version));
    const QCborValue t = map.value(u"type"_s);
    if (!t.isString() || t.toString() != type)
        return malformed(what, u"it is not a %1 (type \"%2\")"_s.arg(type, t.toString().left(64)));
    return {};
}

std::optional<qint64> uintField(const QCborMap &map, const QString &key, qint64 max)
{
    const QCborValue v = map.value(key);
    if (!v.isInteger() || v.toInteger() < 0 || v.toInteger() > max)
        return std::nullopt;
    return v.toInteger();
}

std::optional<QByteArray> bytesField(const QCborMap &map, const QString &key, qsizetype minSize, qsizetype maxSize)
{
    const QCborValue v = map.value(key);
    if (!v.isByteArray())
        return std::nullopt;
    QByteArray b = v.toByteArray();
    if (b.size() < minSize || b.size() > maxSize)
        return std::nullopt;
    return b;
}

Status checkCanonical(const QByteArray &input, const QByteArray &reencoded, const QString &what)
{
    if (input != reencoded)
        return malformed(what, u"it is not in canonical form (the fields are right, but encoded differently than "
                               u"Stratus encodes them)"_s);
    return {};
}

std::optional<crypto::NodeId> idField(const QCborMap &map, const QString &key)
{
    const auto bytes = bytesField(map, key, crypto::NodeId::kSize, crypto::NodeId::kSize);
    if (!bytes)
        return std::nullopt;
    auto id = crypto::NodeId::fromBytes(*bytes);
    return id ? std::optional(id.value()) : std::nullopt;
}

void appendHead(QByteArray &out, int major, quint64 value)
{
    const char type = static_cast<char>(major << 5);
    if (value < 24) {
        out.append(static_cast<char>(type | static_cast<char>(value)));
        return;
    }
    int bytes = 8;
    char info = 27;
    if (value <= 0xff) {
        bytes = 1;
        info = 24;
    } else if (value <= 0xffff) {
        bytes = 2;
        info = 25;
    } else if (value <= 0xffffffffULL) {
        bytes = 4;
        info = 26;
    }
    out.append(static_cast<char>(type | info));
    for (int i = bytes - 1; i >= 0; --i)
        out.append(static_cast<char>((value >> (8 * i)) & 0xff));
}

void appendText(QByteArray &out, QLatin1StringView text)
{
    appendHead(out, 3, static_cast<quint64>(text.size()));
    out.append(text.data(), text.size());
}

QByteArray mapHeader(int pairs, QLatin1StringView type)
{
    QByteArray out;
    appendHead(out, 5, static_cast<quint64>(pairs));
    appendText(out, QLatin1StringView("v"));
    appendHead(out, 0, 1);
    appendText(out, QLatin1StringView("type"));
    appendText(out, type);
    return out;
}

std::optional<quint64> readHead(const unsigned char *&p, const unsigned char *end, int major)
{
    if (p >= end || (*p >> 5) != major)
        return std::nullopt;
    const unsigned info = *p & 0x1f;
    ++p;
    if (info < 24)
        return info;
    if (info > 27)
        return std::nullopt;
    const int bytes = 1 << (info - 24);
    if (end - p < bytes)
        return std::nullopt;
    quint64 value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | *p++;
    constexpr quint64 shortestAbove[] = {23, 0xff, 0xffff, 0xffffffffULL};
    if (value <= shortestAbove[info - 24])
        return std::nullopt; // a longer form than needed: not canonical
    return value;
}

} // namespace stratus::node::cbor
