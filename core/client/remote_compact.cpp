// Compaction (DESIGN.md "Sync engine"): when versions expire, the segments
// they used are left with dead chunks. A segment of this device's that no
// version refers to is retired and, a grace period later, deleted from its
// nodes; one that is mostly dead has its live chunks moved into new segments
// first, so the account does not pay forever for deleted data.
//
// A segment is retired, not deleted at once, because other devices of the
// account learn of moved chunks through the log (the caller publishes the
// relocations): until then they may still read, or refer an edit to, the
// old copy. Each pass recomputes what refers to what, so a retired segment
// that something refers to again is repacked again rather than deleted.

#include "client/log.h"
#include "client/remote_store.h"
#include "object/manifest_envelope.h"

#include <QDateTime>
#include <QHash>

#include <map>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

QByteArray keyOf(const object::SegmentInfo &s)
{
    QByteArray key;
    for (const object::ShardId &id : s.shards)
        key += id.root + QByteArray::number(id.size) + ',';
    return key;
}

quint64 shardBytes(const object::SegmentInfo &s) { return s.shardSize * s.shards.size(); }

} // namespace

// What refers to one segment: its live chunks by offset, and the sealed
// manifests that refer to them.
struct RemoteStore::SegmentUse {
    object::SegmentInfo info;
    std::map<quint64, object::ChunkRef> live;
    QSet<QByteArray> users;

    qint64 liveBytes() const
    {
        qint64 n = 0;
        for (const auto &[offset, c] : live)
            n += c.sealedSize;
        return n;
    }
};

Result<CompactReport> RemoteStore::compact(const CompactOptions &options)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    CompactReport report;

    // Every version with content, by sealed manifest (versions of one
    // object share it), and what each refers to.
    auto versions = m_index.contentVersions();
    if (!versions)
        return versions.error();
    QHash<QByteArray, std::pair<QString, object::FileManifest>> users;
    QHash<QByteArray, SegmentUse> uses;
    for (const FileVersion &v : versions.value()) {
        if (users.contains(v.sealedManifest))
            continue;
        auto m = object::openManifest(v.sealedManifest, m_account.keys.dataMaster);
        if (!m) {
            // What it refers to is unknown: nothing may be freed.
            return makeError(
                u"the stored manifest of %1 version %2 cannot be opened (%3); nothing is compacted"_s.arg(v.path)
                    .arg(v.version)
                    .arg(m.message()));
        }
        for (const object::ChunkRef &c : m->chunks) {
            if (c.segment >= m->segments.size())
                continue;
            const object::SegmentInfo &s = m->segments[c.segment];
            SegmentUse &use = uses[keyOf(s)];
            use.info = s;
            use.live.emplace(c.offset, c);
            use.users.insert(v.sealedManifest);
        }
        users.insert(v.sealedManifest, {v.path, std::move(m.value())});
    }

    // The segments that may have dead chunks: those in use, those of the
    // versions that just expired, those retired earlier.
    QHash<QByteArray, object::SegmentInfo> candidates;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it)
        candidates.insert(it.key(), it->info);
    for (const QByteArray &sealed : options.expiredManifests)
        if (auto m = object::openManifest(sealed, m_account.keys.dataMaster))
            for (const object::SegmentInfo &s : m->segments)
                candidates.insert(keyOf(s), s);
    auto retiredList = m_index.retiredSegments();
    if (!retiredList)
        return retiredList.error();
    QHash<QByteArray, qint64> retired;
    for (const RetiredSegment &r : retiredList.value()) {
        retired.insert(keyOf(r.segment), r.retiredMs);
        candidates.insert(keyOf(r.segment), r.segment);
    }

    // Paths whose versions may not move pin the segments they use.
    const auto movable =
        options.movable ? options.movable : [](const QString &path) { return !path.startsWith(u"/.stratus/"_s); };
    QSet<QByteArray> pinned;
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        if (!movable(it->first))
            for (const object::SegmentInfo &s : it->second.segments)
                pinned.insert(keyOf(s));

    QList<const SegmentUse *> toRepack;
    qint64 repackBytes = 0;
    for (auto it = candidates.cbegin(); it != candidates.cend(); ++it) {
        const object::SegmentInfo &s = it.value();
        if (s.shards.empty())
            continue;
        auto placements = m_index.placementsOf(s.shards.front());
        if (!placements)
            return placements.error();
        bool own = false;
        for (const Placement &p : placements.value())
            own = own || !p.contract.isEmpty();
        const auto use = uses.constFind(it.key());
        const qint64 live = use == uses.cend() ? 0 : use->liveBytes();
        if (live == 0) {
            // Nothing refers to it: no edit may refer to its chunks again.
            report.forgotten.append(s);
            if (Status st = m_index.forgetSegment(s); !st)
                return st.error();
            if (!own)
                continue; // another device's: that device deletes it
            if (!retired.contains(it.key())) {
                if (Status st = m_index.retireSegment(s, now); !st)
                    return st.error();
                ++report.segmentsRetired;
            } else if (options.mayDelete && now - retired.value(it.key()) >= options.graceMs) {
                const QStringList failed = deleteSegment(s);
                report.notes += failed;
                if (failed.isEmpty()) {
                    if (Status st = m_index.unretireSegment(s); !st)
                        return st.error();
                    ++report.segmentsDeleted;
                    report.bytesFreed += static_cast<qint64>(shardBytes(s));
                }
            }
            continue;
        }
        if (!own || pinned.contains(it.key()))
            continue;
        // Mostly dead, or retired and referred to again (an edit elsewhere
        // used its chunks before the move reached it): moved.
        const bool mostlyDead = static_cast<double>(live) < options.repackBelow * static_cast<double>(s.size);
        if ((mostlyDead || retired.contains(it.key())) && repackBytes + live <= options.maxRepackBytes) {
            toRepack.append(&use.value());
            repackBytes += live;
        }
    }
    if (toRepack.isEmpty())
        return report;
    const QList<NodeCandidate> ranked = rankForPlacement(survey(), 0);
    if (ranked.size() < m_network.network().k + m_network.network().m)
        return makeError(u"only %1 nodes answer: too few to store repacked segments"_s.arg(ranked.size()));
    if (Status st = repack(toRepack, ranked, users, report); !st)
        return st.error();
    return report;
}

Status RemoteStore::repack(const QList<const SegmentUse *> &segments, const QList<NodeCandidate> &ranked,
                           QHash<QByteArray, std::pair<QString, object::FileManifest>> &users, CompactReport &report)
{
    // The live chunks, fetched and opened as one object of their own.
    object::FileManifest live;
    QSet<QByteArray> moving;
    for (const SegmentUse *use : segments) {
        moving.insert(keyOf(use->info));
        const auto index = static_cast<quint32>(live.segments.size());
        live.segments.push_back(use->info);
        for (const auto &[offset, c] : use->live) {
            object::ChunkRef ref = c;
            ref.segment = index;
            live.size += ref.plainSize();
            live.chunks.push_back(ref);
        }
    }
    live.contentHash = object::contentHashOf(live.chunks);
    auto plain = readObject(live);
    if (!plain)
        return makeError(u"cannot read the live chunks of %1 segments: %2"_s.arg(segments.size()).arg(plain.message()));
    QList<QByteArray> chunks;
    qsizetype at = 0;
    for (const object::ChunkRef &c : live.chunks) {
        chunks.append(plain->mid(at, c.plainSize()));
        at += c.plainSize();
    }

    // Stored anew, packed together (sealing is deterministic: same ids).
    auto stored = storeBatch(ranked, false,
                             [&](object::Ingestor &ingestor) { return ingestor.addChunks(chunks, u"repacked"_s, 0); });
    if (!stored)
        return makeError(u"cannot store repacked chunks: %1"_s.arg(stored.message()));
    const object::FileManifest &moved = stored->manifests.front();
    if (moved.chunks.size() != live.chunks.size())
        return makeError(u"repacking lost chunks"_s);
    QHash<QByteArray, std::pair<object::SegmentInfo, object::ChunkRef>> newPlace;
    for (std::size_t i = 0; i < moved.chunks.size(); ++i) {
        if (moved.chunks[i].id != live.chunks[i].id)
            return makeError(u"a repacked chunk came out under another id"_s);
        newPlace.insert(moved.chunks[i].id, {moved.segments[moved.chunks[i].segment], moved.chunks[i]});
    }

    // Every manifest that used a moved segment, rewritten.
    QSet<QByteArray> affected;
    for (const SegmentUse *use : segments)
        affected.unite(use->users);
    QList<std::pair<QByteArray, object::FileManifest>> rewritten;
    for (const QByteArray &sealed : std::as_const(affected)) {
        const object::FileManifest &old = users[sealed].second;
        object::FileManifest m = old;
        m.chunks.clear();
        m.segments.clear();
        QHash<QByteArray, quint32> index;
        for (object::ChunkRef c : old.chunks) {
            object::SegmentInfo s = old.segments[c.segment];
            if (moving.contains(keyOf(s))) {
                const auto place = newPlace.constFind(c.id);
                if (place == newPlace.cend())
                    return makeError(u"a live chunk of %1 was not moved"_s.arg(users[sealed].first));
                s = place->first;
                c.offset = place->second.offset;
            }
            auto it = index.constFind(keyOf(s));
            if (it == index.cend()) {
                it = index.insert(keyOf(s), static_cast<quint32>(m.segments.size()));
                m.segments.push_back(s);
            }
            c.segment = it.value();
            m.chunks.push_back(c);
        }
        rewritten.append({sealed, std::move(m)});
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Relocation> relocations;
    const Status recorded = m_index.inTransaction([&]() -> Status {
        for (const Placement &p : std::as_const(stored->placements))
            if (Status st = m_index.addPlacement(p); !st)
                return st;
        for (const SegmentUse *use : segments) {
            if (Status st = m_index.forgetSegment(use->info); !st)
                return st;
            if (Status st = m_index.retireSegment(use->info, now); !st)
                return st;
        }
        for (const auto &[oldSealed, m] : std::as_const(rewritten)) {
            Relocation r;
            r.path = users[oldSealed].first;
            r.oldManifest = oldSealed;
            r.newManifest = object::sealManifest(m, m_account.keys.dataMaster);
            if (auto n = m_index.replaceManifest(oldSealed, r.newManifest); !n)
                return n.error();
            if (Status st = m_index.addChunks(m); !st)
                return st;
            auto holders = m_index.holdersOf(m);
            if (!holders)
                return holders.error();
            r.placements = std::move(holders.value());
            relocations.append(std::move(r));
        }
        return {};
    });
    if (!recorded)
        return recorded;
    report.segmentsRepacked += static_cast<int>(segments.size());
    report.bytesMoved += static_cast<qint64>(live.size);
    report.relocations += relocations;
    qCInfo(lcClient).noquote() << "repacked" << segments.size() << "segments:" << live.chunks.size() << "live chunks ("
                               << live.size << "bytes) of" << rewritten.size() << "objects moved into"
                               << moved.segments.size() << "new segments";
    return {};
}

} // namespace stratus::client
