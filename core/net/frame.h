#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <algorithm>
#include <optional>

namespace stratus::net {

// A frame on the control plane: a 4-byte big-endian payload length, then the
// payload. Zero-length frames are invalid.
constexpr qsizetype kFrameHeaderSize = 4;
// Room for a 16 KiB proof block plus its merkle path and the envelope.
constexpr qsizetype kDefaultMaxFrame = 256 * 1024;
// The largest cap a reader accepts (the length field is 32 bits, and memory
// is finite).
constexpr qsizetype kMaxFrameCap = 64 * 1024 * 1024;

// Prefixes payload with its length. The caller keeps payloads within the
// peer's cap; encodeFrame itself only refuses what cannot be expressed.
std::optional<QByteArray> encodeFrame(QByteArrayView payload);

// Cuts a byte stream, fed in arbitrary pieces, into frames. Holds at most one
// frame (cap + 4 bytes). An error is sticky: a stream that went wrong cannot
// be resynchronised, so the connection must be closed.
class FrameReader {
public:
    enum class Error { None, ZeroLength, Oversized };

    explicit FrameReader(qsizetype maxFrame = kDefaultMaxFrame);

    // Consumes bytes up to the end of the next frame and returns how many it
    // took. Takes nothing while a completed frame waits in takeFrame() or
    // after an error.
    qsizetype feed(QByteArrayView bytes);
    // The completed frame, if one is waiting.
    std::optional<QByteArray> takeFrame();

    // Feeds everything, calling onFrame(QByteArray) for each frame; onFrame
    // returns false to stop. Returns false if the stream is in error or
    // onFrame stopped it.
    template <typename OnFrame>
    bool feedAll(QByteArrayView bytes, OnFrame &&onFrame)
    {
        while (true) {
            const qsizetype used = feed(bytes);
            bytes = bytes.sliced(used);
            if (std::optional<QByteArray> frame = takeFrame()) {
                if (!onFrame(std::move(*frame)))
                    return false;
                continue;
            }
            if (failed())
                return false;
            if (bytes.isEmpty())
                return true;
        }
    }

    // For readers that read straight from a socket into the frame (no
    // intermediate chunk): how many header bytes are missing (0 once the
    // header is in, or while a completed frame waits, or after an error)...
    qsizetype headerWanted() const
    {
        return m_complete || failed() || m_headerFill >= kFrameHeaderSize ? 0 : kFrameHeaderSize - m_headerFill;
    }
    // ...and, once it is in, how many payload bytes are. Header bytes go
    // through feed(); payload bytes through readPayload(), which calls
    // read(char *into, qsizetype max) -> bytes read (<= 0: none) once.
    qsizetype payloadWanted() const
    {
        if (m_complete || failed() || m_headerFill < kFrameHeaderSize)
            return 0;
        return static_cast<qsizetype>(m_length) - m_payload.size();
    }
    template <typename Read>
    qsizetype readPayload(Read &&read)
    {
        const qsizetype want = payloadWanted();
        if (want <= 0)
            return 0;
        const qsizetype had = m_payload.size();
        m_payload.resize(had + want); // reserved when the header came: no copy
        const qsizetype got = std::max<qsizetype>(0, std::min<qsizetype>(read(m_payload.data() + had, want), want));
        m_payload.resize(had + got);
        if (m_payload.size() == static_cast<qsizetype>(m_length))
            m_complete = true;
        return got;
    }

    bool failed() const { return m_error != Error::None; }
    Error error() const { return m_error; }
    QString errorString() const;
    qsizetype maxFrame() const { return m_maxFrame; }
    // Bytes held for the frame being read (header included).
    qsizetype bufferedBytes() const { return m_headerFill + m_payload.size(); }
    // The length the last header announced (for log messages).
    quint32 announcedLength() const { return m_length; }

private:
    qsizetype m_maxFrame;
    char m_header[kFrameHeaderSize] = {};
    qsizetype m_headerFill = 0;
    quint32 m_length = 0;
    QByteArray m_payload;
    bool m_complete = false;
    Error m_error = Error::None;
};

} // namespace stratus::net
