#pragma once

// Runs the real `stratus` binary (STRATUS_BIN) for integration tests.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace stratus::test {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

inline CliRun runStratus(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(qEnvironmentVariable("STRATUS_BIN"), args);
    CliRun r;
    if (!p.waitForStarted(timeoutMs)) {
        r.err = QStringLiteral("could not start stratus (%1): ").arg(p.errorString()) + args.join(QLatin1Char(' '));
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out: stratus ") + args.join(QLatin1Char(' '));
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    if (p.exitStatus() != QProcess::NormalExit)
        r.err += QStringLiteral("\nstratus %1 crashed (%2)").arg(args.join(QLatin1Char(' ')), p.errorString());
    return r;
}

} // namespace stratus::test
