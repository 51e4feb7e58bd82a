#include "earnings_commands.h"

#include "api/client.h"
#include "api/earnings.h"
#include "arguments.h"
#include "command.h"
#include "network_client.h"
#include "output.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace stratus::cli {

namespace {

const QCommandLineOption kNode{u"node"_s,
                               u"One storage node: its name in the network file (node1, ...) or its id; default: "
                               u"every storage node of the network."_s,
                               u"NAME|ID"_s};

QJsonObject epochJson(const api::EpochEarningsInfo &e)
{
    return QJsonObject{{u"epoch"_s, e.epoch},
                       {u"start_ms"_s, e.startMs},
                       {u"end_ms"_s, e.endMs},
                       {u"capacity"_s, e.capacityBytes},
                       {u"audited"_s, e.audited},
                       {u"validators"_s, e.validators},
                       {u"uptime"_s, e.uptime},
                       {u"audit_score"_s, e.auditScore},
                       {u"score"_s, e.score},
                       {u"network_median_score"_s, e.networkMedianScore},
                       {u"network_utilization"_s, e.networkUtilization},
                       {u"audits_failed"_s, e.auditsFailed},
                       {u"storage_receipts"_s, e.storageReceipts},
                       {u"egress_receipts"_s, e.egressReceipts},
                       {u"storage"_s, e.storage},
                       {u"egress"_s, e.egress},
                       {u"multiplier_ppm"_s, e.multiplierPpm},
                       {u"base"_s, e.base},
                       {u"storage_paid"_s, e.storagePaid},
                       {u"egress_paid"_s, e.egressPaid},
                       {u"penalty"_s, e.penalty},
                       {u"total"_s, e.total},
                       {u"statement"_s, e.statementHash}};
}

QString nameOf(const api::NodeEarnings &n) { return n.name.isEmpty() ? n.id.left(15) : n.name; }

// Reads --epochs; prints the error and returns nothing when it is bad.
std::optional<int> epochsOption(const QCommandLineParser &p, const QCommandLineOption &epochs)
{
    if (!p.isSet(epochs))
        return 30;
    bool ok = false;
    const int n = p.value(epochs).toInt(&ok);
    if (!ok || n < 1 || n > 10000) {
        printError(u"--epochs must be a whole number from 1 to 10000"_s);
        return std::nullopt;
    }
    return n;
}

int show(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Per-epoch earnings of storage nodes, from their signed epoch statements, with the breakdown (base fee, "
        u"storage and egress times the performance multiplier, penalties) and an estimate for the running epoch and "
        u"the month. Amounts in credits (1 cr = 1,000,000 µcr); JSON amounts in µcr."_s);
    NetworkOptions o;
    const QCommandLineOption epochs{u"epochs"_s, u"How many of the latest closed epochs (default 30)."_s, u"N"_s};
    p.addOptions({o.network, o.data, kNode, epochs, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    const auto n = epochsOption(p, epochs);
    if (!n)
        return kExitUsage;
    auto earnings = client->earnings(p.value(kNode), *n);
    if (!earnings) {
        printError(earnings.message());
        return kExitFailure;
    }
    bool allReached = true;
    if (p.isSet(o.json)) {
        QJsonArray nodes;
        for (const api::NodeEarnings &e : earnings.value()) {
            allReached = allReached && e.reachable;
            QJsonArray list;
            for (const api::EpochEarningsInfo &x : e.epochs)
                list.append(epochJson(x));
            nodes.append(QJsonObject{{u"id"_s, e.id},
                                     {u"name"_s, e.name},
                                     {u"reachable"_s, e.reachable},
                                     {u"error"_s, e.error},
                                     {u"epochs"_s, list},
                                     {u"estimate"_s, QJsonObject{{u"epoch"_s, e.estimate.epoch},
                                                                 {u"elapsed_ms"_s, e.estimate.elapsedMs},
                                                                 {u"base"_s, e.estimate.base},
                                                                 {u"storage_paid"_s, e.estimate.storagePaid},
                                                                 {u"egress_paid"_s, e.estimate.egressPaid},
                                                                 {u"penalty"_s, e.estimate.penalty},
                                                                 {u"total"_s, e.estimate.total},
                                                                 {u"month"_s, e.estimate.month}}}});
        }
        printJson(nodes);
    } else {
        for (const api::NodeEarnings &e : earnings.value()) {
            allReached = allReached && e.reachable;
            printLine(u"%1  %2"_s.arg(nameOf(e), e.id));
            if (!e.reachable) {
                printLine(u"  unreachable: %1"_s.arg(e.error));
                continue;
            }
            if (!e.error.isEmpty())
                printLine(u"  warning: %1"_s.arg(e.error));
            printLine(u"  %1  %2  %3  %4  %5  %6  %7"_s.arg(
                u"epoch"_s.rightJustified(7), u"base"_s.rightJustified(14), u"storage"_s.rightJustified(14),
                u"egress"_s.rightJustified(14), u"multiplier"_s.rightJustified(10), u"penalty"_s.rightJustified(14),
                u"total"_s.rightJustified(14)));
            for (const api::EpochEarningsInfo &x : e.epochs)
                printLine(u"  %1  %2  %3  %4  %5  %6  %7%8"_s.arg(
                    QString::number(x.epoch).rightJustified(7), api::formatCredits(x.base).rightJustified(14),
                    api::formatCredits(x.storagePaid).rightJustified(14),
                    api::formatCredits(x.egressPaid).rightJustified(14),
                    u"x%1"_s.arg(QString::number(x.multiplierPpm / 1e6, 'f', 3)).rightJustified(10),
                    api::formatCredits(-x.penalty).rightJustified(14), api::formatCredits(x.total).rightJustified(14),
                    x.audited ? QString() : u"  (not audited)"_s));
            if (e.epochs.isEmpty())
                printLine(u"  (no closed epoch yet: a node closes each epoch shortly after it ends)"_s);
            printLine(u"  running epoch %1 (%2 s in): about %3; a month at this rate: about %4"_s.arg(
                QString::number(e.estimate.epoch), QString::number(e.estimate.elapsedMs / 1000),
                api::formatCredits(e.estimate.total), api::formatCredits(e.estimate.month)));
        }
    }
    if (!allReached) {
        printError(u"some nodes did not answer (see above)"_s);
        return kExitFailure;
    }
    return kExitOk;
}

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
        return s;
    return u"\"%1\""_s.arg(QString(s).replace(u"\""_s, u"\"\""_s));
}

QString utc(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }

QByteArray csvOf(const QList<api::NodeEarnings> &nodes)
{
    QStringList lines{u"node_id,node_name,epoch,start_utc,end_utc,capacity_bytes,audited,validators,uptime,"
                      u"audit_score,score,audits_failed,storage_receipts,egress_receipts,storage_ucr,egress_ucr,"
                      u"multiplier_ppm,base_ucr,storage_paid_ucr,egress_paid_ucr,penalty_ucr,total_ucr,total_credits,"
                      u"statement_sha256"_s};
    for (const api::NodeEarnings &n : nodes)
        for (const api::EpochEarningsInfo &e : n.epochs) {
            QStringList f{csvField(n.id),
                          csvField(n.name),
                          QString::number(e.epoch),
                          utc(e.startMs),
                          utc(e.endMs),
                          QString::number(e.capacityBytes),
                          e.audited ? u"yes"_s : u"no"_s,
                          QString::number(e.validators),
                          QString::number(e.uptime, 'f', 6),
                          QString::number(e.auditScore, 'f', 6),
                          QString::number(e.score, 'f', 6),
                          QString::number(e.auditsFailed),
                          QString::number(e.storageReceipts),
                          QString::number(e.egressReceipts),
                          QString::number(e.storage),
                          QString::number(e.egress),
                          QString::number(e.multiplierPpm),
                          QString::number(e.base),
                          QString::number(e.storagePaid),
                          QString::number(e.egressPaid),
                          QString::number(e.penalty),
                          QString::number(e.total),
                          api::formatCredits(e.total).chopped(3),
                          e.statementHash};
            lines.append(f.join(u','));
        }
    return (lines.join(u'\n') + u'\n').toUtf8();
}

bool writeOut(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        printError(u"cannot write %1: %2"_s.arg(path, f.errorString()));
        return false;
    }
    return true;
}

int exportCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Write what an operator needs for accounting: --csv, one line per node and closed epoch; or --statement "
        u"EPOCH, one node's statement with its receipts and evidence, for `stratus earnings verify`."_s);
    NetworkOptions o;
    const QCommandLineOption csv{u"csv"_s, u"CSV of every closed epoch (stdout unless --out)."_s};
    const QCommandLineOption statement{u"statement"_s, u"One node's statement of this epoch (needs --node, --out)."_s,
                                       u"EPOCH"_s};
    const QCommandLineOption out{u"out"_s, u"Write to this file."_s, u"FILE"_s};
    const QCommandLineOption epochs{u"epochs"_s, u"With --csv: how many of the latest epochs (default 30)."_s, u"N"_s};
    p.addOptions({o.network, o.data, kNode, csv, statement, out, epochs});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    if (p.isSet(csv) == p.isSet(statement)) {
        printError(u"say what to export: --csv or --statement EPOCH"_s);
        return kExitUsage;
    }
    if (p.isSet(statement)) {
        bool ok = false;
        const qint64 epoch = p.value(statement).toLongLong(&ok);
        if (!ok || epoch < 0) {
            printError(u"--statement takes an epoch number (see `stratus earnings show`)"_s);
            return kExitUsage;
        }
        if (!p.isSet(kNode) || !p.isSet(out)) {
            printError(u"--statement needs --node NAME|ID (whose statement) and --out FILE (where to write it)"_s);
            return kExitUsage;
        }
        auto bytes = client->exportStatement(p.value(kNode), epoch);
        if (!bytes) {
            printError(bytes.message());
            return kExitFailure;
        }
        if (!writeOut(p.value(out), bytes.value()))
            return kExitFailure;
        printLine(u"statement of epoch %1 written to %2; check it with `stratus earnings verify %2`"_s.arg(
            QString::number(epoch), p.value(out)));
        return kExitOk;
    }
    const auto n = epochsOption(p, epochs);
    if (!n)
        return kExitUsage;
    auto earnings = client->earnings(p.value(kNode), *n);
    if (!earnings) {
        printError(earnings.message());
        return kExitFailure;
    }
    const QByteArray data = csvOf(earnings.value());
    bool allReached = true;
    for (const api::NodeEarnings &e : earnings.value())
        if (!e.reachable) {
            allReached = false;
            printError(u"%1 did not answer: %2"_s.arg(nameOf(e), e.error));
        }
    if (p.isSet(out)) {
        if (!writeOut(p.value(out), data))
            return kExitFailure;
    } else {
        printLine(QString::fromUtf8(data).chopped(1));
    }
    return allReached ? kExitOk : kExitFailure;
}

int verify(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Check a statement file (from `stratus earnings export --statement`): the node's signature, every receipt's "
        u"client signature and amount, the validators' signed evidence, and the whole computation, to the unit."_s);
    const QCommandLineOption network{
        u"network"_s, u"Trust only the validators this network file counts (default: those the file names)."_s,
        u"FILE"_s};
    const QCommandLineOption json{u"json"_s, u"Print JSON."_s};
    p.addOptions({network, json});
    int exit = kExitOk;
    if (!parseCommandLine(p, args, {u"FILE"_s}, exit))
        return exit;
    const api::StatementVerification v = api::verifyStatementFile(p.positionalArguments().value(0), p.value(network));
    if (p.isSet(json)) {
        QJsonObject o{{u"ok"_s, v.ok},
                      {u"message"_s, v.message},
                      {u"node"_s, v.node},
                      {u"receipts"_s, v.receipts},
                      {u"economics"_s, v.economics},
                      {u"epoch"_s, epochJson(v.earnings)}};
        printJson(o);
    } else if (v.ok) {
        const api::EpochEarningsInfo &e = v.earnings;
        printLine(u"node %1, epoch %2: %3"_s.arg(v.node).arg(e.epoch).arg(v.message));
        printLine(u"  base %1 + storage %2 + egress %3 (x%4) - penalty %5 = %6"_s.arg(
            api::formatCredits(e.base), api::formatCredits(e.storagePaid), api::formatCredits(e.egressPaid),
            QString::number(e.multiplierPpm / 1e6, 'f', 3), api::formatCredits(e.penalty),
            api::formatCredits(e.total)));
    }
    if (!v.ok) {
        printError(u"statement does NOT verify: %1"_s.arg(v.message));
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace

int runCredits(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"This account's network credits: the balance the paper nodes keep from signed grants, contracts and "
        u"bandwidth orders, what the stored files cost a month, and how long the credits last."_s);
    NetworkOptions o;
    p.addOptions({o.network, o.data, o.json});
    int exit = kExitOk;
    auto client = openNetworkClient(p, o, args, {}, exit);
    if (!client)
        return exit;
    auto c = client->credits();
    if (!c) {
        printError(c.message());
        return kExitFailure;
    }
    if (p.isSet(o.json)) {
        printJson(QJsonObject{{u"enabled"_s, c->enabled},
                              {u"known"_s, c->known},
                              {u"validators_answered"_s, c->validatorsAnswered},
                              {u"granted"_s, c->granted},
                              {u"spent"_s, c->spent},
                              {u"balance"_s, c->balance},
                              {u"stored_bytes"_s, c->storedBytes},
                              {u"monthly_cost"_s, c->monthlyCost},
                              {u"egress_price"_s, c->egressPricePerGiB},
                              {u"traffic_bytes_30d"_s, c->trafficBytes30d},
                              {u"monthly_traffic_cost"_s, c->monthlyTrafficCost},
                              {u"days_left"_s, c->daysLeft},
                              {u"warning"_s, c->warning}});
    } else if (!c->enabled) {
        printLine(u"this network charges no credits (its network file names no treasury)"_s);
    } else {
        printLine(u"balance %1 (granted %2, spent %3; %4 paper node(s) answered)"_s.arg(
            api::formatCredits(c->balance), api::formatCredits(c->granted), api::formatCredits(c->spent),
            QString::number(c->validatorsAnswered)));
        printLine(u"stored %1 with redundancy, costing %2 a month%3"_s.arg(
            humanBytes(c->storedBytes), api::formatCredits(c->monthlyCost),
            c->daysLeft >= 0 ? u"; enough for about %1 days"_s.arg(c->daysLeft) : QString()));
        printLine(u"downloaded %1 in the last 30 days, costing %2 (%3 per GiB)"_s.arg(
            humanBytes(c->trafficBytes30d), api::formatCredits(c->monthlyTrafficCost),
            api::formatCredits(c->egressPricePerGiB)));
    }
    if (!c->warning.isEmpty())
        printError(u"warning: %1"_s.arg(c->warning));
    return c->enabled && !c->known ? kExitFailure : kExitOk;
}

int runEarnings(const QStringList &args)
{
    const QString sub = args.value(1);
    const QStringList rest = QStringList{u"earnings %1"_s.arg(sub)} + args.mid(2);
    if (sub == u"show"_s)
        return show(rest);
    if (sub == u"export"_s)
        return exportCommand(rest);
    if (sub == u"verify"_s)
        return verify(rest);
    printError(sub.isEmpty() ? u"`stratus earnings` needs one of: show, export, verify"_s
                             : u"unknown earnings command \"%1\" (use show, export or verify)"_s.arg(sub));
    return kExitUsage;
}

} // namespace stratus::cli
