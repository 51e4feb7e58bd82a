#pragma once

// Holds the main window and builds it again when the language changes, so
// that every page shows the new language at once (the session, the network
// and the node keep running).

#include <QObject>
#include <QString>

#include <memory>

namespace stratus::ui {

class Session;
class MainWindow;

class WindowHost : public QObject {
    Q_OBJECT
public:
    explicit WindowHost(Session &session, QObject *parent = nullptr);
    ~WindowHost() override;

    MainWindow *window() const { return m_window.get(); }

    // Installs the translation for `code` and rebuilds the window; while
    // files are being stored it waits until they are (returns false).
    bool switchLanguage(const QString &code);

Q_SIGNALS:
    void windowReplaced(MainWindow *window);

private:
    void create();

    Session &m_session;
    std::unique_ptr<MainWindow> m_window;
    QString m_pendingLanguage; // null: none
};

} // namespace stratus::ui
