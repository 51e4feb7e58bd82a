#include "log_commands.h"

#include "api/client.h"
#include "arguments.h"
#include "command.h"
#include "network_client.h"
#include "output.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

const QCommandLineOption kValidator{u"validator"_s,
                                    u"One validator (its name in the network file, or its id); default: every "
                                    u"validator the network file names."_s,
                                    u"ID"_s};

QString who(const api::LogVerification &v)
{
    const QString name = v.name.isEmpty() ? v.validator.left(15) : v.name;
    return u"%1 (%2)"_s.arg(name, v.counted ? u"counted"_s : u"observer"_s);
}

void printVerification(const api::LogVerification &v)
{
    if (v.ok) {
        printLine(u"%1: log OK — %2 entries, root %3"_s.arg(who(v)).arg(v.size).arg(v.root.left(16)));
        for (const QString &n : v.notes)
            printLine(u"    %1"_s.arg(n));
    } else {
        printLine(u"%1: LOG DOES NOT VERIFY"_s.arg(who(v)));
        for (const QString &p : v.problems)
            printLine(u"    problem: %1"_s.arg(p));
    }
    for (const QString &r : v.reports)
        printLine(u"    the log reports: %1"_s.arg(r));
}

int show(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Print the attestations in the paper nodes' transparency logs."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, kValidator, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    QList<api::LogVerification> checks;
    auto attestations = client->readAttestations(p.value(kValidator), &checks);
    if (!attestations) {
        printError(attestations.message());
        return kExitFailure;
    }
    bool allOk = true;
    for (const api::LogVerification &c : checks)
        allOk = allOk && c.ok;
    if (p.isSet(o.json)) {
        QJsonArray list;
        for (const api::AttestationInfo &a : attestations.value())
            list.append(QJsonObject{{u"validator"_s, a.validator},
                                    {u"counted"_s, a.counted},
                                    {u"index"_s, a.index},
                                    {u"node"_s, a.node},
                                    {u"node_name"_s, a.nodeName},
                                    {u"epoch"_s, a.epoch},
                                    {u"time_ms"_s, a.timeMs},
                                    {u"pings"_s, a.pings},
                                    {u"pings_answered"_s, a.pingsAnswered},
                                    {u"uptime"_s, a.uptime},
                                    {u"audits_passed"_s, a.auditsPassed},
                                    {u"audits_failed"_s, a.auditsFailed},
                                    {u"latency_p50_ms"_s, a.latencyP50Ms},
                                    {u"latency_p95_ms"_s, a.latencyP95Ms},
                                    {u"throughput"_s, a.throughput},
                                    {u"audit_score"_s, a.auditScore},
                                    {u"score"_s, a.score},
                                    {u"vetted"_s, a.vetted}});
        printJson(list);
    } else {
        for (const api::LogVerification &c : checks)
            if (!c.ok)
                printVerification(c);
        printLine(u"%1  %2  %3  %4  %5  %6  %7  %8"_s.arg(
            u"validator"_s.leftJustified(15), u"epoch"_s.rightJustified(6), u"node"_s.leftJustified(15),
            u"audits ok/failed"_s, u"uptime"_s, u"p50 ms"_s, u"p95 ms"_s, u"score"_s));
        for (const api::AttestationInfo &a : attestations.value())
            printLine(u"%1  %2  %3  %4  %5  %6  %7  %8"_s.arg(
                a.validator.left(15), QString::number(a.epoch).rightJustified(6),
                (a.nodeName.isEmpty() ? a.node.left(15) : a.nodeName).leftJustified(15),
                u"%1/%2"_s.arg(a.auditsPassed).arg(a.auditsFailed).leftJustified(16),
                QString::number(a.uptime, 'f', 3).rightJustified(6),
                QString::number(a.latencyP50Ms, 'f', 1).rightJustified(6),
                QString::number(a.latencyP95Ms, 'f', 1).rightJustified(6), QString::number(a.score, 'f', 3)));
        if (attestations->isEmpty())
            printLine(u"(no attestations yet: a paper node writes them at the end of each epoch)"_s);
    }
    if (!allOk)
        printError(u"some logs did not verify; run `stratus log verify` for details"_s);
    return allOk ? kExitOk : kExitFailure;
}

int verify(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Check the paper nodes' transparency logs: signatures, the Merkle tree against the signed tree head, "
        u"inclusion proofs, and consistency with the heads seen before (kept in the data directory)."_s);
    NetworkOptions o;
    const QCommandLineOption dir{
        u"dir"_s, u"Check a log directory on disk instead (a paper node's DATA/validator/log)."_s, u"LOG_DIR"_s};
    p.addOptions({o.network, o.data, kValidator, dir, o.json});
    int exit = kExitOk;
    QList<api::LogVerification> results;
    if (args.contains(u"--dir"_s) ||
        std::any_of(args.begin(), args.end(), [](const QString &a) { return a.startsWith(u"--dir="_s); })) {
        if (!parseCommandLine(p, args, {}, exit))
            return exit;
        if (p.isSet(o.network) || p.isSet(kValidator)) {
            printError(u"--dir checks a log on disk; it does not go with --network or --validator"_s);
            return kExitUsage;
        }
        results.append(api::verifyLogDirectory(p.value(dir)));
        results.last().name = p.value(dir);
    } else {
        auto client = openNetworkClient(p, o, args, {}, exit);
        if (!client)
            return exit;
        auto checked = client->verifyLogs(p.value(kValidator));
        if (!checked) {
            printError(checked.message());
            return kExitFailure;
        }
        results = checked.value();
    }
    bool allOk = true;
    for (const api::LogVerification &v : results)
        allOk = allOk && v.ok;
    if (p.isSet(o.json)) {
        QJsonArray list;
        for (const api::LogVerification &v : results)
            list.append(QJsonObject{{u"validator"_s, v.validator},
                                    {u"name"_s, v.name},
                                    {u"counted"_s, v.counted},
                                    {u"reachable"_s, v.reachable},
                                    {u"ok"_s, v.ok},
                                    {u"size"_s, v.size},
                                    {u"root"_s, v.root},
                                    {u"problems"_s, QJsonArray::fromStringList(v.problems)},
                                    {u"reports"_s, QJsonArray::fromStringList(v.reports)}});
        printJson(list);
    } else {
        for (const api::LogVerification &v : results)
            printVerification(v);
    }
    if (!allOk)
        printError(
            u"%1 of %2 logs did not verify (see above)"_s
                .arg(std::count_if(results.begin(), results.end(), [](const api::LogVerification &v) { return !v.ok; }))
                .arg(results.size()));
    return allOk ? kExitOk : kExitFailure;
}

} // namespace

int runNodes(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Show the network's storage nodes as its counted paper nodes see them (medians of their scores)."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    auto standing = client->standings();
    if (!standing) {
        printError(standing.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        QJsonArray nodes;
        for (const api::NodeStanding &n : standing->nodes)
            nodes.append(QJsonObject{{u"id"_s, n.id},
                                     {u"name"_s, n.name},
                                     {u"validators"_s, n.validators},
                                     {u"score"_s, n.score},
                                     {u"audit_score"_s, n.auditScore},
                                     {u"uptime"_s, n.uptime},
                                     {u"latency_p95_ms"_s, n.latencyP95Ms},
                                     {u"throughput"_s, n.throughput},
                                     {u"audits_passed"_s, n.auditsPassed},
                                     {u"audits_failed"_s, n.auditsFailed},
                                     {u"online"_s, n.online},
                                     {u"vetted"_s, n.vetted},
                                     {u"eligible"_s, n.eligible}});
        printJson(QJsonObject{{u"validators_counted"_s, standing->validatorsCounted},
                              {u"validators_answered"_s, standing->validatorsAnswered},
                              {u"nodes"_s, nodes},
                              {u"problems"_s, QJsonArray::fromStringList(standing->problems)}});
    } else {
        printLine(u"%1 of %2 counted validators answered"_s.arg(standing->validatorsAnswered)
                      .arg(standing->validatorsCounted));
        for (const QString &problem : standing->problems)
            printLine(u"  %1"_s.arg(problem));
        for (const api::NodeStanding &n : standing->nodes)
            printLine(u"  %1  %2  score %3  audits %4 (%5 ok, %6 failed)  uptime %7  p95 %8 ms%9"_s.arg(
                (n.name.isEmpty() ? n.id.left(15) : n.name).leftJustified(15),
                (n.validators == 0 ? u"unaudited"_s
                 : n.online        ? u"online"_s
                                   : u"OFFLINE"_s)
                    .leftJustified(9),
                QString::number(n.score, 'f', 3), QString::number(n.auditScore, 'f', 3),
                QString::number(n.auditsPassed), QString::number(n.auditsFailed), QString::number(n.uptime, 'f', 3),
                QString::number(n.latencyP95Ms, 'f', 1),
                n.validators > 0 && !n.eligible ? u"  (gets no new shards)"_s
                : n.validators > 0 && !n.vetted ? u"  (new: being vetted)"_s
                                                : QString()));
    }
    return kExitOk;
}

int runLog(const QStringList &args)
{
    const QString sub = args.value(1);
    const QStringList rest = QStringList{u"log %1"_s.arg(sub)} + args.mid(2);
    if (sub == u"show"_s)
        return show(rest);
    if (sub == u"verify"_s)
        return verify(rest);
    printError(sub.isEmpty() ? u"`stratus log` needs one of: show, verify"_s
                             : u"unknown log command \"%1\" (use show or verify)"_s.arg(sub));
    return kExitUsage;
}

} // namespace stratus::cli
