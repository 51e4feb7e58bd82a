#pragma once

// The on-disk formats of a log directory (see TRANSLOG.md), shared by
// LogStore, which opens and appends, and verifyLogDirectory, which only
// reads. Internal to core/translog.

#include "common/result.h"
#include "translog/hashing.h"
#include "translog/merkle_tree.h"
#include "translog/tree_head.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace stratus::translog::files {

inline constexpr char kEntriesFile[] = "entries.dat";
inline constexpr char kHeadFile[] = "head.cbor";
inline constexpr char kHeadsFile[] = "heads.dat";

// Both .dat files start with a 16-byte header: 12 bytes of ASCII magic and
// a u32 big-endian format version.
inline constexpr qsizetype kHeaderSize = 16;
inline constexpr quint32 kFormatVersion = 1;
QByteArray entriesHeader();
QByteArray headsHeader();

// Framing of one entries.dat record: u32 big-endian length, the entry's
// bytes, then its 32-byte leaf hash.
inline constexpr qsizetype kRecordOverhead = 4 + 32;
// Framing of one heads.dat record: u32 big-endian length, then one signed
// tree head in CBOR.
inline constexpr qsizetype kHeadRecordOverhead = 4;

// Reads entries.dat front to back through a large buffer.
class RecordScanner {
public:
    enum class State {
        Ok,         // a whole record whose leaf hash matches its bytes
        End,        // the file ends cleanly after the previous record
        Incomplete, // the file ends inside this record
        BadLength,  // the length field is larger than any entry may be
        BadHash,    // a whole record whose bytes do not match its leaf hash
    };
    struct Record {
        State state = State::End;
        quint64 offset = 0;         // where the record starts
        quint32 length = 0;         // the entry's length (as the record says)
        const char *data = nullptr; // the entry's bytes, valid until next()
        Hash stored{};              // the leaf hash the record holds
        Hash computed{};            // the leaf hash of the bytes as they are
    };

    RecordScanner(int fd, quint64 fileSize, qsizetype maxEntrySize);
    // Reads the next record; a read error is an Error.
    Result<Record> next();
    quint64 offset() const { return m_offset; }

private:
    Status fill(qsizetype need);

    int m_fd;
    quint64 m_fileSize;
    qsizetype m_maxEntrySize;
    quint64 m_offset = kHeaderSize; // file offset of m_buffer[m_pos]
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_len = 0;
};

// Reads and checks the 16-byte header of an open .dat file.
Status checkHeader(int fd, const QByteArray &expected, const QString &path);

// The signed heads of heads.dat, checked as far as the file alone allows:
// each decodes, is signed by `publicKey` (if not empty; otherwise by the key
// of the first head), and the sizes never go down.
struct HeadsFile {
    std::vector<SignedTreeHead> heads;
    std::vector<quint64> ends;      // file offset after each head's record
    quint64 validEnd = kHeaderSize; // after the last good record
    quint64 fileSize = 0;
    bool tornTail = false; // the file ends in an incomplete record or zeros
    QByteArray tail;       // the bytes after validEnd
    QStringList problems;  // damage before the tail
};
Result<HeadsFile> readHeadsFile(int fd, const QString &path, const QByteArray &publicKey);

// One heads.dat record: u32 big-endian length, then the head's CBOR.
QByteArray headRecord(const SignedTreeHead &head);

// Whether heads.dat's incomplete end can only be a torn append of
// `current` (heads.dat is appended after head.cbor is written): a prefix of
// its record, or zeros. Anything else is damage, never cut off.
bool isTornAppendOf(const QByteArray &tail, const SignedTreeHead *current);

// Checks `heads` (in order of size) against `tree`: the first head whose
// root differs, or which covers more entries than the tree holds, gives a
// message naming the range of entries that changed. Empty when all match.
QString firstMismatch(const std::vector<SignedTreeHead> &heads, const MerkleTree &tree);

// Reads `size` bytes at `offset` (pread, retrying short reads).
Result<QByteArray> readAt(int fd, quint64 offset, qsizetype size, const QString &path);
// Writes all of `data` at `offset` (pwrite, retrying short writes).
Status writeAt(int fd, quint64 offset, const QByteArray &data, const QString &path);

QString errnoText();

} // namespace stratus::translog::files
