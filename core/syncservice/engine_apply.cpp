// Other devices' changes into a folder: download their content, decide
// conflicts (kept as copies), and write everything in one ApplyBatch; changes
// that cannot be applied yet wait in the retry list.

#include "sync/apply_batch.h"
#include "sync/conflict_name.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"
#include "syncservice/sync_wire.h"

#include "crypto/random.h"

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
        if (takeDirect(f, c, file)) {
            out.append(file);
            continue;
        }
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
