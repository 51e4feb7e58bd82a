// Other devices' changes: read their log heads and batches, check every
// entry, and apply them to the folders (conflicts kept as copies).

#include "crypto/hash.h"
#include "crypto/random.h"
#include "sync/apply_batch.h"
#include "sync/conflict_name.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"
#include "syncservice/object_refs.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <stdio.h>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
constexpr qint64 kDeviceListRefreshMs = 5000;

sync::FileEntry toFileEntry(const sync::LogEntry &e)
{
    sync::FileEntry f;
    f.path = e.path.path;
    f.type = e.kind == sync::LogEntry::Kind::Directory ? sync::EntryType::Directory : sync::EntryType::File;
    f.size = e.size;
    f.mtimeNs = e.mtimeNs;
    f.mode = e.executable ? 0755 : 0644;
    f.hash = e.kind == sync::LogEntry::Kind::File ? e.contentRef : QByteArray();
    f.version = e.version;
    f.deleted = e.kind == sync::LogEntry::Kind::Delete;
    return f;
}

} // namespace

Result<QList<RemoteChange>> SyncEngine::Private::readDevice(const DeviceRecord &device, const LogHead &head,
                                                            bool fromStart)
{
    auto applied = fromStart ? Result<sync::ChainHead>(sync::ChainHead{}) : state->applied(device.key);
    if (!applied)
        return applied.error();
    // Newest batch first, back to the one that holds the first entry not
    // yet applied.
    QList<LogBatch> batches;
    QByteArray refBytes = head.batch;
    qint64 expectedFirst = head.batchFirst;
    for (int guard = 0; guard < 100000 && !refBytes.isEmpty(); ++guard) {
        auto ref = ObjectRef::decode(refBytes);
        if (!ref)
            return makeError(u"device %1's log: %2"_s.arg(device.id().shortString(), ref.message()));
        const QString path = u"/.stratus/log/%1/%2"_s.arg(
            device.id().shortString(), QString::fromLatin1(crypto::sha256(refBytes).toHex().left(16)));
        auto version = registerRef(*files, account.keys.dataMaster, path, -1, nowMs(), ref.value());
        if (!version)
            return version.error();
        auto bytes = fetchBytes(*store, version.value(), workDir(), LogBatch::kMaxBytes);
        qCDebug(lcSyncEngine) << "fetched a log batch of" << device.id().shortString() << "of"
                              << (bytes ? bytes->size() : -1) << "bytes";
        if (!bytes)
            return makeError(u"cannot fetch device %1's log: %2"_s.arg(device.id().shortString(), bytes.message()));
        auto batch = LogBatch::decode(bytes.value());
        if (!batch)
            return batch.error();
        if (batch->device != device.key || (expectedFirst > 0 && batch->first != expectedFirst))
            return makeError(u"device %1's log batch is not where its head says"_s.arg(device.id().shortString()));
        const qint64 first = batch->first;
        refBytes = batch->previous;
        batches.prepend(std::move(batch.value()));
        if (first <= applied->sequence + 1)
            break;
        expectedFirst = -1; // the previous batch's first entry is not known in advance
    }
    sync::AccountLogReader reader(account.keys.dataMaster, devices.authorisedKeys());
    reader.setHead(device.key, applied.value());
    QList<RemoteChange> out;
    for (const LogBatch &batch : std::as_const(batches)) {
        QHash<QByteArray, QByteArray> blobs;
        for (const auto &[hash, ref] : batch.blobs)
            blobs.insert(hash, ref);
        // The batch's last entry is checked with its signature, which covers
        // the chain below it (AccountLogReader::Signature); the list is used
        // only once every batch was read.
        for (qsizetype i = 0; i < batch.entries.size(); ++i) {
            if (batch.first + i <= reader.head(device.key).sequence)
                continue;
            const bool last = i + 1 == batch.entries.size();
            auto accepted = reader.accept(batch.entries[i], last ? sync::AccountLogReader::Signature::Check
                                                                 : sync::AccountLogReader::Signature::CoveredByLater);
            if (!accepted)
                return makeError(u"device %1's log entry %2 is refused: %3"_s.arg(device.id().shortString())
                                     .arg(batch.first + i)
                                     .arg(accepted.message()));
            RemoteChange c{accepted->entry, device.key, {}};
            if (c.entry.kind == sync::LogEntry::Kind::File || c.entry.kind == sync::LogEntry::Kind::Relocate) {
                c.contentRef = blobs.value(c.entry.contentRef);
                if (c.contentRef.isEmpty())
                    return makeError(
                        u"device %1's log names content it does not carry"_s.arg(device.id().shortString()));
            }
            out.append(c);
        }
    }
    followMoves(out);
    return out;
}

void SyncEngine::Private::followMoves(QList<RemoteChange> &changes)
{
    // Content that moved later in the same log is fetched where it is now
    // (a catch-up reads entries written before the move).
    QHash<QByteArray, QByteArray> movedTo; // old sealed manifest -> ObjectRef bytes
    for (const RemoteChange &c : std::as_const(changes))
        if (c.entry.kind == sync::LogEntry::Kind::Relocate)
            if (auto m = MovedObject::decode(c.contentRef))
                movedTo.insert(m->oldManifest, m->moved.encode());
    if (movedTo.isEmpty())
        return;
    for (RemoteChange &c : changes)
        if (c.entry.kind == sync::LogEntry::Kind::File)
            if (auto to = movedRef(movedTo, c.contentRef))
                c.contentRef = *to;
}

void SyncEngine::Private::keepForRetry(EngineFolder &f, const RemoteChange &c, const QString &reason)
{
    auto entry = sync::encodeLogEntry(c.entry);
    if (!entry)
        return;
    (void)state->putRetry(f.info.id,
                          SyncState::Retry{c.entry.path.path, c.device, entry.value(), c.contentRef, reason, 0});
}

void SyncEngine::Private::retryFailed(EngineFolder &f)
{
    auto retries = state->retries(f.info.id);
    if (!retries || retries->isEmpty())
        return;
    QList<RemoteChange> changes;
    for (const SyncState::Retry &r : retries.value()) {
        auto entry = sync::decodeLogEntry(r.entry);
        if (!entry) {
            (void)state->removeRetry(f.info.id, r.path);
            continue;
        }
        changes.append(RemoteChange{entry.value(), r.device, r.ref});
    }
    if (Status st = applyChanges(f, changes, true); !st)
        emitEvent(SyncEvent::Kind::Problem, f.info.label, QString(), st.message());
}

void SyncEngine::Private::checkDht(const DeviceRecord &device, qint64 nodesSequence)
{
    constexpr qint64 kLookupEveryMs = 10000;
    auto running = dhtLookups.find(device.key);
    if (running != dhtLookups.end() && running->isFinished()) {
        const Result<client::NetworkContext::DhtItem> item = running->result();
        dhtLookups.erase(running);
        if (item && item->found) {
            const QCborMap hint = QCborValue::fromCbor(item->value).toMap();
            if (hint.value(u"seq"_s).toInteger() == item->seq)
                dhtSequence[device.key] = std::max(dhtSequence.value(device.key), item->seq);
            qCDebug(lcSyncEngine) << "the DHT announces entry" << item->seq << "of" << device.id().shortString();
        }
    }
    if (!dhtLookups.contains(device.key) && nowMs() - dhtLookupMs.value(device.key) >= kLookupEveryMs) {
        dhtLookupMs[device.key] = nowMs();
        dhtLookups.insert(device.key, network->getDhtItem(accountKey->publicKey(), device.id().bytes(), 5000));
    }
    const qint64 announced = dhtSequence.value(device.key);
    if (announced > nodesSequence)
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                  u"device %1 announced log entry %2 in the DHT, but the storage nodes hold only %3: waiting for "
                  u"them (an update not yet everywhere, or withheld)"_s.arg(device.id().shortString())
                      .arg(announced)
                      .arg(nodesSequence));
}

Status SyncEngine::Private::pullPeers(bool historyOnly, int *entriesRead)
{
    if (devices.devices.isEmpty() || nowMs() - devicesReadMs >= kDeviceListRefreshMs) {
        auto list = registry->fetch();
        if (!list)
            return makeError(u"cannot read the account's devices: %1"_s.arg(list.message()));
        devices = list.value();
        devicesReadMs = nowMs();
    }
    Status result;
    // Folders new on this device get every device's whole log first.
    QList<EngineFolder *> catchUp;
    bool caughtUp = true;
    if (!historyOnly) {
        auto pending = state->catchUps();
        if (!pending)
            return pending.error();
        for (auto &f : folders)
            if (pending->contains(f->info.id))
                catchUp.append(f.get());
    }
    if (!historyOnly && nowMs() - lastRetryMs >= 10000) {
        lastRetryMs = nowMs();
        for (auto &f : folders)
            if (!f->info.paused)
                retryFailed(*f);
    }
    for (const DeviceRecord &device : std::as_const(devices.devices)) {
        if (device.key == account.device->publicKey() || device.revokedMs != 0)
            continue;
        auto pointer = pointers->fetch(accountKey->publicKey(), device.id().bytes());
        if (!pointer) {
            result = pointer.error();
            continue;
        }
        if (!historyOnly)
            checkDht(device, pointer->has_value() ? (*pointer)->sequence : 0);
        if (!pointer->has_value())
            continue;
        auto head = LogHead::decode((*pointer)->value);
        if (!head || head->device != device.key || head->sequence != (*pointer)->sequence) {
            result = makeError(u"device %1's log head is malformed"_s.arg(device.id().shortString()));
            continue;
        }
        auto applied = state->applied(device.key);
        if (!applied)
            return applied.error();
        // (A folder catching up reads the whole log even when nothing is
        // new: after `account restore` the history is read, the files not.)
        const bool fresh = head->sequence > applied->sequence;
        if (!fresh && catchUp.isEmpty())
            continue;
        if (!catchUp.isEmpty()) {
            auto all = readDevice(device, head.value(), true);
            if (!all) {
                result = all.error();
                caughtUp = false;
                continue;
            }
            for (EngineFolder *f : std::as_const(catchUp)) {
                QList<RemoteChange> mine;
                for (const RemoteChange &c : all.value())
                    if (c.entry.path.folder == f->info.label)
                        mine.append(c);
                if (f->info.paused) {
                    caughtUp = caughtUp && mine.isEmpty();
                    continue;
                }
                if (Status st = applyChanges(*f, mine, true); !st) {
                    result = st;
                    caughtUp = false;
                }
            }
        }
        if (!fresh)
            continue;
        QElapsedTimer phase;
        phase.start();
        auto changes = readDevice(device, head.value());
        if (!changes) {
            result = changes.error();
            continue;
        }
        qCDebug(lcSyncEngine) << "read" << changes->size() << "entries of" << device.id().shortString() << "in"
                              << phase.restart() << "ms";
        if (entriesRead)
            *entriesRead += static_cast<int>(changes->size());
        // A paused folder with changes here holds the device back: nothing
        // of it is recorded as applied (nor its history), so the changes
        // are read again, and applied, once the folder is resumed (the
        // other folders find them seen by then).
        bool deferred = false;
        if (!historyOnly) {
            for (auto &f : folders) {
                QList<RemoteChange> mine;
                for (const RemoteChange &c : changes.value())
                    if (c.entry.path.folder == f->info.label)
                        mine.append(c);
                if (mine.isEmpty())
                    continue;
                if (f->info.paused) {
                    deferred = true;
                    continue;
                }
                if (Status st = applyChanges(*f, mine, true); !st)
                    return st; // not recorded as applied: tried again at the next pull
            }
        }
        if (deferred)
            continue;
        qCDebug(lcSyncEngine) << "applied" << changes->size() << "entries in" << phase.restart() << "ms";
        // The account's history on this device, folders synced here or not
        // (one transaction).
        RefPass pass;
        const Status history = files->inTransaction([&]() -> Status {
            return state->inTransaction([&]() -> Status {
                QHash<QByteArray, QByteArray> moved; // old sealed manifest -> ObjectRef bytes
                for (const RemoteChange &c : changes.value()) {
                    const QString remote = remotePath(c.entry.path.folder, c.entry.path.path);
                    if (c.entry.kind == sync::LogEntry::Kind::File) {
                        auto ref = ObjectRef::decode(c.contentRef);
                        if (!ref)
                            return ref.error();
                        if (auto v = registerRef(*files, account.keys.dataMaster, remote, c.entry.size,
                                                 c.entry.mtimeNs / 1000000, ref.value(), &pass);
                            !v)
                            return v.error();
                        if (Status st = state->putBlob(c.entry.contentRef, c.contentRef); !st)
                            return st;
                    } else if (c.entry.kind == sync::LogEntry::Kind::Relocate) {
                        auto move = MovedObject::decode(c.contentRef);
                        if (!move)
                            return move.error();
                        if (Status st = applyMove(move.value()); !st)
                            return st;
                        pass = RefPass(); // placements changed
                        moved.insert(move->oldManifest, move->moved.encode());
                    } else if (c.entry.kind == sync::LogEntry::Kind::Delete) {
                        // A tombstone: the file leaves the tree, its versions
                        // stay restorable (the trash).
                        if (Status st = files->addTombstone(remote); !st)
                            return st;
                    }
                }
                // Content recorded as stored under a moved manifest: where
                // it is now (one pass over the records for all moves).
                return followMovesInBlobs(moved);
            });
        });
        if (!history)
            return history;
        qCDebug(lcSyncEngine) << "recorded the history of" << changes->size() << "entries in" << phase.restart()
                              << "ms";

        if (Status st = state->setApplied(device.key, sync::ChainHead{head->sequence, head->hash}); !st)
            return st;
    }
    if (caughtUp && result)
        for (EngineFolder *f : std::as_const(catchUp))
            if (Status st = state->removeCatchUp(f->info.id); !st)
                return st;
    return result;
}

QList<Result<QString>> SyncEngine::Private::downloadAll(EngineFolder &f, const QList<RemoteChange> &changes)
{
    QList<Result<QString>> out;
    QList<client::RemoteStore::FetchJob> jobs;
    QList<qsizetype> jobOf;
    const QString dir = f.info.rootPath + u"/.stratus/incoming"_s;
    if (!QDir().mkpath(dir)) {
        for (qsizetype i = 0; i < changes.size(); ++i)
            out.append(makeError(u"cannot create %1"_s.arg(dir)));
        return out;
    }
    for (const RemoteChange &c : changes) {
        auto ref = ObjectRef::decode(c.contentRef);
        if (!ref) {
            out.append(ref.error());
            continue;
        }
        const QString file = dir + u"/"_s + QString::fromLatin1(crypto::randomBytes(8).toHex());
        jobOf.append(out.size());
        out.append(file);
        jobs.append({c.entry.path.path, ref->sealedManifest, ref->placements, file});
    }
    QElapsedTimer phase;
    phase.start();
    transferred = transferred || !jobs.isEmpty();
    const QList<Status> got = store->getVersions(jobs);
    qCDebug(lcSyncEngine) << "downloaded" << jobs.size() << "files in" << phase.elapsed() << "ms";
    for (qsizetype j = 0; j < jobs.size(); ++j)
        if (!got[j]) {
            QFile::remove(jobs[j].outFile);
            out[jobOf[j]] =
                makeError(u"cannot fetch %1: %2"_s.arg(changes[jobOf[j]].entry.path.path, got[j].message()));
        }
    return out;
}

Status SyncEngine::Private::applyChanges(EngineFolder &f, const QList<RemoteChange> &all, bool retryConflicts)
{
    // Moves of stored content change no file.
    QList<RemoteChange> changes;
    for (const RemoteChange &c : all)
        if (c.entry.kind != sync::LogEntry::Kind::Relocate)
            changes.append(c);
    // The last change per path wins within one pull.
    QHash<QString, qsizetype> lastOf;
    for (qsizetype i = 0; i < changes.size(); ++i)
        lastOf.insert(changes[i].entry.path.path, i);
    f.countsStale = true;
    for (qsizetype i = 0; i < changes.size(); ++i)
        if (lastOf.value(changes[i].entry.path.path) == i)
            (void)state->removeRetry(f.info.id, changes[i].entry.path.path);
    sync::ApplyBatch batch(*index, f.info, f.versioner.get());
    QList<sync::FileEntry> removes;                    // deepest first, after everything else
    QList<sync::FileEntry> quiet;                      // index-only updates, before the batch
    QList<std::pair<sync::FileEntry, QString>> asides; // local losers: (tombstone, conflict name)
    QList<sync::FileEntry> copies;                     // conflict copies to write
    QList<RemoteChange> copyChanges;
    QList<sync::FileEntry> writes; // files to download and write
    QList<RemoteChange> writeChanges;
    QHash<QString, RemoteChange> byPath;
    const crypto::NodeId self = account.deviceId;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        if (lastOf.value(changes[i].entry.path.path) != i)
            continue;
        const RemoteChange &c = changes[i];
        byPath.insert(c.entry.path.path, c);
        sync::FileEntry remote = toFileEntry(c.entry);
        auto localResult = index->entry(f.info.id, remote.path);
        if (!localResult)
            return localResult.error();
        const std::optional<sync::FileEntry> &local = localResult.value();
        auto order = local ? remote.version.compare(local->version) : sync::VersionVector::Order::Dominates;
        if (order == sync::VersionVector::Order::Equal || order == sync::VersionVector::Order::Dominated)
            continue;
        if (order == sync::VersionVector::Order::Concurrent) {
            const bool same = local->deleted == remote.deleted && local->type == remote.type &&
                              (remote.deleted || local->hash == remote.hash);
            sync::FileEntry merged = *local;
            merged.version = local->version.merged(remote.version);
            if (same) {
                quiet.append(merged);
                continue;
            }
            const crypto::NodeId writer = crypto::NodeId::fromPublicKey(c.device);
            const sync::Loser loser =
                sync::conflictLoser({local->mtimeNs, self, local->deleted}, {remote.mtimeNs, writer, remote.deleted});
            if (loser == sync::Loser::Second) {
                // Ours stays, with a version that has seen theirs. Every
                // device decides a conflict the same way, so nothing needs
                // to be published for it; a later edit here counts past
                // both.
                quiet.append(merged);
                if (!remote.deleted && remote.type == sync::EntryType::File) {
                    // Theirs as a copy, under the name and with the version
                    // vector (that of the losing edit) the other device
                    // gives it when it sees ours won: both entries for the
                    // copy are equal, and whatever a device does with the
                    // copy later (delete, rename, edit) supersedes both.
                    sync::FileEntry copy = remote;
                    copy.path = sync::conflictName(remote.path, remote.mtimeNs, writer.shortString());
                    // Unless the other device has spoken about the copy
                    // already (made it, renamed or deleted it).
                    auto known = index->entry(f.info.id, copy.path);
                    if (!known)
                        return known.error();
                    if (!lastOf.contains(copy.path) && !known->has_value()) {
                        copies.append(copy);
                        copyChanges.append(c);
                    }
                }
                emitEvent(SyncEvent::Kind::Conflict, f.info.label, remote.path,
                          u"edited here and on device %1 at once: kept both"_s.arg(writer.shortString()));
                continue;
            }
            // Theirs wins, recorded with a version that has seen ours too:
            // a later edit here counts past the one that lost, so other
            // devices do not take it for something they have seen.
            remote.version = merged.version;
            // Ours moves aside as a conflict copy first (once the downloads
            // are in).
            if (!local->deleted && local->type == sync::EntryType::File) {
                sync::FileEntry gone = *local;
                gone.deleted = true;
                asides.append({gone, sync::conflictName(local->path, local->mtimeNs, self.shortString())});
                emitEvent(SyncEvent::Kind::Conflict, f.info.label, remote.path,
                          u"edited here and on device %1 at once: ours kept as %2"_s.arg(writer.shortString(),
                                                                                         asides.last().second));
            }
        }
        switch (c.entry.kind) {
        case sync::LogEntry::Kind::File:
            writes.append(remote);
            writeChanges.append(c);
            break;
        case sync::LogEntry::Kind::Directory:
            batch.makeDirectory(remote);
            break;
        case sync::LogEntry::Kind::Delete:
            if (local && !local->deleted)
                removes.append(remote);
            else
                quiet.append(remote);
            break;
        case sync::LogEntry::Kind::Rename:
        case sync::LogEntry::Kind::Relocate:
            break; // renames are not written by this engine (they travel as delete + add); moves are left out above
        }
    }
    // Every download of this pull at once: files packed into one segment
    // share its fetch.
    if (!writeChanges.isEmpty() || !copyChanges.isEmpty())
        setActivity(f.info.label, u"downloading %1 files"_s.arg(writeChanges.size() + copyChanges.size()));
    const QList<Result<QString>> downloaded = downloadAll(f, writeChanges + copyChanges);
    for (qsizetype i = 0; i < writes.size(); ++i) {
        if (!downloaded[i]) {
            // This file waits (and is tried again); the rest goes on.
            emitEvent(SyncEvent::Kind::Problem, f.info.label, writes[i].path, downloaded[i].message());
            keepForRetry(f, writeChanges[i], downloaded[i].message());
            continue;
        }
        batch.writeFileFrom(writes[i], downloaded[i].value());
    }
    for (const auto &[gone, copy] : std::as_const(asides)) {
        const QByteArray from = QFile::encodeName(f.info.rootPath + u'/' + gone.path);
        const QByteArray to = QFile::encodeName(f.info.rootPath + u'/' + copy);
        if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) != 0)
            return makeError(
                u"cannot keep %1 as %2: %3"_s.arg(gone.path, copy, QString::fromLocal8Bit(strerror(errno))));
        quiet.append(gone);
        // The copy keeps the losing edit's version vector, as on the
        // devices where it won (see above).
        sync::FileEntry kept = gone;
        kept.deleted = false;
        kept.path = copy;
        quiet.append(kept);
    }
    std::sort(removes.begin(), removes.end(),
              [](const sync::FileEntry &a, const sync::FileEntry &b) { return a.path > b.path; });
    for (const sync::FileEntry &r : std::as_const(removes))
        batch.remove(r);

    auto before = state->published(f.info.id);
    if (!before)
        return before.error();
    auto folderNow = index->folder(f.info.id);
    if (!folderNow || !folderNow->has_value())
        return makeError(u"folder %1 is gone from the index"_s.arg(f.info.label));
    const bool allPublished = before.value() >= (*folderNow)->sequence;
    if (!quiet.isEmpty())
        if (auto w = index->writeBatch(f.info.id, quiet); !w)
            return w.error();
    QList<RemoteChange> retry;
    if (batch.size() > 0) {
        QElapsedTimer phase;
        phase.start();
        auto report = batch.commit(nowMs());
        if (!report)
            return report.error();
        qCDebug(lcSyncEngine) << "wrote" << batch.size() << "changes in" << phase.elapsed() << "ms";
        for (const sync::ApplyIssue &issue : report->issues) {
            if (issue.kind == sync::ApplyIssue::Kind::Conflict && retryConflicts && byPath.contains(issue.path)) {
                retry.append(byPath.value(issue.path));
                continue;
            }
            emitEvent(SyncEvent::Kind::Problem, f.info.label, issue.path, issue.message);
            if (issue.kind == sync::ApplyIssue::Kind::Failed && byPath.contains(issue.path))
                keepForRetry(f, byPath.value(issue.path), issue.message);
        }
        if (!report->applied.isEmpty())
            emitEvent(SyncEvent::Kind::Applied, f.info.label, QString(),
                      u"%1 changes from other devices"_s.arg(report->applied.size()));
    }
    // What came from others is not this device's to publish again.
    if (allPublished) {
        auto after = index->folder(f.info.id);
        if (after && after->has_value())
            if (Status st = state->setPublished(f.info.id, (*after)->sequence); !st)
                return st;
    }
    // The copies are published: a device that never sees the losing edit
    // (a later one replaced it) gets the copy from here.
    if (!copies.isEmpty()) {
        sync::ApplyBatch copyBatch(*index, f.info, f.versioner.get());
        for (qsizetype i = 0; i < copies.size(); ++i) {
            const Result<QString> &file = downloaded[writes.size() + i];
            if (!file) {
                emitEvent(SyncEvent::Kind::Problem, f.info.label, copies[i].path, file.message());
                continue;
            }
            copyBatch.writeFileFrom(copies[i], file.value());
        }
        auto report = copyBatch.commit(nowMs());
        if (!report)
            return report.error();
        for (const sync::ApplyIssue &issue : report->issues)
            emitEvent(SyncEvent::Kind::Problem, f.info.label, issue.path, issue.message);
    }
    if (!retry.isEmpty()) {
        // Local edits raced these changes: record them as this device's own
        // (a scan), then the changes meet them as concurrent edits.
        if (Status st = scanFolder(f); !st)
            return st;
        return applyChanges(f, retry, false);
    }
    return {};
}

} // namespace stratus::syncservice
