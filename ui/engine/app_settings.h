#pragma once

// The desktop app's settings, kept as an INI file in its data directory.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace stratus::ui {

class AppSettings {
public:
    explicit AppSettings(const QString &file);

    bool configured() const; // the first-run wizard has finished
    void setConfigured(bool on);

    // The synced folders; the first is the primary one (default ~/Stratus).
    QStringList syncFolders() const;
    void setSyncFolders(const QStringList &folders);
    QString syncFolder() const; // the primary one
    void setSyncFolder(const QString &path);
    bool folderPaused() const; // every folder (the tray's "pause syncing")
    void setFolderPaused(bool on);
    QStringList pausedFolders() const; // paused one by one
    void setPausedFolders(const QStringList &folders);

    // Empty: the local network the app starts itself.
    QString networkFile() const;
    void setNetworkFile(const QString &path);

    bool contributeStorage() const;
    void setContributeStorage(bool on);
    qint64 storageBytes() const;
    void setStorageBytes(qint64 bytes);
    bool paperNode() const;
    void setPaperNode(bool on);

    int uploadLimitKiB() const; // 0: unlimited
    void setUploadLimitKiB(int kib);
    int downloadLimitKiB() const;
    void setDownloadLimitKiB(int kib);

    QString language() const; // "", "en", "de", "fr"; "": the system's
    void setLanguage(const QString &code);

    QByteArray geometry() const;
    void setGeometry(const QByteArray &geometry);

    void sync();

private:
    mutable QSettings m_settings;
};

} // namespace stratus::ui
