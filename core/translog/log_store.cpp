#include "translog/log_store.h"

#include "common/files.h"
#include "translog/log.h"
#include "translog/log_files.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::translog {

using files::errnoText;

namespace {

int openFile(const QString &path) { return ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC); }

Status truncateFile(int fd, quint64 size, const QString &path)
{
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0)
        return makeError(u"cannot shorten %1: %2"_s.arg(path, errnoText()));
    return syncFileDescriptor(fd, path);
}

void appendBigEndian32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian<quint32>(value, bytes);
    out.append(bytes, 4);
}

} // namespace

LogStore::LogStore(QString dir, const crypto::SigningKey &key, LogStoreOptions options)
    : m_dir(std::move(dir)), m_key(key.seed()), m_options(std::move(options))
{
}

LogStore::~LogStore()
{
    if (m_entriesFd >= 0)
        ::close(m_entriesFd);
    if (m_headsFd >= 0)
        ::close(m_headsFd);
}

QString LogStore::path(const char *name) const { return m_dir + u'/' + QLatin1StringView(name); }

qint64 LogStore::now() const
{
    const qint64 t = m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
    return std::max(t, m_head.head.timestampMs);
}

Result<std::unique_ptr<LogStore>> LogStore::open(const QString &dir, const crypto::SigningKey &key,
                                                 LogStoreOptions options)
{
    if (!QDir().mkpath(dir))
        return makeError(u"cannot create the log directory %1"_s.arg(dir));
    std::unique_ptr<LogStore> store(new LogStore(QDir(dir).absolutePath(), key, std::move(options)));
    if (Status st = store->load(); !st)
        return st.error();
    return store;
}

Status LogStore::load()
{
    const QString entriesPath = path(files::kEntriesFile);
    const QString headPath = path(files::kHeadFile);
    const QString headsPath = path(files::kHeadsFile);
    const bool haveEntries = QFileInfo::exists(entriesPath);
    const bool haveHead = QFileInfo::exists(headPath);
    const bool haveHeads = QFileInfo::exists(headsPath);
    auto damaged = [&](const QString &why) {
        return makeError(
            u"the transparency log in %1 was altered or damaged: %2. Nothing was changed on disk."_s.arg(m_dir, why));
    };

    if (!haveEntries) {
        if (haveHead || haveHeads)
            return damaged(u"entries.dat is missing, but the log has signed tree heads"_s);
        qCInfo(lcTranslog).noquote() << "creating a new transparency log in" << m_dir;
        if (Status st = writeFileAtomic(entriesPath, files::entriesHeader()); !st)
            return st;
    }
    m_entriesFd = openFile(entriesPath);
    if (m_entriesFd < 0)
        return makeError(u"cannot open %1: %2"_s.arg(entriesPath, errnoText()));
    if (::flock(m_entriesFd, LOCK_EX | LOCK_NB) != 0)
        return makeError(u"the transparency log in %1 is in use by another process (%2)"_s.arg(m_dir, errnoText()));
    if (Status st = files::checkHeader(m_entriesFd, files::entriesHeader(), entriesPath); !st)
        return damaged(st.message());

    // The latest signed head, and the history of heads before it.
    std::optional<SignedTreeHead> current;
    if (haveHead) {
        auto bytes = readFileLimited(headPath, kMaxSignedTreeHeadSize);
        if (!bytes)
            return bytes.error();
        auto head = SignedTreeHead::fromCbor(bytes.value());
        if (!head)
            return damaged(u"head.cbor: %1"_s.arg(head.message()));
        if (head->head.publicKey != m_key.publicKey())
            return makeError(u"the transparency log in %1 is the log of %2, not of this node's key (%3); nothing was "
                             u"changed on disk"_s.arg(m_dir, head->logId().toString(),
                                                      crypto::NodeId::fromPublicKey(m_key.publicKey()).toString()));
        current = std::move(head.value());
    }
    files::HeadsFile history;
    if (haveHeads) {
        m_headsFd = openFile(headsPath);
        if (m_headsFd < 0)
            return makeError(u"cannot open %1: %2"_s.arg(headsPath, errnoText()));
        auto read = files::readHeadsFile(m_headsFd, headsPath, m_key.publicKey());
        if (!read)
            return read.error();
        history = std::move(read.value());
        if (!history.problems.isEmpty())
            return damaged(history.problems.join(u"; "_s));
        if (history.tornTail && !files::isTornAppendOf(history.tail, current ? &*current : nullptr))
            return damaged(u"heads.dat ends in a damaged record at byte %1"_s.arg(history.validEnd));
        if (!history.heads.empty()) {
            const SignedTreeHead &last = history.heads.back();
            if (!current)
                return damaged(
                    u"head.cbor is missing, but heads.dat holds %1 signed heads"_s.arg(history.heads.size()));
            if (last.head.treeSize > current->head.treeSize)
                return damaged(u"head.cbor holds the head of size %1, older than the last head in heads.dat (size "
                               u"%2): head.cbor was replaced by an older one"_s.arg(current->head.treeSize)
                                   .arg(last.head.treeSize));
        }
    }
    const quint64 signedSize = current ? current->head.treeSize : 0;

    // The entries: every record a signed head covers must be whole and
    // match its leaf hash; after them, the first bad record ends the log.
    struct stat st {};
    if (::fstat(m_entriesFd, &st) != 0)
        return makeError(u"cannot read %1: %2"_s.arg(entriesPath, errnoText()));
    const quint64 fileSize = static_cast<quint64>(st.st_size);
    files::RecordScanner scanner(m_entriesFd, fileSize, kMaxEntrySize);
    std::optional<quint64> cutAt;
    const quint64 expected = std::min<quint64>(signedSize, fileSize / files::kRecordOverhead);
    m_tree.reserve(expected);
    m_offsets.reserve(expected + 1);
    for (;;) {
        auto r = scanner.next();
        if (!r)
            return r.error();
        using State = files::RecordScanner::State;
        const quint64 index = m_tree.size();
        if (r->state == State::End)
            break;
        if (r->state == State::Ok) {
            m_offsets.push_back(r->offset);
            m_tree.append(r->computed);
            continue;
        }
        if (index < signedSize) {
            if (r->state == State::BadHash)
                return damaged(u"entry %1: record damaged (its bytes do not match its leaf hash)"_s.arg(index));
            if (r->state == State::BadLength)
                return damaged(u"entry %1: record damaged (its length field says %2 bytes, more than any entry may "
                               u"have)"_s.arg(index)
                                   .arg(r->length));
            return damaged(u"entries.dat ends inside entry %1, but the signed tree head covers %2 entries: the file "
                           u"was cut short"_s.arg(index)
                               .arg(signedSize));
        }
        cutAt = r->offset;
        break;
    }
    m_offsets.push_back(cutAt.value_or(fileSize));

    std::vector<SignedTreeHead> heads = history.heads;
    if (current && (heads.empty() || heads.back() != *current))
        heads.push_back(*current);
    if (const QString mismatch = files::firstMismatch(heads, m_tree); !mismatch.isEmpty())
        return damaged(mismatch);

    // From here on the signed part is known good: finish what a crash may
    // have interrupted.
    if (cutAt) {
        qCWarning(lcTranslog).noquote() << u"%1: cut off %2 bytes of an incomplete record after entry %3 (written "
                                           u"when the log stopped before it could sign them)"_s.arg(entriesPath)
                                               .arg(fileSize - *cutAt)
                                               .arg(m_tree.size());
        if (Status cut = truncateFile(m_entriesFd, *cutAt, entriesPath); !cut)
            return cut;
    }
    if (!haveHeads) {
        if (Status created = writeFileAtomic(headsPath, files::headsHeader()); !created)
            return created;
        m_headsFd = openFile(headsPath);
        if (m_headsFd < 0)
            return makeError(u"cannot open %1: %2"_s.arg(headsPath, errnoText()));
        m_headsEnd = files::kHeaderSize;
    } else {
        m_headsEnd = history.validEnd;
        if (history.tornTail) {
            qCWarning(lcTranslog).noquote()
                << u"%1: cut off %2 bytes of an incomplete record at its end"_s.arg(headsPath).arg(history.fileSize -
                                                                                                   history.validEnd);
            if (Status cut = truncateFile(m_headsFd, history.validEnd, headsPath); !cut)
                return cut;
        }
    }
    if (current)
        m_head = std::move(*current);
    if (!haveHead || m_tree.size() > signedSize) {
        if (m_tree.size() > signedSize)
            qCInfo(lcTranslog).noquote() << u"%1: signing %2 entries written after the last signed head"_s.arg(m_dir)
                                                .arg(m_tree.size() - signedSize);
        return signAndStore();
    }
    if (history.heads.empty() || history.heads.back() != m_head)
        return appendToHistory(m_head);
    return {};
}

Status LogStore::signAndStore()
{
    TreeHead head;
    head.treeSize = m_tree.size();
    head.timestampMs = now();
    head.rootHash = m_tree.root();
    SignedTreeHead signedHead = SignedTreeHead::sign(std::move(head), m_key);
    if (Status st = writeFileAtomic(path(files::kHeadFile), signedHead.toCbor()); !st)
        return st;
    m_head = std::move(signedHead);
    return appendToHistory(m_head);
}

Status LogStore::appendToHistory(const SignedTreeHead &head)
{
    const QString headsPath = path(files::kHeadsFile);
    const QByteArray record = files::headRecord(head);
    if (Status st = files::writeAt(m_headsFd, m_headsEnd, record, headsPath); !st)
        return st;
    if (Status st = syncFileDescriptor(m_headsFd, headsPath); !st)
        return st;
    m_headsEnd += static_cast<quint64>(record.size());
    return {};
}

Result<SignedTreeHead> LogStore::append(const std::vector<QByteArray> &entries)
{
    if (!m_failed.isEmpty())
        return makeError(m_failed);
    qsizetype total = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].size() > kMaxEntrySize)
            return makeError(u"entry %1 of the batch is %2 bytes; a log entry may have at most %3 bytes"_s.arg(i)
                                 .arg(entries[i].size())
                                 .arg(kMaxEntrySize));
        total += files::kRecordOverhead + entries[i].size();
    }

    const QString entriesPath = path(files::kEntriesFile);
    if (!entries.empty()) {
        std::vector<Hash> leaves;
        leaves.reserve(entries.size());
        QByteArray batch;
        batch.reserve(total);
        for (const QByteArray &e : entries) {
            leaves.push_back(translog::leafHash(e));
            appendBigEndian32(batch, static_cast<quint32>(e.size()));
            batch += e;
            batch.append(reinterpret_cast<const char *>(leaves.back().data()), 32);
        }
        const quint64 start = m_offsets.back();
        Status written = files::writeAt(m_entriesFd, start, batch, entriesPath);
        if (written)
            written = syncFileDescriptor(m_entriesFd, entriesPath);
        if (!written) {
            // Take the batch back; if even that fails, only a reopen (which
            // cuts or signs what is there) can tell what reached the disk.
            if (::ftruncate(m_entriesFd, static_cast<off_t>(start)) != 0)
                m_failed = u"the transparency log in %1 stopped after a write error (%2); reopen it"_s.arg(
                    m_dir, written.message());
            return makeError(u"cannot append to the transparency log: %1"_s.arg(written.message()));
        }
        quint64 offset = start;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            offset += static_cast<quint64>(files::kRecordOverhead + entries[i].size());
            m_offsets.push_back(offset);
            m_tree.append(leaves[i]);
        }
    }
    if (Status st = signAndStore(); !st) {
        m_failed = u"the transparency log in %1 could not store its latest signed head (%2); reopen it"_s.arg(
            m_dir, st.message());
        return makeError(u"cannot sign the transparency log's new head: %1"_s.arg(st.message()));
    }
    return m_head;
}

Result<QByteArray> LogStore::readEntry(quint64 index) const
{
    const quint64 offset = m_offsets[index];
    const qsizetype recordSize = static_cast<qsizetype>(m_offsets[index + 1] - offset);
    auto record = files::readAt(m_entriesFd, offset, recordSize, path(files::kEntriesFile));
    if (!record)
        return record.error();
    const qsizetype length = recordSize - files::kRecordOverhead;
    if (qFromBigEndian<quint32>(record->constData()) != static_cast<quint32>(length) ||
        translog::leafHash(record->constData() + 4, static_cast<std::size_t>(length)) != m_tree.leaf(index))
        return makeError(u"entry %1 of the transparency log in %2 changed on disk after the log was opened (record "
                         u"damaged)"_s.arg(index)
                             .arg(m_dir));
    return record->mid(4, length);
}

Result<QByteArray> LogStore::entry(quint64 index) const
{
    if (index >= size())
        return makeError(u"the transparency log has no entry %1 (it holds %2)"_s.arg(index).arg(size()));
    return readEntry(index);
}

Result<std::vector<QByteArray>> LogStore::entries(quint64 from, quint64 count) const
{
    if (from > size() || count > size() - from)
        return makeError(u"the transparency log has no entries %1 to %2 (it holds %3)"_s.arg(from)
                             .arg(from + count - 1)
                             .arg(size()));
    std::vector<QByteArray> out;
    if (count == 0)
        return out;
    const quint64 start = m_offsets[from];
    auto span = files::readAt(m_entriesFd, start, static_cast<qsizetype>(m_offsets[from + count] - start),
                              path(files::kEntriesFile));
    if (!span)
        return span.error();
    out.reserve(count);
    for (quint64 i = from; i < from + count; ++i) {
        const qsizetype at = static_cast<qsizetype>(m_offsets[i] - start);
        const qsizetype length = static_cast<qsizetype>(m_offsets[i + 1] - m_offsets[i]) - files::kRecordOverhead;
        const char *p = span->constData() + at;
        if (qFromBigEndian<quint32>(p) != static_cast<quint32>(length) ||
            translog::leafHash(p + 4, static_cast<std::size_t>(length)) != m_tree.leaf(i))
            return makeError(u"entry %1 of the transparency log in %2 changed on disk after the log was opened "
                             u"(record damaged)"_s.arg(i)
                                 .arg(m_dir));
        out.emplace_back(p + 4, length);
    }
    return out;
}

Result<Hash> LogStore::leafHash(quint64 index) const
{
    if (index >= size())
        return makeError(u"the transparency log has no entry %1 (it holds %2)"_s.arg(index).arg(size()));
    return m_tree.leaf(index);
}

Result<std::vector<Hash>> LogStore::inclusionProof(quint64 index, quint64 treeSize) const
{
    if (treeSize > size())
        return makeError(u"the transparency log holds %1 entries, fewer than %2"_s.arg(size()).arg(treeSize));
    if (index >= treeSize)
        return makeError(u"entry %1 is not in the log of size %2"_s.arg(index).arg(treeSize));
    return m_tree.inclusionProof(index, treeSize);
}

Result<std::vector<Hash>> LogStore::consistencyProof(quint64 oldSize, quint64 newSize) const
{
    if (newSize > size())
        return makeError(u"the transparency log holds %1 entries, fewer than %2"_s.arg(size()).arg(newSize));
    if (oldSize > newSize)
        return makeError(u"no consistency proof from size %1 to the smaller size %2"_s.arg(oldSize).arg(newSize));
    return m_tree.consistencyProof(oldSize, newSize);
}

Result<Hash> LogStore::root(quint64 treeSize) const
{
    if (treeSize > size())
        return makeError(u"the transparency log holds %1 entries, fewer than %2"_s.arg(size()).arg(treeSize));
    return m_tree.root(treeSize);
}

Result<std::vector<SignedTreeHead>> LogStore::history() const
{
    const QString headsPath = path(files::kHeadsFile);
    auto read = files::readHeadsFile(m_headsFd, headsPath, m_key.publicKey());
    if (!read)
        return read.error();
    if (!read->problems.isEmpty())
        return makeError(read->problems.join(u"; "_s));
    return std::move(read->heads);
}

} // namespace stratus::translog
