#include "conflict_commands.h"

#include "api/client.h"
#include "api/sync.h"
#include "arguments.h"
#include "command.h"
#include "network_client.h"
#include "output.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

QString dataDirOf(const QCommandLineParser &p, const NetworkOptions &o)
{
    return p.isSet(o.data) ? p.value(o.data) : api::defaultDataDir();
}

QString whoseText(const api::ConflictInfo &c)
{
    return c.copyIsMine ? u"this device's version"_s : u"device %1's version"_s.arg(c.device);
}

// The open conflict `which` names: the copy's path (inside its synced
// folder, or as an account path /Label/...), or the original's when it has
// only one conflict copy.
Result<api::ConflictInfo> findConflict(const QList<api::ConflictInfo> &open, const QString &which)
{
    const QString abs = QFileInfo(which).absoluteFilePath();
    QList<api::ConflictInfo> matches;
    for (const api::ConflictInfo &c : open) {
        for (const QString &candidate : {c.path, c.original}) {
            const bool byAccountPath = which == u'/' + c.folder + u'/' + candidate;
            const bool byLocalPath = abs == QDir::cleanPath(c.folderPath + u'/' + candidate);
            if (byAccountPath || byLocalPath) {
                if (candidate == c.path)
                    return c; // the copy itself: exact
                matches.append(c);
            }
        }
    }
    if (matches.size() == 1)
        return matches.first();
    if (matches.size() > 1)
        return makeError(u"%1 has %2 conflict copies: name the copy (see `stratus sync conflicts`)"_s.arg(which).arg(
            matches.size()));
    return makeError(u"no open conflict for %1 (see `stratus sync conflicts`)"_s.arg(which));
}

} // namespace

int runSyncConflicts(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Open conflicts: copies kept when a file was edited on two devices at once. "
                                u"`stratus sync resolve` ends one."_s);
    NetworkOptions o;
    p.addOptions({o.data, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    auto list = api::syncConflicts(dataDirOf(p, o));
    if (!list) {
        printError(list.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray out;
        for (const api::ConflictInfo &c : list.value())
            out.append(QJsonObject{{u"folder"_s, c.folder},
                                   {u"path"_s, c.path},
                                   {u"original"_s, c.original},
                                   {u"device"_s, c.device},
                                   {u"copy_is_mine"_s, c.copyIsMine}});
        printJson(out);
        return kExitOk;
    }
    if (list->isEmpty())
        printLine(u"no open conflicts"_s);
    for (const api::ConflictInfo &c : list.value())
        printLine(u"%1/%2  (%3 of %1/%4)"_s.arg(c.folder, c.path, whoseText(c), c.original));
    return kExitOk;
}

int runSyncResolve(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"End an open conflict. --keep mine: this device's version stays as the file; --keep theirs: the other "
        u"device's; the version not kept goes to the folder's trash and stays restorable (`stratus versions`). "
        u"--keep both: the conflict copy gets an ordinary name beside the file. A running `stratus sync` syncs the "
        u"result."_s);
    NetworkOptions o;
    const QCommandLineOption keep{u"keep"_s, u"mine, theirs or both."_s, u"WHICH"_s};
    p.addOptions({o.data, keep});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {u"PATH"_s}, exit))
        return exit;
    const QString how = p.value(keep);
    api::ConflictChoice choice = api::ConflictChoice::KeepBoth;
    if (how == u"mine"_s)
        choice = api::ConflictChoice::KeepMine;
    else if (how == u"theirs"_s)
        choice = api::ConflictChoice::KeepTheirs;
    else if (how != u"both"_s) {
        printError(u"say which version to keep: --keep mine, --keep theirs or --keep both"_s);
        return kExitUsage;
    }
    const QString dataDir = dataDirOf(p, o);
    auto list = api::syncConflicts(dataDir);
    if (!list) {
        printError(list.message());
        return kExitFailure;
    }
    auto conflict = findConflict(list.value(), p.positionalArguments().value(0));
    if (!conflict) {
        printError(conflict.message());
        return kExitFailure;
    }
    auto left = api::resolveConflict(dataDir, conflict.value(), choice);
    if (!left) {
        printError(left.message());
        return kExitFailure;
    }
    printLine(u"resolved: %1/%2 stays%3"_s.arg(conflict->folder, left.value(),
                                               choice == api::ConflictChoice::KeepBoth
                                                   ? u" beside %1/%2"_s.arg(conflict->folder, conflict->original)
                                                   : QString()));
    return kExitOk;
}

int runSyncTrash(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Files deleted from the synced folders whose content is still on the network; "
                                u"`stratus restore PATH --version V` brings one back."_s);
    NetworkOptions o;
    p.addOptions({o.data, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    auto list = api::syncTrash(dataDirOf(p, o));
    if (!list) {
        printError(list.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray out;
        for (const api::TrashedFileInfo &t : list.value())
            out.append(QJsonObject{{u"folder"_s, t.folder},
                                   {u"path"_s, t.path},
                                   {u"size"_s, t.size},
                                   {u"version"_s, t.version},
                                   {u"deleted_ms"_s, t.deletedMs}});
        printJson(out);
        return kExitOk;
    }
    if (list->isEmpty())
        printLine(u"the trash is empty"_s);
    for (const api::TrashedFileInfo &t : list.value())
        printLine(u"%1  %2 bytes  deleted %3  (restore: stratus restore %1 --version %4)"_s.arg(t.path)
                      .arg(t.size)
                      .arg(QDateTime::fromMSecsSinceEpoch(t.deletedMs).toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s))
                      .arg(t.version));
    return kExitOk;
}

} // namespace stratus::cli
