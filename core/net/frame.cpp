#include "net/frame.h"

#include <QString>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::net {

std::optional<QByteArray> encodeFrame(QByteArrayView payload)
{
    if (payload.isEmpty() || payload.size() > kMaxFrameCap)
        return std::nullopt;
    QByteArray out(kFrameHeaderSize + payload.size(), Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(payload.size()), out.data());
    std::copy(payload.begin(), payload.end(), out.begin() + kFrameHeaderSize);
    return out;
}

FrameReader::FrameReader(qsizetype maxFrame) : m_maxFrame(std::clamp<qsizetype>(maxFrame, 1, kMaxFrameCap)) {}

qsizetype FrameReader::feed(QByteArrayView bytes)
{
    if (m_complete || failed())
        return 0;
    qsizetype used = 0;
    if (m_headerFill < kFrameHeaderSize) {
        const qsizetype take = std::min(kFrameHeaderSize - m_headerFill, bytes.size());
        std::copy_n(bytes.data(), take, m_header + m_headerFill);
        m_headerFill += take;
        used += take;
        if (m_headerFill < kFrameHeaderSize)
            return used;
        m_length = qFromBigEndian<quint32>(m_header);
        if (m_length == 0) {
            m_error = Error::ZeroLength;
            return used;
        }
        if (m_length > static_cast<quint64>(m_maxFrame)) {
            m_error = Error::Oversized;
            return used;
        }
        m_payload.reserve(m_length);
    }
    const qsizetype want = static_cast<qsizetype>(m_length) - m_payload.size();
    const qsizetype take = std::min(want, bytes.size() - used);
    m_payload.append(bytes.data() + used, take);
    used += take;
    if (m_payload.size() == static_cast<qsizetype>(m_length))
        m_complete = true;
    return used;
}

std::optional<QByteArray> FrameReader::takeFrame()
{
    if (!m_complete)
        return std::nullopt;
    QByteArray frame = std::move(m_payload);
    m_payload = QByteArray();
    m_headerFill = 0;
    m_length = 0;
    m_complete = false;
    return frame;
}

QString FrameReader::errorString() const
{
    switch (m_error) {
    case Error::None:
        return QString();
    case Error::ZeroLength:
        return u"the peer sent a zero-length frame"_s;
    case Error::Oversized:
        return u"the peer announced a %1-byte frame; the limit is %2 bytes"_s.arg(m_length).arg(m_maxFrame);
    }
    return QString();
}

} // namespace stratus::net
