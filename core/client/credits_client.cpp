#include "client/credits_client.h"

#include "client/log.h"
#include "client/network_context.h"
#include "common/files.h"

#include <QCborMap>
#include <QFile>
#include <QFuture>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace stratus::client {

namespace {

constexpr int kTimeoutMs = 5000;

QString grantPath(const NetworkContext &network, const QString &dataDir)
{
    QString name = network.network().name;
    name.replace(QRegularExpression(u"[^A-Za-z0-9_.-]"_s), u"_"_s);
    return dataDir + u"/credits-%1.grant"_s.arg(name.left(64));
}

bool hasCredits(const NetworkContext &network)
{
    return !network.network().treasuryKey.isEmpty() && !network.network().validators.isEmpty();
}

} // namespace

Status ensureCredits(NetworkContext &network, const QString &dataDir)
{
    if (!hasCredits(network))
        return {};
    const discovery::NetworkFile &net = network.network();
    const QString path = grantPath(network, dataDir);
    QByteArray grant;
    if (QFile f(path); f.open(QIODevice::ReadOnly))
        grant = f.read(4096);
    if (!grant.isEmpty()) {
        auto g = ledger::SignedGrant::fromCbor(grant, net.treasuryKey, net.name);
        if (!g || g->grant.account != network.deviceId())
            grant.clear(); // not ours or damaged: ask again
    }
    if (grant.isEmpty()) {
        // The faucet runs on one of the paper nodes (a devnet's paper1).
        QString lastError = u"no paper node runs a faucet"_s;
        for (const discovery::BootstrapNode &v : net.validators) {
            Result<QCborMap> reply = network.request(v.id, u"faucet"_s, {}, kTimeoutMs).result();
            if (!reply) {
                lastError = reply.message();
                continue;
            }
            auto g = ledger::SignedGrant::fromCbor(reply->value(u"grant"_s).toByteArray(), net.treasuryKey, net.name);
            if (!g || g->grant.account != network.deviceId()) {
                lastError = g ? u"the faucet granted another account"_s : g.message();
                continue;
            }
            grant = g->toCbor();
            if (Status st = writeFileAtomic(path, grant, true); !st)
                return st;
            qCInfo(lcClient).noquote() << "the faucet granted" << g->grant.amount << "µcr";
            break;
        }
        if (grant.isEmpty())
            return makeError(u"this account has no credits and the faucet did not answer (%1)"_s.arg(lastError));
    }
    // Hand the grant to every counted validator (they count it once).
    QList<QFuture<Result<QCborMap>>> replies;
    for (const discovery::BootstrapNode &v : net.validators)
        replies.append(network.request(v.id, u"credit-grant"_s, QCborMap{{u"grant"_s, grant}}, kTimeoutMs));
    for (auto &r : replies)
        if (Result<QCborMap> reply = r.result(); !reply)
            qCInfo(lcClient).noquote() << "a validator did not take the credit grant:" << reply.message();
    return {};
}

CreditStatus readCredits(NetworkContext &network)
{
    CreditStatus out;
    out.enabled = hasCredits(network);
    if (!out.enabled)
        return out;
    QList<QFuture<Result<QCborMap>>> replies;
    QList<crypto::NodeId> counted;
    for (const discovery::BootstrapNode &v : network.network().validators) {
        counted.append(v.id);
        replies.append(
            network.request(v.id, u"balance"_s, QCborMap{{u"account"_s, network.deviceId().bytes()}}, kTimeoutMs));
    }
    QList<QByteArray> notes;
    for (auto &r : replies)
        if (Result<QCborMap> reply = r.result(); reply) {
            notes.append(reply->value(u"note"_s).toByteArray());
            ++out.validatorsAnswered;
        }
    if (auto median = ledger::medianBalance(notes, counted, network.deviceId()); median) {
        out.known = true;
        out.account = *median;
    }
    return out;
}

} // namespace stratus::client
