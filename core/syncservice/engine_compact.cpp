// Compaction in a long-running client (SYNCSERVICE.md "History and
// compaction"): every compactIntervalMs the account's history drops the
// versions the policy no longer keeps (client::FileIndex::expireVersions),
// and client::RemoteStore::compact retires this device's segments nothing
// refers to, deletes those retired a pass earlier, and moves the live chunks
// of mostly-dead ones into new segments. Each move is published as a
// Relocate log entry, so other devices rewrite their copy of the manifest
// before the old segment goes; the grace period before a delete is one
// interval, and nothing is deleted while moves wait to be published.

#include "crypto/hash.h"
#include "object/manifest_envelope.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"
#include "syncservice/object_refs.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

// "/Folder/dir/name" as a log path (folder label, path in it); nothing for
// a file at the top of the tree or the engine's own objects.
std::optional<sync::LogPath> logPathOf(const QString &remote)
{
    const qsizetype slash = remote.indexOf(u'/', 1);
    if (!remote.startsWith(u'/') || slash < 0 || remote.startsWith(u"/.stratus/"_s))
        return std::nullopt;
    return sync::LogPath{remote.mid(1, slash - 1), remote.mid(slash + 1)};
}

} // namespace

void SyncEngine::Private::compactStep(qint64 now)
{
    if (nextCompactMs == 0) {
        // Soon after start: a device restored from the log forgets the
        // segments of versions that expired while it was away.
        nextCompactMs = now + std::min<qint64>(options.compactIntervalMs, 60000);
        return;
    }
    if (now < nextCompactMs)
        return;
    nextCompactMs = now + options.compactIntervalMs;

    const client::HistoryPolicy policy{options.keepVersions, options.keepDays};
    auto expired = files->expireVersions(policy, now);
    if (!expired) {
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                  u"cannot expire old versions: %1"_s.arg(expired.message()));
        return;
    }
    auto waiting = state->moves();
    if (!waiting)
        return;
    client::CompactOptions o;
    o.graceMs = options.compactIntervalMs;
    o.mayDelete = waiting->isEmpty();
    o.expiredManifests = expired.value();
    // Only what the log can name moves: not the log itself, not files at
    // the top of the tree.
    o.movable = [](const QString &path) { return logPathOf(path).has_value(); };
    auto report = store->compact(o);
    if (!report) {
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(), u"cannot compact: %1"_s.arg(report.message()));
        return;
    }

    // Content recorded here as stored in a forgotten segment, or under a
    // moved manifest, is not referred to there again.
    QSet<QString> gone;
    for (const object::SegmentInfo &s : std::as_const(report->forgotten))
        for (const object::ShardId &id : s.shards)
            gone.insert(id.toString());
    QHash<QByteArray, QByteArray> movedRefs;
    const Status recorded = state->inTransaction([&]() -> Status {
        for (const client::Relocation &r : std::as_const(report->relocations)) {
            const MovedObject moved{r.oldManifest, ObjectRef{r.newManifest, r.placements}};
            movedRefs.insert(r.oldManifest, moved.moved.encode());
            if (Status st = state->addMove(*logPathOf(r.path), moved.encode()); !st)
                return st;
        }
        return {};
    });
    if (!recorded) {
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(), recorded.message());
        return;
    }
    (void)followMovesInBlobs(movedRefs);
    if (!gone.isEmpty())
        (void)state->rewriteBlobs([&](const QByteArray &bytes) -> std::optional<QByteArray> {
            auto ref = ObjectRef::decode(bytes);
            if (!ref)
                return std::nullopt;
            for (const auto &[shard, node] : std::as_const(ref->placements))
                if (gone.contains(shard.toString()))
                    return QByteArray();
            return std::nullopt;
        });
    for (const QString &note : std::as_const(report->notes))
        qCInfo(lcSyncEngine).noquote() << note;
    if (expired->isEmpty() && report->segmentsRepacked == 0 && report->segmentsDeleted == 0 &&
        report->segmentsRetired == 0)
        return;
    emitEvent(SyncEvent::Kind::Compacted, QString(), QString(),
              u"%1 old versions expired; %2 segments repacked (%3 bytes moved), %4 retired, %5 deleted "
              u"(%6 bytes freed on the nodes)"_s.arg(expired->size())
                  .arg(report->segmentsRepacked)
                  .arg(report->bytesMoved)
                  .arg(report->segmentsRetired)
                  .arg(report->segmentsDeleted)
                  .arg(report->bytesFreed));
}

Status SyncEngine::Private::applyMove(const MovedObject &move)
{
    auto after = object::openManifest(move.moved.sealedManifest, account.keys.dataMaster);
    if (!after)
        return makeError(u"a moved object cannot be opened with this account's key: %1"_s.arg(after.message()));
    auto before = object::openManifest(move.oldManifest, account.keys.dataMaster);
    if (!before)
        return makeError(u"a move names an object this account's key does not open: %1"_s.arg(before.message()));
    if (before->contentHash != after->contentHash || before->size != after->size)
        return makeError(u"a move changes the content of an object: refused"_s);
    auto changed = files->replaceManifest(move.oldManifest, move.moved.sealedManifest);
    if (!changed)
        return changed.error();
    if (Status st = addHolders(*files, move.moved); !st)
        return st;
    if (changed.value() > 0) {
        // Edits here refer to the chunks where they are now.
        for (const object::SegmentInfo &s : before->segments)
            if (std::find(after->segments.begin(), after->segments.end(), s) == after->segments.end())
                if (Status st = files->forgetSegment(s); !st)
                    return st;
        if (Status st = files->addChunks(after.value()); !st)
            return st;
    }
    return {};
}

Status SyncEngine::Private::followMovesInBlobs(const QHash<QByteArray, QByteArray> &moved)
{
    if (moved.isEmpty())
        return {};
    auto rewritten = state->rewriteBlobs([&](const QByteArray &bytes) { return movedRef(moved, bytes); });
    if (!rewritten)
        return rewritten.error();
    return {};
}

} // namespace stratus::syncservice
