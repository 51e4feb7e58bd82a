#include "engine/app_settings.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace stratus::ui {

AppSettings::AppSettings(const QString &file) : m_settings(file, QSettings::IniFormat) {}

bool AppSettings::configured() const { return m_settings.value(u"configured"_s, false).toBool(); }
void AppSettings::setConfigured(bool on) { m_settings.setValue(u"configured"_s, on); }

QStringList AppSettings::syncFolders() const
{
    QStringList folders = m_settings.value(u"sync/folders"_s).toStringList();
    folders.removeAll(QString());
    if (folders.isEmpty())
        folders.append(m_settings.value(u"sync/folder"_s, QDir::homePath() + u"/Stratus"_s).toString());
    return folders;
}
void AppSettings::setSyncFolders(const QStringList &folders)
{
    m_settings.setValue(u"sync/folders"_s, folders);
    if (!folders.isEmpty())
        m_settings.setValue(u"sync/folder"_s, folders.first());
}
QString AppSettings::syncFolder() const { return syncFolders().first(); }
void AppSettings::setSyncFolder(const QString &path)
{
    QStringList folders = syncFolders();
    folders.removeAll(path);
    if (m_settings.contains(u"sync/folders"_s) && !folders.isEmpty())
        folders[0] = path;
    else
        folders = QStringList{path};
    setSyncFolders(folders);
}
bool AppSettings::folderPaused() const { return m_settings.value(u"sync/paused"_s, false).toBool(); }
void AppSettings::setFolderPaused(bool on) { m_settings.setValue(u"sync/paused"_s, on); }
QStringList AppSettings::pausedFolders() const { return m_settings.value(u"sync/pausedFolders"_s).toStringList(); }
void AppSettings::setPausedFolders(const QStringList &folders)
{
    m_settings.setValue(u"sync/pausedFolders"_s, folders);
}

QString AppSettings::networkFile() const { return m_settings.value(u"network/file"_s).toString(); }
void AppSettings::setNetworkFile(const QString &path) { m_settings.setValue(u"network/file"_s, path); }

bool AppSettings::contributeStorage() const { return m_settings.value(u"node/storage"_s, false).toBool(); }
void AppSettings::setContributeStorage(bool on) { m_settings.setValue(u"node/storage"_s, on); }
qint64 AppSettings::storageBytes() const
{
    return m_settings.value(u"node/storage_bytes"_s, qint64(1) << 30).toLongLong();
}
void AppSettings::setStorageBytes(qint64 bytes) { m_settings.setValue(u"node/storage_bytes"_s, bytes); }
bool AppSettings::paperNode() const { return m_settings.value(u"node/paper"_s, false).toBool(); }
void AppSettings::setPaperNode(bool on) { m_settings.setValue(u"node/paper"_s, on); }

int AppSettings::uploadLimitKiB() const { return m_settings.value(u"limits/upload_kib"_s, 0).toInt(); }
void AppSettings::setUploadLimitKiB(int kib) { m_settings.setValue(u"limits/upload_kib"_s, kib); }
int AppSettings::downloadLimitKiB() const { return m_settings.value(u"limits/download_kib"_s, 0).toInt(); }
void AppSettings::setDownloadLimitKiB(int kib) { m_settings.setValue(u"limits/download_kib"_s, kib); }

QString AppSettings::language() const { return m_settings.value(u"ui/language"_s).toString(); }
void AppSettings::setLanguage(const QString &code) { m_settings.setValue(u"ui/language"_s, code); }

QByteArray AppSettings::geometry() const { return m_settings.value(u"ui/geometry"_s).toByteArray(); }
void AppSettings::setGeometry(const QByteArray &geometry) { m_settings.setValue(u"ui/geometry"_s, geometry); }

void AppSettings::sync() { m_settings.sync(); }

} // namespace stratus::ui
