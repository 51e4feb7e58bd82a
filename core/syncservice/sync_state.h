#pragma once

#include "common/result.h"
#include "db/database.h"
#include "sync/account_log.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace stratus::syncservice {

// The sync engine's own bookkeeping (SQLCipher, beside the local index):
//   - this device's log chain head and the head value it last published;
//   - per folder, the local index sequence up to which changes are in the log;
//   - per other device, how far its log has been applied here;
//   - content SHA-256 → ObjectRef bytes of every file content this device
//     uploaded or applied (so a rename or a republish needs no upload);
//   - moves of stored objects (compaction) waiting to be published.
class SyncState {
public:
    static Result<std::unique_ptr<SyncState>> open(const QString &path, const QByteArray &key32);

    struct Own {
        sync::ChainHead head;
        QByteArray batch; // ObjectRef bytes of the newest batch
        qint64 batchFirst = 0;
    };
    Result<Own> own();
    Status setOwn(const Own &own);

    Result<qint64> published(const QString &folderId);
    Status setPublished(const QString &folderId, qint64 sequence);

    Result<sync::ChainHead> applied(const QByteArray &deviceKey);
    Status setApplied(const QByteArray &deviceKey, const sync::ChainHead &head);

    Result<std::optional<QByteArray>> blob(const QByteArray &contentHash);
    Status putBlob(const QByteArray &contentHash, const QByteArray &objectRef);

    // Changes every stored object reference: `change` returns nothing to
    // keep one, an empty array to drop it, or the new reference bytes.
    // Returns how many changed.
    Result<int> rewriteBlobs(const std::function<std::optional<QByteArray>(const QByteArray &ref)> &change);

    // Objects this device moved (compaction) whose Relocate entries are not
    // published yet.
    struct Move {
        qint64 id = 0;
        sync::LogPath path;
        QByteArray moved; // MovedObject bytes
    };
    Status addMove(const sync::LogPath &path, const QByteArray &moved);
    Result<QList<Move>> moves();
    Status removeMovesUpTo(qint64 id);

    // Changes from other devices that could not be applied here (a download
    // or write failed): kept with the reason and tried again, until a newer
    // change of the same path supersedes them.
    struct Retry {
        QString path;
        QByteArray device;
        QByteArray entry; // sync::encodeLogEntry
        QByteArray ref;
        QString reason;
        qint64 tries = 0;
    };
    Status putRetry(const QString &folderId, const Retry &retry);
    Status removeRetry(const QString &folderId, const QString &path);
    Result<QList<Retry>> retries(const QString &folderId);

    // Folders new on this device that must first get the account's whole
    // history of their label (what other devices wrote before they were
    // synced here), not only what comes after the applied heads.
    Status addCatchUp(const QString &folderId);
    Status removeCatchUp(const QString &folderId);
    Result<QStringList> catchUps();

    // Runs `work` in one transaction; rolled back when it fails.
    Status inTransaction(const std::function<Status()> &work);

private:
    explicit SyncState(std::unique_ptr<db::Database> db) : m_db(std::move(db)) {}
    std::unique_ptr<db::Database> m_db;
};

} // namespace stratus::syncservice
