// Large files device to device (syncservice/direct_offer.h): two real
// DeviceChannels on loopback (mutual TLS, device-bound), one offering a
// file and the other reading it; a file that changes after its offer, a
// device of another account, and hostile offers and reads.

#include "common/cbor_parse.h"
#include "crypto/hash.h"
#include "crypto/node_id.h"
#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "syncservice/device_channel.h"
#include "syncservice/direct_offer.h"
#include "syncservice/direct_pull.h"

#include <QCborArray>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::syncservice;

namespace {

struct Device {
    crypto::SigningKey key = crypto::SigningKey::generate();
    crypto::NodeId id = crypto::NodeId::fromPublicKey(key.publicKey());
    std::unique_ptr<DeviceChannel> channel;
    QMutex mutex;
    QList<std::pair<crypto::NodeId, ContentOffer>> offers; // heard, on the channel's thread

    void start(const QString &address)
    {
        auto started = DeviceChannel::start(key, QHostAddress(address), {},
                                            [this](const crypto::NodeId &from, const ContentOffer &offer) {
                                                QMutexLocker lock(&mutex);
                                                offers.append({from, offer});
                                            });
        if (!started)
            QFAIL(qPrintable(started.message()));
        channel = std::move(started.value());
    }
    qsizetype offerCount()
    {
        QMutexLocker lock(&mutex);
        return offers.size();
    }
    std::pair<crypto::NodeId, ContentOffer> offer(qsizetype i)
    {
        QMutexLocker lock(&mutex);
        return offers.value(i);
    }
};

QByteArray pseudoRandom(qsizetype size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i + 4 <= size; i += 4) {
        seed = seed * 1664525u + 1013904223u;
        std::memcpy(out.data() + i, &seed, 4);
    }
    return out;
}

qint64 mtimeNs(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

ContentOffer offerFor(const QString &path, const QString &relative)
{
    return ContentOffer{crypto::randomBytes(ContentOffer::kIdSize), u"Docs"_s, relative, QFileInfo(path).size(),
                        mtimeNs(path)};
}

QStringList staged(const QString &dir) { return QDir(dir).entryList({u"direct-*"_s}, QDir::Files); }

} // namespace

class TestDeviceChannel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    Device m_a; // offers
    Device m_b; // an authorised device: reads
    Device m_c; // a device of another account

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_a.start(u"127.0.0.61"_s);
        m_b.start(u"127.0.0.62"_s);
        m_c.start(u"127.0.0.63"_s);
        m_a.channel->setDevices({m_b.id}, {});
        m_b.channel->setDevices({m_a.id}, {{m_a.id, m_a.channel->address(), m_a.channel->port()}});
        m_c.channel->setDevices({m_a.id}, {{m_a.id, m_a.channel->address(), m_a.channel->port()}});
        QTRY_VERIFY_WITH_TIMEOUT(m_b.channel->isWatching(m_a.id), 20000);
    }

    void offeredFileIsReadDirectly()
    {
        // 24 MiB and a bit: three reads in flight, and a short last one
        // (STRATUS_TEST_DIRECT_MIB=N reads N MiB instead, to time it by hand).
        const QString path = m_tmp.filePath(u"big.bin"_s);
        const int mib = qEnvironmentVariableIntValue("STRATUS_TEST_DIRECT_MIB");
        const QByteArray content = pseudoRandom((qsizetype(mib > 0 ? mib : 24) << 20) + 12345, 7);
        writeFile(path, content);
        const ContentOffer offer = offerFor(path, u"sub/big.bin"_s);
        m_a.channel->offer(offer, path);
        // B hears of it with the watch's answer, at once.
        QTRY_VERIFY_WITH_TIMEOUT(m_b.offerCount() == 1, 20000);
        QCOMPARE(m_b.offer(0).first, m_a.id);
        QCOMPARE(m_b.offer(0).second.id, offer.id);
        QCOMPARE(m_b.offer(0).second.path, u"sub/big.bin"_s);
        QCOMPARE(m_b.offer(0).second.size, content.size());
        const QString dir = m_tmp.filePath(u"b-incoming"_s);
        m_b.channel->pull(m_a.id, m_b.offer(0).second, dir);
        // While it runs, the channel says which read, and how far (the
        // folder's status shows it).
        bool seen = false;
        QElapsedTimer clock;
        clock.start();
        const QString whole = dir + u'/' + DirectPull::stagedName(crypto::sha256(content));
        while (clock.elapsed() < 30000 && !seen && !QFileInfo::exists(whole)) {
            if (const auto reading = m_b.channel->activeRead()) {
                seen = true;
                QCOMPARE(reading->folder, u"Docs"_s);
                QCOMPARE(reading->path, u"sub/big.bin"_s);
                QCOMPARE(reading->size, content.size());
                QVERIFY(reading->done >= 0 && reading->done <= content.size());
            }
            QThread::msleep(1);
        }
        QVERIFY(seen);
        m_b.channel->waitForPull(u"Docs"_s, u"sub/big.bin"_s, 30000);
        QVERIFY(!m_b.channel->activeRead());
        // Kept under the SHA-256 of what arrived, and nothing else.
        QCOMPARE(staged(dir), QStringList{DirectPull::stagedName(crypto::sha256(content))});
        QFile got(dir + u'/' + staged(dir).value(0));
        QVERIFY(got.open(QIODevice::ReadOnly));
        QVERIFY(got.readAll() == content);
        // C is not a device of A's account: it hears of no offer, and a
        // read of a known offer id is refused.
        QTest::qWait(500);
        QCOMPARE(m_c.offerCount(), 0);
        const QString cdir = m_tmp.filePath(u"c-incoming"_s);
        m_c.channel->pull(m_a.id, offer, cdir);
        m_c.channel->waitForPull(u"Docs"_s, u"sub/big.bin"_s, 30000);
        QVERIFY(staged(cdir).isEmpty());
    }

    void changedFileIsNotTaken()
    {
        const QString path = m_tmp.filePath(u"changing.bin"_s);
        writeFile(path, pseudoRandom(6 << 20, 11));
        const ContentOffer offer = offerFor(path, u"changing.bin"_s);
        m_a.channel->offer(offer, path);
        QTRY_VERIFY_WITH_TIMEOUT(m_b.offerCount() == 2, 20000);
        // Rewritten (same size, new mtime) after the offer: A refuses the
        // reads, B keeps nothing, not even a partial file.
        QTest::qWait(20);
        writeFile(path, pseudoRandom(6 << 20, 12));
        QVERIFY(mtimeNs(path) != offer.mtimeNs);
        const QString dir = m_tmp.filePath(u"b-changed"_s);
        m_b.channel->pull(m_a.id, m_b.offer(1).second, dir);
        m_b.channel->waitForPull(u"Docs"_s, u"changing.bin"_s, 30000);
        QVERIFY(QDir(dir).entryList(QDir::Files).isEmpty());
    }

    void offersAreCheckedOnArrival_data()
    {
        QTest::addColumn<QCborMap>("map");
        const QCborMap good = ContentOffer{QByteArray(16, 'x'), u"Docs"_s, u"a/b.bin"_s, 100, 5}.toCbor();
        QTest::newRow("good") << good;
        auto with = [&](const QString &key, const QCborValue &v) {
            QCborMap m = good;
            m.insert(key, v);
            return m;
        };
        QTest::newRow("short id") << with(u"id"_s, QByteArray(15, 'x'));
        QTest::newRow("text id") << with(u"id"_s, u"xxxxxxxxxxxxxxxx"_s);
        QTest::newRow("folder with slash") << with(u"folder"_s, u"a/b"_s);
        QTest::newRow("empty folder") << with(u"folder"_s, QString());
        QTest::newRow("parent path") << with(u"path"_s, u"../etc/passwd"_s);
        QTest::newRow("absolute path") << with(u"path"_s, u"/etc/passwd"_s);
        QTest::newRow("dot path") << with(u"path"_s, u"a/./b"_s);
        QTest::newRow("zero size") << with(u"size"_s, 0);
        QTest::newRow("negative size") << with(u"size"_s, -5);
        QTest::newRow("huge size") << with(u"size"_s, std::numeric_limits<qint64>::max());
        QTest::newRow("float size") << with(u"size"_s, 1.5);
        QTest::newRow("no mtime") << [&] {
            QCborMap m = good;
            m.remove(u"mtime"_s);
            return m;
        }();
        QTest::newRow("empty") << QCborMap();
    }

    void offersAreCheckedOnArrival()
    {
        QFETCH(QCborMap, map);
        const auto offer = ContentOffer::fromCbor(map);
        QCOMPARE(bool(offer), QByteArray(QTest::currentDataTag()) == "good");
        if (offer)
            QCOMPARE(offer->toCbor(), map);
    }

    void halfParsedCborIsNotRead()
    {
        // Truncated in the middle of a map (fuzz_sync_wire found that
        // reading what Qt built before the error can crash): no value, so no
        // offer.
        const QByteArray good =
            ContentOffer{QByteArray(16, 'x'), u"Docs"_s, u"a.bin"_s, 100, 5}.toCbor().toCborValue().toCbor();
        QVERIFY(ContentOffer::fromCbor(parseCbor(good).toMap()));
        for (qsizetype cut = 1; cut < good.size(); ++cut) {
            const QCborValue value = parseCbor(good.left(cut));
            QVERIFY2(value.isUndefined(), qPrintable(QString::number(cut)));
            QVERIFY(!ContentOffer::fromCbor(value.toMap()));
        }
        QVERIFY(parseCbor(QByteArray("\xa7\x61v\x01\x64type\x71stratus", 17)).isUndefined());
    }

    void readsStayInsideTheOffer()
    {
        const QString path = m_tmp.filePath(u"small.bin"_s);
        const QByteArray content = pseudoRandom(1000, 3);
        writeFile(path, content);
        OfferBook book;
        const ContentOffer offer = offerFor(path, u"small.bin"_s);
        book.add(offer, path, 1000);
        QCOMPARE(book.read(offer.id, 0, 1000, 1000).value(), content);
        QCOMPARE(book.read(offer.id, 996, 4, 1000).value(), content.mid(996));
        QVERIFY(!book.read(offer.id, 997, 4, 1000));                     // past the end
        QVERIFY(!book.read(offer.id, -1, 4, 1000));                      // before the start
        QVERIFY(!book.read(offer.id, 0, 0, 1000));                       // nothing
        QVERIFY(!book.read(offer.id, 0, OfferBook::kMaxRead + 1, 1000)); // too long at once
        QVERIFY(!book.read(offer.id, std::numeric_limits<qint64>::max(), 4, 1000));
        QVERIFY(!book.read(QByteArray(16, 'z'), 0, 4, 1000)); // unknown
        QVERIFY(book.read(offer.id, 0, 4, 1000));             // still served after refusals
        // Ended after its lifetime.
        QVERIFY(!book.read(offer.id, 0, 4, 1000 + OfferBook::kLifetimeMs));
        QVERIFY(book.current(1000 + OfferBook::kLifetimeMs).isEmpty());
        // A newer offer of the same path replaces the older one; at most
        // kMaxOffers are kept.
        book.add(offer, path, 2000);
        ContentOffer again = offer;
        again.id = crypto::randomBytes(ContentOffer::kIdSize);
        book.add(again, path, 2001);
        QCOMPARE(book.current(2002).size(), 1);
        for (int i = 0; i < OfferBook::kMaxOffers + 5; ++i) {
            ContentOffer o = offer;
            o.id = crypto::randomBytes(ContentOffer::kIdSize);
            o.path = u"f%1"_s.arg(i);
            book.add(o, path, 3000);
        }
        QCOMPARE(book.current(3001).size(), OfferBook::kMaxOffers);
    }

    void cleanupTestCase()
    {
        m_c.channel.reset();
        m_b.channel.reset();
        m_a.channel.reset();
    }
};

QTEST_GUILESS_MAIN(TestDeviceChannel)
#include "test_device_channel.moc"
