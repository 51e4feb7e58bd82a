#include "ledger/receipt.h"

#include "ledger/reward.h"
#include "node/cbor_strict.h"
#include "node/contract.h"
#include "node/orders.h"

#include <QCborMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::ledger {

namespace cbor = node::cbor;

namespace {

constexpr qsizetype kMaxReceiptBytes = 8 * 1024;
constexpr qint64 kMaxTime = qint64(1) << 50;

QString kindName(ReceiptKind kind) { return kind == ReceiptKind::Storage ? u"storage"_s : u"egress"_s; }

} // namespace

QByteArray encodeReceipt(const Receipt &r)
{
    return QCborMap{
        {u"v"_s, 1},       {u"kind"_s, kindName(r.kind)}, {u"object"_s, r.signedObject}, {u"from"_s, r.fromMs},
        {u"to"_s, r.toMs}, {u"bytes"_s, r.bytes},         {u"amount"_s, r.amount}}
        .toCborValue()
        .toCbor();
}

Result<Receipt> decodeReceipt(const QByteArray &bytes)
{
    const QString what = u"receipt"_s;
    auto parsed = cbor::parseMap(bytes, kMaxReceiptBytes, what);
    if (!parsed)
        return parsed.error();
    const QCborMap &m = *parsed;
    if (Status st =
            cbor::checkKeys(m, {u"v"_s, u"kind"_s, u"object"_s, u"from"_s, u"to"_s, u"bytes"_s, u"amount"_s}, {}, what);
        !st)
        return st.error();
    if (m.value(u"v"_s).toInteger(-1) != 1)
        return cbor::malformed(what, u"unknown version"_s);
    Receipt r;
    const QString kind = m.value(u"kind"_s).toString();
    if (kind == u"storage"_s)
        r.kind = ReceiptKind::Storage;
    else if (kind == u"egress"_s)
        r.kind = ReceiptKind::Egress;
    else
        return cbor::malformed(what, u"unknown kind"_s);
    const auto object = cbor::bytesField(m, u"object"_s, 1, kMaxReceiptBytes);
    const auto from = cbor::uintField(m, u"from"_s, kMaxTime);
    const auto to = cbor::uintField(m, u"to"_s, kMaxTime);
    const auto size = cbor::uintField(m, u"bytes"_s, qint64(1) << 50);
    const auto amount = cbor::uintField(m, u"amount"_s, qint64(1) << 60);
    if (!object || !from || !to || !size || !amount)
        return cbor::malformed(what, u"a field is missing or out of range"_s);
    r.signedObject = *object;
    r.fromMs = *from;
    r.toMs = *to;
    r.bytes = *size;
    r.amount = *amount;
    if (Status st = cbor::checkCanonical(bytes, encodeReceipt(r), what); !st)
        return st.error();
    return r;
}

Result<ReceiptFacts> checkReceipt(const Receipt &r, const crypto::NodeId &node, qint64 epochStartMs, qint64 epochEndMs,
                                  const Economics &economics)
{
    if (r.fromMs < epochStartMs || r.toMs > epochEndMs || r.fromMs > r.toMs)
        return makeError(u"its interval lies outside the epoch"_s);
    if (r.kind == ReceiptKind::Storage) {
        auto contract = node::decodeSignedContract(r.signedObject);
        if (!contract)
            return contract.error();
        auto terms = node::verifyContract(*contract);
        if (!terms)
            return makeError(u"its contract does not verify: %1"_s.arg(terms.message()));
        if (terms->node != node)
            return makeError(u"its contract is with another node"_s);
        if (r.fromMs < terms->startMs || r.toMs > terms->expiryMs)
            return makeError(u"it counts time outside its contract's term"_s);
        if (r.bytes != terms->size())
            return makeError(u"its size differs from the contract's (%1 bytes)"_s.arg(terms->size()));
        const qint64 expected = storageAmount(terms->size(), r.toMs - r.fromMs, terms->price);
        if (r.amount != expected)
            return makeError(u"its amount is %1 µcr where the contract gives %2"_s.arg(r.amount).arg(expected));
        return ReceiptFacts{terms->client, u"c"_s.toLatin1() + terms->client.bytes() + terms->nonce};
    }
    if (r.fromMs != r.toMs)
        return makeError(u"an egress receipt covers one moment"_s);
    auto order = node::decodeSignedOrder(r.signedObject);
    if (!order)
        return order.error();
    auto bw = node::verifyBandwidthOrder(*order, node);
    if (!bw)
        return makeError(u"its bandwidth order does not verify: %1"_s.arg(bw.message()));
    if (r.bytes != bw->bytes)
        return makeError(u"its bytes differ from the order's (%1)"_s.arg(bw->bytes));
    const qint64 expected = egressAmount(bw->bytes, economics.egressPrice);
    if (r.amount != expected)
        return makeError(u"its amount is %1 µcr where the order gives %2"_s.arg(r.amount).arg(expected));
    return ReceiptFacts{bw->client, u"o"_s.toLatin1() + bw->client.bytes() + QByteArray::number(bw->serial)};
}

} // namespace stratus::ledger
