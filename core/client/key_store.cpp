// Key files and the passphrase-sealed keys of key_store.h (the keychain is
// in key_store_keychain.cpp).

#include "client/key_store.h"

#include "common/key_file.h"
#include "crypto/aead.h"
#include "crypto/random.h"
#include "node/cbor_strict.h"

#include <QCborMap>
#include <QCborValue>
#include <QFileInfo>

#include <botan/pwdhash.h>

#include <exception>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

const QString kDeviceFile = u"device.seed"_s;
const QString kDatabaseKeyFile = u"database.key"_s;
const QString kSealedType = u"stratus.sealed-keys"_s;
constexpr qsizetype kSaltSize = 16;
constexpr qint64 kMaxMemoryKiB = 4 * 1024 * 1024; // 4 GiB: more is not a file of ours
constexpr qint64 kMaxIterations = 1000;
constexpr qint64 kMaxParallelism = 64;

Result<crypto::Key256> readKey(const QString &path)
{
    Result<QByteArray> raw = readKeyFile(path, crypto::Key256::size);
    if (!raw)
        return raw.error();
    crypto::Key256 key;
    crypto::Key256::fromBytes(raw.value(), key);
    raw->fill('\0');
    return key;
}

Result<crypto::Key256> argon2id(const QString &passphrase, const QByteArray &salt, const Argon2Params &p)
{
    if (p.memoryKiB < 8 * p.parallelism || p.memoryKiB > kMaxMemoryKiB || p.iterations < 1 ||
        p.iterations > kMaxIterations || p.parallelism < 1 || p.parallelism > kMaxParallelism)
        return makeError(u"Argon2id parameters out of range (memory %1 KiB, %2 passes, %3 lanes)"_s.arg(p.memoryKiB)
                             .arg(p.iterations)
                             .arg(p.parallelism));
    QByteArray utf8 = passphrase.toUtf8();
    crypto::Key256 key;
    try {
        auto family = Botan::PasswordHashFamily::create_or_throw("Argon2id");
        auto hash = family->from_params(p.memoryKiB, p.iterations, p.parallelism);
        hash->derive_key(key.data(), key.size, utf8.constData(), static_cast<std::size_t>(utf8.size()),
                         reinterpret_cast<const std::uint8_t *>(salt.constData()),
                         static_cast<std::size_t>(salt.size()));
    } catch (const std::exception &e) {
        utf8.fill('\0');
        return makeError(u"Argon2id failed: %1"_s.arg(QString::fromUtf8(e.what())));
    }
    utf8.fill('\0');
    return key;
}

// The sealed file's fields other than "sealed": also the AEAD's associated
// data, so neither the cost nor the salt can be changed unnoticed.
QCborMap sealedHeader(const Argon2Params &p, const QByteArray &salt, const QByteArray &nonce)
{
    QCborMap m;
    m.insert(u"v"_s, 1);
    m.insert(u"type"_s, kSealedType);
    m.insert(u"kdf"_s, u"argon2id"_s);
    m.insert(u"m"_s, qint64(p.memoryKiB));
    m.insert(u"t"_s, qint64(p.iterations));
    m.insert(u"p"_s, qint64(p.parallelism));
    m.insert(u"salt"_s, salt);
    m.insert(u"nonce"_s, nonce);
    return m;
}

} // namespace

QString FileKeyStore::description() const { return u"owner-only key files in %1"_s.arg(m_dir); }

bool FileKeyStore::hasSecrets()
{
    return QFileInfo::exists(m_dir + u'/' + kDeviceFile) && QFileInfo::exists(m_dir + u'/' + kDatabaseKeyFile);
}

Result<DeviceSecrets> FileKeyStore::load()
{
    Result<crypto::Key256> device = readKey(m_dir + u'/' + kDeviceFile);
    if (!device)
        return device.error();
    Result<crypto::Key256> database = readKey(m_dir + u'/' + kDatabaseKeyFile);
    if (!database)
        return database.error();
    return DeviceSecrets{device.value(), database.value()};
}

Status FileKeyStore::save(const DeviceSecrets &secrets)
{
    if (Status st = writeKeyFile(m_dir + u'/' + kDeviceFile, secrets.deviceSeed.toByteArray()); !st)
        return st;
    return writeKeyFile(m_dir + u'/' + kDatabaseKeyFile, secrets.databaseKey.toByteArray());
}

PassphraseKeyStore::PassphraseKeyStore(QString dir, QString passphrase, Argon2Params params)
    : m_dir(std::move(dir)), m_passphrase(std::move(passphrase)), m_params(params)
{
}

QString PassphraseKeyStore::path() const { return m_dir + u'/' + QString::fromLatin1(kFileName); }

QString PassphraseKeyStore::description() const { return u"%1, sealed with a passphrase"_s.arg(path()); }

bool PassphraseKeyStore::hasSecrets() { return QFileInfo::exists(path()); }

Status PassphraseKeyStore::save(const DeviceSecrets &secrets)
{
    if (m_passphrase.isEmpty())
        return makeError(u"an empty passphrase protects nothing; choose one"_s);
    const QByteArray salt = crypto::randomBytes(kSaltSize);
    const QByteArray nonce = crypto::randomBytes(crypto::kGcmNonceSize);
    Result<crypto::Key256> key = argon2id(m_passphrase, salt, m_params);
    if (!key)
        return key.error();
    QCborMap m = sealedHeader(m_params, salt, nonce);
    const QByteArray aad = m.toCborValue().toCbor();
    QByteArray plain = secrets.deviceSeed.toByteArray() + secrets.databaseKey.toByteArray();
    m.insert(u"sealed"_s, crypto::aesGcmSeal(key.value(), nonce, plain, aad));
    plain.fill('\0');
    return writeKeyFile(path(), m.toCborValue().toCbor());
}

Result<DeviceSecrets> PassphraseKeyStore::load()
{
    namespace cbor = node::cbor;
    const QString what = path();
    Result<QByteArray> bytes = readPrivateFile(path(), 4096);
    if (!bytes)
        return bytes.error();
    auto m = cbor::parseMap(bytes.value(), 4096, what);
    if (!m)
        return m.error();
    if (Status st = cbor::checkKeys(
            *m, {u"v"_s, u"type"_s, u"kdf"_s, u"m"_s, u"t"_s, u"p"_s, u"salt"_s, u"nonce"_s, u"sealed"_s}, {}, what);
        !st)
        return st.error();
    if (Status st = cbor::checkHeader(*m, 1, kSealedType, what); !st)
        return st.error();
    const auto mem = cbor::uintField(*m, u"m"_s, kMaxMemoryKiB);
    const auto passes = cbor::uintField(*m, u"t"_s, kMaxIterations);
    const auto lanes = cbor::uintField(*m, u"p"_s, kMaxParallelism);
    const auto salt = cbor::bytesField(*m, u"salt"_s, kSaltSize, kSaltSize);
    const auto nonce = cbor::bytesField(*m, u"nonce"_s, crypto::kGcmNonceSize, crypto::kGcmNonceSize);
    const auto sealed = cbor::bytesField(*m, u"sealed"_s, 64 + crypto::kGcmTagSize, 64 + crypto::kGcmTagSize);
    if (m->value(u"kdf"_s).toString() != u"argon2id"_s || !mem || !passes || !lanes || !salt || !nonce || !sealed)
        return cbor::malformed(what, u"a field is missing, of the wrong type or out of range"_s);
    const Argon2Params params{quint32(*mem), quint32(*passes), quint32(*lanes)};
    QCborMap header = sealedHeader(params, *salt, *nonce);
    const QByteArray aad = header.toCborValue().toCbor();
    header.insert(u"sealed"_s, *sealed);
    if (Status st = cbor::checkCanonical(bytes.value(), header.toCborValue().toCbor(), what); !st)
        return st.error();
    Result<crypto::Key256> key = argon2id(m_passphrase, *salt, params);
    if (!key)
        return key.error();
    Result<QByteArray> plain = crypto::aesGcmOpen(key.value(), *nonce, *sealed, aad);
    if (!plain)
        return makeError(
            u"the passphrase does not open %1: it is the wrong passphrase, or the file was changed"_s.arg(path()));
    DeviceSecrets out;
    crypto::Key256::fromBytes(plain->left(32), out.deviceSeed);
    crypto::Key256::fromBytes(plain->mid(32), out.databaseKey);
    plain->fill('\0');
    return out;
}

std::optional<QString> passphraseFromEnvironment()
{
    const QString env = qEnvironmentVariable("STRATUS_PASSPHRASE");
    if (!env.isEmpty())
        return env;
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (credentials.isEmpty())
        return std::nullopt;
    Result<QByteArray> text = readPrivateFile(credentials + u"/stratus-passphrase"_s, 4096);
    if (!text || text->trimmed().isEmpty())
        return std::nullopt;
    return QString::fromUtf8(text->trimmed());
}

} // namespace stratus::client
