#include "crypto/random.h"

#include <botan/system_rng.h>

namespace stratus::crypto {

QByteArray randomBytes(qsizetype count)
{
    QByteArray out(count, Qt::Uninitialized);
    Botan::system_rng().randomize(reinterpret_cast<uint8_t *>(out.data()), static_cast<size_t>(count));
    return out;
}

Key256 randomKey()
{
    Key256 key;
    Botan::system_rng().randomize(key.data(), Key256::size);
    return key;
}

} // namespace stratus::crypto
