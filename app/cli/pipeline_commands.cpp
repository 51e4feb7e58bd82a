#include "pipeline_commands.h"

#include "api/client.h"
#include "command.h"
#include "output.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

struct CommonOptions {
    QCommandLineOption data{
        u"data"_s, u"Data directory holding the account (default: %1)."_s.arg(api::defaultDataDir()), u"DIR"_s};
    QCommandLineOption out{u"out"_s, u"Where to write."_s, u"PATH"_s};
    QCommandLineOption json{u"json"_s, u"Print the result as JSON."_s};
    QCommandLineOption k{u"k"_s, u"Data shards per segment (default 4)."_s, u"N"_s, u"4"_s};
    QCommandLineOption m{u"m"_s, u"Parity shards per segment (default 2)."_s, u"N"_s, u"2"_s};
    QCommandLineOption force{u"force"_s, u"Replace an existing output file."_s};
};

// Parses args; on a usage error prints it and returns false with `exit` set.
bool parse(QCommandLineParser &p, const QStringList &args, const QString &positional, int &exit)
{
    p.addHelpOption();
    p.addPositionalArgument(positional, u"Input."_s);
    if (!p.parse(args)) {
        printError(p.errorText() + u"\n(see `%1 --help`)"_s.arg(args.value(0)));
        exit = kExitUsage;
        return false;
    }
    if (p.isSet(u"help"_s)) {
        printLine(p.helpText());
        exit = kExitOk;
        return false;
    }
    if (p.positionalArguments().size() != 1) {
        printError(u"%1 takes exactly one %2 (see `stratus %1 --help`)"_s.arg(args.value(0), positional));
        exit = kExitUsage;
        return false;
    }
    return true;
}

std::optional<api::ClientOptions> clientOptions(const QCommandLineParser &p, const CommonOptions &o)
{
    api::ClientOptions options;
    options.dataDir = p.value(o.data);
    bool okK = false, okM = false;
    options.dataShards = p.value(o.k).toInt(&okK);
    options.parityShards = p.value(o.m).toInt(&okM);
    if (!okK || !okM) {
        printError(u"--k and --m take whole numbers"_s);
        return std::nullopt;
    }
    return options;
}

// Runs `op` with a progress line on stderr and measures how long it took.
template <typename Op>
auto withProgress(const QString &label, double &seconds, Op op)
{
    QElapsedTimer timer;
    timer.start();
    ProgressLine line(label);
    auto result = op([&line](qint64 done, qint64 total) { line.update(done, total); });
    seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return result;
}

QString plural(int n, const QString &noun) { return u"%1 %2%3"_s.arg(n).arg(noun, n == 1 ? QString() : u"s"_s); }

void announceNewAccount(const api::AccountInfo &info)
{
    if (!info.created)
        return;
    printError(u"created a new account in %1\n"
               u"  account id: %2\n"
               u"  recovery secret: %3\n"
               u"  It is kept in %1/account.secret (readable by you only). Keep a copy somewhere safe: without it,\n"
               u"  nothing packed with this account can be restored if this directory is lost."_s.arg(
                   info.dataDir, info.accountId, info.recoverySecret));
}

} // namespace

int runPack(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Chunk, encrypt and erasure-code FILE into shard files and a sealed manifest."_s);
    CommonOptions o;
    p.addOptions({o.data, o.out, o.json, o.k, o.m});
    int exit = kExitOk;
    if (!parse(p, args, u"FILE"_s, exit))
        return exit;
    if (!p.isSet(o.out)) {
        printError(u"pack needs --out DIR (the directory to write shards to)"_s);
        return kExitUsage;
    }
    const auto options = clientOptions(p, o);
    if (!options)
        return kExitUsage;
    auto client = api::openClient(*options);
    if (!client) {
        printError(client.message());
        return kExitFailure;
    }
    announceNewAccount(client.value()->account());

    double secs = 0;
    Result<api::PackSummary> r = withProgress(u"packing"_s, secs, [&](const api::Progress &progress) {
        return client.value()->pack(p.positionalArguments().first(), p.value(o.out), progress);
    });
    if (!r) {
        printError(r.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"manifest"_s, r->manifestPath},
                              {u"file"_s, r->fileName},
                              {u"bytes"_s, r->bytes},
                              {u"chunks"_s, r->chunks},
                              {u"unique_chunks"_s, r->uniqueChunks},
                              {u"segments"_s, r->segments},
                              {u"k"_s, r->dataShards},
                              {u"m"_s, r->parityShards},
                              {u"shard_files"_s, r->shardFiles},
                              {u"stored_bytes"_s, r->storedBytes},
                              {u"seconds"_s, secs}});
    } else {
        printLine(u"packed %1 (%2) into %3, %4, %5 shard files (%6 data + %7 parity per segment, "
                  u"%8 stored) in %9 s"_s.arg(r->fileName, humanBytes(r->bytes))
                      .arg(plural(r->chunks, u"chunk"_s), plural(r->segments, u"segment"_s))
                      .arg(r->shardFiles)
                      .arg(r->dataShards)
                      .arg(r->parityShards)
                      .arg(humanBytes(r->storedBytes))
                      .arg(secs, 0, 'f', 2));
        printLine(u"manifest: %1"_s.arg(r->manifestPath));
    }
    return kExitOk;
}

int runUnpack(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Restore the file packed in DIR, from any k shards of each segment."_s);
    CommonOptions o;
    p.addOptions({o.data, o.out, o.json, o.force});
    int exit = kExitOk;
    if (!parse(p, args, u"DIR"_s, exit))
        return exit;
    if (!p.isSet(o.out)) {
        printError(u"unpack needs --out FILE (where to write the restored file)"_s);
        return kExitUsage;
    }
    api::ClientOptions options;
    options.dataDir = p.value(o.data);
    auto client = api::openClient(options);
    if (!client) {
        printError(client.message());
        return kExitFailure;
    }
    if (client.value()->account().created) {
        printError(u"%1 held no account, so a new one was made, and it cannot open data packed by another account. "
                   u"Pass --data with the directory that was used to pack."_s.arg(client.value()->account().dataDir));
    }
    double secs = 0;
    Result<api::UnpackSummary> r = withProgress(u"restoring"_s, secs, [&](const api::Progress &progress) {
        return client.value()->unpack(p.positionalArguments().first(), p.value(o.out), p.isSet(o.force), progress);
    });
    if (!r) {
        printError(r.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"file"_s, r->outFile},
                              {u"name"_s, r->fileName},
                              {u"bytes"_s, r->bytes},
                              {u"skipped_shards"_s, QJsonArray::fromStringList(r->skippedShards)},
                              {u"seconds"_s, secs}});
    } else {
        for (const QString &s : r->skippedShards)
            printError(u"warning: worked around %1"_s.arg(s));
        printLine(u"restored %1 (%2) to %3 in %4 s"_s.arg(r->fileName, humanBytes(r->bytes), r->outFile)
                      .arg(secs, 0, 'f', 2));
    }
    return kExitOk;
}

} // namespace stratus::cli
