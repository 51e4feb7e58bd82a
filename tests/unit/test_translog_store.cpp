// The on-disk transparency log: append and read back, proofs, reopening,
// tampering (which open() and verifyLogDirectory() must catch without
// touching a byte), and crashes at every byte of the last batch.

#include "crypto/signing_key.h"
#include "translog/log_store.h"
#include "translog/log_verify.h"
#include "translog/merkle_tree.h"
#include "translog/proof_verify.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include "test_data.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::translog;

namespace {

using Files = QMap<QString, QByteArray>;

constexpr qsizetype kHeader = 16;
constexpr qsizetype kFraming = 4 + 32;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

// Every file of a log directory, by name.
Files snapshot(const QString &dir)
{
    Files files;
    for (const QString &name : QDir(dir).entryList(QDir::Files | QDir::Hidden))
        files.insert(name, readAll(dir + u'/' + name));
    return files;
}

void restore(const QString &dir, const Files &files)
{
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    for (auto it = files.begin(); it != files.end(); ++it)
        writeAll(dir + u'/' + it.key(), it.value());
}

// Where each record of an entries.dat lies: {offset, size with framing}.
std::vector<std::pair<qsizetype, qsizetype>> recordsOf(const QByteArray &file)
{
    std::vector<std::pair<qsizetype, qsizetype>> out;
    qsizetype pos = kHeader;
    while (pos + 4 <= file.size()) {
        const qsizetype size = kFraming + qFromBigEndian<quint32>(file.constData() + pos);
        if (pos + size > file.size())
            break;
        out.emplace_back(pos, size);
        pos += size;
    }
    return out;
}

QByteArray entryOf(int i)
{
    return u"attestation %1 "_s.arg(i).toUtf8() + test::pseudoRandom(8 + (i * 7) % 40, static_cast<quint32>(i));
}

std::vector<QByteArray> batch(int from, int count)
{
    std::vector<QByteArray> out;
    for (int i = from; i < from + count; ++i)
        out.push_back(entryOf(i));
    return out;
}

QString messageOf(const Status &st) { return st ? QString() : st.message(); }
template <typename T>
QString messageOf(const Result<T> &r)
{
    return r ? QString() : r.message();
}

} // namespace

class TestTranslogStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    crypto::SigningKey m_key = crypto::SigningKey::generate();
    qint64 m_time = 1'764'000'000'000;

    LogStoreOptions options()
    {
        LogStoreOptions o;
        o.clock = [this] { return m_time; };
        return o;
    }

    std::unique_ptr<LogStore> openOk(const QString &dir)
    {
        auto store = LogStore::open(dir, m_key, options());
        if (!store) {
            qWarning().noquote() << store.message();
            return nullptr;
        }
        return std::move(store).value();
    }

    // A log of 24 entries in three batches of 8 (heads of size 0, 8, 16, 24).
    Files sampleLog(const QString &name)
    {
        const QString dir = m_tmp.filePath(name);
        auto store = openOk(dir);
        if (!store)
            return {};
        for (int b = 0; b < 3; ++b) {
            m_time += 1000;
            if (!store->append(batch(b * 8, 8)))
                return {};
        }
        store.reset();
        return snapshot(dir);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The crash cases below make the log say what it cut off, hundreds
        // of times.
        QLoggingCategory::setFilterRules(u"stratus.translog=false"_s);
    }

    void appendReadAndReopen()
    {
        const QString dir = m_tmp.filePath(u"basic"_s);
        auto store = openOk(dir);
        QVERIFY(store);
        QCOMPARE(store->size(), quint64(0));
        QCOMPARE(store->head().head.treeSize, quint64(0));
        QCOMPARE(store->head().head.rootHash, emptyTreeHash());
        QVERIFY(store->head().verify());
        QCOMPARE(store->logId(), crypto::NodeId::fromPublicKey(m_key.publicKey()));

        MerkleTree reference;
        std::vector<QByteArray> all;
        std::vector<SignedTreeHead> heads{store->head()};
        int next = 0;
        for (int count : {1, 5, 0, 17, 3, 1}) {
            m_time += 1000;
            const std::vector<QByteArray> entries = batch(next, count);
            next += count;
            auto head = store->append(entries);
            QVERIFY2(head, qPrintable(messageOf(head)));
            for (const QByteArray &e : entries) {
                reference.append(leafHash(e));
                all.push_back(e);
            }
            QCOMPARE(head->head.treeSize, all.size());
            QCOMPARE(head->head.rootHash, reference.root());
            QCOMPARE(head->head.timestampMs, m_time);
            QVERIFY(head->verify());
            QCOMPARE(store->head(), head.value());
            heads.push_back(head.value());
        }
        const quint64 n = all.size();
        QCOMPARE(store->size(), n);

        // A clock that goes back does not make heads go back.
        m_time -= 100'000;
        auto same = store->append({});
        QVERIFY(same);
        QCOMPARE(same->head.treeSize, n);
        QCOMPARE(same->head.timestampMs, heads.back().head.timestampMs);
        heads.push_back(same.value());

        auto checkContents = [&](const LogStore &s) {
            for (quint64 i = 0; i < n; ++i) {
                auto e = s.entry(i);
                QVERIFY2(e, qPrintable(messageOf(e)));
                QCOMPARE(e.value(), all[i]);
                QCOMPARE(s.leafHash(i).value(), reference.leaf(i));
            }
            QVERIFY(!s.entry(n));
            auto span = s.entries(3, 20);
            QVERIFY(span);
            QCOMPARE(span->size(), std::size_t(20));
            for (quint64 i = 0; i < 20; ++i)
                QCOMPARE(span.value()[i], all[3 + i]);
            QVERIFY(s.entries(n, 0));
            QVERIFY(!s.entries(n - 2, 3));
            QVERIFY(!s.entries(1, ~quint64(0)));
            for (quint64 size = 1; size <= n; ++size) {
                QCOMPARE(s.root(size).value(), reference.root(size));
                for (quint64 i = 0; i < size; ++i) {
                    auto proof = s.inclusionProof(i, size);
                    QVERIFY(proof);
                    QCOMPARE(proof.value(), reference.inclusionProof(i, size));
                }
            }
            const SignedTreeHead &head = s.head();
            for (quint64 i = 0; i < n; ++i)
                QVERIFY(verifyInclusion(leafHash(all[i]), i, head.head.treeSize, *s.inclusionProof(i, n),
                                        head.head.rootHash));
            QVERIFY(!s.inclusionProof(n, n));
            QVERIFY(!s.inclusionProof(0, n + 1));
            QVERIFY(!s.consistencyProof(5, n + 1));
            QVERIFY(!s.consistencyProof(6, 5));
            QVERIFY(!s.root(n + 1));
            // Every pair of signed heads is consistent.
            auto history = s.history();
            QVERIFY2(history, qPrintable(messageOf(history)));
            QCOMPARE(history->size(), heads.size());
            for (std::size_t a = 0; a < heads.size(); ++a) {
                QCOMPARE(history.value()[a], heads[a]);
                for (std::size_t b = a; b < heads.size(); ++b) {
                    auto proof = s.consistencyProof(heads[a].head.treeSize, heads[b].head.treeSize);
                    QVERIFY(proof);
                    QCOMPARE(proof.value(), reference.consistencyProof(heads[a].head.treeSize, heads[b].head.treeSize));
                    const Status st = verifyHeadConsistency(heads[a], heads[b], proof.value());
                    QVERIFY2(st, qPrintable(messageOf(st)));
                }
            }
        };
        checkContents(*store);

        // The same log after a reopen: nothing new to sign.
        store.reset();
        const Files before = snapshot(dir);
        store = openOk(dir);
        QVERIFY(store);
        QCOMPARE(snapshot(dir), before);
        QCOMPARE(store->head(), heads.back());
        checkContents(*store);

        auto check = verifyLogDirectory(dir, {});
        QVERIFY(check);
        QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
        QCOMPARE(check->entries, n);
        QCOMPARE(check->head, heads.back());
    }

    void refusesOversizeEntries()
    {
        const QString dir = m_tmp.filePath(u"oversize"_s);
        auto store = openOk(dir);
        QVERIFY(store);
        QVERIFY(store->append(batch(0, 2)));
        const Files before = snapshot(dir);
        auto r = store->append({entryOf(2), QByteArray(kMaxEntrySize + 1, 'x')});
        QVERIFY(!r);
        QVERIFY2(r.message().contains(u"entry 1 of the batch"_s) && r.message().contains(u"at most 65536"_s),
                 qPrintable(r.message()));
        QCOMPARE(snapshot(dir), before);
        QCOMPARE(store->size(), quint64(2));
        auto big = store->append({QByteArray(kMaxEntrySize, 'x')});
        QVERIFY2(big, qPrintable(messageOf(big)));
        QCOMPARE(store->entry(2).value(), QByteArray(kMaxEntrySize, 'x'));
    }

    void oneOwnerAndOneProcess()
    {
        const QString dir = m_tmp.filePath(u"owner"_s);
        auto store = openOk(dir);
        QVERIFY(store);
        QVERIFY(store->append(batch(0, 3)));

        auto second = LogStore::open(dir, m_key, options());
        QVERIFY(!second);
        QVERIFY2(second.message().contains(u"in use by another process"_s), qPrintable(second.message()));
        store.reset();

        const Files before = snapshot(dir);
        auto foreign = LogStore::open(dir, crypto::SigningKey::generate(), options());
        QVERIFY(!foreign);
        QVERIFY2(foreign.message().contains(u"not of this node's key"_s), qPrintable(foreign.message()));
        QCOMPARE(snapshot(dir), before);
    }

    void tamperingIsCaughtAndNothingChanges()
    {
        const Files good = sampleLog(u"tamper-base"_s);
        QVERIFY(!good.isEmpty());
        const QByteArray entries = good.value(u"entries.dat"_s);
        const auto records = recordsOf(entries);
        QCOMPARE(records.size(), std::size_t(24));
        auto entryRange = [&](int i) { return std::pair(records[i].first + 4, records[i].second - kFraming); };

        std::vector<SignedTreeHead> history;
        {
            restore(m_tmp.filePath(u"tamper-history"_s), good);
            auto store = openOk(m_tmp.filePath(u"tamper-history"_s));
            QVERIFY(store);
            history = store->history().value();
            QCOMPARE(history.size(), std::size_t(4));
        }

        struct Case {
            QString name;
            std::function<void(Files &)> tamper;
            QString openSays;
            QString verifySays;
        };
        const std::vector<Case> cases = {
            {u"one changed byte"_s,
             [&](Files &f) {
                 QByteArray &e = f[u"entries.dat"_s];
                 const qsizetype at = entryRange(17).first + 3;
                 e[at] = static_cast<char>(e[at] ^ 0x20);
             },
             u"entry 17: record damaged"_s, u"entry 17: record damaged"_s},
            {u"changed entry with a matching leaf hash"_s,
             [&](Files &f) {
                 QByteArray &e = f[u"entries.dat"_s];
                 const auto [at, len] = entryRange(17);
                 const QByteArray forged(len, 'F');
                 e.replace(at, len, forged);
                 e.replace(at + len, 32, toByteArray(leafHash(forged)));
             },
             u"the change lies in entries 16 to 23"_s, u"signed tree head of size 24 (root mismatch)"_s},
            {u"dropped record"_s, [&](Files &f) { f[u"entries.dat"_s].remove(records[5].first, records[5].second); },
             u"signed tree head of size 8 (root mismatch)"_s, u"root mismatch"_s},
            {u"dropped last record"_s,
             [&](Files &f) { f[u"entries.dat"_s].remove(records[23].first, records[23].second); },
             u"entries were removed"_s, u"entries were removed"_s},
            {u"swapped records"_s,
             [&](Files &f) {
                 QByteArray &e = f[u"entries.dat"_s];
                 const QByteArray a = e.mid(records[10].first, records[10].second);
                 const QByteArray b = e.mid(records[11].first, records[11].second);
                 e.replace(records[10].first, records[10].second + records[11].second, b + a);
             },
             u"root mismatch"_s, u"entries were changed, dropped or reordered"_s},
            {u"cut inside a signed record"_s, [&](Files &f) { f[u"entries.dat"_s].truncate(records[20].first + 9); },
             u"ends inside entry 20"_s, u"entry 20: record damaged"_s},
            {u"bad length field"_s,
             [&](Files &f) {
                 QByteArray &e = f[u"entries.dat"_s];
                 e[records[2].first] = '\x7f';
             },
             u"entry 2: record damaged (its length field"_s, u"entry 2: record damaged (its length field"_s},
            {u"bad head signature"_s,
             [&](Files &f) {
                 QByteArray &h = f[u"head.cbor"_s];
                 h[h.size() - 1] = static_cast<char>(h[h.size() - 1] ^ 1);
             },
             u"bad signature"_s, u"bad signature"_s},
            {u"older head.cbor"_s, [&](Files &f) { f[u"head.cbor"_s] = history[2].toCbor(); },
             u"replaced by an older one"_s, u"replaced by an older one"_s},
            {u"damaged heads.dat"_s,
             [&](Files &f) {
                 QByteArray &h = f[u"heads.dat"_s];
                 h[h.size() / 2] = static_cast<char>(h[h.size() / 2] ^ 1);
             },
             u"heads.dat"_s, u"heads.dat"_s},
            {u"missing entries.dat"_s, [&](Files &f) { f.remove(u"entries.dat"_s); }, u"entries.dat is missing"_s,
             u"entries.dat is missing"_s},
            {u"missing head.cbor"_s, [&](Files &f) { f.remove(u"head.cbor"_s); }, u"head.cbor is missing"_s,
             u"head.cbor is missing"_s},
            {u"not a log"_s, [&](Files &f) { f[u"entries.dat"_s].replace(0, 7, "garbage"); },
             u"not a Stratus log file"_s, u"not a Stratus log file"_s},
        };

        int n = 0;
        for (const Case &c : cases) {
            const QString dir = m_tmp.filePath(u"tamper-%1"_s.arg(n++));
            Files tampered = good;
            c.tamper(tampered);
            restore(dir, tampered);

            auto store = LogStore::open(dir, m_key, options());
            QVERIFY2(!store, qPrintable(c.name));
            QVERIFY2(store.message().contains(c.openSays),
                     qPrintable(u"%1: open said: %2"_s.arg(c.name, store.message())));
            QVERIFY2(store.message().contains(u"Nothing was changed on disk"_s), qPrintable(store.message()));
            QVERIFY2(snapshot(dir) == tampered, qPrintable(u"%1: open() changed the files"_s.arg(c.name)));

            auto check = verifyLogDirectory(dir, {});
            QVERIFY2(check, qPrintable(messageOf(check)));
            QVERIFY2(!check->ok, qPrintable(c.name));
            const QString problems = check->problems.join(u'\n');
            QVERIFY2(problems.contains(c.verifySays),
                     qPrintable(u"%1: verifyLogDirectory said:\n%2"_s.arg(c.name, problems)));
            QVERIFY2(snapshot(dir) == tampered, qPrintable(u"%1: verify changed the files"_s.arg(c.name)));
        }
    }

    void verifyDirectoryChecksEachEntry()
    {
        const QString dir = m_tmp.filePath(u"checked"_s);
        restore(dir, sampleLog(u"checked-base"_s));
        const Files before = snapshot(dir);
        std::vector<quint64> seen;
        auto check = verifyLogDirectory(dir, [&](quint64 index, const QByteArray &entry) -> Status {
            seen.push_back(index);
            if (entry != entryOf(static_cast<int>(index)))
                return makeError(u"unexpected bytes"_s);
            if (index == 7)
                return makeError(u"bad attestation signature"_s);
            return {};
        });
        QVERIFY(check);
        QVERIFY(!check->ok);
        QCOMPARE(check->problems, QStringList{u"entry 7: bad attestation signature"_s});
        QCOMPARE(check->entries, quint64(24));
        QCOMPARE(seen.size(), std::size_t(24));
        for (quint64 i = 0; i < 24; ++i)
            QCOMPARE(seen[i], i);
        QCOMPARE(snapshot(dir), before);
        QVERIFY(!verifyLogDirectory(m_tmp.filePath(u"no-such-log"_s), {}));
    }

    void verifyLogInMemory()
    {
        std::vector<QByteArray> entries = batch(0, 30);
        MerkleTree tree;
        for (const QByteArray &e : entries)
            tree.append(leafHash(e));
        TreeHead h;
        h.treeSize = 30;
        h.timestampMs = m_time;
        h.rootHash = tree.root();
        const SignedTreeHead head = SignedTreeHead::sign(h, m_key);

        int calls = 0;
        auto counting = [&](quint64, const QByteArray &) -> Status {
            ++calls;
            return {};
        };
        LogCheck check = verifyLog(head, entries, counting);
        QVERIFY2(check.ok, qPrintable(check.problems.join(u'\n')));
        QCOMPARE(calls, 30);
        QCOMPARE(check.entries, quint64(30));

        auto expectProblem = [&](const std::vector<QByteArray> &list, const SignedTreeHead &sth, const QString &text) {
            const LogCheck c = verifyLog(sth, list, {});
            QVERIFY(!c.ok);
            QVERIFY2(c.problems.join(u'\n').contains(text), qPrintable(c.problems.join(u'\n')));
        };
        std::vector<QByteArray> changed = entries;
        changed[12][0] = 'X';
        expectProblem(changed, head, u"root mismatch"_s);
        std::vector<QByteArray> reordered = entries;
        std::swap(reordered[3], reordered[4]);
        expectProblem(reordered, head, u"root mismatch"_s);
        std::vector<QByteArray> dropped = entries;
        dropped.erase(dropped.begin() + 9);
        expectProblem(dropped, head, u"entries were dropped"_s);
        SignedTreeHead forged = head;
        forged.signature[5] = static_cast<char>(forged.signature[5] ^ 4);
        expectProblem(entries, forged, u"bad signature"_s);

        std::vector<QByteArray> more = entries;
        more.push_back("later");
        check = verifyLog(head, more, {});
        QVERIFY(check.ok);
        QCOMPARE(check.notes.size(), 1);
    }

    void crashAtEveryByteOfTheLastBatch()
    {
        // Hundreds of small logs, each opened and appended to with several
        // fsyncs: on tmpfs where there is one, so that a busy disk does not
        // make the test slow (durability is not what is tested here).
        QTemporaryDir shm(u"/dev/shm/test_translog_store-XXXXXX"_s);
        QTemporaryDir &tmp = shm.isValid() ? shm : m_tmp;
        const QString base = tmp.filePath(u"crash-base"_s);
        auto store = openOk(base);
        QVERIFY(store);
        const std::vector<QByteArray> first = batch(0, 5);
        const SignedTreeHead headA = store->append(first).value();
        const Files afterA = snapshot(base);
        const SignedTreeHead headB = store->append(batch(5, 3)).value();
        const Files afterB = snapshot(base);
        store.reset();

        const QByteArray fullEntries = afterB.value(u"entries.dat"_s);
        const qsizetype endA = afterA.value(u"entries.dat"_s).size();
        const auto records = recordsOf(fullEntries);
        QCOMPARE(records.size(), std::size_t(8));

        // Crashed before the new head reached the disk: the entries file
        // holds any prefix of the batch, the head is the old one.
        for (qsizetype cut = endA; cut <= fullEntries.size(); ++cut) {
            Files crashed = afterA;
            crashed[u"entries.dat"_s] = fullEntries.left(cut);
            const QString dir = tmp.filePath(u"crash-%1"_s.arg(cut));
            restore(dir, crashed);

            quint64 whole = 0;
            qsizetype wholeEnd = kHeader;
            for (const auto &[offset, size] : records) {
                if (offset + size <= cut) {
                    ++whole;
                    wholeEnd = offset + size;
                }
            }
            auto reopened = LogStore::open(dir, m_key, options());
            QVERIFY2(reopened, qPrintable(u"cut at %1: %2"_s.arg(cut).arg(messageOf(reopened))));
            std::unique_ptr<LogStore> opened = std::move(reopened).value();
            LogStore &s = *opened;
            QCOMPARE(s.size(), whole);
            QCOMPARE(s.head().head.treeSize, whole);
            QCOMPARE(readAll(dir + u"/entries.dat"_s).size(), wholeEnd);
            for (quint64 i = 0; i < 5; ++i)
                QCOMPARE(s.entry(i).value(), first[i]);
            QVERIFY(verifyHeadConsistency(headA, s.head(), s.consistencyProof(5, whole).value()));
            if (whole == 8)
                QVERIFY(verifyHeadConsistency(headB, s.head(), {}));

            auto later = s.append({"after the crash"});
            QVERIFY2(later, qPrintable(messageOf(later)));
            QCOMPARE(later->head.treeSize, whole + 1);
            QVERIFY(verifyHeadConsistency(headA, later.value(), s.consistencyProof(5, whole + 1).value()));
            QCOMPARE(s.entry(whole).value(), QByteArray("after the crash"));
            opened.reset();
            auto check = verifyLogDirectory(dir, {});
            QVERIFY(check);
            QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
            QCOMPARE(check->entries, whole + 1);
            QDir(dir).removeRecursively();
        }

        // Crashed after head.cbor was replaced, before heads.dat got the new
        // head (whole or in part).
        const QByteArray fullHeads = afterB.value(u"heads.dat"_s);
        const qsizetype headsA = afterA.value(u"heads.dat"_s).size();
        for (qsizetype cut = headsA; cut < fullHeads.size(); ++cut) {
            Files crashed = afterB;
            crashed[u"heads.dat"_s] = fullHeads.left(cut);
            const QString dir = tmp.filePath(u"crash-heads-%1"_s.arg(cut));
            restore(dir, crashed);
            auto s = openOk(dir);
            QVERIFY2(s, qPrintable(u"heads.dat cut at %1"_s.arg(cut)));
            QCOMPARE(s->head(), headB);
            auto history = s->history();
            QVERIFY(history);
            QCOMPARE(history->size(), std::size_t(3));
            QCOMPARE(history->back(), headB);
            QCOMPARE(readAll(dir + u"/heads.dat"_s), fullHeads);
            s.reset();
            QDir(dir).removeRecursively();
        }

        // Zero bytes after the last record (a file system that extended the
        // file before the data arrived).
        {
            Files crashed = afterA;
            crashed[u"entries.dat"_s] = afterA.value(u"entries.dat"_s) + QByteArray(100, '\0');
            const QString dir = tmp.filePath(u"crash-zeros"_s);
            restore(dir, crashed);
            auto s = openOk(dir);
            QVERIFY(s);
            QCOMPARE(s->head(), headA);
            QCOMPARE(readAll(dir + u"/entries.dat"_s), afterA.value(u"entries.dat"_s));
        }

        // Crashed while the log was being created.
        {
            const QString dir = tmp.filePath(u"crash-new"_s);
            restore(dir, Files{{u"entries.dat"_s, afterA.value(u"entries.dat"_s).left(kHeader)}});
            auto s = openOk(dir);
            QVERIFY(s);
            QCOMPARE(s->size(), quint64(0));
            s.reset();
            QVERIFY(verifyLogDirectory(dir, {})->ok);
        }
    }
};

QTEST_GUILESS_MAIN(TestTranslogStore)
#include "test_translog_store.moc"
