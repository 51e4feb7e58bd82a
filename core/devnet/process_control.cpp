#include "devnet/process_control.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace stratus::devnet {

Result<qint64> startDetached(const QString &program, const QStringList &args, const QString &logFile)
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setStandardInputFile(QProcess::nullDevice());
    p.setStandardOutputFile(logFile, QIODevice::Append);
    p.setStandardErrorFile(logFile, QIODevice::Append);
    qint64 pid = 0;
    if (!p.startDetached(&pid) || pid <= 0)
        return makeError(u"cannot start %1: %2"_s.arg(program, p.errorString()));
    return pid;
}

bool isOurProcess(qint64 pid, const QString &marker)
{
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH))
        return false;
    QFile cmdline(u"/proc/%1/cmdline"_s.arg(pid));
    if (!cmdline.open(QIODevice::ReadOnly))
        return false;
    QByteArray text = cmdline.readAll();
    text.replace('\0', ' ');
    // A zombie has an empty command line: it is gone for our purposes.
    return !text.isEmpty() && text.contains(marker.toLocal8Bit());
}

Status stopProcess(qint64 pid, const QString &marker, int graceMs)
{
    if (!isOurProcess(pid, marker))
        return {};
    ::kill(static_cast<pid_t>(pid), SIGTERM);
    QElapsedTimer t;
    t.start();
    while (isOurProcess(pid, marker)) {
        if (t.elapsed() > graceMs) {
            ::kill(static_cast<pid_t>(pid), SIGKILL);
            if (t.elapsed() > graceMs + 5000)
                return makeError(u"process %1 does not stop"_s.arg(pid));
        }
        QThread::msleep(20);
    }
    return {};
}

} // namespace stratus::devnet
