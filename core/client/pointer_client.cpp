#include "client/pointer_client.h"

#include "crypto/hash.h"

#include <QCborMap>
#include <QFuture>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr int kTimeoutMs = 5000;

QByteArray xorDistance(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(std::min(a.size(), b.size()), '\0');
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i] = static_cast<char>(a[i] ^ b[i]);
    return out;
}

} // namespace

QList<crypto::NodeId> PointerClient::nearest(const QByteArray &publicKey, const QByteArray &salt) const
{
    const QByteArray target = crypto::sha256(publicKey + salt);
    QList<crypto::NodeId> ids;
    for (const discovery::BootstrapNode &n : m_network.nodes())
        if (!ids.contains(n.id))
            ids.append(n.id);
    std::sort(ids.begin(), ids.end(), [&](const crypto::NodeId &a, const crypto::NodeId &b) {
        return xorDistance(a.bytes(), target) < xorDistance(b.bytes(), target);
    });
    return ids;
}

Result<int> PointerClient::publish(const node::SignedPointer &pointer)
{
    const QList<crypto::NodeId> ids = nearest(pointer.publicKey, pointer.salt);
    if (ids.isEmpty())
        return makeError(u"no storage node is known to keep the pointer"_s);
    const QCborMap body{{u"pointer"_s, pointer.encode()}};
    int stored = 0;
    qsizetype next = 0;
    QStringList failures;
    while (stored < kReplicas && next < ids.size()) {
        QList<QFuture<Result<QCborMap>>> wave;
        const qsizetype want = std::min<qsizetype>(kReplicas - stored, ids.size() - next);
        for (qsizetype i = 0; i < want; ++i)
            wave.append(m_network.request(ids[next + i], u"pointer-put"_s, body, kTimeoutMs));
        for (qsizetype i = 0; i < wave.size(); ++i) {
            Result<QCborMap> r = wave[i].result();
            if (r) {
                ++stored;
                continue;
            }
            if (r.message().contains(u"stale"_s))
                return makeError(u"stale pointer: %1"_s.arg(r.message()));
            failures.append(u"%1: %2"_s.arg(ids[next + i].shortString(), r.message()));
        }
        next += want;
    }
    if (stored == 0)
        return makeError(u"no node stored the pointer (%1)"_s.arg(failures.join(u"; "_s)));
    return stored;
}

Result<std::optional<node::SignedPointer>> PointerClient::fetch(const QByteArray &publicKey, const QByteArray &salt)
{
    const QList<crypto::NodeId> ids = nearest(publicKey, salt);
    const QCborMap body{{u"key"_s, publicKey}, {u"salt"_s, salt}};
    QList<QFuture<Result<QCborMap>>> asks;
    for (qsizetype i = 0; i < std::min<qsizetype>(ids.size(), kReplicas + 2); ++i)
        asks.append(m_network.request(ids[i], u"pointer-get"_s, body, kTimeoutMs));
    std::optional<node::SignedPointer> best;
    int answered = 0;
    QString lastError;
    for (auto &ask : asks) {
        Result<QCborMap> r = ask.result();
        if (!r) {
            if (r.message().contains(u"not-found"_s) || r.message().contains(u"no such pointer"_s))
                ++answered;
            else
                lastError = r.message();
            continue;
        }
        ++answered;
        auto p = node::SignedPointer::decode(r->value(u"pointer"_s).toByteArray());
        if (!p || p->publicKey != publicKey || p->salt != salt)
            continue; // a node that returns junk or another pointer is ignored
        if (!best || p->sequence > best->sequence)
            best = std::move(p.value());
    }
    if (answered == 0 && !asks.isEmpty())
        return makeError(u"no node answered for the pointer (%1)"_s.arg(lastError));
    return best;
}

} // namespace stratus::client
