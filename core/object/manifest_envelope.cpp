#include "object/manifest_envelope.h"

#include "crypto/aead.h"
#include "crypto/kdf.h"
#include "crypto/random.h"

using namespace Qt::StringLiterals;

namespace stratus::object {

static const QByteArray kMagic("STRMANI1");

static crypto::Key256 manifestKey(const crypto::Key256 &dataMaster)
{
    return crypto::deriveKey(dataMaster, QByteArray("stratus/manifest/v1"), QByteArray("manifest"));
}

QByteArray sealManifest(const FileManifest &manifest, const crypto::Key256 &dataMaster)
{
    const QByteArray nonce = crypto::randomBytes(crypto::kGcmNonceSize);
    return kMagic + nonce + crypto::aesGcmSeal(manifestKey(dataMaster), nonce, encodeManifest(manifest), kMagic);
}

Result<FileManifest> openManifest(const QByteArray &envelope, const crypto::Key256 &dataMaster)
{
    if (!envelope.startsWith(kMagic))
        return makeError(u"not a Stratus manifest (wrong magic bytes)"_s);
    const qsizetype header = kMagic.size() + crypto::kGcmNonceSize;
    if (envelope.size() < header + crypto::kGcmTagSize)
        return makeError(u"the manifest is truncated"_s);
    Result<QByteArray> plain = crypto::aesGcmOpen(
        manifestKey(dataMaster), envelope.mid(kMagic.size(), crypto::kGcmNonceSize), envelope.mid(header), kMagic);
    if (!plain)
        return makeError(u"the manifest cannot be opened with this account's keys: it was made by another account, "
                         u"or it was altered"_s);
    return decodeManifest(plain.value());
}

} // namespace stratus::object
