#include "sync/account_log.h"

#include "crypto/random.h"

#include <QCborMap>
#include <QCborValue>
#include <QTest>

using namespace stratus;
using namespace stratus::sync;
using namespace Qt::StringLiterals;

namespace {

crypto::Key256 key(std::uint8_t fill)
{
    crypto::Key256 k;
    std::fill(k.data(), k.data() + 32, fill);
    return k;
}

crypto::SigningKey device(std::uint8_t fill) { return crypto::SigningKey(key(fill)); }

LogEntry fileEntry(const QString &path = u"docs/a.txt"_s)
{
    LogEntry e;
    e.kind = LogEntry::Kind::File;
    e.path = {u"Work"_s, path};
    e.size = 1234;
    e.mtimeNs = 1'700'000'000'123'456'789;
    e.executable = true;
    e.contentRef = QByteArray(32, '\x42');
    if (!e.version.increment(crypto::NodeId::fromPublicKey(device(1).publicKey())))
        qFatal("increment");
    return e;
}

// A well-formed envelope rebuilt from a map, to feed the decoder variants.
QCborMap envelopeMap(const QByteArray &bytes) { return QCborValue::fromCbor(bytes).toMap(); }

} // namespace

class TestSyncAccountLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryKind()
    {
        const crypto::Key256 master = key(9);
        AccountLogWriter writer(master, device(1));
        const QList<QByteArray> devices{device(1).publicKey()};
        QList<LogEntry> entries;
        entries << fileEntry();
        LogEntry dir = fileEntry(u"empty dir"_s);
        dir.kind = LogEntry::Kind::Directory;
        dir.size = 0;
        dir.contentRef.clear();
        dir.executable = false;
        entries << dir;
        LogEntry del = dir;
        del.kind = LogEntry::Kind::Delete;
        del.mtimeNs = -5; // a pre-1970 mtime is still a valid mtime
        entries << del;
        LogEntry ren = fileEntry(u"b/new name.txt"_s);
        ren.kind = LogEntry::Kind::Rename;
        ren.renamedFrom = {u"Photos"_s, u"old.txt"_s};
        entries << ren;
        LogEntry moved = fileEntry(u"moved.txt"_s);
        moved.kind = LogEntry::Kind::Relocate;
        moved.size = 0;
        moved.mtimeNs = 0;
        moved.executable = false;
        moved.contentRef = QByteArray(32, 'm');
        moved.version = {};
        entries << moved;
        LogEntry emptyFile = fileEntry(u"zero"_s);
        emptyFile.size = 0;
        emptyFile.contentRef = QByteArray(64, 'x');
        entries << emptyFile;

        ChainHead head;
        for (const LogEntry &e : entries) {
            Result<SealedEntry> sealed = writer.append(e);
            QVERIFY2(sealed, qPrintable(sealed ? QString() : sealed.message()));
            QCOMPARE(sealed->sequence, head.sequence + 1);
            Result<LogEntry> opened = openEntry(sealed->bytes, master, devices, head);
            QVERIFY2(opened, qPrintable(opened ? QString() : opened.message()));
            QCOMPARE(*opened, e);
            head = {sealed->sequence, sealed->hash()};
            QCOMPARE(writer.head(), head);
        }
    }

    void pathsAreNfcNormalised()
    {
        const crypto::Key256 master = key(9);
        AccountLogWriter writer(master, device(1));
        LogEntry e = fileEntry(u"cafe\u0301.txt"_s); // NFD, as macOS writes it
        e.path.folder = u"Re\u0301sume\u0301s"_s;
        Result<SealedEntry> sealed = writer.append(e);
        QVERIFY(sealed);
        Result<LogEntry> opened = openEntry(sealed->bytes, master, {device(1).publicKey()}, {});
        QVERIFY(opened);
        QCOMPARE(opened->path.path, u"caf\u00e9.txt"_s);
        QCOMPARE(opened->path.folder, u"R\u00e9sum\u00e9s"_s);

        // A decoder refuses an entry whose text is not NFC (another writer's).
        Result<QByteArray> good = encodeLogEntry(fileEntry(u"caf\u00e9.txt"_s));
        QVERIFY(good);
        QCborMap map = QCborValue::fromCbor(*good).toMap();
        map.insert(u"path"_s, u"cafe\u0301.txt"_s);
        QVERIFY(!decodeLogEntry(QCborValue(map).toCbor()).ok());
        QVERIFY(decodeLogEntry(*good).ok());
    }

    void writerRefusesInvalidEntries()
    {
        AccountLogWriter writer(key(9), device(1));
        LogEntry e = fileEntry(u"../escape"_s);
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.contentRef = QByteArray(65, 'x');
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.version = {};
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.path.folder = u"a/b"_s;
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.kind = LogEntry::Kind::Delete; // with a size and content
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.renamedFrom = {u"Work"_s, u"x"_s}; // not a rename
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.kind = LogEntry::Kind::Rename; // without a source
        QVERIFY(!writer.append(e).ok());
        e = fileEntry();
        e.kind = LogEntry::Kind::Relocate; // a move with a version vector, size, mtime
        QVERIFY(!writer.append(e).ok());
        e.version = {};
        e.size = 0;
        e.mtimeNs = 0;
        e.executable = false;
        e.contentRef = QByteArray(31, 'm'); // a move is named by 32 bytes
        QVERIFY(!writer.append(e).ok());
        QCOMPARE(writer.head().sequence, 0); // nothing consumed a sequence number
        QVERIFY(writer.append(fileEntry()).ok());
        QCOMPARE(writer.head().sequence, 1);
    }

    void refusesUnauthorisedDevice()
    {
        AccountLogWriter writer(key(9), device(2));
        Result<SealedEntry> sealed = writer.append(fileEntry());
        QVERIFY(sealed);
        Result<LogEntry> opened = openEntry(sealed->bytes, key(9), {device(1).publicKey()}, {});
        QVERIFY(!opened);
        QVERIFY2(opened.message().contains(u"not authorised"_s), qPrintable(opened.message()));
        QVERIFY(!parseSealedEntry(sealed->bytes, {}).ok());
    }

    void refusesWrongSignature()
    {
        const QList<QByteArray> devices{device(1).publicKey(), device(2).publicKey()};
        AccountLogWriter writer(key(9), device(1));
        Result<SealedEntry> sealed = writer.append(fileEntry());
        QVERIFY(sealed);
        // A signature by another authorised device over the same bytes.
        QCborMap map = envelopeMap(sealed->bytes);
        map.remove(u"sig"_s);
        const QByteArray forged = device(2).sign(QCborValue(map).toCbor());
        map.insert(u"sig"_s, forged);
        Result<LogEntry> opened = openEntry(QCborValue(map).toCbor(), key(9), devices, {});
        QVERIFY(!opened);
        QVERIFY2(opened.message().contains(u"bad signature"_s), qPrintable(opened.message()));
        // And an entry re-signed by device 2 while claiming device 2 does not
        // decrypt: the device is in the AEAD's associated data.
        map.insert(u"device"_s, device(2).publicKey());
        map.remove(u"sig"_s);
        map.insert(u"sig"_s, device(2).sign(QCborValue(map).toCbor()));
        opened = openEntry(QCborValue(map).toCbor(), key(9), devices, {});
        QVERIFY(!opened);
        QVERIFY2(opened.message().contains(u"does not decrypt"_s), qPrintable(opened.message()));
    }

    void refusesEveryTamperedByte()
    {
        const crypto::Key256 master = key(9);
        AccountLogWriter writer(master, device(1));
        Result<SealedEntry> sealed = writer.append(fileEntry());
        QVERIFY(sealed);
        const QList<QByteArray> devices{device(1).publicKey()};
        QVERIFY(openEntry(sealed->bytes, master, devices, {}).ok());
        for (qsizetype i = 0; i < sealed->bytes.size(); ++i) {
            for (char bit : {char(0x01), char(0x80)}) {
                QByteArray bad = sealed->bytes;
                bad[i] = char(bad[i] ^ bit);
                if (openEntry(bad, master, devices, {}).ok())
                    QFAIL(qPrintable(u"a flip of byte %1 was accepted"_s.arg(i)));
            }
        }
        QVERIFY(!openEntry(sealed->bytes.chopped(1), master, devices, {}).ok());
        QVERIFY(!openEntry(sealed->bytes + '\0', master, devices, {}).ok());
    }

    void refusesWrongDataKey()
    {
        AccountLogWriter writer(key(9), device(1));
        Result<SealedEntry> sealed = writer.append(fileEntry());
        QVERIFY(sealed);
        Result<LogEntry> opened = openEntry(sealed->bytes, key(8), {device(1).publicKey()}, {});
        QVERIFY(!opened);
        QVERIFY2(opened.message().contains(u"does not decrypt"_s), qPrintable(opened.message()));
    }

    void refusesBrokenChain()
    {
        const crypto::Key256 master = key(9);
        const QList<QByteArray> devices{device(1).publicKey()};
        AccountLogWriter writer(master, device(1));
        QList<SealedEntry> chain;
        for (int i = 0; i < 3; ++i)
            chain << writer.append(fileEntry(u"f%1"_s.arg(i))).value();
        const ChainHead h1{1, chain[0].hash()}, h2{2, chain[1].hash()};
        QVERIFY(openEntry(chain[1].bytes, master, devices, h1).ok());
        // A gap: entry 3 right after entry 1.
        Result<LogEntry> gap = openEntry(chain[2].bytes, master, devices, h1);
        QVERIFY(!gap);
        QVERIFY2(gap.message().contains(u"breaks its chain"_s), qPrintable(gap.message()));
        // A replay: entry 2 again after entry 2.
        QVERIFY(!openEntry(chain[1].bytes, master, devices, h2).ok());
        // A fork: a second writer from the same head writes another entry 2.
        AccountLogWriter fork(master, device(1), h1);
        SealedEntry other = fork.append(fileEntry(u"other"_s)).value();
        QCOMPARE(other.sequence, 2);
        QVERIFY(openEntry(other.bytes, master, devices, h1).ok());
        Result<LogEntry> forked = openEntry(chain[2].bytes, master, devices, ChainHead{2, other.hash()});
        QVERIFY(!forked);
        QVERIFY2(forked.message().contains(u"forked"_s), qPrintable(forked.message()));
        // The first entry must start a chain.
        QVERIFY(!openEntry(chain[0].bytes, master, devices, h1).ok());
        // Nonces never repeat, even for the same entry at the same sequence.
        QVERIFY(envelopeMap(other.bytes).value(u"nonce"_s) != envelopeMap(chain[1].bytes).value(u"nonce"_s));
    }

    void readerFollowsEachDeviceChain()
    {
        const crypto::Key256 master = key(9);
        AccountLogWriter one(master, device(1)), two(master, device(2));
        AccountLogReader reader(master, {device(1).publicKey(), device(2).publicKey()});
        const SealedEntry a1 = one.append(fileEntry(u"a1"_s)).value();
        const SealedEntry a2 = one.append(fileEntry(u"a2"_s)).value();
        const SealedEntry b1 = two.append(fileEntry(u"b1"_s)).value();
        QVERIFY(!reader.accept(a2.bytes).ok()); // a gap
        QCOMPARE(reader.head(device(1).publicKey()).sequence, 0);
        QVERIFY(reader.accept(a1.bytes).ok());
        QVERIFY(reader.accept(b1.bytes).ok()); // devices interleave freely
        const auto accepted = reader.accept(a2.bytes);
        QVERIFY(accepted);
        QCOMPARE(accepted->entry.path.path, u"a2"_s);
        QCOMPARE(accepted->sealed.devicePublicKey, device(1).publicKey());
        QCOMPARE(accepted->sealed.sequence, 2);
        QVERIFY(!reader.accept(a2.bytes).ok()); // a replay
        QCOMPARE(reader.head(device(1).publicKey()), one.head());
        QCOMPARE(reader.head(device(2).publicKey()), two.head());
        // Resumed from a stored head.
        AccountLogReader later(master, {device(1).publicKey()});
        later.setHead(device(1).publicKey(), {1, a1.hash()});
        QVERIFY(later.accept(a2.bytes).ok());
        QVERIFY(!later.accept(b1.bytes).ok()); // device 2 not authorised here
    }

    // Entries read without their own signature check are covered by the
    // signature of a later entry of the chain: a forged signature in the
    // middle changes that entry's hash, which the next entry's "prev" names;
    // a forged last entry fails its check.
    void oneSignatureCoversTheChainBelowIt()
    {
        using Sig = AccountLogReader::Signature;
        const crypto::Key256 master = key(9);
        const QList<QByteArray> devices{device(1).publicKey(), device(2).publicKey()};
        AccountLogWriter writer(master, device(1));
        QList<SealedEntry> chain;
        for (int i = 0; i < 3; ++i)
            chain << writer.append(fileEntry(u"f%1"_s.arg(i))).value();
        {
            AccountLogReader reader(master, devices);
            QVERIFY(reader.accept(chain[0].bytes, Sig::CoveredByLater).ok());
            QVERIFY(reader.accept(chain[1].bytes, Sig::CoveredByLater).ok());
            QVERIFY(reader.accept(chain[2].bytes, Sig::Check).ok());
        }
        // Entry 2 re-signed by another authorised device: read unchecked it
        // passes, but entry 3 no longer follows it.
        QCborMap map = envelopeMap(chain[1].bytes);
        map.remove(u"sig"_s);
        map.insert(u"sig"_s, device(2).sign(QCborValue(map).toCbor()));
        const QByteArray forged = QCborValue(map).toCbor();
        {
            AccountLogReader reader(master, devices);
            QVERIFY(reader.accept(chain[0].bytes, Sig::CoveredByLater).ok());
            QVERIFY(reader.accept(forged, Sig::CoveredByLater).ok());
            const auto next = reader.accept(chain[2].bytes, Sig::Check);
            QVERIFY(!next);
            QVERIFY2(next.message().contains(u"breaks its chain"_s), qPrintable(next.message()));
        }
        // The same forged entry as the last one, checked: refused.
        {
            AccountLogReader reader(master, devices);
            QVERIFY(reader.accept(chain[0].bytes, Sig::CoveredByLater).ok());
            const auto last = reader.accept(forged, Sig::Check);
            QVERIFY(!last);
            QVERIFY2(last.message().contains(u"bad signature"_s), qPrintable(last.message()));
        }
        // Unchecked still means decrypted, parsed and chained: a tampered
        // sealed byte is refused.
        QByteArray tampered = chain[0].bytes;
        tampered[tampered.size() - 80] = char(tampered[tampered.size() - 80] ^ 1);
        AccountLogReader reader(master, devices);
        QVERIFY(!reader.accept(tampered, Sig::CoveredByLater).ok());
    }

    void refusesNonCanonicalCbor()
    {
        const crypto::Key256 master = key(9);
        const QList<QByteArray> devices{device(1).publicKey()};
        AccountLogWriter writer(master, device(1));
        SealedEntry sealed = writer.append(fileEntry()).value();
        // The envelope with its keys reordered, re-signed: the same value in
        // another encoding.
        QCborMap map = envelopeMap(sealed.bytes);
        QCborMap reordered;
        reordered.insert(u"type"_s, map.value(u"type"_s));
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (it.key().toString() != u"type"_s)
                reordered.insert(it.key(), it.value());
        }
        QVERIFY(!openEntry(QCborValue(reordered).toCbor(), master, devices, {}).ok());
        // A non-minimal integer for "v" (0x18 0x01 instead of 0x01).
        QByteArray bytes = sealed.bytes;
        const QByteArray vKey = QByteArray::fromHex("6176") + char(0x01); // "v": 1
        const qsizetype at = bytes.indexOf(vKey);
        QVERIFY(at >= 0);
        bytes.replace(at, vKey.size(), QByteArray::fromHex("61761801"));
        QVERIFY(!openEntry(bytes, master, devices, {}).ok());

        // The inner entry: a non-minimal integer and an extra key.
        QByteArray inner = encodeLogEntry(fileEntry()).value();
        QVERIFY(decodeLogEntry(inner).ok());
        QCborMap innerMap = QCborValue::fromCbor(inner).toMap();
        innerMap.insert(u"extra"_s, 1);
        QVERIFY(!decodeLogEntry(QCborValue(innerMap).toCbor()).ok());
        const qsizetype k = inner.indexOf(QByteArray::fromHex("646b696e64") + char(0x00)); // "kind": 0
        QVERIFY(k >= 0);
        inner.replace(k + 5, 1, QByteArray::fromHex("1800"));
        QVERIFY(!decodeLogEntry(inner).ok());
        QVERIFY(!decodeLogEntry(QByteArray()).ok());
        QVERIFY(!decodeLogEntry(crypto::randomBytes(100)).ok());
    }
};

QTEST_GUILESS_MAIN(TestSyncAccountLog)
#include "test_sync_account_log.moc"
