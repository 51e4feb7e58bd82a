#include "translog/log_verify.h"

#include "common/files.h"
#include "translog/log_files.h"
#include "translog/log_store.h"
#include "translog/merkle_tree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::translog {

namespace {

// Keeps a badly damaged log from producing millions of lines.
constexpr qsizetype kMaxEntryProblems = 1000;

class ProblemList {
public:
    explicit ProblemList(LogCheck &check) : m_check(check) {}
    void add(const QString &problem) { m_check.problems.append(problem); }
    void addForEntry(quint64 index, const QString &problem)
    {
        if (++m_entryProblems <= kMaxEntryProblems)
            add(u"entry %1: %2"_s.arg(index).arg(problem));
    }
    void finish()
    {
        if (m_entryProblems > kMaxEntryProblems)
            add(u"%1 more entries have problems (not listed)"_s.arg(m_entryProblems - kMaxEntryProblems));
        m_check.ok = m_check.problems.isEmpty();
    }

private:
    LogCheck &m_check;
    qsizetype m_entryProblems = 0;
};

void checkOne(ProblemList &problems, const EntryCheck &checkEntry, quint64 index, const QByteArray &entry)
{
    if (!checkEntry)
        return;
    if (Status st = checkEntry(index, entry); !st)
        problems.addForEntry(index, st.message());
}

class Fd {
public:
    explicit Fd(const QString &path) : m_fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC)) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

LogCheck verifyLog(const SignedTreeHead &head, const std::vector<QByteArray> &entries, const EntryCheck &checkEntry)
{
    LogCheck check;
    check.head = head;
    check.entries = entries.size();
    ProblemList problems(check);
    if (Status st = head.verify(); !st)
        problems.add(st.message());
    MerkleTree tree;
    tree.reserve(entries.size());
    for (quint64 i = 0; i < entries.size(); ++i) {
        tree.append(leafHash(entries[i]));
        checkOne(problems, checkEntry, i, entries[i]);
    }
    const quint64 size = head.head.treeSize;
    if (entries.size() < size)
        problems.add(
            u"the signed tree head covers %1 entries, but only %2 were given: entries were dropped"_s.arg(size).arg(
                entries.size()));
    else if (tree.root(size) != head.head.rootHash)
        problems.add(u"the entries do not match the signed tree head of size %1 (root mismatch): entries were "
                     u"changed, dropped or reordered"_s.arg(size));
    if (entries.size() > size)
        check.notes.append(
            u"%1 entries after the signed tree head of size %2 are not covered by it"_s.arg(entries.size() - size)
                .arg(size));
    problems.finish();
    return check;
}

Result<LogCheck> verifyLogDirectory(const QString &dir, const EntryCheck &checkEntry)
{
    const QDir d(dir);
    if (!d.exists())
        return makeError(u"there is no log directory %1"_s.arg(dir));
    const QString entriesPath = d.filePath(QLatin1StringView(files::kEntriesFile));
    const QString headPath = d.filePath(QLatin1StringView(files::kHeadFile));
    const QString headsPath = d.filePath(QLatin1StringView(files::kHeadsFile));
    if (!QFileInfo::exists(entriesPath) && !QFileInfo::exists(headPath))
        return makeError(u"%1 holds no transparency log (neither entries.dat nor head.cbor)"_s.arg(dir));

    LogCheck check;
    ProblemList problems(check);

    // The latest signed head. A bad signature is a problem, but the head's
    // fields are still used to check the entries.
    std::optional<SignedTreeHead> current;
    if (!QFileInfo::exists(headPath)) {
        problems.add(u"head.cbor is missing: there is no signed tree head to check the entries against"_s);
    } else if (auto bytes = readFileLimited(headPath, kMaxSignedTreeHeadSize); !bytes) {
        problems.add(u"head.cbor: %1"_s.arg(bytes.message()));
    } else if (auto head = SignedTreeHead::decodeUnverified(bytes.value()); !head) {
        problems.add(u"head.cbor: %1"_s.arg(head.message()));
    } else {
        if (Status st = head->verify(); !st)
            problems.add(u"head.cbor: %1"_s.arg(st.message()));
        current = head.value();
        check.head = head.value();
    }
    const quint64 signedSize = current ? current->head.treeSize : 0;

    // Every earlier head.
    std::vector<SignedTreeHead> heads;
    if (QFileInfo::exists(headsPath)) {
        const Fd fd(headsPath);
        if (fd.get() < 0) {
            problems.add(u"cannot open %1: %2"_s.arg(headsPath, files::errnoText()));
        } else if (auto read =
                       files::readHeadsFile(fd.get(), headsPath, current ? current->head.publicKey : QByteArray());
                   !read) {
            problems.add(read.message());
        } else {
            for (const QString &p : read->problems)
                problems.add(p);
            if (read->tornTail && files::isTornAppendOf(read->tail, current ? &*current : nullptr))
                check.notes.append(u"heads.dat ends in an incomplete record (a crash while it was written; opening "
                                   u"the log cuts it off)"_s);
            else if (read->tornTail)
                problems.add(u"heads.dat ends in a damaged record at byte %1"_s.arg(read->validEnd));
            heads = std::move(read->heads);
            if (current && !heads.empty() && heads.back().head.treeSize > current->head.treeSize)
                problems.add(u"head.cbor holds the head of size %1, older than the last head in heads.dat (size %2): "
                             u"head.cbor was replaced by an older one"_s.arg(current->head.treeSize)
                                 .arg(heads.back().head.treeSize));
        }
    }

    // The entries, read front to back.
    MerkleTree tree;
    bool readToEnd = false; // false when damage hides the entries after it
    if (!QFileInfo::exists(entriesPath)) {
        problems.add(u"entries.dat is missing"_s);
    } else if (const Fd fd(entriesPath); fd.get() < 0) {
        problems.add(u"cannot open %1: %2"_s.arg(entriesPath, files::errnoText()));
    } else if (Status header = files::checkHeader(fd.get(), files::entriesHeader(), entriesPath); !header) {
        problems.add(header.message());
    } else {
        struct stat st {};
        ::fstat(fd.get(), &st);
        files::RecordScanner scanner(fd.get(), static_cast<quint64>(st.st_size), kMaxEntrySize);
        using State = files::RecordScanner::State;
        for (;;) {
            auto r = scanner.next();
            if (!r) {
                problems.add(r.message());
                break;
            }
            const quint64 index = tree.size();
            if (r->state == State::End) {
                readToEnd = true;
                break;
            }
            if (r->state == State::Ok || r->state == State::BadHash) {
                if (r->state == State::BadHash) {
                    if (index >= signedSize) {
                        check.notes.append(u"entries.dat ends in a damaged record after the signed head (a crash "
                                           u"while it was written; opening the log cuts it off)"_s);
                        readToEnd = true;
                        break;
                    }
                    problems.addForEntry(index, u"record damaged (its bytes do not match its leaf hash)"_s);
                }
                tree.append(r->computed);
                checkOne(problems, checkEntry, index, QByteArray(r->data, static_cast<qsizetype>(r->length)));
                continue;
            }
            if (index >= signedSize) {
                check.notes.append(u"entries.dat ends in an incomplete record after the signed head (a crash while it "
                                   u"was written; opening the log cuts it off)"_s);
                readToEnd = true;
            } else if (r->state == State::BadLength) {
                problems.addForEntry(index, u"record damaged (its length field says %1 bytes, more than any entry may "
                                            u"have); the entries after it cannot be read"_s.arg(r->length));
            } else {
                problems.addForEntry(index, u"record damaged (entries.dat ends inside it)"_s);
            }
            break;
        }
    }
    check.entries = tree.size();

    // Every signed head against the entries.
    if (current && (heads.empty() || heads.back() != *current))
        heads.push_back(*current);
    if (!readToEnd) {
        // What could not be read is reported already; check the heads the
        // readable entries cover.
        std::erase_if(heads, [&](const SignedTreeHead &s) { return s.head.treeSize > tree.size(); });
    }
    if (const QString mismatch = files::firstMismatch(heads, tree); !mismatch.isEmpty())
        problems.add(mismatch);
    if (current && tree.size() > signedSize)
        check.notes.append(u"%1 entries after the signed tree head of size %2 are not signed yet (opening the log "
                           u"signs them)"_s.arg(tree.size() - signedSize)
                               .arg(signedSize));
    problems.finish();
    return check;
}

} // namespace stratus::translog
