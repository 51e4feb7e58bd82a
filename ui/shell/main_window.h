#pragma once

// The main window: a sidebar (Files, Storage node, Paper node, Settings) and
// the pages. Files and folders dropped anywhere on it go to the Files page.

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace stratus::ui {

class Session;
class FilesPage;
class StoragePage;
class PaperPage;
class SettingsPage;
class TrayIcon;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { Files, Storage, Paper, Settings, PageCount };

    explicit MainWindow(Session &session, QWidget *parent = nullptr);

    FilesPage *filesPage() const { return m_files; }
    StoragePage *storagePage() const { return m_storage; }
    PaperPage *paperPage() const { return m_paper; }
    SettingsPage *settingsPage() const { return m_settings; }
    void showPage(Page page);
    Page currentPage() const;
    QWidget *page(Page page) const;
    static QString pageName(Page page);

Q_SIGNALS:
    // The settings page saved another language.
    void languageChangeRequested(const QString &code);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void updateStatus();

    Session &m_session;
    QListWidget *m_sidebar;
    QStackedWidget *m_stack;
    FilesPage *m_files;
    StoragePage *m_storage;
    PaperPage *m_paper;
    SettingsPage *m_settings;
    TrayIcon *m_tray = nullptr;
    QLabel *m_status;
};

} // namespace stratus::ui
