#include "console/standing_warnings.h"

#include <QCoreApplication>

namespace stratus::ui {

namespace {

// The warnings come a margin before the thresholds of VALIDATOR.md.
constexpr double kAuditWarn = 0.95;
constexpr double kUptimeWarn = 0.97;
constexpr double kLatencyWarnMs = 400;

} // namespace

QStringList standingWarnings(const api::NodeStanding &n)
{
    QStringList out;
    if (n.validators == 0) {
        out.append(QCoreApplication::translate("StandingWarnings",
                                               "No paper node lists this node yet: it has not been audited."));
        return out;
    }
    if (!n.online)
        out.append(QCoreApplication::translate(
            "StandingWarnings",
            "Offline: the paper nodes cannot reach it. Check that it runs and that its ports are open."));
    if (n.auditScore < kAuditWarn)
        out.append(QCoreApplication::translate(
                       "StandingWarnings",
                       "Audit score %1: %2 proofs of storage failed. Check the disk and the node's data directory.")
                       .arg(n.auditScore, 0, 'f', 3)
                       .arg(n.auditsFailed));
    if (n.uptime < kUptimeWarn)
        out.append(QCoreApplication::translate(
                       "StandingWarnings",
                       "Online score %1: it missed pings. Check its network connection and that it stays running.")
                       .arg(n.uptime, 0, 'f', 3));
    if (n.latencyP95Ms > kLatencyWarnMs)
        out.append(QCoreApplication::translate(
                       "StandingWarnings",
                       "Latency score: 95% of answers take up to %1 ms. The connection or the machine is slow.")
                       .arg(n.latencyP95Ms, 0, 'f', 0));
    // One paper node that sees it worse than the others names itself: the
    // cause is often between the two (a route, a firewall, that paper node).
    for (const api::ValidatorScoreInfo &v : n.byValidator) {
        if (!v.online && n.online)
            out.append(QCoreApplication::translate(
                           "StandingWarnings",
                           "Paper node %1 cannot reach it, though the others can. Check the route between them.")
                           .arg(v.validator));
        if (v.auditScore < kAuditWarn && n.auditScore >= kAuditWarn)
            out.append(QCoreApplication::translate("StandingWarnings",
                                                   "Paper node %1 gives it an audit score of %2 (%3 failed proofs): "
                                                   "close to the 0.900 below which it gets no new shards.")
                           .arg(v.validator)
                           .arg(v.auditScore, 0, 'f', 3)
                           .arg(v.auditsFailed));
        if (v.onlineScore < kUptimeWarn && n.uptime >= kUptimeWarn)
            out.append(QCoreApplication::translate("StandingWarnings",
                                                   "Paper node %1 gives it an online score of %2: it missed that "
                                                   "paper node's pings.")
                           .arg(v.validator)
                           .arg(v.onlineScore, 0, 'f', 3));
    }
    if (!n.eligible && n.online)
        out.append(
            n.vetted
                ? QCoreApplication::translate(
                      "StandingWarnings", "Not eligible for new shards: its score is below the network's threshold.")
                : QCoreApplication::translate(
                      "StandingWarnings", "Still being vetted: it receives shards once enough audits have passed."));
    return out;
}

} // namespace stratus::ui
