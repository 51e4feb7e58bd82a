#include "shell/tray_status.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace stratus::ui {

TrayStatus trayStatus(const TrayInputs &in)
{
    using Kind = TrayStatus::Kind;
    if (in.failed)
        return {Kind::Error, QCoreApplication::translate("TrayIcon", "Error: %1").arg(in.stateMessage)};
    if (in.paused)
        return {Kind::Paused, QCoreApplication::translate("TrayIcon", "Paused")};
    if (!in.lastDropError.isEmpty() && !in.importing)
        return {Kind::Error, QCoreApplication::translate("TrayIcon", "Error: %1").arg(in.lastDropError)};
    if (!in.ready)
        return {Kind::Connecting, QCoreApplication::translate("TrayIcon", "Connecting…")};
    // The engine's words for what it does (scanning, uploading N files, …).
    QStringList busy;
    int problems = 0;
    QString firstProblem;
    for (const api::SyncFolderStatus &f : in.folders) {
        if (!f.paused && !f.activity.isEmpty() && f.activity != u"idle"_s && f.activity != u"paused"_s)
            busy.append(f.label);
        problems += static_cast<int>(f.problems.size());
        if (firstProblem.isEmpty() && !f.problems.isEmpty())
            firstProblem = u"%1/%2"_s.arg(f.label, f.problems.first());
    }
    if (in.importing || !busy.isEmpty())
        return {Kind::Syncing, busy.isEmpty()
                                   ? QCoreApplication::translate("TrayIcon", "Syncing")
                                   : QCoreApplication::translate("TrayIcon", "Syncing %1").arg(busy.join(u", "_s))};
    if (problems > 0)
        return {Kind::Error,
                QCoreApplication::translate("TrayIcon", "Error: %n file(s) cannot sync (%1)", nullptr, problems)
                    .arg(firstProblem)};
    return {Kind::Synced, QCoreApplication::translate("TrayIcon", "Synced")};
}

} // namespace stratus::ui
