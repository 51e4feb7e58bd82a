// The repair pass of a long-running client (SYNCSERVICE.md "Repair"): the
// shards of every stored file are checked with proofs of storage, segments
// down to n - 1 healthy shards are rebuilt from k survivors onto other nodes,
// and contracts that end within a week are renewed (client::RemoteStore::
// repair). A pass runs in slices of about a second on the engine's thread,
// one slice per tick after the tick's sync work, so syncing goes on between
// them.

#include "syncservice/engine_private.h"
#include "syncservice/log.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace stratus::syncservice {

namespace {

constexpr qint64 kSliceMs = 1000;                     // a slice's budget (it ends after the file it is on)
constexpr qint64 kFirstPassMaxMs = qint64(2) * 60000; // the first pass starts at most this long after start()
constexpr int kProblemsPerPass = 20;                  // failures reported one by one; the rest counted

} // namespace

void SyncEngine::Private::repairStep(qint64 now)
{
    if (nextRepairMs == 0) {
        nextRepairMs = now + std::min(options.repairIntervalMs, kFirstPassMaxMs);
        return;
    }
    if (!repairRunning) {
        if (now < nextRepairMs)
            return;
        repairRunning = true;
        repairResumeAfter.clear();
        repairTotals = {};
        repairSeen.clear();
    }
    QElapsedTimer clock;
    clock.start();
    client::RepairOptions o;
    o.startAfter = repairResumeAfter;
    o.budgetMs = kSliceMs;
    o.seenSegments = &repairSeen;
    auto slice = store->repair(o);
    qCDebug(lcSyncEngine) << "repair slice after" << repairResumeAfter << "took" << clock.elapsed() << "ms";
    if (!slice) {
        repairRunning = false;
        nextRepairMs = now + options.repairIntervalMs;
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                  u"the repair pass stopped (trying again in %1 s): %2"_s.arg(options.repairIntervalMs / 1000)
                      .arg(slice.message()));
        return;
    }
    client::RepairReport &t = repairTotals;
    t.segmentsChecked += slice->segmentsChecked;
    t.segmentsRepaired += slice->segmentsRepaired;
    t.shardsRebuilt += slice->shardsRebuilt;
    t.contractsRenewed += slice->contractsRenewed;
    t.segmentsSkipped += slice->segmentsSkipped;
    t.failures += slice->failures;
    if (!slice->resumeAfter.isEmpty()) {
        repairResumeAfter = slice->resumeAfter; // the next tick goes on from here
        return;
    }

    repairRunning = false;
    nextRepairMs = QDateTime::currentMSecsSinceEpoch() + options.repairIntervalMs;
    // Failures name the file: inside a synced folder as that folder's
    // problem (the status shows it), otherwise by its account path. One that
    // the last pass reported already is only counted in the summary.
    QSet<QString> reported;
    int reportedNow = 0;
    for (const client::RepairFailure &f : std::as_const(t.failures)) {
        const QString key = f.path + u": "_s + f.reason;
        reported.insert(key);
        if (repairReported.contains(key) || ++reportedNow > kProblemsPerPass)
            continue;
        QString folder, path = f.path;
        for (const auto &ef : folders)
            if (f.path.startsWith(u'/' + ef->info.label + u'/')) {
                folder = ef->info.label;
                path = f.path.mid(ef->info.label.size() + 2);
            }
        emitEvent(SyncEvent::Kind::Problem, folder, path, f.reason);
    }
    if (reportedNow > kProblemsPerPass)
        emitEvent(SyncEvent::Kind::Problem, QString(), QString(),
                  u"%1 more segments could not be repaired (see the log)"_s.arg(reportedNow - kProblemsPerPass));
    repairReported = reported;
    QString message =
        u"checked %1 segments: %2 repaired (%3 shards rebuilt), %4 contracts renewed"_s.arg(t.segmentsChecked)
            .arg(t.segmentsRepaired)
            .arg(t.shardsRebuilt)
            .arg(t.contractsRenewed);
    if (!t.failures.isEmpty())
        message += u", %1 could not be repaired"_s.arg(t.failures.size());
    if (t.segmentsSkipped > 0)
        message += u", %1 stored by other devices left to them"_s.arg(t.segmentsSkipped);
    emitEvent(SyncEvent::Kind::Repaired, QString(), QString(), message);
}

} // namespace stratus::syncservice
