// The sync engine's wire objects (syncservice/sync_wire.h): round trips,
// every damaged encoding refused or decoded to another valid object (never a
// crash), non-canonical encodings refused, size caps, and the device list's
// rules.

#include "common/hex.h"
#include "node/signed_pointer.h"
#include "syncservice/sync_wire.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::syncservice;

namespace {

QByteArray filled(char c, qsizetype n = 32) { return QByteArray(n, c); }

crypto::NodeId nodeOf(char c) { return crypto::NodeId::fromPublicKey(filled(c)); }

ObjectRef sampleRef()
{
    ObjectRef ref;
    ref.sealedManifest = QByteArray("sealed manifest bytes");
    ref.placements.append({object::ShardId{filled('a'), 4096}, nodeOf('n')});
    ref.placements.append({object::ShardId{filled('b'), 17}, nodeOf('m')});
    return ref;
}

LogBatch sampleBatch()
{
    LogBatch b;
    b.device = filled('d');
    b.first = 7;
    b.entries = {QByteArray("entry seven"), QByteArray("entry eight"), QByteArray()};
    b.blobs = {{filled('h'), sampleRef().encode()}};
    b.previous = sampleRef().encode();
    return b;
}

LogHead sampleHead() { return LogHead{filled('d'), 42, filled('x'), sampleRef().encode(), 40}; }

DeviceList sampleDevices()
{
    DeviceList list;
    list.devices.append(DeviceRecord{filled('1'), u"laptop"_s, 1'700'000'000'000, 0});
    list.devices.append(DeviceRecord{filled('2'), u"phone ✓"_s, 1'700'000'000'001, 1'700'000'100'000});
    list.devices.append(DeviceRecord{filled('3'), QString(), 5, 0});
    return list;
}

// What a decoder does with bytes: accepted or not, and what it re-encodes to.
using Decoder = std::function<std::optional<QByteArray>(const QByteArray &)>;

template <typename T>
Decoder decoderOf()
{
    return [](const QByteArray &bytes) -> std::optional<QByteArray> {
        auto r = T::decode(bytes);
        if (!r)
            return std::nullopt;
        return r->encode();
    };
}

// Every flipped bit, every truncation and a trailing byte: refused, or (for a
// flip that lands in a free-form field) a different object whose own encoding
// is exactly the damaged bytes.
void checkDamage(const QByteArray &good, const Decoder &decode)
{
    QVERIFY(decode(good).has_value());
    int accepted = 0;
    for (qsizetype i = 0; i < good.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray bad = good;
            bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
            const auto out = decode(bad);
            if (!out)
                continue;
            ++accepted;
            if (*out != bad || *out == good)
                QFAIL(qPrintable(u"a flip of bit %1 of byte %2 decoded to a non-canonical object"_s.arg(bit).arg(i)));
        }
    }
    // Flips inside byte strings and text give other valid objects; but most
    // flips must be refused (structure, header, sizes, canonical form).
    QVERIFY2(accepted < good.size() * 8, "every flipped bit was accepted");
    for (qsizetype n = 0; n < good.size(); ++n)
        QVERIFY2(!decode(good.left(n)).has_value(), qPrintable(u"truncated to %1 bytes: accepted"_s.arg(n)));
    QVERIFY(!decode(good + '\0').has_value());
    QVERIFY(!decode(good + good).has_value());
}

QCborMap mapOf(const QByteArray &bytes) { return QCborValue::fromCbor(bytes).toMap(); }
QByteArray bytesOf(const QCborMap &m) { return m.toCborValue().toCbor(); }

// The same fields, encoded in a way Stratus does not: each must be refused.
void checkNonCanonical(const QByteArray &good, const Decoder &decode)
{
    const QCborMap m = mapOf(good);
    QVERIFY(bytesOf(m) == good);

    // Keys in another order (reversed).
    QCborMap reversed;
    const auto keys = m.keys();
    for (auto it = keys.crbegin(); it != keys.crend(); ++it)
        reversed.insert(*it, m.value(*it));
    QVERIFY(bytesOf(reversed) != good);
    QVERIFY(!decode(bytesOf(reversed)).has_value());

    // A non-minimal integer: "v": 1 written as a one-byte-argument integer.
    const QByteArray v1("\x61\x76\x01", 3);
    QVERIFY(good.contains(v1));
    QByteArray wide = good;
    wide.replace(wide.indexOf(v1), 3, QByteArray("\x61\x76\x18\x01", 4));
    QVERIFY(!decode(wide).has_value());
    QByteArray wider = good;
    wider.replace(wider.indexOf(v1), 3, QByteArray("\x61\x76\x1a\x00\x00\x00\x01", 7));
    QVERIFY(!decode(wider).has_value());

    // An indefinite-length map.
    QByteArray indefinite = good;
    QCOMPARE(quint8(indefinite[0]) & 0xe0, 0xa0);
    QVERIFY((quint8(indefinite[0]) & 0x1f) < 24);
    indefinite[0] = char(0xbf);
    QVERIFY(!decode(indefinite + char(0xff)).has_value());

    // A tag around the whole map.
    QVERIFY(!decode(QByteArray("\xd8\x18", 2) + good).has_value());

    // An extra key, a missing key.
    QCborMap extra = m;
    extra.insert(u"extra"_s, 1);
    QVERIFY(!decode(bytesOf(extra)).has_value());
    for (const QCborValue &k : keys) {
        QCborMap missing = m;
        missing.remove(k);
        QVERIFY2(!decode(bytesOf(missing)).has_value(), qPrintable(k.toString()));
    }

    // Wrong header: another type, another version, a version of another type.
    QCborMap type = m;
    type.insert(u"type"_s, u"stratus.pointer"_s);
    QVERIFY(!decode(bytesOf(type)).has_value());
    QCborMap version = m;
    version.insert(u"v"_s, 2);
    QVERIFY(!decode(bytesOf(version)).has_value());
    QCborMap textVersion = m;
    textVersion.insert(u"v"_s, u"1"_s);
    QVERIFY(!decode(bytesOf(textVersion)).has_value());

    // Not a map at all.
    QVERIFY(!decode(QCborValue(QCborArray{1, 2}).toCbor()).has_value());
    QVERIFY(!decode(QByteArray()).has_value());
}

} // namespace

class TestSyncWire : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void objectRefRoundTrip()
    {
        const ObjectRef ref = sampleRef();
        auto back = ObjectRef::decode(ref.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->sealedManifest, ref.sealedManifest);
        QCOMPARE(back->placements.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(back->placements[i].first.toString(), ref.placements[i].first.toString());
            QCOMPARE(back->placements[i].second.bytes(), ref.placements[i].second.bytes());
        }
        QCOMPARE(back->encode(), ref.encode());

        ObjectRef empty;
        empty.sealedManifest = QByteArray("m");
        auto noPlacements = ObjectRef::decode(empty.encode());
        QVERIFY(noPlacements);
        QVERIFY(noPlacements->placements.isEmpty());
        // The manifest may not be empty.
        empty.sealedManifest.clear();
        QVERIFY(!ObjectRef::decode(empty.encode()));
    }

    // encode() and decode() write and read the bytes directly; they must
    // stay exactly what a general CBOR writer makes of the same map, for
    // every width of the manifest's length, the list's length and the sizes.
    void objectRefMatchesGeneralCborWriter()
    {
        const qint64 sizes[] = {1, 9, 10, 23, 24, 4096, 16777216, 1099511627776LL, std::numeric_limits<qint64>::max()};
        for (const qsizetype manifest : {1, 23, 24, 255, 256, 65535, 65536}) {
            for (const int count : {0, 1, 23, 24, 30}) {
                ObjectRef ref;
                ref.sealedManifest = QByteArray(manifest, 'm');
                QCborArray list;
                for (int i = 0; i < count; ++i) {
                    const object::ShardId shard{filled(char(i)), sizes[i % std::size(sizes)]};
                    ref.placements.append({shard, nodeOf(char('a' + i % 26))});
                    list.append(QCborArray{shard.toString(), nodeOf(char('a' + i % 26)).bytes()});
                }
                const QByteArray general = QCborValue(QCborMap{{u"v"_s, 1},
                                                               {u"type"_s, u"stratus.object-ref"_s},
                                                               {u"manifest"_s, ref.sealedManifest},
                                                               {u"placements"_s, list}})
                                               .toCbor();
                QCOMPARE(ref.encode(), general);
                auto back = ObjectRef::decode(general);
                QVERIFY2(back, qPrintable(back ? QString() : back.message()));
                QCOMPARE(back->sealedManifest, ref.sealedManifest);
                QCOMPARE(back->placements.size(), count);
                for (int i = 0; i < count; ++i) {
                    QCOMPARE(back->placements[i].first.root, ref.placements[i].first.root);
                    QCOMPARE(back->placements[i].first.size, ref.placements[i].first.size);
                    QCOMPARE(back->placements[i].second.bytes(), ref.placements[i].second.bytes());
                }
            }
        }
        // What toString() never writes is refused, whichever reader sees it.
        for (const QString &text :
             {u"%1-017"_s, u"%1-+17"_s, u"%1-0"_s, u"%1--17"_s, u"%1-17x"_s, u"%1-99999999999999999999"_s}) {
            const QByteArray bytes =
                QCborValue(QCborMap{{u"v"_s, 1},
                                    {u"type"_s, u"stratus.object-ref"_s},
                                    {u"manifest"_s, QByteArray("m")},
                                    {u"placements"_s,
                                     QCborArray{QCborArray{text.arg(toHex(filled('a'))), nodeOf('n').bytes()}}}})
                    .toCbor();
            QVERIFY2(!ObjectRef::decode(bytes), qPrintable(text));
        }
        const QString upper = object::ShardId{filled(char(0xab)), 5}.toString().toUpper();
        QVERIFY(!ObjectRef::decode(
            QCborValue(QCborMap{{u"v"_s, 1},
                                {u"type"_s, u"stratus.object-ref"_s},
                                {u"manifest"_s, QByteArray("m")},
                                {u"placements"_s, QCborArray{QCborArray{upper, nodeOf('n').bytes()}}}})
                .toCbor()));
    }

    void movedObjectRoundTrip()
    {
        const MovedObject moved{QByteArray("old sealed manifest"), sampleRef()};
        auto back = MovedObject::decode(moved.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->oldManifest, moved.oldManifest);
        QCOMPARE(back->moved.encode(), moved.moved.encode());
        QCOMPARE(back->encode(), moved.encode());
        // Neither part may be empty, and the moved object is checked too.
        QVERIFY(!MovedObject::decode(MovedObject{QByteArray(), sampleRef()}.encode()));
        QVERIFY(!MovedObject::decode(MovedObject{QByteArray("m"), ObjectRef{}}.encode()));
    }

    void deviceEndpointRoundTrip()
    {
        const DeviceEndpoint e{QByteArray(32, 'k'), u"127.0.0.9"_s, 40123};
        auto back = DeviceEndpoint::decode(e.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->device, e.device);
        QCOMPARE(back->address, e.address);
        QCOMPARE(back->port, e.port);
        QVERIFY(DeviceEndpoint::decode(DeviceEndpoint{QByteArray(32, 'k'), u"::1"_s, 1}.encode()));
        // Not an IP address, not in its usual form, no port, a short key.
        QVERIFY(!DeviceEndpoint::decode(DeviceEndpoint{QByteArray(32, 'k'), u"example.org"_s, 1}.encode()));
        QVERIFY(!DeviceEndpoint::decode(DeviceEndpoint{QByteArray(32, 'k'), u"127.000.0.1"_s, 1}.encode()));
        QVERIFY(!DeviceEndpoint::decode(DeviceEndpoint{QByteArray(32, 'k'), u"127.0.0.1"_s, 0}.encode()));
        QVERIFY(!DeviceEndpoint::decode(DeviceEndpoint{QByteArray(31, 'k'), u"127.0.0.1"_s, 1}.encode()));
        QVERIFY(DeviceEndpoint::saltFor(crypto::NodeId::fromPublicKey(QByteArray(32, 'k'))).size() <= 64);
    }

    void logBatchRoundTrip()
    {
        const LogBatch batch = sampleBatch();
        auto back = LogBatch::decode(batch.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->device, batch.device);
        QCOMPARE(back->first, batch.first);
        QCOMPARE(back->entries, batch.entries);
        QCOMPARE(back->blobs, batch.blobs);
        QCOMPARE(back->previous, batch.previous);
        QCOMPARE(back->encode(), batch.encode());

        LogBatch firstBatch = batch;
        firstBatch.previous.clear();
        firstBatch.first = 1;
        QVERIFY(LogBatch::decode(firstBatch.encode()));
        firstBatch.first = 0;
        QVERIFY(!LogBatch::decode(firstBatch.encode()));
        firstBatch.first = -1;
        QVERIFY(!LogBatch::decode(firstBatch.encode()));
        firstBatch.first = qint64(1) << 53;
        QVERIFY(!LogBatch::decode(firstBatch.encode()));
        LogBatch shortDevice = batch;
        shortDevice.device.chop(1);
        QVERIFY(!LogBatch::decode(shortDevice.encode()));
        LogBatch shortHash = batch;
        shortHash.blobs[0].first.chop(1);
        QVERIFY(!LogBatch::decode(shortHash.encode()));
    }

    void logHeadRoundTrip()
    {
        const LogHead head = sampleHead();
        auto back = LogHead::decode(head.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->device, head.device);
        QCOMPARE(back->sequence, head.sequence);
        QCOMPARE(back->hash, head.hash);
        QCOMPARE(back->batch, head.batch);
        QCOMPARE(back->batchFirst, head.batchFirst);

        LogHead h = head;
        h.batchFirst = h.sequence + 1; // the batch starts after the head
        QVERIFY(!LogHead::decode(h.encode()));
        h.batchFirst = 0;
        QVERIFY(!LogHead::decode(h.encode()));
        h = head;
        h.batch.clear();
        QVERIFY(!LogHead::decode(h.encode()));
        h = head;
        h.hash = filled('x', 31);
        QVERIFY(!LogHead::decode(h.encode()));
        h = head;
        h.sequence = -5;
        QVERIFY(!LogHead::decode(h.encode()));
    }

    void deviceListRoundTrip()
    {
        const DeviceList list = sampleDevices();
        auto back = DeviceList::decode(list.encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->devices, list.devices);
        QVERIFY(DeviceList::decode(DeviceList{}.encode()));
    }

    void damagedEncodingsRefused_data()
    {
        QTest::addColumn<QByteArray>("good");
        QTest::addColumn<int>("kind");
        QTest::newRow("object-ref") << sampleRef().encode() << 0;
        QTest::newRow("log-batch") << sampleBatch().encode() << 1;
        QTest::newRow("log-head") << sampleHead().encode() << 2;
        QTest::newRow("devices") << sampleDevices().encode() << 3;
        QTest::newRow("moved-object") << MovedObject{QByteArray("old"), sampleRef()}.encode() << 4;
        QTest::newRow("device-endpoint") << DeviceEndpoint{QByteArray(32, 'k'), u"127.0.0.9"_s, 40123}.encode() << 5;
    }

    void damagedEncodingsRefused()
    {
        QFETCH(QByteArray, good);
        QFETCH(int, kind);
        const Decoder decoders[] = {decoderOf<ObjectRef>(),  decoderOf<LogBatch>(),    decoderOf<LogHead>(),
                                    decoderOf<DeviceList>(), decoderOf<MovedObject>(), decoderOf<DeviceEndpoint>()};
        checkDamage(good, decoders[kind]);
        if (QTest::currentTestFailed())
            return;
        checkNonCanonical(good, decoders[kind]);
        // And none of them is taken for another kind.
        for (int other = 0; other < 6; ++other)
            if (other != kind)
                QVERIFY(!decoders[other](good).has_value());
    }

    void nonMinimalFieldIntegerRefused()
    {
        // "seq": 1000 takes a two-byte argument; written with four, refused.
        LogHead head = sampleHead();
        head.sequence = 1000;
        const QByteArray good = head.encode();
        QVERIFY(LogHead::decode(good));
        const QByteArray minimal("\x63seq\x19\x03\xe8", 7);
        QVERIFY(good.contains(minimal));
        QByteArray wide = good;
        wide.replace(wide.indexOf(minimal), minimal.size(), QByteArray("\x63seq\x1a\x00\x00\x03\xe8", 9));
        QVERIFY(!LogHead::decode(wide));
        // A byte string written with a non-minimal length.
        const QByteArray hashField = QByteArray("\x64hash\x58\x20", 7) + filled('x');
        QVERIFY(good.contains(hashField));
        QByteArray longLen = good;
        longLen.replace(longLen.indexOf(hashField), hashField.size(),
                        QByteArray("\x64hash\x59\x00\x20", 8) + filled('x'));
        QVERIFY(!LogHead::decode(longLen));
    }

    void sizeCaps()
    {
        ObjectRef big;
        big.sealedManifest = QByteArray(ObjectRef::kMaxBytes, 'm');
        QVERIFY(big.encode().size() > ObjectRef::kMaxBytes);
        QVERIFY(!ObjectRef::decode(big.encode()));
        big.sealedManifest.resize(ObjectRef::kMaxBytes - 4096);
        QVERIFY(ObjectRef::decode(big.encode()));

        LogHead head = sampleHead();
        head.batch = QByteArray(64 * 1024, 'b');
        QVERIFY(!LogHead::decode(head.encode()));
        head.batch.resize(60 * 1024);
        QVERIFY(LogHead::decode(head.encode()));

        LogBatch batch = sampleBatch();
        batch.entries = QList<QByteArray>(LogBatch::kMaxEntries + 1);
        QVERIFY(!LogBatch::decode(batch.encode()));
        batch.entries.removeLast();
        QVERIFY(LogBatch::decode(batch.encode()));
        batch.blobs = QList<std::pair<QByteArray, QByteArray>>(LogBatch::kMaxEntries + 1, {filled('h'), {}});
        QVERIFY(!LogBatch::decode(batch.encode()));
        batch = sampleBatch();
        batch.previous = QByteArray(ObjectRef::kMaxBytes + 1, 'p');
        QVERIFY(!LogBatch::decode(batch.encode()));

        DeviceList many;
        for (int i = 0; i < DeviceList::kMaxDevices; ++i)
            many.devices.append(DeviceRecord{QByteArray(30, 'k') + char(i >> 8) + char(i & 0xff), u"d"_s, i, 0});
        QVERIFY(DeviceList::decode(many.encode()));
        many.devices.append(DeviceRecord{filled('z'), u"one too many"_s, 1, 0});
        QVERIFY(!DeviceList::decode(many.encode()));

        DeviceList longName;
        longName.devices.append(DeviceRecord{filled('1'), QString(200, u'n'), 1, 0});
        QVERIFY(DeviceList::decode(longName.encode()));
        longName.devices[0].name.append(u'n');
        QVERIFY(!DeviceList::decode(longName.encode()));
    }

    void deviceListRules()
    {
        DeviceList list = sampleDevices();
        QCOMPARE(list.authorisedKeys(), (QList<QByteArray>{filled('1'), filled('3')}));
        QVERIFY(list.find(filled('2')));
        QCOMPARE(list.find(filled('2'))->name, u"phone ✓"_s);
        QVERIFY(!list.find(filled('9')));

        DeviceList twice = list;
        twice.devices.append(DeviceRecord{filled('1'), u"again"_s, 9, 0});
        auto dup = DeviceList::decode(twice.encode());
        QVERIFY(!dup);
        QVERIFY2(dup.message().contains(u"twice"_s), qPrintable(dup.message()));

        DeviceList bad = list;
        bad.devices[0].addedMs = -1;
        QVERIFY(!DeviceList::decode(bad.encode()));
        bad = list;
        bad.devices[1].revokedMs = (qint64(1) << 50) + 1;
        QVERIFY(!DeviceList::decode(bad.encode()));
        bad = list;
        bad.devices[2].key = filled('3', 33);
        QVERIFY(!DeviceList::decode(bad.encode()));

        // A device entry with a fifth element.
        QCborMap m = mapOf(list.encode());
        QCborArray devices = m.value(u"devices"_s).toArray();
        QCborArray first = devices[0].toArray();
        first.append(0);
        devices[0] = first;
        m.insert(u"devices"_s, devices);
        QVERIFY(!DeviceList::decode(bytesOf(m)));
    }

    // The fuzzer's seeds (tests/fuzz/seeds/sync_wire/), written into the
    // directory $STRATUS_FUZZ_SEEDS names; here they are checked to decode.
    void fuzzSeeds()
    {
        crypto::Key256 seed;
        QVERIFY(crypto::Key256::fromBytes(filled('k'), seed));
        const crypto::SigningKey account(seed);
        auto pointer = node::SignedPointer::sign(account, filled('s'), 42, sampleHead().encode());
        QVERIFY(pointer);
        const std::pair<QString, QByteArray> seeds[] = {
            {u"object-ref"_s, sampleRef().encode()}, {u"log-batch"_s, sampleBatch().encode()},
            {u"log-head"_s, sampleHead().encode()},  {u"devices"_s, sampleDevices().encode()},
            {u"pointer"_s, pointer->encode()},
        };
        QVERIFY(ObjectRef::decode(seeds[0].second));
        QVERIFY(LogBatch::decode(seeds[1].second));
        QVERIFY(LogHead::decode(seeds[2].second));
        QVERIFY(DeviceList::decode(seeds[3].second));
        QVERIFY(node::SignedPointer::decode(seeds[4].second));
        const QString out = qEnvironmentVariable("STRATUS_FUZZ_SEEDS");
        if (out.isEmpty())
            return;
        QVERIFY(QDir().mkpath(out));
        for (const auto &[name, bytes] : seeds) {
            QFile f(out + u'/' + name);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(f.write(bytes), bytes.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncWire)
#include "test_sync_wire.moc"
