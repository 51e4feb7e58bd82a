// Other devices' changes: read their log heads and batches, check every
// entry, record the account's history, and hand each folder its changes
// (engine_apply.cpp writes them).

#include "common/cbor_parse.h"
#include "crypto/hash.h"
#include "syncservice/engine_private.h"
#include "syncservice/log.h"
#include "syncservice/object_refs.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
constexpr qint64 kDeviceListRefreshMs = 5000;

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

void SyncEngine::Private::checkDht(const DeviceRecord &device, qint64 nodesSequence)
{
    constexpr qint64 kLookupEveryMs = 10000;
    auto running = dhtLookups.find(device.key);
    if (running != dhtLookups.end() && running->isFinished()) {
        const Result<client::NetworkContext::DhtItem> item = running->result();
        dhtLookups.erase(running);
        if (item && item->found) {
            const QCborMap hint = parseCbor(item->value).toMap();
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

} // namespace stratus::syncservice
