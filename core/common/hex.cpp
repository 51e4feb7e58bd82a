#include "common/hex.h"

namespace stratus {

QString toHex(const QByteArray &bytes) { return QString::fromLatin1(bytes.toHex()); }

static int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

std::optional<QByteArray> fromHex(QStringView text, qsizetype expectedBytes)
{
    if (text.size() != expectedBytes * 2)
        return std::nullopt;
    QByteArray out(expectedBytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < expectedBytes; ++i) {
        const int hi = hexValue(text[i * 2].unicode());
        const int lo = hexValue(text[i * 2 + 1].unicode());
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i] = static_cast<char>((hi << 4) | lo);
    }
    return out;
}

} // namespace stratus
