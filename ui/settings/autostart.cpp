#include "settings/autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace stratus::ui {

QString autostartFile()
{
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + u"/.config"_s;
    return config + u"/autostart/stratus-desktop.desktop"_s;
}

bool autostartEnabled() { return QFile::exists(autostartFile()); }

QString setAutostart(bool enabled, const QString &program)
{
    const QString path = autostartFile();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return QCoreApplication::translate("Autostart", "cannot remove %1").arg(path);
        return {};
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("Autostart", "cannot create %1").arg(QFileInfo(path).absolutePath());
    const QString text = u"[Desktop Entry]\nType=Application\nName=Stratus\nComment=%1\nExec=\"%2\" --minimized\n"
                         u"Icon=stratus-desktop\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"_s.arg(
                             QCoreApplication::translate("Autostart", "Decentralized cloud storage"), program);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit())
        return f.errorString();
    return {};
}

} // namespace stratus::ui
