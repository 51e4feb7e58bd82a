// Local changes into the account log: scan, upload content, publish.

#include "sync/apply_journal.h"
#include "sync/ignore_rules.h"
#include "sync/scanner.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"
#include "syncservice/object_refs.h"

#include "crypto/hash.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr qsizetype kEntriesPerBatch = 20000;
// A scan's changes are stored and published in slices of at most this many
// files or (about) this many bytes of content.
constexpr qsizetype kSliceFiles = 1250;
constexpr qint64 kSliceBytes = qint64(256) << 20;

} // namespace

QByteArray SyncEngine::Private::dhtHint(qint64 sequence, const QByteArray &hash, const QByteArray &batch)
{
    return QCborMap{{u"seq"_s, sequence}, {u"hash"_s, hash}, {u"batch"_s, crypto::sha256(batch)}}
        .toCborValue()
        .toCbor();
}

Status SyncEngine::Private::scanFolder(EngineFolder &f)
{
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    // An apply that was interrupted after its renames is recorded first, so
    // the scan does not take other devices' changes for edits made here.
    if (auto replayed = sync::replayApplyJournal(*index, f.info); !replayed)
        return makeError(u"an interrupted apply cannot be completed: %1"_s.arg(replayed.message()));
    auto known = index->entriesUnder(f.info.id, QString());
    if (!known)
        return known.error();
    auto rules = sync::IgnoreRules::load(f.info.rootPath);
    if (!rules) {
        emitEvent(SyncEvent::Kind::Problem, f.info.label, u".stratusignore"_s,
                  u"ignored: %1 (the default rules apply)"_s.arg(rules.message()));
        rules = sync::IgnoreRules();
    }
    const sync::Scanner scanner(f.info.rootPath, rules.value(), &hashPool);
    QElapsedTimer phase;
    phase.start();
    auto scan = scanner.scan(known.value(), [this, &f](const sync::FileEntry &e) { offerDirect(f, e); });
    if (!scan)
        return scan.error();
    qCDebug(lcSyncEngine) << f.info.label << "scanned in" << phase.elapsed() << "ms:" << scan->changes.size()
                          << "changes," << scan->hashedFiles << "files hashed";
    for (const sync::ScanIssue &issue : scan->issues)
        emitEvent(SyncEvent::Kind::Problem, f.info.label, issue.path, issue.reason);
    f.dirty = false;
    f.lastScanMs = started;
    if (scan->changes.isEmpty())
        return {};
    auto updates = sync::localUpdates(scan->changes, account.deviceId);
    if (!updates)
        return updates.error();

    // Many changes go out in slices, each stored, recorded and published
    // before the next: other devices start on the first files while the
    // rest upload, and a crash midway keeps what was done. Directories go
    // first, deletions last (so a move never shows as a deletion before its
    // new files).
    QList<QList<sync::FileEntry>> slices(1);
    QList<sync::FileEntry> last;
    qint64 sliceBytes = 0;
    for (const sync::FileEntry &e : updates.value()) {
        if (e.deleted) {
            last.append(e);
            continue;
        }
        const bool upload = e.type == sync::EntryType::File;
        if (upload && (slices.last().size() >= kSliceFiles || sliceBytes >= kSliceBytes)) {
            slices.append(QList<sync::FileEntry>());
            sliceBytes = 0;
        }
        (upload ? slices.last() : slices.first()).append(e);
        sliceBytes += upload ? e.size : 0;
    }
    slices.last() += last;
    for (qsizetype i = 0; i < slices.size(); ++i) {
        if (Status st = storeChanges(f, slices[i]); !st)
            return st;
        if (i + 1 < slices.size())
            if (Status st = publishPending(); !st)
                return st;
    }
    emitEvent(SyncEvent::Kind::Scanned, f.info.label, QString(), u"%1 changes"_s.arg(updates->size()));
    return {};
}

Status SyncEngine::Private::storeChanges(EngineFolder &f, const QList<sync::FileEntry> &changes)
{
    // New content goes to the network before the change is recorded: an
    // entry in the log always names content that is stored.
    QList<std::pair<QString, QString>> uploads;
    QSet<QByteArray> uploadHashes;
    QList<QByteArray> uploadOrder;
    // For per-file progress: the files go in this order, so the bytes done
    // tell which one is being stored (its path, and where it ends in the
    // stream of all of them).
    QStringList uploadPaths;
    std::vector<qint64> uploadEnds;
    for (const sync::FileEntry &e : changes) {
        if (e.type != sync::EntryType::File || e.deleted || uploadHashes.contains(e.hash))
            continue;
        auto have = state->blob(e.hash);
        if (!have)
            return have.error();
        if (have->has_value())
            continue;
        uploads.append({f.info.rootPath + u'/' + e.path, remotePath(f.info.label, e.path)});
        uploadHashes.insert(e.hash);
        uploadOrder.append(e.hash);
        uploadPaths.append(e.path);
        uploadEnds.push_back((uploadEnds.empty() ? 0 : uploadEnds.back()) + e.size);
    }
    QElapsedTimer phase;
    phase.start();
    if (!uploads.isEmpty()) {
        transferred = true;
        setActivity(f.info.label, u"uploading %1 files"_s.arg(uploads.size()));
        const QString label = f.info.label;
        auto stored = store->putFiles(uploads, [this, label, uploadPaths, uploadEnds](qint64 done, qint64) {
            const auto end = std::upper_bound(uploadEnds.begin(), uploadEnds.end(), done);
            const std::size_t i = std::min(static_cast<std::size_t>(end - uploadEnds.begin()), uploadEnds.size() - 1);
            const qint64 start = i == 0 ? 0 : uploadEnds[i - 1];
            const qint64 size = uploadEnds[i] - start;
            setUploading(label, uploadPaths[static_cast<qsizetype>(i)], std::clamp<qint64>(done - start, 0, size),
                         size);
        });
        setUploading(label, {}, 0, 0);
        if (!stored)
            return makeError(u"cannot upload %1 files: %2 (they are tried again at the next scan)"_s.arg(uploads.size())
                                 .arg(stored.message()));
        qCDebug(lcSyncEngine) << f.info.label << "stored" << uploads.size() << "files in" << phase.restart() << "ms";
        RefPass pass;
        if (Status st = state->inTransaction([&]() -> Status {
                for (qsizetype i = 0; i < uploads.size(); ++i) {
                    auto ref = refOfLatest(*files, account.keys.dataMaster, uploads[i].second, &pass);
                    if (!ref)
                        return ref.error();
                    if (Status put = state->putBlob(uploadOrder[i], ref->encode()); !put)
                        return put;
                }
                return {};
            });
            !st)
            return st;
        emitEvent(SyncEvent::Kind::Uploaded, f.info.label, QString(), u"%1 files stored"_s.arg(uploads.size()));
    }
    // The account's tree on this device follows too: content already on
    // the network under another path or an earlier version (a rename, a
    // restore, a copy) gets a version of this path, a deletion a tombstone.
    RefPass pass;
    if (Status st = files->inTransaction([&]() -> Status {
            for (const sync::FileEntry &e : changes) {
                if (e.type != sync::EntryType::File)
                    continue;
                const QString remote = remotePath(f.info.label, e.path);
                if (e.deleted) {
                    if (Status t = files->addTombstone(remote); !t)
                        return t;
                    continue;
                }
                if (uploadHashes.contains(e.hash))
                    continue; // putFiles recorded it
                auto have = state->blob(e.hash);
                if (!have)
                    return have.error();
                if (!have->has_value())
                    continue;
                auto ref = ObjectRef::decode(have->value());
                if (!ref)
                    return ref.error();
                if (auto v = registerRef(*files, account.keys.dataMaster, remote, e.size, e.mtimeNs / 1000000,
                                         ref.value(), &pass);
                    !v)
                    return v.error();
            }
            return {};
        });
        !st)
        return st;
    qCDebug(lcSyncEngine) << f.info.label << "recorded the content of" << changes.size() << "changes in"
                          << phase.restart() << "ms";
    QList<sync::FileEntry> batch = changes;
    auto written = index->writeBatch(f.info.id, batch);
    if (!written)
        return written.error();
    qCDebug(lcSyncEngine) << f.info.label << "indexed" << batch.size() << "changes in" << phase.restart() << "ms";
    f.countsStale = true;
    for (const sync::FileEntry &e : std::as_const(batch))
        if (e.type == sync::EntryType::File && !e.deleted)
            emitEvent(SyncEvent::Kind::Stored, f.info.label, e.path, QString());
    return {};
}

Status SyncEngine::Private::publishPending()
{
    if (!registered)
        return {};
    QElapsedTimer phase;
    phase.start();
    QList<sync::LogEntry> entries;
    QList<std::pair<QByteArray, QByteArray>> blobs;
    QSet<QByteArray> blobHashes;
    QHash<QString, qint64> newPublished;
    for (auto &f : folders) {
        auto since = state->published(f->info.id);
        if (!since)
            return since.error();
        auto changed = index->changedSince(f->info.id, since.value());
        if (!changed)
            return changed.error();
        for (const sync::FileEntry &e : changed.value()) {
            newPublished[f->info.id] = std::max(newPublished.value(f->info.id), e.sequence);
            // Another device's conflict copy written here (an empty
            // version vector): not this device's edit, never published.
            if (e.version.isEmpty())
                continue;
            sync::LogEntry le;
            le.path = sync::LogPath{f->info.label, e.path.normalized(QString::NormalizationForm_C)};
            le.size = e.size;
            le.mtimeNs = e.mtimeNs;
            le.executable = e.executable();
            le.version = e.version;
            if (e.deleted || e.type == sync::EntryType::Directory) {
                le.kind = e.deleted ? sync::LogEntry::Kind::Delete : sync::LogEntry::Kind::Directory;
                le.size = 0;
                le.executable = false;
            } else if (e.type == sync::EntryType::File) {
                le.kind = sync::LogEntry::Kind::File;
                le.contentRef = e.hash;
                auto ref = state->blob(e.hash);
                if (!ref)
                    return ref.error();
                if (!ref->has_value())
                    return makeError(u"%1: its content is not stored yet"_s.arg(e.path));
                if (!blobHashes.contains(e.hash)) {
                    blobHashes.insert(e.hash);
                    blobs.append({e.hash, **ref});
                }
            } else {
                continue;
            }
            entries.append(le);
        }
    }
    // Objects this device moved (compaction): other devices follow them.
    auto moves = state->moves();
    if (!moves)
        return moves.error();
    for (const SyncState::Move &m : moves.value()) {
        auto moved = MovedObject::decode(m.moved);
        if (!moved)
            return moved.error();
        sync::LogEntry le;
        le.kind = sync::LogEntry::Kind::Relocate;
        le.path = m.path;
        le.contentRef = crypto::sha256(moved->oldManifest);
        if (!blobHashes.contains(le.contentRef)) {
            blobHashes.insert(le.contentRef);
            blobs.append({le.contentRef, m.moved});
        }
        entries.append(le);
    }
    if (entries.isEmpty()) {
        for (auto it = newPublished.cbegin(); it != newPublished.cend(); ++it)
            if (Status st = state->setPublished(it.key(), it.value()); !st)
                return st;
        return {};
    }

    qCDebug(lcSyncEngine) << "publishing" << entries.size() << "entries, gathered in" << phase.restart() << "ms";
    auto own = state->own();
    if (!own)
        return own.error();
    sync::AccountLogWriter writer(account.keys.dataMaster, crypto::SigningKey(account.device->seed()), own->head);
    SyncState::Own next = own.value();
    for (qsizetype at = 0; at < entries.size(); at += kEntriesPerBatch) {
        LogBatch batch;
        batch.device = account.device->publicKey();
        batch.first = writer.head().sequence + 1;
        batch.previous = next.batch;
        QSet<QByteArray> used;
        for (qsizetype i = at; i < std::min(entries.size(), at + kEntriesPerBatch); ++i) {
            auto sealed = writer.append(entries[i]);
            if (!sealed)
                return makeError(u"%1/%2: %3"_s.arg(entries[i].path.folder, entries[i].path.path, sealed.message()));
            batch.entries.append(sealed->bytes);
            used.insert(entries[i].contentRef);
        }
        for (const auto &blob : std::as_const(blobs))
            if (used.contains(blob.first))
                batch.blobs.append(blob);
        qCDebug(lcSyncEngine) << "sealed" << batch.entries.size() << "entries in" << phase.restart() << "ms";
        const QString path = u"/.stratus/log/%1/%2"_s.arg(account.deviceId.shortString()).arg(batch.first);
        auto ref = storeBytes(*store, *files, account.keys.dataMaster, workDir(), path, batch.encode());
        if (!ref)
            return makeError(u"cannot store a log batch: %1"_s.arg(ref.message()));
        qCDebug(lcSyncEngine) << "stored the log batch in" << phase.restart() << "ms";
        next.head = writer.head();
        next.batch = ref->encode();
        next.batchFirst = batch.first;
    }
    LogHead head{account.device->publicKey(), next.head.sequence, next.head.hash, next.batch, next.batchFirst};
    auto pointer = node::SignedPointer::sign(*accountKey, account.deviceId.bytes(), head.sequence, head.encode());
    if (!pointer)
        return pointer.error();
    auto stored = pointers->publish(pointer.value());
    qCDebug(lcSyncEngine) << "published the head in" << phase.restart() << "ms";
    if (!stored) {
        if (stored.message().contains(u"stale"_s)) {
            // The nodes hold a newer head of ours than this database (it was
            // published, then the database write failed, or the data dir was
            // copied back): continue from the published head. Entries not
            // marked published go out again; other devices find their
            // versions already seen and skip them.
            auto current = pointers->fetch(accountKey->publicKey(), account.deviceId.bytes());
            if (current && current->has_value()) {
                auto theirs = LogHead::decode((*current)->value);
                if (theirs && theirs->device == account.device->publicKey())
                    (void)state->setOwn(SyncState::Own{sync::ChainHead{theirs->sequence, theirs->hash}, theirs->batch,
                                                       theirs->batchFirst});
            }
        }
        return makeError(u"cannot publish the log head: %1"_s.arg(stored.message()));
    }
    // The same head, announced in the swarm DHT (BEP 44, under the account
    // key, salt: the device id): a compact hint other devices compare with
    // what the nodes hold, so a node withholding an update is noticed.
    (void)network->putDhtItem(account.keys.signingSeed, account.deviceId.bytes(),
                              dhtHint(head.sequence, head.hash, head.batch), head.sequence);
    if (Status st = state->setOwn(next); !st)
        return st;
    if (channel)
        channel->published(next.head.sequence); // devices watching us pull now
    for (auto it = newPublished.cbegin(); it != newPublished.cend(); ++it)
        if (Status st = state->setPublished(it.key(), it.value()); !st)
            return st;
    if (!moves->isEmpty())
        if (Status st = state->removeMovesUpTo(moves->last().id); !st)
            return st;
    emitEvent(SyncEvent::Kind::Published, QString(), QString(),
              u"%1 changes published (log entry %2)"_s.arg(entries.size()).arg(next.head.sequence));
    return {};
}

} // namespace stratus::syncservice
