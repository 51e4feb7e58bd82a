#include "sync_commands.h"

#include "conflict_commands.h"

#include "api/client.h"
#include "api/process_tuning.h"
#include "api/sync.h"
#include "arguments.h"
#include "command.h"
#include "network_client.h"
#include "output.h"
#include "shutdown_signals.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

QString dataDirOf(const QCommandLineParser &p, const NetworkOptions &o)
{
    return p.isSet(o.data) ? p.value(o.data) : api::defaultDataDir();
}

QString readLine()
{
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

QString timeText(qint64 ms)
{
    return ms <= 0 ? u"-"_s : QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
}

bool needNetwork(const QCommandLineParser &p, const NetworkOptions &o, const QString &what)
{
    if (p.isSet(o.network))
        return true;
    printError(u"`stratus %1` needs --network FILE"_s.arg(what));
    return false;
}

int accountCreate(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Create an account: shows the recovery secret once and asks you to confirm it."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    const QString dir = dataDirOf(p, o);
    auto created = api::createAccount(dir, p.value(o.network));
    if (!created) {
        printError(created.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"account_id"_s, created->accountId},
                              {u"device_id"_s, created->deviceId},
                              {u"recovery_secret"_s, created->recoverySecret},
                              {u"data_dir"_s, created->dataDir}});
        return kExitOk;
    }
    printLine(u"Account %1 created in %2."_s.arg(created->accountId, created->dataDir));
    printLine(u"\nYour recovery secret — write it down and keep it safe. It is shown only now, and it is the only "
              u"way to get your files back on another machine:\n\n    %1\n"_s.arg(created->recoverySecret));
    // Ask for the 3rd and the last group back, as a check it was written down.
    const QStringList groups = created->recoverySecret.split(u'-');
    for (int i : {2, int(groups.size()) - 1}) {
        for (int attempt = 0;; ++attempt) {
            std::fprintf(stderr, "Type group %d of the secret to confirm: ", i + 1);
            std::fflush(stderr);
            const QString typed = readLine();
            if (typed.compare(groups.value(i), Qt::CaseInsensitive) == 0)
                break;
            if (attempt == 2 || std::feof(stdin)) {
                printError(u"Not confirmed. The account exists; its secret is also in %1/account.secret (readable "
                           u"only by you) — copy it from there."_s.arg(created->dataDir));
                return kExitFailure;
            }
            printError(u"That is not group %1; look again."_s.arg(i + 1));
        }
    }
    printLine(u"Confirmed."_s);
    return kExitOk;
}

int accountRestore(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Make this machine a new device of an account from its recovery secret, and bring "
                                u"back its file tree and history from the network."_s);
    NetworkOptions o;
    const QCommandLineOption secretFile{u"secret-file"_s, u"Read the secret from FILE instead of asking."_s, u"FILE"_s};
    p.addOptions({o.network, o.data, secretFile, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    if (!needNetwork(p, o, u"account restore"_s))
        return kExitUsage;
    QString secret;
    if (p.isSet(secretFile)) {
        QFile f(p.value(secretFile));
        if (!f.open(QIODevice::ReadOnly) || f.size() > 4096) {
            printError(u"cannot read %1: %2"_s.arg(f.fileName(), f.errorString()));
            return kExitFailure;
        }
        secret = QString::fromUtf8(f.readAll()).trimmed();
    } else {
        for (int attempt = 0;; ++attempt) {
            std::fprintf(stderr, "Recovery secret: ");
            std::fflush(stderr);
            secret = readLine();
            const Status st = api::checkRecoverySecret(secret);
            if (st)
                break;
            printError(st.message());
            if (attempt == 2 || std::feof(stdin))
                return kExitFailure;
        }
    }
    auto restored = api::restoreAccount(dataDirOf(p, o), p.value(o.network), secret);
    if (!restored) {
        printError(restored.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"account_id"_s, restored->accountId},
                              {u"device_id"_s, restored->deviceId},
                              {u"history_entries"_s, restored->historyEntries},
                              {u"data_dir"_s, restored->dataDir}});
        return kExitOk;
    }
    printLine(u"Account %1 restored in %2 as device %3; %4 changes of its history read back."_s
                  .arg(restored->accountId, restored->dataDir, restored->deviceId)
                  .arg(restored->historyEntries));
    return kExitOk;
}

int accountDevices(const QStringList &args, bool revoke)
{
    QCommandLineParser p;
    p.setApplicationDescription(revoke ? u"Revoke a device: its later changes are refused by every other device."_s
                                       : u"The devices of this account."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, revoke ? QStringList{u"DEVICE"_s} : QStringList{}, exit))
        return exit;
    if (!needNetwork(p, o, args.value(0)))
        return kExitUsage;
    if (revoke) {
        auto d = api::revokeDevice(dataDirOf(p, o), p.value(o.network), p.positionalArguments().value(0));
        if (!d) {
            printError(d.message());
            return kExitFailure;
        }
        printLine(u"revoked %1 (%2)"_s.arg(d->id, d->name));
        return kExitOk;
    }
    auto list = api::accountDevices(dataDirOf(p, o), p.value(o.network));
    if (!list) {
        printError(list.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray out;
        for (const api::DeviceInfo &d : list.value())
            out.append(QJsonObject{{u"id"_s, d.id},
                                   {u"name"_s, d.name},
                                   {u"added_ms"_s, d.addedMs},
                                   {u"revoked_ms"_s, d.revokedMs},
                                   {u"this_device"_s, d.thisDevice}});
        printJson(out);
        return kExitOk;
    }
    for (const api::DeviceInfo &d : list.value())
        printLine(
            u"%1 %2  %3  added %4%5"_s.arg(d.thisDevice ? u"*"_s : u" "_s, d.id, d.name, timeText(d.addedMs),
                                           d.revokedMs ? u"  REVOKED %1"_s.arg(timeText(d.revokedMs)) : QString()));
    return kExitOk;
}

} // namespace

int runAccount(const QStringList &args)
{
    const QString sub = args.value(1);
    const QStringList rest = QStringList{u"account %1"_s.arg(sub)} + args.mid(2);
    if (sub == u"create"_s)
        return accountCreate(rest);
    if (sub == u"restore"_s)
        return accountRestore(rest);
    if (sub == u"devices"_s)
        return accountDevices(rest, false);
    if (sub == u"revoke"_s)
        return accountDevices(rest, true);
    printError(u"usage: stratus account create|restore|devices|revoke [OPTIONS] (--help for each)"_s);
    return kExitUsage;
}

int runSync(const QStringList &args)
{
    if (args.value(1) == u"conflicts"_s)
        return runSyncConflicts(QStringList{u"sync conflicts"_s} + args.mid(2));
    if (args.value(1) == u"resolve"_s)
        return runSyncResolve(QStringList{u"sync resolve"_s} + args.mid(2));
    if (args.value(1) == u"trash"_s)
        return runSyncTrash(QStringList{u"sync trash"_s} + args.mid(2));
    api::keepFreedMemoryForTransfers(); // the engine hands it back after each transfer
    QCommandLineParser p;
    p.setApplicationDescription(u"Keep folders in sync with this account's other devices, until SIGINT/SIGTERM."_s);
    NetworkOptions o;
    const QCommandLineOption folder{u"folder"_s, u"A folder to sync: PATH or LABEL=PATH (repeat for more)."_s,
                                    u"[LABEL=]PATH"_s};
    const QCommandLineOption name{u"device-name"_s, u"This device's name in `account devices`."_s, u"NAME"_s};
    const QCommandLineOption listen{
        u"listen"_s, u"The address this device serves its uploads on (default 127.0.0.1)."_s, u"IP"_s, u"127.0.0.1"_s};
    const QCommandLineOption once{u"once"_s, u"One pass (scan, publish, pull, apply), then exit."_s};
    const QCommandLineOption upLimit{u"limit-up"_s, u"Upload limit per second (e.g. 2MiB; default none)."_s, u"SIZE"_s};
    const QCommandLineOption downLimit{u"limit-down"_s, u"Download limit per second (e.g. 10MiB; default none)."_s,
                                       u"SIZE"_s};
    const QCommandLineOption repairEvery{
        u"repair-interval"_s,
        u"Check stored files with proofs of storage, rebuild lost shards and renew contracts every SECONDS "
        u"(default 600; 0: never)."_s,
        u"SECONDS"_s, u"600"_s};
    const QCommandLineOption keepVersions{
        u"keep-versions"_s,
        u"Older versions kept per file, here and in the account's history (default 10; 0: no limit)."_s, u"N"_s,
        u"10"_s};
    const QCommandLineOption keepDays{
        u"keep-days"_s, u"Days a replaced or deleted version is kept (default 30; 0: no limit)."_s, u"DAYS"_s, u"30"_s};
    const QCommandLineOption compactEvery{
        u"compact-interval"_s,
        u"Drop expired versions and delete or repack the segments they leave dead every SECONDS; a segment "
        u"nothing uses is deleted one interval later (default 3600; 0: never)."_s,
        u"SECONDS"_s, u"3600"_s};
    p.addOptions({o.network, o.data, folder, name, listen, once, upLimit, downLimit, repairEvery, keepVersions,
                  keepDays, compactEvery});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {}, exit))
        return exit;
    bool okRepair = false;
    const qint64 repairSeconds = p.value(repairEvery).toLongLong(&okRepair);
    if (!okRepair || repairSeconds < 0 || repairSeconds > qint64(30) * 24 * 3600) {
        printError(
            u"--repair-interval takes whole seconds from 1 to 2592000 (30 days), or 0 for never; not \"%1\""_s.arg(
                p.value(repairEvery)));
        return kExitUsage;
    }
    const auto whole = [&](const QCommandLineOption &option, qint64 max, qint64 &out) {
        bool ok = false;
        out = p.value(option).toLongLong(&ok);
        if (ok && out >= 0 && out <= max)
            return true;
        printError(u"--%1 takes a whole number from 0 to %2; not \"%3\""_s.arg(option.names().constFirst())
                       .arg(max)
                       .arg(p.value(option)));
        return false;
    };
    qint64 versionsKept = 0, daysKept = 0, compactSeconds = 0;
    if (!whole(keepVersions, 100000, versionsKept) || !whole(keepDays, 36500, daysKept) ||
        !whole(compactEvery, qint64(30) * 24 * 3600, compactSeconds))
        return kExitUsage;
    if (!needNetwork(p, o, u"sync"_s))
        return kExitUsage;
    api::SyncOptions options;
    options.keepVersions = static_cast<int>(versionsKept);
    options.keepDays = static_cast<int>(daysKept);
    options.compactIntervalMs = compactSeconds * 1000;
    options.dataDir = dataDirOf(p, o);
    options.networkFile = p.value(o.network);
    options.deviceName = p.value(name);
    options.swarmAddress = p.value(listen);
    options.repairIntervalMs = repairSeconds * 1000;
    for (const QString &f : p.values(folder)) {
        const qsizetype eq = f.indexOf(u'=');
        options.folders.append(eq > 0 ? api::SyncFolderOption{f.left(eq), f.mid(eq + 1)}
                                      : api::SyncFolderOption{QString(), f});
    }
    if (options.folders.isEmpty()) {
        printError(u"`stratus sync` needs at least one --folder PATH"_s);
        return kExitUsage;
    }
    auto session = api::openSync(options, [](const api::SyncEventInfo &e) {
        if (e.kind == u"stored"_s)
            return; // one per file: the "scanned" line counts them
        const QString where =
            e.folder.isEmpty() ? QString() : e.folder + (e.path.isEmpty() ? QString() : u'/' + e.path);
        const QString line = u"%1 %2 %3"_s.arg(e.kind, where, e.message).simplified();
        if (e.kind == u"problem"_s || e.kind == u"conflict"_s)
            printError(line);
        else
            printLine(line);
    });
    if (!session) {
        printError(session.message());
        return kExitFailure;
    }
    if (p.isSet(once)) {
        const Status st = session.value()->syncOnce();
        if (!st)
            printError(st.message());
        return st ? kExitOk : kExitFailure;
    }
    ShutdownSignals signals;
    int stopSignal = 0;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, [&](int sig) {
        stopSignal = sig;
        QCoreApplication::quit();
    });
    const auto up = p.isSet(upLimit) ? parseSize(p.value(upLimit)) : std::optional<qint64>(0);
    const auto down = p.isSet(downLimit) ? parseSize(p.value(downLimit)) : std::optional<qint64>(0);
    if (!up || !down) {
        printError(u"--limit-up and --limit-down take sizes such as 512KiB or 10MiB"_s);
        return kExitUsage;
    }
    session.value()->setRateLimits(*up, *down);
    if (Status st = session.value()->start(); !st) {
        printError(st.message());
        return kExitFailure;
    }
    printLine(u"syncing as device %1 (stop with Ctrl-C)"_s.arg(session.value()->deviceId()));
    QCoreApplication::exec();
    printLine(u"stopping (signal %1)"_s.arg(stopSignal));
    session.value().reset();
    return kExitOk;
}

int runVersions(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Every known version of a file (an account path /Folder/file, or a file in a synced "
                                u"folder), newest first; also of deleted files."_s);
    NetworkOptions o;
    p.addOptions({o.data, o.json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {u"PATH"_s}, exit))
        return exit;
    auto list = api::fileVersions(dataDirOf(p, o), p.positionalArguments().value(0));
    if (!list) {
        printError(list.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray out;
        for (const api::FileVersionInfo &v : list.value())
            out.append(QJsonObject{{u"version"_s, v.version},
                                   {u"size"_s, v.size},
                                   {u"mtime_ms"_s, v.mtimeMs},
                                   {u"recorded_ms"_s, v.recordedMs},
                                   {u"deleted"_s, v.deleted}});
        printJson(out);
        return kExitOk;
    }
    for (const api::FileVersionInfo &v : list.value())
        printLine(u"v%1  %2  modified %3%4"_s.arg(v.version)
                      .arg(humanBytes(v.size), -10)
                      .arg(timeText(v.mtimeMs), v.deleted ? u"  (deleted since)"_s : QString()));
    return kExitOk;
}

int runRestore(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Bring back a version of a file (see `stratus versions`): into its synced folder, "
                                u"where it syncs as a new edit, or into --out FILE."_s);
    NetworkOptions o;
    const QCommandLineOption version{u"version"_s, u"The version to bring back."_s, u"V"_s};
    const QCommandLineOption out{u"out"_s, u"Write it here instead."_s, u"FILE"_s};
    p.addOptions({o.network, o.data, version, out});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {u"PATH"_s}, exit))
        return exit;
    bool ok = false;
    const int v = p.value(version).toInt(&ok);
    if (!p.isSet(version) || !ok || v < 1) {
        printError(u"`stratus restore` needs --version V (a number from `stratus versions PATH`)"_s);
        return kExitUsage;
    }
    if (!needNetwork(p, o, u"restore"_s))
        return kExitUsage;
    auto where =
        api::restoreFileVersion(dataDirOf(p, o), p.value(o.network), p.positionalArguments().value(0), v, p.value(out));
    if (!where) {
        printError(where.message());
        return kExitFailure;
    }
    printLine(u"restored version %1 to %2"_s.arg(v).arg(where.value()));
    return kExitOk;
}

} // namespace stratus::cli
