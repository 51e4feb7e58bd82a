#include "crypto/hash.h"
#include "crypto/signing_key.h"
#include "net/handshake.h"
#include "net/message.h"
#include "net/tls_credentials.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QRandomGenerator>
#include <QSslCertificateExtension>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::net;

namespace {

// Writes a map with the given key/value pairs as they are (duplicates and
// odd types allowed), for malformed-input tests.
QByteArray rawMap(const QList<std::pair<QCborValue, QCborValue>> &pairs)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    w.startMap(static_cast<quint64>(pairs.size()));
    for (const auto &[k, v] : pairs) {
        k.toCbor(w);
        v.toCbor(w);
    }
    w.endMap();
    return out;
}

QCborMap sampleBody()
{
    return QCborMap{{u"shard"_s, QByteArray(32, 'S')},
                    {u"offsets"_s, QCborArray{0, 16384, 32768}},
                    {u"nested"_s, QCborMap{{u"x"_s, -5}, {u"y"_s, 2.5}, {u"z"_s, u"text"_s}}},
                    {u"flag"_s, true}};
}

QString rejectionCode(const QByteArray &payload, quint64 *re = nullptr)
{
    auto decoded = decodeRequest(payload);
    if (const Rejection *r = std::get_if<Rejection>(&decoded)) {
        if (re)
            *re = r->re;
        return r->code;
    }
    return QString();
}

} // namespace

class TestNetMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestRoundTrip()
    {
        const Request in{u"proof/challenge"_s, 42, sampleBody()};
        auto decoded = decodeRequest(encodeRequest(in));
        QVERIFY(std::holds_alternative<Request>(decoded));
        const Request &out = std::get<Request>(decoded);
        QCOMPARE(out.type, in.type);
        QCOMPARE(out.id, in.id);
        QCOMPARE(out.body, in.body);

        const Request big{QString(kMaxTypeLength, u'a'), (1ull << 63) - 1, {}};
        decoded = decodeRequest(encodeRequest(big));
        QVERIFY(std::holds_alternative<Request>(decoded));
        QCOMPARE(std::get<Request>(decoded).id, big.id);
    }

    void replyRoundTrip()
    {
        Result<Reply> ok = decodeReply(encodeOkReply(7, sampleBody()));
        QVERIFY(ok);
        QVERIFY(ok->ok);
        QCOMPARE(ok->re, 7u);
        QCOMPARE(ok->body, sampleBody());

        Result<Reply> err = decodeReply(encodeErrorReply(9, u"no-such-shard"_s, u"shard 12 is not here"_s));
        QVERIFY(err);
        QVERIFY(!err->ok);
        QCOMPARE(err->re, 9u);
        QCOMPARE(err->errorCode, u"no-such-shard"_s);
        QCOMPARE(err->errorMessage, u"shard 12 is not here"_s);

        // Envelope bytes are the documented shape.
        const QCborMap map = QCborValue::fromCbor(encodeErrorReply(3, u"busy"_s, u"m"_s)).toMap();
        QCOMPARE(map.value(u"v"_s).toInteger(), 1);
        QCOMPARE(map.value(u"t"_s).toString(), u"error"_s);
        QCOMPARE(map.value(u"re"_s).toInteger(), 3);
        QCOMPARE(map.value(u"b"_s).toMap().value(u"code"_s).toString(), u"busy"_s);
    }

    // The reply a content read is sent as, its bytes written in place, is
    // byte for byte the one encodeOkReply makes (every length class of the
    // CBOR byte-string head), and decodes to the same body.
    void replyWithBytesInPlace()
    {
        for (const qsizetype n : {0, 1, 23, 24, 255, 256, 65535, 65536, 4 << 20}) {
            QByteArray bytes(n, Qt::Uninitialized);
            for (qsizetype i = 0; i < n; ++i)
                bytes[i] = char(i * 7 + 3);
            QByteArray inPlace = encodeOkReplyWithBytes(77, u"data"_s, n);
            QVERIFY(inPlace.size() >= n);
            std::copy(bytes.cbegin(), bytes.cend(), inPlace.end() - n);
            QCOMPARE(inPlace, encodeOkReply(77, QCborMap{{u"data"_s, bytes}}));
            Result<Reply> reply = decodeReply(inPlace);
            QVERIFY(reply);
            QVERIFY(reply->ok);
            QCOMPARE(reply->re, quint64(77));
            QCOMPARE(reply->body.value(u"data"_s).toByteArray(), bytes);
        }
    }

    // Whatever decodeReplyEndingInBytes accepts, decodeReply accepts whole,
    // as the same reply with the bytes in place of the empty string: no
    // mutation of an in-place reply makes the two readings differ.
    void bytesAtTheEndReadAsTheWhole()
    {
        QRandomGenerator rng(77);
        int taken = 0;
        for (int i = 0; i < 20000; ++i) {
            const qsizetype n = qsizetype(rng.bounded(1, 300));
            QByteArray m = encodeOkReplyWithBytes(rng.bounded(1, 1000), i % 3 ? u"data"_s : u"d"_s, n);
            for (qsizetype j = m.size() - n; j < m.size(); ++j)
                m[j] = char(rng.bounded(256));
            const int edits = static_cast<int>(rng.bounded(3));
            for (int e = 0; e < edits && !m.isEmpty(); ++e) {
                const qsizetype at = rng.bounded(m.size());
                switch (rng.bounded(3)) {
                case 0:
                    m[at] = static_cast<char>(rng.bounded(256));
                    break;
                case 1:
                    m.insert(at, static_cast<char>(rng.bounded(256)));
                    break;
                default:
                    m.remove(at, 1);
                    break;
                }
            }
            const qsizetype length = i % 5 ? n : qsizetype(rng.bounded(0, 400));
            FrameBytes bytes;
            const std::optional<Reply> fast = decodeReplyEndingInBytes(m, length, &bytes);
            if (!fast)
                continue;
            ++taken;
            QCOMPARE(bytes.size, length);
            QCOMPARE(bytes.offset + bytes.size, m.size());
            Result<Reply> whole = decodeReply(m);
            QVERIFY2(whole,
                     qPrintable((whole ? QString() : whole.message()) + u" "_s + QString::fromLatin1(m.toHex())));
            QCOMPARE(whole->re, fast->re);
            QCOMPARE(whole->ok, fast->ok);
            QCOMPARE(whole->errorCode, fast->errorCode);
            if (fast->ok && fast->body.size() == 1 && fast->body.constBegin().value().isByteArray() &&
                fast->body.constBegin().value().toByteArray().isEmpty()) {
                QCOMPARE(whole->body.size(), 1);
                QCOMPARE(whole->body.value(fast->body.constBegin().key()).toByteArray(),
                         QByteArray(bytes.data(), bytes.size));
            }
        }
        QVERIFY(taken > 1000);
    }

    void unknownVersionNamesTheRequest()
    {
        const QByteArray v2 = rawMap({{u"v"_s, 2}, {u"t"_s, u"ping"_s}, {u"id"_s, 5}, {u"b"_s, QCborMap()}});
        quint64 re = 0;
        QCOMPARE(rejectionCode(v2, &re), codes::kUnsupportedVersion);
        QCOMPARE(re, 5u);
        auto decoded = decodeRequest(v2);
        QCOMPARE(std::get<Rejection>(decoded).message, u"unsupported protocol version"_s);
        // A future version may change the other keys too.
        const QByteArray v9 = rawMap({{u"v"_s, 9}, {u"id"_s, 6}, {u"new"_s, 1}});
        QCOMPARE(rejectionCode(v9, &re), codes::kUnsupportedVersion);
        QCOMPARE(re, 6u);
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("payload");
        const QCborMap body;
        auto env = [&](QCborValue v, QCborValue t, QCborValue id, QCborValue b) {
            return rawMap({{u"v"_s, v}, {u"t"_s, t}, {u"id"_s, id}, {u"b"_s, b}});
        };
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not cbor") << QByteArray("\xff\xff\xff", 3);
        QTest::newRow("array") << QCborValue(QCborArray{1, 2}).toCbor();
        QTest::newRow("integer") << QCborValue(5).toCbor();
        QTest::newRow("no version") << rawMap({{u"t"_s, u"ping"_s}, {u"id"_s, 1}, {u"b"_s, body}});
        QTest::newRow("version as text") << env(u"1"_s, u"ping"_s, 1, body);
        QTest::newRow("extra key") << rawMap(
            {{u"v"_s, 1}, {u"t"_s, u"ping"_s}, {u"id"_s, 1}, {u"b"_s, body}, {u"x"_s, 0}});
        QTest::newRow("missing body") << rawMap({{u"v"_s, 1}, {u"t"_s, u"ping"_s}, {u"id"_s, 1}});
        QTest::newRow("duplicate key") << rawMap({{u"v"_s, 1}, {u"t"_s, u"ping"_s}, {u"id"_s, 1}, {u"id"_s, 2}});
        QTest::newRow("integer key") << rawMap({{u"v"_s, 1}, {u"t"_s, u"ping"_s}, {u"id"_s, 1}, {7, body}});
        QTest::newRow("id zero") << env(1, u"ping"_s, 0, body);
        QTest::newRow("id negative") << env(1, u"ping"_s, -1, body);
        QTest::newRow("id text") << env(1, u"ping"_s, u"1"_s, body);
        QTest::newRow("id float") << env(1, u"ping"_s, 1.0, body);
        QTest::newRow("type empty") << env(1, u""_s, 1, body);
        QTest::newRow("type too long") << env(1, QString(kMaxTypeLength + 1, u'a'), 1, body);
        QTest::newRow("type bytes") << env(1, QByteArray("ping"), 1, body);
        QTest::newRow("type with space") << env(1, u"pi ng"_s, 1, body);
        QTest::newRow("type non-ascii") << env(1, u"p\u00efng"_s, 1, body);
        QTest::newRow("body array") << env(1, u"ping"_s, 1, QCborArray());
        QTest::newRow("body null") << env(1, u"ping"_s, 1, QCborValue(nullptr));
        const QByteArray good = env(1, u"ping"_s, 1, body);
        QTest::newRow("trailing byte") << good + QByteArray(1, '\0');
        QTest::newRow("two maps") << good + good;
        QTest::newRow("truncated") << good.left(good.size() - 1);
        // 0x1b: a uint64 above 2^63-1 as the id.
        QByteArray hugeId = rawMap({{u"v"_s, 1}, {u"t"_s, u"ping"_s}, {u"b"_s, body}});
        hugeId[0] = char(0xa4);
        hugeId += QCborValue(u"id"_s).toCbor() + QByteArray::fromHex("1bffffffffffffffff");
        QTest::newRow("id above int64") << hugeId;
        // Bad UTF-8 in the type: text string of 2 bytes 0xc3 0x28.
        QByteArray badUtf8 = rawMap({{u"v"_s, 1}, {u"id"_s, 1}, {u"b"_s, body}});
        badUtf8[0] = char(0xa4);
        badUtf8 += QCborValue(u"t"_s).toCbor() + QByteArray::fromHex("62c328");
        QTest::newRow("invalid utf-8") << badUtf8;
        // A map that claims 2^32 entries.
        QTest::newRow("huge map count") << QByteArray::fromHex("bb00000001000000006176");
        QTest::newRow("huge string length") << QByteArray::fromHex("a161767b7fffffffffffffff");
        QByteArray deep = QByteArray::fromHex("a16162");
        deep += QByteArray(100000, char(0x81)); // arrays nested 100,000 deep
        deep += QByteArray(1, char(0x00));
        QTest::newRow("deep nesting") << deep;
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, payload);
        auto decoded = decodeRequest(payload);
        QVERIFY(std::holds_alternative<Rejection>(decoded));
        const Rejection &r = std::get<Rejection>(decoded);
        QCOMPARE(r.code, codes::kMalformed);
        QVERIFY(!r.message.isEmpty());
    }

    void rejectionKeepsReadableId()
    {
        quint64 re = 0;
        const QByteArray badType =
            rawMap({{u"v"_s, 1}, {u"t"_s, QString(65, u'x')}, {u"id"_s, 77}, {u"b"_s, QCborMap()}});
        QCOMPARE(rejectionCode(badType, &re), codes::kMalformed);
        QCOMPARE(re, 77u);
    }

    void malformedReplies()
    {
        QVERIFY(!decodeReply(QByteArray()));
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"ok"_s}, {u"re"_s, 1}})));
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 2}, {u"t"_s, u"ok"_s}, {u"re"_s, 1}, {u"b"_s, QCborMap()}})));
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"maybe"_s}, {u"re"_s, 1}, {u"b"_s, QCborMap()}})));
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"ok"_s}, {u"re"_s, -1}, {u"b"_s, QCborMap()}})));
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"error"_s}, {u"re"_s, 1}, {u"b"_s, QCborMap()}})));
        const QCborMap badCode{{u"code"_s, u"has space"_s}, {u"message"_s, u"m"_s}};
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"error"_s}, {u"re"_s, 1}, {u"b"_s, badCode}})));
        const QCborMap extra{{u"code"_s, u"c"_s}, {u"message"_s, u"m"_s}, {u"x"_s, 1}};
        QVERIFY(!decodeReply(rawMap({{u"v"_s, 1}, {u"t"_s, u"error"_s}, {u"re"_s, 1}, {u"b"_s, extra}})));
        QVERIFY(!decodeReply(encodeOkReply(1, {}) + QByteArray(1, '\0')));
    }

    void mutatedInputsNeverCrash()
    {
        const crypto::SigningKey key = crypto::SigningKey::generate();
        Result<TlsCredentials> a = makeTlsCredentials();
        QVERIFY(a);
        const QList<QByteArray> seeds{encodeRequest(Request{u"ping"_s, 1, {}}),
                                      encodeRequest(Request{u"store/put"_s, 99, sampleBody()}),
                                      encodeOkReply(5, sampleBody()), encodeErrorReply(6, u"busy"_s, u"later"_s),
                                      encodeHello(key, a->certificate, a->certificate)};
        QRandomGenerator rng(2024);
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray m = seeds[i % seeds.size()];
            const int edits = 1 + static_cast<int>(rng.bounded(4));
            for (int e = 0; e < edits && !m.isEmpty(); ++e) {
                const qsizetype at = rng.bounded(m.size());
                switch (rng.bounded(5)) {
                case 0:
                    m[at] = static_cast<char>(m[at] ^ (1 << rng.bounded(8)));
                    break;
                case 1:
                    m[at] = static_cast<char>(rng.bounded(256));
                    break;
                case 2:
                    m.insert(at, static_cast<char>(rng.bounded(256)));
                    break;
                case 3:
                    m.remove(at, 1);
                    break;
                default:
                    m.truncate(at);
                    break;
                }
            }
            auto r = decodeRequest(m);
            if (std::holds_alternative<Request>(r))
                ++accepted;
            (void)decodeReply(m);
            (void)decodeHello(m);
            (void)verifyHello(m, a->certificate, a->certificate, crypto::NodeId());
        }
        for (int i = 0; i < 2000; ++i) {
            QByteArray junk(rng.bounded(1, 200), Qt::Uninitialized);
            for (auto &b : junk)
                b = static_cast<char>(rng.bounded(256));
            (void)decodeRequest(junk);
            (void)decodeReply(junk);
            (void)decodeHello(junk);
        }
        QVERIFY(accepted > 0); // some mutations only change a body value
    }

    void codedErrors()
    {
        const Error e = makeCodedError(u"timeout"_s, u"no answer: within 5 ms"_s);
        QCOMPARE(errorCode(e), u"timeout"_s);
        QCOMPARE(errorText(e), u"no answer: within 5 ms"_s);
        const Error plain = makeError(u"something: else happened"_s);
        QCOMPARE(errorCode(plain), u"something"_s);
        QCOMPARE(errorCode(makeError(u"no code here"_s)), QString());
        QCOMPARE(errorText(makeError(u"no code here"_s)), u"no code here"_s);
    }

    void credentials()
    {
        Result<TlsCredentials> a = makeTlsCredentials();
        Result<TlsCredentials> b = makeTlsCredentials();
        QVERIFY2(a, qPrintable(a ? QString() : a.message()));
        QVERIFY(b);
        QVERIFY(a->certificate != b->certificate);
        QVERIFY(a->certificate.isSelfSigned());
        QCOMPARE(a->privateKey.algorithm(), QSsl::Ec);
        QCOMPARE(a->privateKey.type(), QSsl::PrivateKey);
        QCOMPARE(a->privateKey.length(), 256);
        QCOMPARE(a->certificate.publicKey().algorithm(), QSsl::Ec);
        QVERIFY(
            a->certificate.subjectAlternativeNames().values(QSsl::DnsEntry).contains(QString::fromUtf16(kTlsPeerName)));
        QVERIFY(a->certificate.effectiveDate() < QDateTime::currentDateTimeUtc());
        QVERIFY(a->certificate.expiryDate() > QDateTime::currentDateTimeUtc().addYears(5));
    }

    void onlyTheSelfSignedErrorIsIgnored()
    {
        Result<TlsCredentials> a = makeTlsCredentials();
        QVERIFY(a);
        const QSslError selfSigned(QSslError::SelfSignedCertificate, a->certificate);
        const QSslError inChain(QSslError::SelfSignedCertificateInChain, a->certificate);
        QVERIFY(onlySelfSignedErrors({selfSigned}));
        QVERIFY(onlySelfSignedErrors({selfSigned, inChain}));
        QVERIFY(!onlySelfSignedErrors({}));
        QVERIFY(!onlySelfSignedErrors({selfSigned, QSslError(QSslError::HostNameMismatch, a->certificate)}));
        QVERIFY(!onlySelfSignedErrors({QSslError(QSslError::CertificateExpired, a->certificate)}));
        QVERIFY(!onlySelfSignedErrors({QSslError(QSslError::NoPeerCertificate)}));

        const QSslConfiguration conf = makeTlsConfiguration(a.value());
        QCOMPARE(conf.protocol(), QSsl::TlsV1_3OrLater);
        QCOMPARE(conf.peerVerifyMode(), QSslSocket::VerifyPeer);
        QVERIFY(conf.caCertificates().isEmpty());
        QCOMPARE(conf.localCertificate(), a->certificate);
    }

    void helloBindsBothCertificates()
    {
        Result<TlsCredentials> server = makeTlsCredentials();
        Result<TlsCredentials> client = makeTlsCredentials();
        Result<TlsCredentials> relay = makeTlsCredentials();
        QVERIFY(server && client && relay);
        const crypto::SigningKey serverKey = crypto::SigningKey::generate();
        const crypto::NodeId serverId = crypto::NodeId::fromPublicKey(serverKey.publicKey());

        // The server signs (its cert, the client's cert as it sees it).
        const QByteArray hello = encodeHello(serverKey, server->certificate, client->certificate);
        Result<crypto::NodeId> seen = verifyHello(hello, client->certificate, server->certificate, serverId);
        QVERIFY2(seen, qPrintable(seen ? QString() : seen.message()));
        QCOMPARE(seen.value(), serverId);
        QVERIFY(verifyHello(hello, client->certificate, server->certificate, crypto::NodeId()));

        // Another expected node, swapped roles, a relayed session: refused.
        const crypto::NodeId other = crypto::NodeId::fromPublicKey(crypto::SigningKey::generate().publicKey());
        QVERIFY(!verifyHello(hello, client->certificate, server->certificate, other));
        QVERIFY(!verifyHello(hello, server->certificate, client->certificate, serverId));
        QVERIFY(!verifyHello(hello, client->certificate, relay->certificate, serverId));
        QVERIFY(!verifyHello(hello, relay->certificate, server->certificate, serverId));
        QVERIFY(!verifyHello(hello, client->certificate, QSslCertificate(), serverId));

        // Shape of the hello, and tampering with each field.
        QCborMap map = QCborValue::fromCbor(hello).toMap();
        QCOMPARE(map.size(), 5);
        QCOMPARE(map.value(u"t"_s).toString(), u"hello"_s);
        QCOMPARE(map.value(u"node"_s).toByteArray(), serverId.bytes());
        QCOMPARE(map.value(u"key"_s).toByteArray(), serverKey.publicKey());
        const QByteArray transcript = tlsBindingTranscript(server->certificate, client->certificate);
        QCOMPARE(transcript, QByteArray("stratus/tls-bind/v1") + crypto::sha256(server->certificate.toDer()) +
                                 crypto::sha256(client->certificate.toDer()));
        QVERIFY(crypto::verifySignature(serverKey.publicKey(), transcript, map.value(u"sig"_s).toByteArray()));

        QCborMap badSig = map;
        QByteArray sig = map.value(u"sig"_s).toByteArray();
        sig[10] = static_cast<char>(sig[10] ^ 1);
        badSig.insert(u"sig"_s, sig);
        QVERIFY(!verifyHello(badSig.toCborValue().toCbor(), client->certificate, server->certificate, serverId));

        // A node id that is not the key's hash, even if "expected".
        const crypto::SigningKey otherKey = crypto::SigningKey::generate();
        QCborMap wrongNode = map;
        wrongNode.insert(u"node"_s, crypto::NodeId::fromPublicKey(otherKey.publicKey()).bytes());
        QVERIFY(!verifyHello(wrongNode.toCborValue().toCbor(), client->certificate, server->certificate,
                             crypto::NodeId::fromPublicKey(otherKey.publicKey())));

        QCborMap notHello = map;
        notHello.insert(u"t"_s, u"ping"_s);
        QVERIFY(!verifyHello(notHello.toCborValue().toCbor(), client->certificate, server->certificate, serverId));
        QCborMap extra = map;
        extra.insert(u"x"_s, 1);
        QVERIFY(!verifyHello(extra.toCborValue().toCbor(), client->certificate, server->certificate, serverId));
        QCborMap v2 = map;
        v2.insert(u"v"_s, 2);
        QVERIFY(!verifyHello(v2.toCborValue().toCbor(), client->certificate, server->certificate, serverId));
    }
};

QTEST_GUILESS_MAIN(TestNetMessage)
#include "test_net_message.moc"
