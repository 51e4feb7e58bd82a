// stratus-desktop: time from process start to an interactive window (shown,
// event loop running) with an existing account, the resident memory after
// about 10 s idle with the embedded storage node running, and the longest
// event-loop stall while a large file is stored. Runs the real app
// (offscreen when there is no display) against a local network.
// Targets: < 1 s, < 150 MiB, < 50 ms.

#include "api/desktop_account.h"
#include "api/devnet.h"
#include "engine/app_paths.h"
#include "engine/app_settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace stratus;

namespace {

const QString kStratus = QStringLiteral(STRATUS_BIN_PATH);
const QString kDesktop = QStringLiteral(STRATUS_DESKTOP_PATH);

long statusKiB(qint64 pid, const char *field)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(static_cast<qsizetype>(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    return -1;
}

QProcessEnvironment appEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(u"DISPLAY"_s) && !env.contains(u"WAYLAND_DISPLAY"_s))
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"STRATUS_BIN"_s, kStratus);
    return env;
}

// Waits for a line starting with `prefix` on the app's stdout; `out` keeps
// what was read, so that later lines can be looked for in it too.
QByteArray waitForLine(QProcess &p, QByteArray &out, const QByteArray &prefix, int ms)
{
    QElapsedTimer t;
    t.start();
    p.waitForStarted();
    for (;;) {
        out += p.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n'))
            if (line.startsWith(prefix))
                return line;
        if (t.elapsed() > ms || p.state() != QProcess::Running)
            return {};
        p.waitForReadyRead(100);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir tmp;
    const QString devnetDir = tmp.filePath(u"devnet"_s);
    api::DevnetOptions o;
    o.dir = devnetDir;
    o.program = kStratus;
    o.nodes = 6;
    o.validators = 1;
    o.storage = {qint64(512) << 20};
    auto up = api::devnetUp(o);
    if (!up) {
        std::fprintf(stderr, "devnet: %s\n", qPrintable(up.message()));
        return 1;
    }
    // An existing account, set up as the wizard leaves it, contributing storage.
    const ui::AppPaths paths = ui::AppPaths::under(tmp.filePath(u"app"_s));
    QDir().mkpath(paths.dataDir);
    if (!api::restoreAccount(paths.accountDir, api::generateRecoverySecret())) {
        std::fprintf(stderr, "cannot create the account\n");
        (void)api::devnetDown(devnetDir);
        return 1;
    }
    {
        ui::AppSettings s(paths.settingsFile);
        s.setConfigured(true);
        s.setSyncFolder(tmp.filePath(u"Stratus"_s));
        s.setNetworkFile(up->networkFile);
        s.setContributeStorage(true);
        s.setStorageBytes(qint64(1) << 30);
        s.sync();
    }

    QJsonObject result{{u"bench"_s, u"desktop"_s}};
    // 1. Start to interactive, then RSS after 10 s idle with the node.
    {
        QProcess p;
        p.setProcessEnvironment(appEnvironment());
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        p.start(kDesktop, {u"--data"_s, paths.dataDir, u"--report-ready"_s, u"--quit-after"_s, u"14"_s});
        QByteArray out;
        const QByteArray ready = waitForLine(p, out, "interactive", 30000);
        const double startMs = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (ready.isEmpty()) {
            std::fprintf(stderr, "the app did not come up\n");
            p.kill();
            p.waitForFinished();
            (void)api::devnetDown(devnetDir);
            return 1;
        }
        QThread::sleep(10);
        const long rss = statusKiB(p.processId(), "VmRSS:");
        const long hwm = statusKiB(p.processId(), "VmHWM:");
        p.waitForFinished(60000);
        result[u"start_to_interactive_ms"_s] = startMs;
        result[u"idle_rss_mib"_s] = static_cast<double>(rss) / 1024.0;
        result[u"peak_rss_mib"_s] = static_cast<double>(hwm) / 1024.0;
        std::printf("start to interactive window: %.0f ms (target < 1000)\n", startMs);
        std::printf("RSS after 10 s idle with the embedded node: %.0f MiB (peak %.0f MiB; target < 150)\n",
                    static_cast<double>(rss) / 1024.0, static_cast<double>(hwm) / 1024.0);
    }
    // 2. The longest event-loop stall while a large file is stored.
    {
        const qint64 mib = argc > 1 ? QByteArray(argv[1]).toLongLong() : 256;
        const QString file = tmp.filePath(u"large.bin"_s);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly)) {
            (void)api::devnetDown(devnetDir);
            return 1;
        }
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qint64 i = 0; i < mib; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            f.write(block);
        }
        f.close();
        QProcess p;
        p.setProcessEnvironment(appEnvironment());
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        p.start(kDesktop, {u"--data"_s, paths.dataDir, u"--import"_s, file, u"--report-stall"_s});
        QByteArray out;
        const QByteArray stored = waitForLine(p, out, "stored", 900000);
        const QByteArray stall = waitForLine(p, out, "stall", 60000);
        const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        p.waitForFinished(60000);
        const qint64 ms = stall.split(' ').value(1).toLongLong();
        result[u"upload_mib"_s] = mib;
        result[u"upload_seconds"_s] = seconds;
        result[u"longest_stall_ms"_s] = stall.isEmpty() ? -1 : ms;
        result[u"upload_ok"_s] = stored.startsWith("stored ok");
        if (!stored.startsWith("stored ok"))
            std::printf("the file was not stored: %s\n", stored.constData());
        std::printf("stored %lld MiB in %.1f s; longest event-loop stall %lld ms (target < 50)\n",
                    static_cast<long long>(mib), seconds, static_cast<long long>(ms));
    }
    (void)api::devnetDown(devnetDir);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
