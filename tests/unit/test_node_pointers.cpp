// Signed pointers (node/signed_pointer.h) and how the node database keeps
// them (node_pointers.cpp): signatures cover every field, limits, newest
// sequence wins, caps, a restart, and a damaged row.

#include "crypto/random.h"
#include "db/database.h"
#include "db/query.h"
#include "node/node_database.h"
#include "node/signed_pointer.h"

#include <QCborMap>
#include <QCborValue>
#include <QTemporaryDir>
#include <QTest>

#include "test_node_fixtures.h"

using namespace Qt::StringLiterals;
using namespace stratus;
using namespace stratus::node;
using crypto::SigningKey;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

SignedPointer signedPointer(const SigningKey &key, const QByteArray &salt, qint64 seq, const QByteArray &value)
{
    auto p = SignedPointer::sign(key, salt, seq, value);
    return p ? p.value() : SignedPointer{};
}

// The pointer's fields re-encoded with the old signature (what a node that
// tampers with a record would hand out).
QByteArray withField(const SignedPointer &p, const QString &key, const QCborValue &value)
{
    QCborMap m = QCborValue::fromCbor(p.encode()).toMap();
    m.insert(key, value);
    return m.toCborValue().toCbor();
}

} // namespace

class TestNodePointers : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_dbKey = crypto::randomBytes(32);
    SigningKey m_node = SigningKey::generate();
    SigningKey m_owner = SigningKey::generate();
    SigningKey m_other = SigningKey::generate();
    int m_dbCount = 0;

    std::unique_ptr<NodeDatabase> openDb(const QString &path)
    {
        auto db = NodeDatabase::open(path, m_dbKey, test::nodeIdOf(m_node));
        if (!db) {
            qWarning().noquote() << db.message();
            return nullptr;
        }
        return std::move(db).value();
    }
    QString freshPath() { return m_dir.path() + u"/node-%1.db"_s.arg(++m_dbCount); }

private Q_SLOTS:
    void signEncodeDecode()
    {
        auto p = SignedPointer::sign(m_owner, "salt", 3, "value");
        QVERIFY2(p, qPrintable(p ? QString() : p.message()));
        QCOMPARE(p->publicKey, m_owner.publicKey());
        QCOMPARE(p->signature.size(), 64);
        auto back = SignedPointer::decode(p->encode());
        QVERIFY2(back, qPrintable(back ? QString() : back.message()));
        QCOMPARE(back->publicKey, p->publicKey);
        QCOMPARE(back->salt, QByteArray("salt"));
        QCOMPARE(back->sequence, 3);
        QCOMPARE(back->value, QByteArray("value"));
        QCOMPARE(back->signature, p->signature);
        QCOMPARE(back->encode(), p->encode());

        // Empty salt and value are fine.
        QVERIFY(SignedPointer::decode(signedPointer(m_owner, {}, 0, {}).encode()));
    }

    void oldSignatureOnChangedFieldsRefused()
    {
        const SignedPointer p = signedPointer(m_owner, "salt", 5, "value");
        QVERIFY(SignedPointer::decode(p.encode()));
        const QByteArray changed[] = {
            withField(p, u"value"_s, QByteArray("other")),
            withField(p, u"salt"_s, QByteArray("pepper")),
            withField(p, u"seq"_s, 6),
            withField(p, u"seq"_s, 4),
            withField(p, u"key"_s, m_other.publicKey()),
        };
        for (const QByteArray &bytes : changed) {
            auto r = SignedPointer::decode(bytes);
            QVERIFY(!r);
            QVERIFY2(r.message().contains(u"signature"_s), qPrintable(r.message()));
        }
        // Another key's signature over the same fields.
        SignedPointer forged = p;
        forged.signature = signedPointer(m_other, "salt", 5, "value").signature;
        QVERIFY(!SignedPointer::decode(forged.encode()));
        // Every single flipped bit is refused (the signature covers it all).
        const QByteArray good = p.encode();
        for (qsizetype i = 0; i < good.size(); ++i)
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray bad = good;
                bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
                QVERIFY2(!SignedPointer::decode(bad), qPrintable(u"byte %1 bit %2"_s.arg(i).arg(bit)));
            }
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY(!SignedPointer::decode(good.left(n)));
        QVERIFY(!SignedPointer::decode(good + '\0'));
        // Extra key (the signature does not cover it, the decoder refuses it).
        QVERIFY(!SignedPointer::decode(withField(p, u"note"_s, 1)));
    }

    void limits()
    {
        QVERIFY(SignedPointer::sign(m_owner, QByteArray(SignedPointer::kMaxSalt, 's'), 1, {}));
        auto salt = SignedPointer::sign(m_owner, QByteArray(SignedPointer::kMaxSalt + 1, 's'), 1, {});
        QVERIFY(!salt);
        QVERIFY2(salt.message().contains(u"salt"_s), qPrintable(salt.message()));

        auto full = SignedPointer::sign(m_owner, "s", 1, QByteArray(SignedPointer::kMaxValue, 'v'));
        QVERIFY(full);
        QVERIFY(SignedPointer::decode(full->encode()));
        QVERIFY(full->encode().size() <= SignedPointer::kMaxEncoded);
        QVERIFY(!SignedPointer::sign(m_owner, "s", 1, QByteArray(SignedPointer::kMaxValue + 1, 'v')));

        QVERIFY(!SignedPointer::sign(m_owner, "s", -1, {}));
        QVERIFY(!SignedPointer::sign(m_owner, "s", qint64(1) << 53, {}));
        QVERIFY(SignedPointer::sign(m_owner, "s", (qint64(1) << 53) - 1, {}));

        // Decoding applies the same limits even to a validly signed record.
        SignedPointer big = signedPointer(m_owner, "s", 1, {});
        big.value = QByteArray(SignedPointer::kMaxValue + 1, 'v');
        QVERIFY(!SignedPointer::decode(big.encode()));
    }

    void newestSequenceKept()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        QVERIFY(db->pointer(m_owner.publicKey(), "head")->has_value() == false);

        const SignedPointer p1 = signedPointer(m_owner, "head", 1, "one");
        const SignedPointer p2 = signedPointer(m_owner, "head", 2, "two");
        QVERIFY(db->putPointer(p1, kNow));
        QVERIFY(db->putPointer(p1, kNow)); // the same record again
        QCOMPARE((*db->pointer(m_owner.publicKey(), "head"))->value, QByteArray("one"));
        QVERIFY(db->putPointer(p2, kNow + 1));
        QCOMPARE((*db->pointer(m_owner.publicKey(), "head"))->value, QByteArray("two"));
        QVERIFY(db->putPointer(p2, kNow + 2));

        // Older, or the same sequence with other bytes: "stale".
        const Status older = db->putPointer(p1, kNow + 3);
        QVERIFY(!older);
        QVERIFY2(older.message().startsWith(u"stale"_s), qPrintable(older.message()));
        const Status equal = db->putPointer(signedPointer(m_owner, "head", 2, "fork"), kNow + 3);
        QVERIFY(!equal);
        QVERIFY2(equal.message().startsWith(u"stale"_s), qPrintable(equal.message()));
        QVERIFY2(equal.message().contains(u'2'), qPrintable(equal.message()));
        QCOMPARE((*db->pointer(m_owner.publicKey(), "head"))->value, QByteArray("two"));

        // Other salts and keys are other pointers.
        QVERIFY(db->putPointer(signedPointer(m_owner, "devices", 1, "d"), kNow));
        QVERIFY(db->putPointer(signedPointer(m_other, "head", 1, "x"), kNow));
        QCOMPARE((*db->pointer(m_owner.publicKey(), "head"))->value, QByteArray("two"));
        QCOMPARE((*db->pointer(m_owner.publicKey(), "devices"))->value, QByteArray("d"));
        QCOMPARE((*db->pointer(m_other.publicKey(), "head"))->value, QByteArray("x"));
        QVERIFY(!db->pointer(m_other.publicKey(), "devices")->has_value());
    }

    void perKeyCapAndRestart()
    {
        const QString path = freshPath();
        {
            auto db = openDb(path);
            QVERIFY(db);
            QVERIFY(db->database().exec(u"BEGIN"_s));
            for (qint64 i = 0; i < NodeDatabase::kMaxPointersPerKey; ++i) {
                const Status st = db->putPointer(signedPointer(m_owner, QByteArray::number(i), 1, "v"), kNow);
                QVERIFY2(st, qPrintable(st ? QString() : st.message()));
            }
            QVERIFY(db->database().exec(u"COMMIT"_s));
            const Status full = db->putPointer(signedPointer(m_owner, "one more", 1, "v"), kNow);
            QVERIFY(!full);
            QVERIFY2(full.message().startsWith(u"full"_s), qPrintable(full.message()));
            QVERIFY2(full.message().contains(u"per key"_s), qPrintable(full.message()));
            // Updating one already kept is still fine; another key is too.
            QVERIFY(db->putPointer(signedPointer(m_owner, "7", 2, "newer"), kNow));
            QVERIFY(db->putPointer(signedPointer(m_other, "one more", 1, "v"), kNow));
        }
        auto db = openDb(path);
        QVERIFY(db);
        QCOMPARE((*db->pointer(m_owner.publicKey(), "7"))->value, QByteArray("newer"));
        QCOMPARE((*db->pointer(m_owner.publicKey(), "999"))->sequence, 1);
        QVERIFY(!db->pointer(m_owner.publicKey(), "one more")->has_value());
        QVERIFY(!db->putPointer(signedPointer(m_owner, "one more", 1, "v"), kNow));
        const Status stale = db->putPointer(signedPointer(m_owner, "7", 1, "v"), kNow);
        QVERIFY(stale.message().startsWith(u"stale"_s));
    }

    void damagedRowReported()
    {
        auto db = openDb(freshPath());
        QVERIFY(db);
        const SignedPointer p = signedPointer(m_owner, "head", 1, "value");
        QVERIFY(db->putPointer(p, kNow));
        QByteArray damaged = p.encode();
        damaged[damaged.size() - 1] = static_cast<char>(damaged[damaged.size() - 1] ^ 0x40);
        QVERIFY(db::execute(db->database(), u"UPDATE pointers SET record = ?1"_s, damaged));
        auto read = db->pointer(m_owner.publicKey(), "head");
        QVERIFY(!read);
        QVERIFY2(read.message().contains(u"damaged"_s), qPrintable(read.message()));
        // A put of that pointer reports it too, and nothing crashes.
        const Status put = db->putPointer(signedPointer(m_owner, "head", 2, "v2"), kNow);
        QVERIFY(!put);
        QVERIFY2(put.message().contains(u"damaged"_s), qPrintable(put.message()));

        QVERIFY(db::execute(db->database(), u"UPDATE pointers SET record = ?1"_s, QByteArray("junk")));
        QVERIFY(!db->pointer(m_owner.publicKey(), "head"));
        QVERIFY(db::execute(db->database(), u"UPDATE pointers SET record = ?1"_s, QByteArray("\xa0", 1)));
        QVERIFY(!db->pointer(m_owner.publicKey(), "head"));
        // Another pointer's valid record stored under this (key, salt).
        QVERIFY(db::execute(db->database(), u"UPDATE pointers SET record = ?1"_s,
                            signedPointer(m_other, "elsewhere", 1, "v").encode()));
        auto moved = db->pointer(m_owner.publicKey(), "head");
        QVERIFY2(!moved, "another pointer's record was handed out under this key and salt");
        QVERIFY2(moved.message().contains(u"damaged"_s), qPrintable(moved.message()));
    }
};

QTEST_GUILESS_MAIN(TestNodePointers)
#include "test_node_pointers.moc"
