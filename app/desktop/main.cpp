// stratus-desktop: wiring only. The pages live in ui/, the engine behind
// core/api/.

#include "api/desktop_account.h"
#include "api/process_tuning.h"
#include "engine/app_paths.h"
#include "engine/app_settings.h"
#include "engine/session.h"
#include "files/drop_importer.h"
#include "files/files_page.h"
#include "shell/main_window.h"
#include "shell/screenshots.h"
#include "shell/stall_meter.h"
#include "shell/translations.h"
#include "shell/window_host.h"
#include "wizard/first_run_wizard.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace stratus;

namespace {

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
#ifdef Q_OS_LINUX
    if (!haveDisplay()) {
        std::fputs("stratus-desktop needs a display (none found: DISPLAY and WAYLAND_DISPLAY are unset).\n"
                   "Use the command line instead, e.g.: stratus devnet up --dir DIR; stratus put FILE --network "
                   "DIR/network.json; stratus ls --network DIR/network.json\n",
                   stderr);
        return 2;
    }
#endif
    api::keepFreedMemoryForTransfers(); // the sync engine hands it back after each transfer
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"stratus-desktop"_s);
    QApplication::setApplicationDisplayName(u"Stratus"_s);
    QApplication::setApplicationVersion(QStringLiteral(STRATUS_VERSION));
    QApplication::setQuitOnLastWindowClosed(true);

    QCommandLineParser p;
    p.setApplicationDescription(u"Stratus: decentralized cloud storage on your desktop."_s);
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption data{u"data"_s, u"The app's data directory (default: the platform's)."_s, u"DIR"_s};
    const QCommandLineOption lang{u"lang"_s, u"Language: en, de or fr (default: settings, then system)."_s, u"CODE"_s};
    const QCommandLineOption screenshot{u"screenshot"_s, u"Save a PNG of each page into DIR, then quit."_s, u"DIR"_s};
    const QCommandLineOption delay{u"screenshot-delay"_s, u"Seconds to wait before the screenshots (default 8)."_s,
                                   u"SECONDS"_s, u"8"_s};
    const QCommandLineOption quitAfter{u"quit-after"_s, u"Quit after SECONDS (benchmarks)."_s, u"SECONDS"_s};
    const QCommandLineOption minimized{u"minimized"_s, u"Start without showing the window (start at login)."_s};
    const QCommandLineOption import{u"import"_s, u"Store PATH (a file or folder) as if dropped on the window."_s,
                                    u"PATH"_s};
    const QCommandLineOption reportReady{u"report-ready"_s,
                                         u"Print \"interactive MS\" once the window is up (benchmarks)."_s};
    const QCommandLineOption reportStall{
        u"report-stall"_s, u"With --import: print the longest event-loop stall once stored, then quit."_s};
    p.addOptions({data, lang, screenshot, delay, quitAfter, minimized, import, reportReady, reportStall});
    p.process(app);

    const ui::AppPaths paths = ui::AppPaths::resolve(p.value(data));
    QDir().mkpath(paths.dataDir);
    ui::AppSettings settings(paths.settingsFile);
    ui::installTranslations(app, p.isSet(lang) ? p.value(lang) : settings.language());

    if (!settings.configured() || !api::hasAccount(paths.accountDir)) {
        ui::FirstRunWizard wizard(paths, settings);
        if (p.isSet(screenshot))
            QTimer::singleShot(500, &wizard, [&]() {
                for (const QString &f : ui::grabWizardPages(wizard, p.value(screenshot)))
                    std::printf("%s\n", qPrintable(f));
                wizard.reject(); // screenshots only: no account is made
            });
        if (wizard.exec() != QDialog::Accepted)
            return 0;
    }

    ui::Session session(paths, settings);
    ui::WindowHost host(session); // rebuilds the window when the language changes
    ui::MainWindow &window = *host.window();
    if (!p.isSet(minimized) || !QSystemTrayIcon::isSystemTrayAvailable())
        window.show();
    session.start();
    QList<QUrl> imports;
    for (const QString &path : p.values(import))
        imports.append(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
    if (!imports.isEmpty())
        window.filesPage()->importUrls(imports);
    if (p.isSet(reportStall)) {
        auto *meter = new ui::StallMeter(&window);
        QObject::connect(window.filesPage()->importer(), &ui::DropImporter::fileDone, meter,
                         [](const QString &name, const QString &, bool ok, const QString &message) {
                             std::printf("stored %s: %s %s\n", ok ? "ok" : "failed", qPrintable(name),
                                         qPrintable(message));
                         });
        QObject::connect(window.filesPage()->importer(), &ui::DropImporter::busyChanged, meter, [meter](bool busy) {
            if (busy)
                return;
            std::printf("stall %lld ms over %d ticks\n", static_cast<long long>(meter->longestMs()), meter->ticks());
            std::fflush(stdout);
            QApplication::quit();
        });
    }
    if (p.isSet(reportReady))
        QTimer::singleShot(0, &window, [&sinceStart]() {
            std::printf("interactive %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
        });

    if (p.isSet(screenshot)) {
        const QString dir = p.value(screenshot);
        QTimer::singleShot(qRound(p.value(delay).toDouble() * 1000), &host, [&host, dir]() {
            for (const QString &f : ui::grabPages(*host.window(), dir))
                std::printf("%s\n", qPrintable(f));
            QApplication::quit();
        });
    }
    if (p.isSet(quitAfter))
        QTimer::singleShot(qRound(p.value(quitAfter).toDouble() * 1000), &app, &QApplication::quit);

    const int code = QApplication::exec();
    session.shutdown(); // stops the node and the local network the app started
    return code;
}
