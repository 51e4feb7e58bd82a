#include "swarm/session_private.h"

#include "crypto/random.h"
#include "crypto/signing_key.h"
#include "swarm/log.h"

#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>
#include <libtorrent/kademlia/ed25519.hpp>
#include <libtorrent/kademlia/item.hpp>

#include <QThread>

#include <algorithm>
#include <cstring>
#include <tuple>

using namespace Qt::StringLiterals;

namespace stratus::swarm {

namespace {

// Long enough for a ping's answer on a LAN; a later lookup of the caller's
// (or libtorrent's own refresh) covers slower links.
constexpr std::chrono::milliseconds kBootstrapLookupDelay{300};

Status checkDht(const SwarmSettings &settings)
{
    if (!settings.enableDht)
        return makeError(u"the DHT is switched off in this session's settings"_s);
    return {};
}

Status checkSalt(const QByteArray &salt)
{
    if (salt.size() > kMaxMutableSaltSize)
        return makeError(u"a DHT salt has at most %1 bytes, not %2"_s.arg(kMaxMutableSaltSize).arg(salt.size()));
    return {};
}

QByteArray itemKey(const QByteArray &publicKey, const QByteArray &salt) { return publicKey + salt; }

QByteArray bencodedString(const QByteArray &value) { return QByteArray::number(value.size()) + ':' + value; }

// What a BEP 44 signature covers: [salt], seq and the bencoded value.
QByteArray signedPart(const QByteArray &salt, qint64 seq, const QByteArray &encodedValue)
{
    QByteArray out;
    if (!salt.isEmpty())
        out += "4:salt" + bencodedString(salt);
    out += "3:seqi" + QByteArray::number(seq) + "e1:v" + encodedValue;
    return out;
}

} // namespace

QByteArray SwarmSession::dhtPublicKey(const crypto::Key256 &seed)
{
    std::array<char, 32> s{};
    std::memcpy(s.data(), seed.data(), s.size());
    auto [pk, sk] = lt::dht::ed25519_create_keypair(s);
    std::fill(s.begin(), s.end(), '\0');
    std::fill(sk.bytes.begin(), sk.bytes.end(), '\0');
    return QByteArray(pk.bytes.data(), static_cast<qsizetype>(pk.bytes.size()));
}

Status SwarmSession::addDhtNode(const Endpoint &node)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (auto ok = checkDht(d->settings); !ok)
        return ok;
    if (!node.isValid())
        return makeError(u"\"%1\" is not a DHT node endpoint (IP:port)"_s.arg(node.toString()));
    // libtorrent pings the node; once it answered, a lookup through it fills
    // the routing table with the nodes it knows (the bootstrap a BitTorrent
    // client does through its routers, which known Stratus nodes must not be:
    // routers never enter the routing table, see SWARM.md).
    d->session->add_dht_node({node.address.toStdString(), node.port});
    Private *p = d.get();
    for (int i = 1; i <= 2; ++i)
        QTimer::singleShot(kBootstrapLookupDelay * i * i, this,
                           [p] { p->session->dht_get_peers(toSha1(crypto::randomBytes(kDhtTopicSize))); });
    return {};
}

void SwarmSession::requestDhtNodeCount()
{
    Q_ASSERT(QThread::currentThread() == thread());
    d->session->post_dht_stats();
}

Status SwarmSession::announce(const QByteArray &topic, quint16 port)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (auto ok = checkDht(d->settings); !ok)
        return ok;
    if (topic.size() != kDhtTopicSize)
        return makeError(u"a DHT topic has %1 bytes, not %2"_s.arg(kDhtTopicSize).arg(topic.size()));
    d->session->dht_announce(toSha1(topic), port, {});
    return {};
}

Status SwarmSession::getPeers(const QByteArray &topic, std::chrono::milliseconds timeout)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (auto ok = checkDht(d->settings); !ok)
        return ok;
    if (topic.size() != kDhtTopicSize)
        return makeError(u"a DHT topic has %1 bytes, not %2"_s.arg(kDhtTopicSize).arg(topic.size()));
    const lt::sha1_hash target = toSha1(topic);
    const Clock::time_point deadline = Clock::now() + timeout;
    PeerLookup &lookup = d->lookups[target];
    lookup.deadline = std::max(lookup.deadline, deadline);
    d->session->dht_get_peers(target);
    Private *p = d.get();
    QTimer::singleShot(timeout, this, [p, target] {
        const auto it = p->lookups.find(target);
        if (it != p->lookups.end() && Clock::now() >= it->second.deadline)
            p->finishLookup(target);
    });
    return {};
}

void SwarmSession::Private::onDhtPeers(const lt::dht_get_peers_reply_alert &alert)
{
    const auto it = lookups.find(alert.info_hash);
    if (it == lookups.end())
        return;
    EndpointList fresh;
    for (const lt::tcp::endpoint &ep : alert.peers()) {
        const Endpoint peer = toEndpoint(ep);
        if (peer.port == 0 || it->second.peers.contains(peer) || fresh.contains(peer))
            continue;
        fresh.append(peer);
    }
    if (fresh.isEmpty())
        return;
    it->second.peers += fresh;
    Q_EMIT q->dhtPeersFound(toBytes(alert.info_hash), fresh);
}

void SwarmSession::Private::finishLookup(const lt::sha1_hash &topic)
{
    const auto it = lookups.find(topic);
    if (it == lookups.end())
        return;
    const EndpointList peers = it->second.peers;
    lookups.erase(it);
    Q_EMIT q->dhtLookupFinished(toBytes(topic), peers);
}

void SwarmSession::Private::onDhtStats(const lt::dht_stats_alert &alert)
{
    int nodes = 0;
    for (const lt::dht_routing_bucket &bucket : alert.routing_table)
        nodes += bucket.num_nodes;
    Q_EMIT q->dhtNodeCount(nodes);
}

Status SwarmSession::putMutable(const crypto::Key256 &seed, const QByteArray &salt, const QByteArray &value, qint64 seq)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (auto ok = checkDht(d->settings); !ok)
        return ok;
    if (auto ok = checkSalt(salt); !ok)
        return ok;
    if (seq < 0)
        return makeError(u"a DHT sequence number cannot be negative"_s);
    if (bencodedString(value).size() > kMaxMutableEncodedSize)
        return makeError(
            u"a DHT item holds at most %1 encoded bytes; this value has %2 bytes"_s.arg(kMaxMutableEncodedSize)
                .arg(value.size()));

    std::array<char, 32> seedBytes{};
    std::memcpy(seedBytes.data(), seed.data(), seedBytes.size());
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
    auto keyPair = lt::dht::ed25519_create_keypair(seedBytes);
    const lt::dht::public_key publicKey = std::get<0>(keyPair);
    lt::dht::secret_key secretKey = std::get<1>(keyPair);
    std::fill(std::get<1>(keyPair).bytes.begin(), std::get<1>(keyPair).bytes.end(), '\0');
    std::fill(seedBytes.begin(), seedBytes.end(), '\0');
    const QByteArray pk(publicKey.bytes.data(), static_cast<qsizetype>(publicKey.bytes.size()));
    const QByteArray key = itemKey(pk, salt);
    if (d->puts.count(key))
        return makeError(u"a DHT put under this key and salt is still running"_s);

    PendingPut pending;
    pending.seq = seq;
    pending.seqInDht = std::make_shared<std::atomic<std::int64_t>>(-1);
    d->puts.emplace(key, pending);

    // Runs on libtorrent's network thread once the nodes to store on are
    // known: sets our value, sequence number and signature. It uses only
    // what it captured by value.
    auto seqInDht = pending.seqInDht;
    const std::string v = value.toStdString();
    d->session->dht_put_item(
        publicKey.bytes,
        [v, seq, publicKey, secretKey, seqInDht](lt::entry &item, std::array<char, 64> &signature,
                                                 std::int64_t &itemSeq, const std::string &itemSalt) {
            seqInDht->store(itemSeq);
            item = lt::entry(v);
            std::vector<char> encoded;
            lt::bencode(std::back_inserter(encoded), item);
            itemSeq = seq;
            signature =
                lt::dht::sign_mutable_item(encoded, itemSalt, lt::dht::sequence_number(seq), publicKey, secretKey)
                    .bytes;
        },
        salt.toStdString());
    std::fill(secretKey.bytes.begin(), secretKey.bytes.end(), '\0');
    return {};
}

void SwarmSession::Private::onMutablePut(const lt::dht_put_alert &alert)
{
    const QByteArray pk(alert.public_key.data(), static_cast<qsizetype>(alert.public_key.size()));
    const QByteArray salt = QByteArray::fromStdString(alert.salt);
    const auto it = puts.find(itemKey(pk, salt));
    if (it == puts.end())
        return; // an immutable put, or not ours
    MutablePutResult result;
    result.publicKey = pk;
    result.salt = salt;
    result.seq = it->second.seq;
    result.storedOn = alert.num_success;
    const std::int64_t seen = it->second.seqInDht->load();
    puts.erase(it);
    if (result.storedOn == 0) {
        result.error = u"no DHT node stored the item"_s;
        if (seen >= result.seq)
            result.error += u" (the DHT already holds sequence number %1; publish with a higher one)"_s.arg(seen);
        else
            result.error += u" (is this session connected to the DHT?)"_s;
    }
    Q_EMIT q->mutablePutFinished(result);
}

Status SwarmSession::getMutable(const QByteArray &publicKey, const QByteArray &salt, std::chrono::milliseconds timeout)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (auto ok = checkDht(d->settings); !ok)
        return ok;
    if (auto ok = checkSalt(salt); !ok)
        return ok;
    if (publicKey.size() != crypto::kEd25519PublicKeySize)
        return makeError(
            u"an Ed25519 public key has %1 bytes, not %2"_s.arg(crypto::kEd25519PublicKeySize).arg(publicKey.size()));
    const QByteArray key = itemKey(publicKey, salt);
    PendingGet &pending = d->gets[key];
    pending.best.publicKey = publicKey;
    pending.best.salt = salt;
    pending.deadline = std::max(pending.deadline, Clock::now() + timeout);
    std::array<char, 32> pk{};
    std::memcpy(pk.data(), publicKey.constData(), pk.size());
    d->session->dht_get_item(pk, salt.toStdString());
    Private *p = d.get();
    QTimer::singleShot(timeout, this, [p, key] {
        const auto it = p->gets.find(key);
        if (it != p->gets.end() && Clock::now() >= it->second.deadline)
            p->finishGet(key);
    });
    return {};
}

void SwarmSession::Private::onMutableItem(const lt::dht_mutable_item_alert &alert)
{
    const QByteArray pk(alert.key.data(), static_cast<qsizetype>(alert.key.size()));
    const QByteArray salt = QByteArray::fromStdString(alert.salt);
    const QByteArray key = itemKey(pk, salt);
    const auto it = gets.find(key);
    if (it == gets.end())
        return;
    MutableItem &best = it->second.best;
    if (alert.item.type() != lt::entry::undefined_t) {
        // libtorrent checked the signature already; check it again here, and
        // take only the value type Stratus writes (a byte string).
        std::vector<char> encoded;
        lt::bencode(std::back_inserter(encoded), alert.item);
        const QByteArray encodedValue(encoded.data(), static_cast<qsizetype>(encoded.size()));
        const QByteArray signature(alert.signature.data(), static_cast<qsizetype>(alert.signature.size()));
        if (!crypto::verifySignature(pk, signedPart(salt, alert.seq, encodedValue), signature)) {
            if (!best.found)
                best.error = u"a DHT node returned an item with a bad signature"_s;
        } else if (alert.item.type() != lt::entry::string_t) {
            if (!best.found)
                best.error = u"the DHT item is not a byte string (not written by Stratus)"_s;
        } else if (!best.found || alert.seq > best.seq) {
            best.found = true;
            best.error.clear();
            best.seq = alert.seq;
            best.value = QByteArray::fromStdString(alert.item.string());
        }
    }
    if (alert.authoritative)
        finishGet(key);
}

void SwarmSession::Private::finishGet(const QByteArray &key)
{
    const auto it = gets.find(key);
    if (it == gets.end())
        return;
    const MutableItem item = it->second.best;
    gets.erase(it);
    Q_EMIT q->mutableGetFinished(item);
}

} // namespace stratus::swarm
