#include "settings/autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace stratus::ui {

namespace {

[[maybe_unused]] constexpr auto kRunKey = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

QString xmlEscaped(QString text)
{
    return text.replace(u'&', u"&amp;"_s).replace(u'<', u"&lt;"_s).replace(u'>', u"&gt;"_s);
}

QString writeFile(const QString &path, const QString &text)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("Autostart", "cannot create %1").arg(QFileInfo(path).absolutePath());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit())
        return f.errorString();
    return {};
}

} // namespace

QString xdgAutostartEntry(const QString &program)
{
    return u"[Desktop Entry]\nType=Application\nName=Stratus\nComment=%1\nExec=\"%2\" --minimized\n"
           u"Icon=stratus-desktop\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"_s.arg(
               QCoreApplication::translate("Autostart", "Decentralized cloud storage"), program);
}

QString launchAgentPlist(const QString &program)
{
    return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           u"<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
           u"\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
           u"<plist version=\"1.0\">\n<dict>\n"
           u"  <key>Label</key>\n  <string>org.stratus.desktop</string>\n"
           u"  <key>ProgramArguments</key>\n  <array>\n    <string>%1</string>\n"
           u"    <string>--minimized</string>\n  </array>\n"
           u"  <key>RunAtLoad</key>\n  <true/>\n"
           u"</dict>\n</plist>\n"_s.arg(xmlEscaped(program));
}

QString autostartFile()
{
#if defined(Q_OS_WIN)
    return QString::fromLatin1(kRunKey);
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + u"/Library/LaunchAgents/org.stratus.desktop.plist"_s;
#else
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty())
        config = QDir::homePath() + u"/.config"_s;
    return config + u"/autostart/stratus-desktop.desktop"_s;
#endif
}

bool autostartEnabled()
{
#if defined(Q_OS_WIN)
    return QSettings(QString::fromLatin1(kRunKey), QSettings::NativeFormat).contains(u"Stratus"_s);
#else
    return QFile::exists(autostartFile());
#endif
}

QString setAutostart(bool enabled, const QString &program)
{
#if defined(Q_OS_WIN)
    QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    if (enabled)
        run.setValue(u"Stratus"_s, u"\"%1\" --minimized"_s.arg(QDir::toNativeSeparators(program)));
    else
        run.remove(u"Stratus"_s);
    run.sync();
    return run.status() == QSettings::NoError
               ? QString()
               : QCoreApplication::translate("Autostart", "cannot change %1").arg(autostartFile());
#else
    const QString path = autostartFile();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path))
            return QCoreApplication::translate("Autostart", "cannot remove %1").arg(path);
        return {};
    }
#if defined(Q_OS_MACOS)
    return writeFile(path, launchAgentPlist(program));
#else
    return writeFile(path, xdgAutostartEntry(program));
#endif
#endif
}

} // namespace stratus::ui
