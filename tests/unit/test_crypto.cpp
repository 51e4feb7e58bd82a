#include "crypto/account_keys.h"
#include "crypto/aead.h"
#include "crypto/base32.h"
#include "crypto/hash.h"
#include "crypto/kdf.h"
#include "crypto/node_id.h"
#include "crypto/random.h"
#include "crypto/recovery_secret.h"
#include "crypto/signing_key.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace stratus::crypto;

static QByteArray hex(const char *h) { return QByteArray::fromHex(h); }

class TestCrypto : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sha256Vectors()
    {
        QCOMPARE(sha256(QByteArray("abc")), hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256(QByteArray()), hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void hmacVector()
    {
        // RFC 4231 test case 2 uses a 4-byte key; ours are 256-bit, so check
        // the keyed hash against a vector computed with a 32-byte key of 0x0b.
        Key256 key;
        std::fill(key.data(), key.data() + 32, 0x0b);
        KeyedHash mac(key);
        QCOMPARE(mac.compute(QByteArray("Hi There")).toHex(),
                 QByteArray("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"));
        Key256 other = key;
        other.data()[0] ^= 1;
        KeyedHash mac2(other);
        QVERIFY(mac2.compute(QByteArray("Hi There")) != mac.compute(QByteArray("Hi There")));
    }

    void hkdfRfc5869Case1()
    {
        const QByteArray ikm(22, '\x0b');
        const QByteArray okm = hkdfSha256(ikm, hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        QCOMPARE(okm.toHex(), QByteArray("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                                         "34007208d5b887185865"));
    }

    void argon2idRfc9106Vector()
    {
        Argon2Params p;
        p.memoryKiB = 32;
        p.passes = 3;
        p.lanes = 4;
        auto tag = argon2idRaw(QByteArray(32, '\x01'), QByteArray(16, '\x02'), QByteArray(8, '\x03'),
                               QByteArray(12, '\x04'), p, 32);
        QVERIFY2(tag.ok(), qPrintable(tag.ok() ? QString() : tag.message()));
        QCOMPARE(tag->toHex(), QByteArray("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"));
    }

    void argon2idPassphrase()
    {
        Argon2Params fast;
        fast.memoryKiB = 1024;
        fast.passes = 1;
        const QByteArray salt = randomBytes(kArgon2SaltSize);
        auto a = argon2id("correct horse", salt, fast);
        auto b = argon2id("correct horse", salt, fast);
        auto c = argon2id("correct horsf", salt, fast);
        QVERIFY(a && b && c);
        QVERIFY(a.value() == b.value());
        QVERIFY(!(a.value() == c.value()));
        QVERIFY(!argon2id("x", QByteArray(4, 'a'), fast).ok()); // salt too short
        Argon2Params absurd;
        absurd.memoryKiB = 0;
        QVERIFY(!argon2id("x", salt, absurd).ok());
    }

    void aeadRoundTripAndTamper()
    {
        const Key256 key = randomKey();
        const QByteArray nonce = randomBytes(kGcmNonceSize);
        const QByteArray msg = randomBytes(1000);
        const QByteArray sealed = aesGcmSeal(key, nonce, msg, "ad");
        QCOMPARE(sealed.size(), msg.size() + kGcmTagSize);
        auto opened = aesGcmOpen(key, nonce, sealed, "ad");
        QVERIFY(opened);
        QCOMPARE(opened.value(), msg);
        for (qsizetype bit : {qsizetype(0), qsizetype(8 * 500 + 3), sealed.size() * 8 - 1}) {
            QByteArray bad = sealed;
            bad[bit / 8] = static_cast<char>(bad[bit / 8] ^ (1 << (bit % 8)));
            QVERIFY(!aesGcmOpen(key, nonce, bad, "ad").ok());
        }
        QVERIFY(!aesGcmOpen(key, nonce, sealed, "other ad").ok());
        QVERIFY(!aesGcmOpen(randomKey(), nonce, sealed, "ad").ok());
        QVERIFY(!aesGcmOpen(key, nonce, sealed.left(10), "ad").ok());
    }

    void aeadInPlaceMatchesBuffered()
    {
        const Key256 key = randomKey();
        const QByteArray nonce = randomBytes(kGcmNonceSize);
        for (int size : {0, 1, 15, 16, 17, 4095, 65536 + 7}) {
            const QByteArray msg = randomBytes(size);
            QByteArray buf = msg;
            buf.resize(size + kGcmTagSize);
            auto *p = reinterpret_cast<std::uint8_t *>(buf.data());
            aesGcmSealInPlace(key, reinterpret_cast<const std::uint8_t *>(nonce.constData()), p,
                              static_cast<std::size_t>(size));
            QCOMPARE(buf, aesGcmSeal(key, nonce, msg));
            QVERIFY(aesGcmOpenInPlace(key, reinterpret_cast<const std::uint8_t *>(nonce.constData()), p,
                                      static_cast<std::size_t>(buf.size())));
            QCOMPARE(buf.left(size), msg);
        }
    }

    void ed25519Rfc8032Vector()
    {
        // RFC 8032 section 7.1, test 1.
        Key256 seed;
        Key256::fromBytes(hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), seed);
        SigningKey key(seed);
        QCOMPARE(key.publicKey().toHex(),
                 QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        const QByteArray sig = key.sign(QByteArray());
        QCOMPARE(sig.toHex(), QByteArray("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                         "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
        QVERIFY(verifySignature(key.publicKey(), QByteArray(), sig));
        QVERIFY(!verifySignature(key.publicKey(), QByteArray("x"), sig));
        QByteArray badSig = sig;
        badSig[0] = static_cast<char>(badSig[0] ^ 1);
        QVERIFY(!verifySignature(key.publicKey(), QByteArray(), badSig));
        QVERIFY(!verifySignature(QByteArray(5, 'x'), QByteArray(), sig));
        QVERIFY(!verifySignature(key.publicKey(), QByteArray(), sig.left(63)));
    }

    void nodeIdRoundTrip()
    {
        const SigningKey key = SigningKey::generate();
        const NodeId id = NodeId::fromPublicKey(key.publicKey());
        QCOMPARE(id.bytes(), sha256(key.publicKey()));
        const QString text = id.toString();
        QCOMPARE(text.size(), 56 + 7);
        QCOMPARE(text.count(u'-'), 7);
        auto parsed = NodeId::parse(text);
        QVERIFY(parsed);
        QCOMPARE(parsed.value(), id);
        // Lower case, spaces instead of dashes, and O/0 I/1 confusions parse.
        QString sloppy = text.toLower();
        sloppy.replace(u'-', u' ');
        sloppy.replace(u'0', u'o');
        sloppy.replace(u'1', u'l');
        auto again = NodeId::parse(sloppy);
        QVERIFY(again);
        QCOMPARE(again.value(), id);
    }

    void nodeIdDetectsEverySingleTypo()
    {
        const NodeId id = NodeId::fromPublicKey(SigningKey::generate().publicKey());
        const QString norm = base32::normalize(id.toString());
        int detected = 0;
        for (qsizetype pos = 0; pos < norm.size(); ++pos) {
            for (char c : QByteArray(base32::kAlphabet)) {
                if (norm[pos] == QLatin1Char(c))
                    continue;
                QString typo = norm;
                typo[pos] = QLatin1Char(c);
                auto r = NodeId::parse(typo);
                QVERIFY2(!r.ok(), qPrintable(u"typo at %1 accepted"_s.arg(pos)));
                ++detected;
            }
        }
        QCOMPARE(detected, 56 * 31);
        QVERIFY(!NodeId::parse(u"ABC"_s).ok());
        auto r = NodeId::parse(norm.left(55) + u'U');
        QVERIFY(!r.ok());
    }

    void nodeIdDetectsAdjacentSwaps()
    {
        int swaps = 0, caught = 0;
        for (int round = 0; round < 20; ++round) {
            const QString norm = base32::normalize(NodeId::fromPublicKey(randomBytes(32)).toString());
            for (qsizetype pos = 0; pos + 1 < norm.size(); ++pos) {
                if (norm[pos] == norm[pos + 1])
                    continue;
                QString swapped = norm;
                std::swap(swapped[pos], swapped[pos + 1]);
                ++swaps;
                caught += NodeId::parse(swapped).ok() ? 0 : 1;
            }
        }
        // Luhn mod N misses only the swap of two specific values; require 97%.
        QVERIFY2(caught * 100 >= swaps * 97, qPrintable(u"%1 of %2 swaps caught"_s.arg(caught).arg(swaps)));
    }

    void recoverySecretRoundTrip()
    {
        const RecoverySecret s = RecoverySecret::generate();
        const QString text = s.toString();
        QCOMPARE(text.split(u'-').size(), RecoverySecret::kGroups);
        for (const QString &g : text.split(u'-'))
            QCOMPARE(g.size(), 5);
        auto parsed = RecoverySecret::parse(text);
        QVERIFY(parsed);
        QVERIFY(parsed->key() == s.key());
        auto spaced = RecoverySecret::parse(text.toLower().replace(u'-', u' '));
        QVERIFY(spaced);
        QVERIFY(spaced->key() == s.key());
    }

    void recoverySecretReportsTypos()
    {
        const RecoverySecret s = RecoverySecret::generate();
        const QString text = s.toString();
        for (qsizetype pos = 0; pos < text.size(); ++pos) {
            if (text[pos] == u'-')
                continue;
            for (char c : QByteArray(base32::kAlphabet)) {
                if (text[pos] == QLatin1Char(c))
                    continue;
                QString typo = text;
                typo[pos] = QLatin1Char(c);
                auto r = RecoverySecret::parse(typo);
                QVERIFY2(!r.ok(), qPrintable(u"typo accepted at %1"_s.arg(pos)));
                const int group = static_cast<int>(pos / 6) + 1;
                QVERIFY2(r.message().contains(u"group %1 "_s.arg(group)), qPrintable(r.message()));
            }
        }
        // Missing character, extra group, invalid character, swapped groups.
        QVERIFY(RecoverySecret::parse(text.left(text.size() - 1)).message().contains(u"missing or extra"_s));
        QVERIFY(!RecoverySecret::parse(text + u"-AAAAA"_s).ok());
        QString invalid = text;
        invalid[2] = u'U';
        QVERIFY(RecoverySecret::parse(invalid).message().contains(u"'U'"_s));
        QStringList groups = text.split(u'-');
        std::swap(groups[0], groups[1]);
        if (groups[0] != groups[1])
            QVERIFY(!RecoverySecret::parse(groups.join(u'-')).ok());
    }

    void accountKeysAreDistinctAndStable()
    {
        Key256 raw;
        Key256::fromBytes(QByteArray(32, '\x42'), raw);
        const RecoverySecret s = RecoverySecret::fromKey(raw);
        const AccountKeys a = AccountKeys::derive(s);
        const AccountKeys b = AccountKeys::derive(RecoverySecret::parse(s.toString()).value());
        QVERIFY(a.dataMaster == b.dataMaster && a.dedup == b.dedup && a.signingSeed == b.signingSeed);
        QVERIFY(!(a.dataMaster == a.dedup));
        QVERIFY(!(a.dataMaster == a.signingSeed));
        QVERIFY(!(a.dedup == a.signingSeed));
        // Pinned, so that a change in derivation (which would orphan every
        // existing account's data) cannot go unnoticed.
        QCOMPARE(a.dedup.toByteArray().toHex().left(16),
                 hkdfSha256(raw.toByteArray(), "stratus/account/v1", "dedup", 32).toHex().left(16));
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "test_crypto.moc"
