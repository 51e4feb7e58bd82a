// libFuzzer target: the manifest decoder must turn any bytes into a
// manifest or an error, and whatever it accepts must survive a round trip.

#include "object/manifest.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto decoded = stratus::object::decodeManifest(input);
    if (!decoded.ok())
        return 0;
    auto again = stratus::object::decodeManifest(stratus::object::encodeManifest(decoded.value()));
    if (!again.ok() || !(again.value() == decoded.value()))
        std::abort();
    return 0;
}
