#include "crypto/kdf.h"

#include <botan/argon2.h>
#include <botan/kdf.h>

#include <exception>

using namespace Qt::StringLiterals;

namespace stratus::crypto {

static const uint8_t *u8(const QByteArray &b) { return reinterpret_cast<const uint8_t *>(b.constData()); }

void hkdfSha256(const std::uint8_t *ikm, std::size_t ikmLen, const QByteArray &salt, const std::uint8_t *info,
                std::size_t infoLen, std::uint8_t *out, std::size_t outLen)
{
    const auto kdf = Botan::KDF::create_or_throw("HKDF(SHA-256)");
    kdf->kdf(out, outLen, ikm, ikmLen, u8(salt), static_cast<size_t>(salt.size()), info, infoLen);
}

QByteArray hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info, qsizetype length)
{
    QByteArray out(length, Qt::Uninitialized);
    hkdfSha256(u8(ikm), static_cast<size_t>(ikm.size()), salt, u8(info), static_cast<size_t>(info.size()),
               reinterpret_cast<uint8_t *>(out.data()), static_cast<size_t>(length));
    return out;
}

Key256 deriveKey(const Key256 &ikm, const QByteArray &salt, const QByteArray &info)
{
    Key256 out;
    hkdfSha256(ikm.data(), Key256::size, salt, u8(info), static_cast<size_t>(info.size()), out.data(), Key256::size);
    return out;
}

static Status checkParams(const QByteArray &salt, const Argon2Params &p)
{
    if (salt.size() < 8)
        return makeError(u"Argon2id salt must be at least 8 bytes (got %1)"_s.arg(salt.size()));
    if (p.lanes < 1 || p.lanes > 16)
        return makeError(u"Argon2id lanes must be between 1 and 16 (got %1)"_s.arg(p.lanes));
    if (p.passes < 1 || p.passes > 64)
        return makeError(u"Argon2id passes must be between 1 and 64 (got %1)"_s.arg(p.passes));
    if (p.memoryKiB < 8 * p.lanes || p.memoryKiB > 4u * 1024 * 1024)
        return makeError(
            u"Argon2id memory must be between %1 KiB and 4 GiB (got %2 KiB)"_s.arg(8 * p.lanes).arg(p.memoryKiB));
    return {};
}

Result<QByteArray> argon2idRaw(const QByteArray &password, const QByteArray &salt, const QByteArray &secret,
                               const QByteArray &associated, const Argon2Params &params, qsizetype outLength)
{
    if (Status st = checkParams(salt, params); !st)
        return st.error();
    if (outLength < 4 || outLength > 1024)
        return makeError(u"Argon2id output length must be between 4 and 1024 bytes"_s);
    QByteArray out(outLength, Qt::Uninitialized);
    try {
        Botan::argon2(reinterpret_cast<uint8_t *>(out.data()), static_cast<size_t>(outLength), password.constData(),
                      static_cast<size_t>(password.size()), u8(salt), static_cast<size_t>(salt.size()), u8(secret),
                      static_cast<size_t>(secret.size()), u8(associated), static_cast<size_t>(associated.size()),
                      2 /* Argon2id */, params.lanes, params.memoryKiB, params.passes);
    } catch (const std::exception &e) {
        return makeError(u"Argon2id failed: %1"_s.arg(QString::fromUtf8(e.what())));
    }
    return out;
}

Result<Key256> argon2id(const QByteArray &passphrase, const QByteArray &salt, const Argon2Params &params)
{
    if (salt.size() < kArgon2SaltSize)
        return makeError(u"passphrase salt must be at least %1 bytes"_s.arg(kArgon2SaltSize));
    Result<QByteArray> raw = argon2idRaw(passphrase, salt, {}, {}, params, Key256::size);
    if (!raw)
        return raw.error();
    Key256 key(reinterpret_cast<const uint8_t *>(raw->constData()));
    raw->fill('\0');
    return key;
}

} // namespace stratus::crypto
