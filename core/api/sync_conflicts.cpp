// Open conflicts and the trash of the synced folders, and what a person does
// about them (`stratus sync conflicts|resolve|trash`, the desktop's Files
// page). Everything here works on the local folder only: the sync engine
// then syncs the result like any other local edit.

#include "api/sync.h"

#include "api/sync_local.h"

#include "client/file_index.h"
#include "client/local_account.h"
#include "sync/conflict_name.h"
#include "sync/local_index.h"
#include "sync/versioner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

constexpr QLatin1StringView kMarker{".sync-conflict-"};

// "name.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext" → ("name.ext", "DEVICE",
// "YYYYMMDD-HHMMSS"); nothing when `path` is no conflict copy.
struct ConflictParts {
    QString original;
    QString device;
    QString stamp;
};
std::optional<ConflictParts> splitConflictName(const QString &path)
{
    if (!sync::isConflictName(path))
        return std::nullopt;
    const qsizetype at = path.lastIndexOf(kMarker);
    const qsizetype from = at + kMarker.size();
    const qsizetype dot = path.indexOf(u'.', from);
    const QString tail = dot > at ? path.mid(from, dot - from) : path.mid(from); // DATE-TIME-DEVICE
    ConflictParts parts;
    parts.original = path.left(at) + (dot > at ? path.mid(dot) : QString());
    parts.stamp = tail.left(15);
    parts.device = tail.mid(16);
    return parts;
}

// `relative` inside `root`, refused when it would leave it (the index is
// ours, but a person can edit a folder's files at any time).
Result<QString> inside(const QString &root, const QString &relative)
{
    const QString clean = QDir::cleanPath(relative);
    if (clean.isEmpty() || clean.startsWith(u"../"_s) || clean == u".."_s || QDir::isAbsolutePath(clean))
        return makeError(u"%1 is not a path inside the folder"_s.arg(relative));
    return QDir::cleanPath(root + u'/' + clean);
}

Status renameOver(const QString &from, const QString &to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return makeError(u"cannot rename %1 to %2: %3"_s.arg(from, to, QString::fromLocal8Bit(std::strerror(errno))));
    return {};
}

// "notes.txt" + "DEVICE" + stamp → "notes (DEVICE 20260102-030405).txt",
// with a counter when that name is taken.
QString keptName(const QString &root, const QString &original, const ConflictParts &parts)
{
    const QFileInfo info(original);
    const QString dir = info.path() == u"."_s ? QString() : info.path() + u'/';
    const QString name = info.fileName();
    const qsizetype dot = name.lastIndexOf(u'.');
    const bool hasExt = dot > 0;
    const QString stem = hasExt ? name.left(dot) : name;
    const QString ext = hasExt ? name.mid(dot) : QString();
    for (int n = 1;; ++n) {
        const QString suffix = n == 1 ? QString() : u" %1"_s.arg(n);
        const QString candidate = u"%1%2 (%3 %4%5)%6"_s.arg(dir, stem, parts.device, parts.stamp, suffix, ext);
        if (!QFileInfo::exists(root + u'/' + candidate))
            return candidate;
    }
}

} // namespace

Result<QList<ConflictInfo>> syncConflicts(const QString &dataDir)
{
    auto view = detail::openLocalSyncView(dataDir);
    if (!view)
        return view.error();
    const client::LocalAccount &account = view->account;
    sync::LocalIndex &index = *view->index;
    const QList<sync::FolderInfo> &folders = view->folders;
    const QString self = account.deviceId.shortString();
    QList<ConflictInfo> out;
    for (const sync::FolderInfo &f : folders) {
        auto entries = index.entriesUnder(f.id, QString());
        if (!entries)
            return entries.error();
        for (const sync::FileEntry &e : entries.value()) {
            if (e.deleted || e.type != sync::EntryType::File)
                continue;
            const auto parts = splitConflictName(e.path);
            if (!parts)
                continue;
            out.append(
                ConflictInfo{f.label, f.rootPath, e.path, parts->original, parts->device, parts->device == self});
        }
    }
    return out;
}

Result<QString> resolveConflict(const QString &dataDir, const ConflictInfo &conflict, ConflictChoice choice)
{
    auto view = detail::openLocalSyncView(dataDir);
    if (!view)
        return view.error();
    const client::LocalAccount &account = view->account;
    const QList<sync::FolderInfo> &folders = view->folders;
    const auto folder = std::find_if(folders.cbegin(), folders.cend(),
                                     [&](const sync::FolderInfo &f) { return f.label == conflict.folder; });
    if (folder == folders.cend())
        return makeError(u"no folder \"%1\" is synced on this device"_s.arg(conflict.folder));
    const auto parts = splitConflictName(conflict.path);
    if (!parts)
        return makeError(u"%1 is not a conflict copy (name.sync-conflict-DATE-TIME-DEVICE.ext)"_s.arg(conflict.path));
    auto copy = inside(folder->rootPath, conflict.path);
    if (!copy)
        return copy.error();
    auto original = inside(folder->rootPath, parts->original);
    if (!original)
        return original.error();
    if (!QFileInfo(copy.value()).isFile())
        return makeError(u"%1 is no longer there: the conflict was resolved already"_s.arg(conflict.path));

    const bool copyIsMine = parts->device == account.deviceId.shortString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    sync::Versioner versioner(folder->rootPath);
    if (choice == ConflictChoice::KeepBoth) {
        const QString kept = keptName(folder->rootPath, parts->original, parts.value());
        if (Status st = renameOver(copy.value(), folder->rootPath + u'/' + kept); !st)
            return st.error();
        return kept;
    }
    const bool keepCopy = (choice == ConflictChoice::KeepMine) == copyIsMine;
    if (keepCopy) {
        // The original becomes a kept version, the copy takes its place.
        if (QFileInfo::exists(original.value()))
            if (auto kept = versioner.archive(parts->original, sync::Versioner::Reason::Replaced, now); !kept)
                return kept.error();
        if (Status st = renameOver(copy.value(), original.value()); !st)
            return st.error();
        // The choice is a new edit: it must win over what the other device
        // may still answer to the conflict (the newer modification time
        // wins), so it is dated now, not when the copy was written.
        QFile kept(original.value());
        if (kept.open(QIODevice::ReadWrite))
            (void)kept.setFileTime(QDateTime::currentDateTime(), QFileDevice::FileModificationTime);
    } else if (auto trashed = versioner.archive(conflict.path, sync::Versioner::Reason::Deleted, now); !trashed) {
        return trashed.error();
    }
    return parts->original;
}

Result<QList<TrashedFileInfo>> syncTrash(const QString &dataDir)
{
    auto view = detail::openLocalSyncView(dataDir);
    if (!view)
        return view.error();
    const client::LocalAccount &account = view->account;
    sync::LocalIndex &index = *view->index;
    const QList<sync::FolderInfo> &folders = view->folders;
    auto files = client::FileIndex::open(account.dataDir + u"/client.db"_s, account.databaseKey.toByteArray());
    if (!files)
        return files.error();
    QList<TrashedFileInfo> out;
    for (const sync::FolderInfo &f : folders) {
        auto entries = index.entriesUnder(f.id, QString());
        if (!entries)
            return entries.error();
        for (const sync::FileEntry &e : entries.value()) {
            if (!e.deleted || e.type != sync::EntryType::File)
                continue;
            const QString path = u'/' + f.label + u'/' + e.path;
            auto versions = files.value()->versions(path);
            if (!versions)
                return versions.error();
            TrashedFileInfo t{f.label, path, 0, 0, 0};
            for (const client::FileVersion &v : versions.value()) {
                if (v.deleted)
                    t.deletedMs = std::max(t.deletedMs, v.createdMs);
                else if (v.version > t.version) {
                    t.version = v.version;
                    t.size = v.size;
                }
            }
            if (t.version > 0) // content still on the network
                out.append(t);
        }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.deletedMs > b.deletedMs; });
    return out;
}

namespace detail {

Result<client::LocalAccount> existingAccount(const QString &dataDir)
{
    if (!client::hasAccount(dataDir))
        return makeError(u"%1 holds no account (stratus account create or restore)"_s.arg(dataDir));
    return client::openOrCreateAccount(dataDir);
}

Result<LocalSyncView> openLocalSyncView(const QString &dataDir)
{
    auto account = existingAccount(dataDir);
    if (!account)
        return account.error();
    auto index = sync::LocalIndex::open(account->dataDir + u"/sync-index.db"_s, account->databaseKey.toByteArray());
    if (!index)
        return index.error();
    auto folders = index.value()->folders();
    if (!folders)
        return folders.error();
    return LocalSyncView{std::move(account.value()), std::move(index.value()), std::move(folders.value())};
}

} // namespace detail

} // namespace stratus::api
