#include "crypto/aead.h"

#include <botan/aead.h>
#include <botan/exceptn.h>

#include <cstring>
#include <exception>

using namespace Qt::StringLiterals;

namespace stratus::crypto {

static std::unique_ptr<Botan::AEAD_Mode> makeMode(Botan::Cipher_Dir dir, const Key256 &key)
{
    auto mode = Botan::AEAD_Mode::create_or_throw("AES-256/GCM", dir);
    mode->set_key(key.data(), Key256::size);
    return mode;
}

void aesGcmSealInPlace(const Key256 &key, const std::uint8_t nonce[12], std::uint8_t *buf, std::size_t len)
{
    auto mode = makeMode(Botan::ENCRYPTION, key);
    mode->start(nonce, kGcmNonceSize);
    const std::size_t g = mode->update_granularity();
    const std::size_t bulk = len / g * g;
    if (bulk > 0)
        mode->process(buf, bulk);
    Botan::secure_vector<uint8_t> tail(buf + bulk, buf + len);
    mode->finish(tail);
    std::memcpy(buf + bulk, tail.data(), tail.size()); // tail ciphertext || tag
}

bool aesGcmOpenInPlace(const Key256 &key, const std::uint8_t nonce[12], std::uint8_t *buf, std::size_t len)
{
    if (len < static_cast<std::size_t>(kGcmTagSize))
        return false;
    try {
        auto mode = makeMode(Botan::DECRYPTION, key);
        mode->start(nonce, kGcmNonceSize);
        const std::size_t body = len - static_cast<std::size_t>(kGcmTagSize);
        const std::size_t g = mode->update_granularity();
        const std::size_t bulk = body / g * g;
        if (bulk > 0)
            mode->process(buf, bulk);
        Botan::secure_vector<uint8_t> tail(buf + bulk, buf + len);
        mode->finish(tail);
        std::memcpy(buf + bulk, tail.data(), tail.size());
        return true;
    } catch (const std::exception &) {
        return false;
    }
}

QByteArray aesGcmSeal(const Key256 &key, const QByteArray &nonce, const QByteArray &plaintext,
                      const QByteArray &associatedData)
{
    Q_ASSERT(nonce.size() == kGcmNonceSize);
    auto mode = makeMode(Botan::ENCRYPTION, key);
    mode->set_associated_data(reinterpret_cast<const uint8_t *>(associatedData.constData()),
                              static_cast<size_t>(associatedData.size()));
    mode->start(reinterpret_cast<const uint8_t *>(nonce.constData()), static_cast<size_t>(nonce.size()));
    Botan::secure_vector<uint8_t> buf(plaintext.begin(), plaintext.end());
    mode->finish(buf);
    return QByteArray(reinterpret_cast<const char *>(buf.data()), static_cast<qsizetype>(buf.size()));
}

Result<QByteArray> aesGcmOpen(const Key256 &key, const QByteArray &nonce, const QByteArray &sealed,
                              const QByteArray &associatedData)
{
    if (nonce.size() != kGcmNonceSize)
        return makeError(u"bad nonce length %1"_s.arg(nonce.size()));
    if (sealed.size() < kGcmTagSize)
        return makeError(u"sealed data is shorter than its authentication tag"_s);
    try {
        auto mode = makeMode(Botan::DECRYPTION, key);
        mode->set_associated_data(reinterpret_cast<const uint8_t *>(associatedData.constData()),
                                  static_cast<size_t>(associatedData.size()));
        mode->start(reinterpret_cast<const uint8_t *>(nonce.constData()), static_cast<size_t>(nonce.size()));
        Botan::secure_vector<uint8_t> buf(sealed.begin(), sealed.end());
        mode->finish(buf);
        return QByteArray(reinterpret_cast<const char *>(buf.data()), static_cast<qsizetype>(buf.size()));
    } catch (const Botan::Invalid_Authentication_Tag &) {
        return makeError(u"authentication failed: the data was altered or the key is wrong"_s);
    } catch (const std::exception &e) {
        return makeError(u"decryption failed: %1"_s.arg(QString::fromUtf8(e.what())));
    }
}

} // namespace stratus::crypto
