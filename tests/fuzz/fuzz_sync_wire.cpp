// libFuzzer target for the sync engine's readers of untrusted bytes: the
// object reference, moved object, device endpoint, log batch, log head and device list decoders
// (syncservice/sync_wire.h) and the signed pointer decoder
// (node/signed_pointer.h), and the content offers devices send each other
// (syncservice/direct_offer.h). Any bytes give an object or an error; whatever
// decodes is in its one canonical form and survives decode(encode(x)).

#include "node/signed_pointer.h"
#include "syncservice/direct_offer.h"
#include "syncservice/sync_wire.h"

#include <QCborValue>

#include <cstdint>
#include <cstdlib>

using namespace stratus;
using namespace stratus::syncservice;

namespace {

bool samePlacements(const ObjectRef &a, const ObjectRef &b)
{
    if (a.placements.size() != b.placements.size())
        return false;
    for (qsizetype i = 0; i < a.placements.size(); ++i)
        if (a.placements[i].first.toString() != b.placements[i].first.toString() ||
            a.placements[i].second.bytes() != b.placements[i].second.bytes())
            return false;
    return true;
}

bool same(const ObjectRef &a, const ObjectRef &b)
{
    return a.sealedManifest == b.sealedManifest && samePlacements(a, b);
}

bool same(const MovedObject &a, const MovedObject &b)
{
    return a.oldManifest == b.oldManifest && same(a.moved, b.moved);
}

bool same(const DeviceEndpoint &a, const DeviceEndpoint &b)
{
    return a.device == b.device && a.address == b.address && a.port == b.port;
}

bool same(const LogBatch &a, const LogBatch &b)
{
    return a.device == b.device && a.first == b.first && a.entries == b.entries && a.blobs == b.blobs &&
           a.previous == b.previous;
}

bool same(const LogHead &a, const LogHead &b)
{
    return a.device == b.device && a.sequence == b.sequence && a.hash == b.hash && a.batch == b.batch &&
           a.batchFirst == b.batchFirst;
}

bool same(const DeviceList &a, const DeviceList &b) { return a.devices == b.devices; }

bool same(const node::SignedPointer &a, const node::SignedPointer &b)
{
    return a.publicKey == b.publicKey && a.salt == b.salt && a.sequence == b.sequence && a.value == b.value &&
           a.signature == b.signature;
}

template <typename T>
void roundTrip(const QByteArray &input)
{
    auto decoded = T::decode(input);
    if (!decoded.ok())
        return;
    const QByteArray encoded = decoded.value().encode();
    if (encoded != input)
        std::abort(); // accepted a non-canonical encoding
    auto again = T::decode(encoded);
    if (!again.ok() || !same(again.value(), decoded.value()))
        std::abort();
}

// An offer that decodes is complete and comes back the same from its own
// encoding.
void offerRoundTrip(const QByteArray &input)
{
    // As the control plane hands them over: only CBOR that parsed cleanly
    // (net::decodeReply refuses the rest; a map Qt half-parsed must not be
    // read).
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(input, &error);
    if (error.error != QCborError::NoError)
        return;
    auto offer = ContentOffer::fromCbor(value.toMap());
    if (!offer.ok())
        return;
    if (offer->id.size() != ContentOffer::kIdSize || offer->size <= 0 || offer->path.isEmpty())
        std::abort();
    auto again = ContentOffer::fromCbor(offer->toCbor());
    if (!again.ok() || again->id != offer->id || again->folder != offer->folder || again->path != offer->path ||
        again->size != offer->size || again->mtimeNs != offer->mtimeNs)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    roundTrip<ObjectRef>(input);
    roundTrip<MovedObject>(input);
    roundTrip<DeviceEndpoint>(input);
    roundTrip<LogBatch>(input);
    roundTrip<LogHead>(input);
    roundTrip<DeviceList>(input);
    roundTrip<node::SignedPointer>(input);
    offerRoundTrip(input);
    return 0;
}
