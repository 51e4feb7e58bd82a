#pragma once

// A `stratus sync` process for integration tests: started with the given
// arguments, its output collected, stopped with SIGTERM (killed if it does
// not end).

#include "test_timing.h"

#include <QProcess>
#include <QTest>

namespace stratus::test {

struct SyncProcess {
    QProcess *process = nullptr;
    QByteArray out;
    QByteArray err;

    // The last `bytes` of what it printed, for failure messages.
    QString output(qsizetype bytes = 4000) const
    {
        return QString::fromUtf8(out.right(bytes) + "\n" + err.right(bytes));
    }
};

// Starts `stratus ARGS` (owned by `owner`) and returns once it says it is
// syncing; fails the test if it stops instead.
inline void startSyncProcess(QObject *owner, SyncProcess &d, const QStringList &args)
{
    QVERIFY(!d.process);
    d.process = new QProcess(owner);
    QObject::connect(d.process, &QProcess::readyReadStandardOutput, owner,
                     [&d] { d.out += d.process->readAllStandardOutput(); });
    QObject::connect(d.process, &QProcess::readyReadStandardError, owner,
                     [&d] { d.err += d.process->readAllStandardError(); });
    d.process->start(qEnvironmentVariable("STRATUS_BIN"), args);
    QVERIFY(d.process->waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(d.out.contains("syncing as device") || d.process->state() != QProcess::Running,
                             scaledMs(20000));
    QVERIFY2(d.process->state() == QProcess::Running, d.err.constData());
}

inline void stopSyncProcess(SyncProcess &d)
{
    if (!d.process)
        return;
    if (d.process->state() != QProcess::NotRunning) {
        d.process->terminate();
        if (!d.process->waitForFinished(scaledMs(20000))) {
            d.process->kill();
            d.process->waitForFinished();
        }
    }
    delete d.process;
    d.process = nullptr;
}

} // namespace stratus::test
