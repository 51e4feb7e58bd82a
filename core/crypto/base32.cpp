#include "crypto/base32.h"

namespace stratus::crypto::base32 {

int indexOf(QChar c)
{
    char16_t u = c.toUpper().unicode();
    if (u == u'I' || u == u'L')
        u = u'1';
    else if (u == u'O')
        u = u'0';
    for (int i = 0; i < 32; ++i)
        if (kAlphabet[i] == u)
            return i;
    return -1;
}

QString normalize(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'-' || c.isSpace())
            continue;
        const int idx = indexOf(c);
        out.append(idx >= 0 ? QChar::fromLatin1(kAlphabet[idx]) : c);
    }
    return out;
}

QString encode(const QByteArray &bytes, unsigned tailBits)
{
    QString out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    unsigned buffer = 0;
    int bits = 0;
    for (char ch : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(ch);
        bits += 8;
        while (bits >= 5) {
            out.append(QChar::fromLatin1(kAlphabet[(buffer >> (bits - 5)) & 31u]));
            bits -= 5;
        }
    }
    if (bits > 0) {
        const int pad = 5 - bits;
        const unsigned v = ((buffer << pad) | (tailBits & ((1u << pad) - 1))) & 31u;
        out.append(QChar::fromLatin1(kAlphabet[v]));
    }
    return out;
}

std::optional<Decoded> decode(QStringView normalized, qsizetype byteCount)
{
    const qsizetype chars = (byteCount * 8 + 4) / 5;
    if (normalized.size() != chars)
        return std::nullopt;
    Decoded d;
    d.bytes.reserve(byteCount);
    unsigned buffer = 0;
    int bits = 0;
    for (QChar c : normalized) {
        const int v = indexOf(c);
        if (v < 0)
            return std::nullopt;
        buffer = (buffer << 5) | static_cast<unsigned>(v);
        bits += 5;
        if (bits >= 8 && d.bytes.size() < byteCount) {
            d.bytes.append(static_cast<char>((buffer >> (bits - 8)) & 0xffu));
            bits -= 8;
        }
        buffer &= (1u << bits) - 1;
    }
    d.tailBits = buffer & ((1u << bits) - 1);
    return d;
}

QChar checkCharacter(QStringView chars, int groupIndex)
{
    // Luhn mod N (N = 32), over the group's position followed by its
    // characters, processed from the right with alternating factors 2 and 1.
    constexpr int n = 32;
    int factor = 2;
    int sum = 0;
    auto add = [&](int codePoint) {
        int addend = factor * codePoint;
        factor = factor == 2 ? 1 : 2;
        sum += addend / n + addend % n;
    };
    for (qsizetype i = chars.size() - 1; i >= 0; --i)
        add(indexOf(chars[i]) < 0 ? 0 : indexOf(chars[i]));
    add(groupIndex % n);
    const int check = (n - sum % n) % n;
    return QChar::fromLatin1(kAlphabet[check]);
}

} // namespace stratus::crypto::base32

namespace stratus::crypto::base32 {

QString addChecks(QStringView chars, int groupLength)
{
    QString out;
    int group = 0;
    for (qsizetype i = 0; i < chars.size(); i += groupLength, ++group) {
        const QStringView g = chars.mid(i, groupLength);
        out.append(g);
        out.append(checkCharacter(g, group));
    }
    return out;
}

CheckedText stripChecks(QStringView normalized, int groupLength)
{
    CheckedText out;
    const int stride = groupLength + 1;
    int group = 0;
    for (qsizetype i = 0; i < normalized.size(); i += stride, ++group) {
        const QStringView g = normalized.mid(i, stride);
        for (QChar c : g) {
            if (indexOf(c) < 0) {
                out.badGroup = group;
                out.badCharacter = c;
                return out;
            }
        }
        const QStringView data = g.first(g.size() - 1);
        if (g.size() < 2 || checkCharacter(data, group) != g.back()) {
            out.badGroup = group;
            return out;
        }
        out.chars.append(data);
    }
    return out;
}

QString grouped(QStringView chars, int width, QChar separator)
{
    QString out;
    for (qsizetype i = 0; i < chars.size(); i += width) {
        if (i > 0)
            out.append(separator);
        out.append(chars.mid(i, width));
    }
    return out;
}

} // namespace stratus::crypto::base32
