#include "translog/log_files.h"

#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::translog::files {

namespace {

constexpr qsizetype kScanBuffer = 4 * 1024 * 1024;

QByteArray header(const char magic[13])
{
    QByteArray h(magic, 12);
    char version[4];
    qToBigEndian<quint32>(kFormatVersion, version);
    h.append(version, 4);
    return h;
}

bool allZero(const char *p, qsizetype n)
{
    return std::all_of(p, p + n, [](char c) { return c == 0; });
}

} // namespace

QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }

QByteArray entriesHeader() { return header("stratus-tlog"); }
QByteArray headsHeader() { return header("stratus-thds"); }

Result<QByteArray> readAt(int fd, quint64 offset, qsizetype size, const QString &path)
{
    QByteArray out(size, Qt::Uninitialized);
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, out.data() + done, static_cast<size_t>(size - done),
                                  static_cast<off_t>(offset + static_cast<quint64>(done)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError(u"cannot read %1: %2"_s.arg(path, errnoText()));
        if (n == 0)
            return makeError(u"cannot read %1: it ends at byte %2, earlier than expected"_s.arg(path).arg(
                offset + static_cast<quint64>(done)));
        done += n;
    }
    return out;
}

Status writeAt(int fd, quint64 offset, const QByteArray &data, const QString &path)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::pwrite(fd, data.constData() + done, static_cast<size_t>(data.size() - done),
                                   static_cast<off_t>(offset + static_cast<quint64>(done)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return makeError(u"cannot write %1: %2"_s.arg(path, errnoText()));
        done += n;
    }
    return {};
}

Status checkHeader(int fd, const QByteArray &expected, const QString &path)
{
    auto got = readAt(fd, 0, kHeaderSize, path);
    if (!got)
        return makeError(u"%1 has no complete header: it is not a Stratus log file or it was damaged"_s.arg(path));
    if (got->left(12) != expected.left(12))
        return makeError(u"%1 is not a Stratus log file (wrong magic bytes)"_s.arg(path));
    if (*got != expected)
        return makeError(u"%1 is in format version %2, which this Stratus cannot read (it reads version %3)"_s.arg(path)
                             .arg(qFromBigEndian<quint32>(got->constData() + 12))
                             .arg(kFormatVersion));
    return {};
}

RecordScanner::RecordScanner(int fd, quint64 fileSize, qsizetype maxEntrySize)
    : m_fd(fd), m_fileSize(fileSize), m_maxEntrySize(maxEntrySize)
{
}

// Makes at least `need` bytes available at m_pos (the caller has checked
// that the file holds them).
Status RecordScanner::fill(qsizetype need)
{
    if (m_len - m_pos >= need)
        return {};
    const qsizetype kept = m_len - m_pos;
    const qsizetype capacity = std::max(kScanBuffer, need);
    if (m_buffer.size() < capacity)
        m_buffer.resize(capacity);
    std::memmove(m_buffer.data(), m_buffer.constData() + m_pos, static_cast<size_t>(kept));
    m_pos = 0;
    m_len = kept;
    const quint64 readFrom = m_offset + static_cast<quint64>(kept);
    const qsizetype want =
        static_cast<qsizetype>(std::min<quint64>(static_cast<quint64>(capacity - kept), m_fileSize - readFrom));
    qsizetype done = 0;
    while (done < want) {
        const ssize_t n = ::pread(m_fd, m_buffer.data() + kept + done, static_cast<size_t>(want - done),
                                  static_cast<off_t>(readFrom + static_cast<quint64>(done)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return makeError(u"cannot read the log's entries: %1"_s.arg(errnoText()));
        if (n == 0)
            return makeError(u"the log's entries file shrank while it was being read"_s);
        done += n;
    }
    m_len = kept + done;
    return {};
}

Result<RecordScanner::Record> RecordScanner::next()
{
    Record r;
    r.offset = m_offset;
    const quint64 left = m_fileSize - m_offset;
    if (left == 0)
        return r; // State::End
    if (left < 4) {
        r.state = State::Incomplete;
        return r;
    }
    if (Status st = fill(4); !st)
        return st.error();
    r.length = qFromBigEndian<quint32>(m_buffer.constData() + m_pos);
    if (static_cast<qint64>(r.length) > m_maxEntrySize) {
        r.state = State::BadLength;
        return r;
    }
    const qsizetype total = kRecordOverhead + static_cast<qsizetype>(r.length);
    if (static_cast<quint64>(total) > left) {
        r.state = State::Incomplete;
        return r;
    }
    if (Status st = fill(total); !st)
        return st.error();
    r.data = m_buffer.constData() + m_pos + 4;
    std::memcpy(r.stored.data(), r.data + r.length, 32);
    r.computed = leafHash(r.data, r.length);
    r.state = r.computed == r.stored ? State::Ok : State::BadHash;
    m_pos += total;
    m_offset += static_cast<quint64>(total);
    return r;
}

Result<HeadsFile> readHeadsFile(int fd, const QString &path, const QByteArray &publicKey)
{
    HeadsFile out;
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return makeError(u"cannot read %1: %2"_s.arg(path, errnoText()));
    out.fileSize = static_cast<quint64>(st.st_size);
    if (Status h = checkHeader(fd, headsHeader(), path); !h) {
        out.problems.append(h.message());
        out.validEnd = 0;
        return out;
    }
    auto data = readAt(fd, 0, static_cast<qsizetype>(out.fileSize), path);
    if (!data)
        return data.error();
    const char *p = data->constData();
    const qsizetype size = data->size();
    qsizetype pos = kHeaderSize;
    QByteArray key = publicKey;
    while (pos < size) {
        const qsizetype left = size - pos;
        // A crash while appending leaves a record cut short or, on some file
        // systems, a run of zero bytes: both only at the very end.
        if (allZero(p + pos, left) || left < kHeadRecordOverhead) {
            out.tornTail = true;
            out.tail = data->mid(pos);
            break;
        }
        const qsizetype length = qFromBigEndian<quint32>(p + pos);
        if (length > kMaxSignedTreeHeadSize) {
            out.problems.append(u"%1: the record at byte %2 is damaged (length %3): the signed heads after it cannot "
                                u"be read"_s.arg(path)
                                    .arg(pos)
                                    .arg(length));
            break;
        }
        if (length > left - kHeadRecordOverhead) {
            out.tornTail = true;
            out.tail = data->mid(pos);
            break;
        }
        const QByteArray bytes(p + pos + kHeadRecordOverhead, length);
        const qsizetype end = pos + kHeadRecordOverhead + length;
        const qsizetype number = static_cast<qsizetype>(out.heads.size()) + out.problems.size() + 1;
        auto head = SignedTreeHead::fromCbor(bytes);
        if (!head) {
            out.problems.append(u"%1: signed head #%2 (at byte %3) is damaged: %4"_s.arg(path).arg(number).arg(pos).arg(
                head.message()));
        } else if (!key.isEmpty() && head->head.publicKey != key) {
            out.problems.append(
                u"%1: signed head #%2 (at byte %3) belongs to another log (%4)"_s.arg(path).arg(number).arg(pos).arg(
                    head->logId().shortString()));
        } else if (!out.heads.empty() && head->head.treeSize < out.heads.back().head.treeSize) {
            out.problems.append(u"%1: signed head #%2 (at byte %3) has size %4, smaller than the head before it (%5): "
                                u"a log never shrinks"_s.arg(path)
                                    .arg(number)
                                    .arg(pos)
                                    .arg(head->head.treeSize)
                                    .arg(out.heads.back().head.treeSize));
        } else {
            key = head->head.publicKey;
            out.heads.push_back(std::move(head.value()));
            out.ends.push_back(static_cast<quint64>(end));
        }
        pos = end;
        out.validEnd = static_cast<quint64>(pos);
    }
    return out;
}

QByteArray headRecord(const SignedTreeHead &head)
{
    const QByteArray cbor = head.toCbor();
    QByteArray record(kHeadRecordOverhead, Qt::Uninitialized);
    qToBigEndian<quint32>(static_cast<quint32>(cbor.size()), record.data());
    return record + cbor;
}

bool isTornAppendOf(const QByteArray &tail, const SignedTreeHead *current)
{
    if (allZero(tail.constData(), tail.size()))
        return true;
    return current != nullptr && headRecord(*current).startsWith(tail);
}

QString firstMismatch(const std::vector<SignedTreeHead> &heads, const MerkleTree &tree)
{
    quint64 matched = 0;
    for (const SignedTreeHead &s : heads) {
        const quint64 size = s.head.treeSize;
        if (size == 0 && s.head.rootHash != emptyTreeHash())
            return u"the signed tree head of size 0 does not hold the root of an empty log"_s;
        if (size > 0 && size == matched && tree.root(size) != s.head.rootHash)
            return u"two signed tree heads of size %1 hold different roots: the log shows two different histories"_s
                .arg(size);
        QString where = matched > 0 ? u"the signed head of size %1 still matches, so the change lies in entries %1 to "
                                      u"%2"_s.arg(matched)
                                          .arg(size - 1)
                                    : u"the change lies in entries 0 to %1"_s.arg(size == 0 ? 0 : size - 1);
        if (size > tree.size())
            return u"the log holds %1 entries, but it signed a tree head of size %2: entries were removed (%3)"_s
                .arg(tree.size())
                .arg(size)
                .arg(where);
        if (tree.root(size) != s.head.rootHash)
            return u"the entries do not match the signed tree head of size %1 (root mismatch): entries were changed, "
                   u"dropped or reordered (%2)"_s.arg(size)
                       .arg(where);
        matched = size;
    }
    return {};
}

} // namespace stratus::translog::files
