#include "shell/window_host.h"

#include "files/drop_importer.h"
#include "files/files_page.h"
#include "shell/main_window.h"
#include "shell/translations.h"

#include <QCoreApplication>

namespace stratus::ui {

WindowHost::WindowHost(Session &session, QObject *parent) : QObject(parent), m_session(session) { create(); }

WindowHost::~WindowHost() = default;

void WindowHost::create()
{
    m_window = std::make_unique<MainWindow>(m_session);
    connect(m_window.get(), &MainWindow::languageChangeRequested, this,
            [this](const QString &code) { switchLanguage(code); });
    // A language asked for while files were being stored: once they are.
    connect(m_window->filesPage()->importer(), &DropImporter::busyChanged, this, [this](bool busy) {
        if (!busy && !m_pendingLanguage.isNull())
            QMetaObject::invokeMethod(
                this,
                [this]() {
                    const QString code = m_pendingLanguage;
                    m_pendingLanguage = QString();
                    switchLanguage(code);
                },
                Qt::QueuedConnection);
    });
}

bool WindowHost::switchLanguage(const QString &code)
{
    if (m_window->filesPage()->importer()->busy()) {
        m_pendingLanguage = code.isNull() ? QString(u""_qs) : code;
        return false;
    }
    installTranslations(*QCoreApplication::instance(), code);
    MainWindow *old = m_window.release();
    const bool visible = old->isVisible();
    const QByteArray geometry = old->saveGeometry();
    const MainWindow::Page page = old->currentPage();
    create();
    m_window->restoreGeometry(geometry);
    m_window->showPage(page);
    if (visible)
        m_window->show();
    old->hide();
    old->deleteLater(); // this call may come from one of its widgets
    Q_EMIT windowReplaced(m_window.get());
    return true;
}

} // namespace stratus::ui
