#include "remote_commands.h"

#include "api/client.h"
#include "api/process_tuning.h"
#include "arguments.h"
#include "command.h"
#include "network_client.h"
#include "output.h"
#include "shutdown_signals.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

double secondsSince(const QElapsedTimer &t) { return static_cast<double>(t.nsecsElapsed()) / 1e9; }

} // namespace

int runPut(const QStringList &args)
{
    api::keepFreedMemoryForTransfers(); // a one-shot transfer: no need to hand memory back
    QCommandLineParser p;
    p.setApplicationDescription(u"Store files and directories (recursively) on the network."_s);
    NetworkOptions o;
    const QCommandLineOption to{u"to"_s, u"Directory of the account's tree to store under (default /)."_s,
                                u"REMOTE_DIR"_s, u"/"_s};
    p.addOptions({o.network, o.data, to, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {u"PATH"_s}, exit, true);
    if (!client)
        return exit;
    QElapsedTimer timer;
    timer.start();
    ProgressLine line(u"storing"_s);
    auto stored = client->put(p.positionalArguments(), p.value(to), [&](qint64 d, qint64 t) { line.update(d, t); });
    if (!stored) {
        printError(stored.message());
        return kExitFailure;
    }
    const double secs = secondsSince(timer);
    qint64 total = 0;
    QJsonArray list;
    for (const api::StoredFile &f : stored.value()) {
        total += f.bytes;
        list.append(QJsonObject{{u"path"_s, f.remotePath},
                                {u"version"_s, f.version},
                                {u"bytes"_s, f.bytes},
                                {u"segments"_s, f.segments},
                                {u"shards"_s, f.shards}});
        if (!p.isSet(o.json) && list.size() <= 20)
            printLine(u"stored %1 (version %2, %3, %4 shards)"_s.arg(f.remotePath)
                          .arg(f.version)
                          .arg(humanBytes(f.bytes))
                          .arg(f.shards));
    }
    if (!p.isSet(o.json) && list.size() > 20)
        printLine(u"... and %1 more"_s.arg(list.size() - 20));
    if (p.isSet(o.json))
        printJson(QJsonObject{{u"files"_s, list}, {u"bytes"_s, total}, {u"seconds"_s, secs}});
    else
        printLine(u"%1 file(s), %2 in %3 s"_s.arg(stored->size()).arg(humanBytes(total)).arg(secs, 0, 'f', 2));
    // Warn well before the credits run out (see `stratus credits`).
    if (auto credits = client->credits(); credits && !credits->warning.isEmpty())
        printError(u"warning: %1"_s.arg(credits->warning));
    return kExitOk;
}

int runGet(const QStringList &args)
{
    api::keepFreedMemoryForTransfers(); // a one-shot transfer: no need to hand memory back
    QCommandLineParser p;
    p.setApplicationDescription(u"Fetch a file from the network (its latest version)."_s);
    NetworkOptions o;
    const QCommandLineOption out{u"out"_s, u"Where to write the file."_s, u"PATH"_s};
    const QCommandLineOption force{u"force"_s, u"Replace an existing file."_s};
    p.addOptions({o.network, o.data, out, force, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {u"NAME"_s}, exit);
    if (!client)
        return exit;
    if (!p.isSet(out)) {
        printError(u"`stratus get` needs --out PATH (where to write the file)"_s);
        return kExitUsage;
    }
    QElapsedTimer timer;
    timer.start();
    ProgressLine line(u"fetching"_s);
    auto r = client->get(p.positionalArguments().first(), p.value(out), p.isSet(force),
                         [&](qint64 d, qint64 t) { line.update(d, t); });
    if (!r) {
        printError(r.message());
        return kExitFailure;
    }
    const double secs = secondsSince(timer);
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"path"_s, r->remotePath},
                              {u"out"_s, r->outFile},
                              {u"version"_s, r->version},
                              {u"bytes"_s, r->bytes},
                              {u"skipped_shards"_s, QJsonArray::fromStringList(r->skippedShards)},
                              {u"seconds"_s, secs}});
        return kExitOk;
    }
    for (const QString &s : r->skippedShards)
        printError(u"warning: worked around %1"_s.arg(s));
    printLine(u"fetched %1 (version %2, %3) to %4 in %5 s"_s.arg(r->remotePath)
                  .arg(r->version)
                  .arg(humanBytes(r->bytes), r->outFile)
                  .arg(secs, 0, 'f', 2));
    return kExitOk;
}

int runLs(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"List the account's files with their health (shards reachable of n)."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    auto files = client->list(true);
    if (!files) {
        printError(files.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray list;
        for (const api::RemoteFileInfo &f : files.value())
            list.append(QJsonObject{{u"path"_s, f.path},
                                    {u"version"_s, f.version},
                                    {u"size"_s, f.size},
                                    {u"mtime_ms"_s, f.mtimeMs},
                                    {u"segments"_s, f.segments},
                                    {u"shards_per_segment"_s, f.shardsPerSegment},
                                    {u"healthy_shards"_s, f.healthyShards}});
        printJson(QJsonObject{{u"files"_s, list}});
        return kExitOk;
    }
    if (files->isEmpty())
        printLine(u"no files yet (store some with `stratus put`)"_s);
    for (const api::RemoteFileInfo &f : files.value())
        printLine(u"%1  v%2  %3  %4  health %5/%6"_s.arg(f.path.leftJustified(40))
                      .arg(f.version)
                      .arg(humanBytes(f.size).rightJustified(10),
                           QDateTime::fromMSecsSinceEpoch(f.mtimeMs).toString(u"yyyy-MM-dd HH:mm"_s))
                      .arg(f.healthyShards)
                      .arg(f.shardsPerSegment));
    return kExitOk;
}

int runRm(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Delete a file (all its versions) from the network."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {u"NAME"_s}, exit);
    if (!client)
        return exit;
    auto r = client->remove(p.positionalArguments().first());
    if (!r) {
        printError(r.message());
        return kExitFailure;
    }
    for (const QString &w : r.value())
        printError(u"warning: %1"_s.arg(w));
    printLine(u"removed %1"_s.arg(p.positionalArguments().first()));
    return kExitOk;
}

} // namespace stratus::cli

namespace stratus::cli {

int runRepair(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Check every stored shard with proofs of storage, rebuild lost ones and renew "
                                u"contracts that end soon; once, or every N seconds until SIGINT/SIGTERM."_s);
    NetworkOptions o;
    const QCommandLineOption threshold{
        u"threshold"_s, u"Repair segments with this many healthy shards or fewer (default n-1)."_s, u"N"_s, u"-1"_s};
    const QCommandLineOption renew{u"renew-within"_s, u"Renew contracts that end within this many days (default 7)."_s,
                                   u"DAYS"_s, u"7"_s};
    const QCommandLineOption every{u"every"_s, u"Keep running: check again every N seconds."_s, u"SECONDS"_s};
    p.addOptions({o.network, o.data, threshold, renew, every, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    bool ok = false, okDays = false, okEvery = true;
    const int limit = p.value(threshold).toInt(&ok);
    const int days = p.value(renew).toInt(&okDays);
    const int interval = p.isSet(every) ? p.value(every).toInt(&okEvery) : 0;
    if (!ok || !okDays || days < 0 || !okEvery || interval < 0) {
        printError(u"--threshold, --renew-within and --every take whole numbers"_s);
        return kExitUsage;
    }
    ShutdownSignals signals;
    bool stop = false;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, [&](int) { stop = true; });
    for (;;) {
        auto r = client->repair(limit, days);
        if (!r) {
            printError(r.message());
            if (interval == 0)
                return kExitFailure;
        } else if (p.isSet(o.json)) {
            printJson(QJsonObject{{u"segments_checked"_s, r->segmentsChecked},
                                  {u"segments_repaired"_s, r->segmentsRepaired},
                                  {u"shards_rebuilt"_s, r->shardsRebuilt},
                                  {u"contracts_renewed"_s, r->contractsRenewed},
                                  {u"notes"_s, QJsonArray::fromStringList(r->notes)}});
        } else {
            for (const QString &n : r->notes)
                printLine(n);
            printLine(
                u"checked %1 segments, repaired %2, rebuilt %3 shards, renewed %4 contracts"_s.arg(r->segmentsChecked)
                    .arg(r->segmentsRepaired)
                    .arg(r->shardsRebuilt)
                    .arg(r->contractsRenewed));
        }
        if (interval == 0)
            return kExitOk;
        // Wait for the next round, or a signal to stop.
        QEventLoop loop;
        QTimer::singleShot(interval * 1000, &loop, &QEventLoop::quit);
        QObject::connect(&signals, &ShutdownSignals::shutdownRequested, &loop, &QEventLoop::quit);
        if (!stop)
            loop.exec();
        if (stop)
            return kExitOk;
    }
}

} // namespace stratus::cli
