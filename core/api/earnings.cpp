#include "api/earnings.h"

#include "api/earnings_private.h"

#include "discovery/network_file.h"
#include "ledger/statement_bundle.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace stratus::api {

namespace {

constexpr qint64 kMaxStatementFile = 512 * 1024 * 1024;

double fraction(qint64 ppm) { return static_cast<double>(ppm) / 1e6; }

} // namespace

EpochEarningsInfo earningsInfo(const ledger::SignedStatement &signedStatement)
{
    const ledger::EpochStatement &s = signedStatement.statement;
    EpochEarningsInfo e;
    e.epoch = s.epoch;
    e.startMs = s.startMs;
    e.endMs = s.endMs;
    e.capacityBytes = s.inputs.capacityBytes;
    e.audited = s.inputs.audited;
    e.validators = static_cast<int>(s.validators);
    e.uptime = fraction(s.inputs.uptimePpm);
    e.auditScore = fraction(s.inputs.auditScorePpm);
    e.score = fraction(s.inputs.scorePpm);
    e.networkMedianScore = fraction(s.inputs.networkMedianScorePpm);
    e.networkUtilization = fraction(s.inputs.networkUtilizationPpm);
    e.auditsFailed = s.inputs.auditsFailed;
    e.storageReceipts = s.storageReceipts;
    e.egressReceipts = s.egressReceipts;
    e.storage = s.inputs.storage;
    e.egress = s.inputs.egress;
    e.multiplierPpm = s.earnings.multiplierPpm;
    e.base = s.earnings.base;
    e.storagePaid = s.earnings.storagePaid;
    e.egressPaid = s.earnings.egressPaid;
    e.penalty = s.earnings.penalty;
    e.total = s.earnings.total;
    e.statementHash = QString::fromLatin1(signedStatement.hash().toHex());
    return e;
}

StatementVerification verifyStatementFile(const QString &path, const QString &networkFile)
{
    StatementVerification out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        out.message = u"cannot read %1: %2"_s.arg(path, f.errorString());
        return out;
    }
    if (f.size() > kMaxStatementFile) {
        out.message = u"%1 is larger than any statement file (512 MiB)"_s.arg(path);
        return out;
    }
    QList<crypto::NodeId> trusted;
    if (!networkFile.isEmpty()) {
        auto network = discovery::NetworkFile::load(networkFile);
        if (!network) {
            out.message = network.message();
            return out;
        }
        for (const discovery::BootstrapNode &v : network->validators)
            trusted.append(v.id);
        if (trusted.isEmpty())
            trusted.append(crypto::NodeId()); // a network without validators trusts none
    }
    auto bundle = ledger::StatementBundle::fromCbor(f.readAll());
    if (!bundle) {
        out.message = bundle.message();
        return out;
    }
    auto verified = ledger::verifyBundle(bundle.value(), trusted);
    if (!verified) {
        out.message = verified.message();
        if (auto s = ledger::SignedStatement::fromCbor(bundle->statement); s) {
            out.node = s->statement.node.toString();
            out.earnings = earningsInfo(s.value());
        }
        return out;
    }
    out.ok = true;
    out.node = verified->statement.statement.node.toString();
    out.receipts = bundle->receipts.size();
    out.evidenceEntries = static_cast<int>(bundle->evidence.size());
    out.economics = verified->economics.name;
    out.earnings = earningsInfo(verified->statement);
    out.message = u"statement verified: every signature, %1 receipts and %2 validator entries check out, and the "
                  u"amounts recompute to the unit under the \"%3\" economics"_s.arg(out.receipts)
                      .arg(out.evidenceEntries)
                      .arg(out.economics);
    return out;
}

QString formatCredits(qint64 micro)
{
    const QString sign = micro < 0 ? u"-"_s : QString();
    const qint64 a = micro < 0 ? -micro : micro;
    return u"%1%2.%3 cr"_s.arg(sign).arg(a / 1000000).arg(a % 1000000, 6, 10, QLatin1Char('0'));
}

} // namespace stratus::api
