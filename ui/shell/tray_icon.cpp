#include "shell/tray_icon.h"

#include "engine/session.h"
#include "files/drop_importer.h"

#include <QApplication>
#include <QMenu>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace stratus::ui {

TrayIcon::TrayIcon(Session &session, DropImporter &importer, QWidget *window)
    : QSystemTrayIcon(QIcon(u":/icons/stratus.svg"_s), window), m_session(session), m_importer(importer)
{
    auto *menu = new QMenu(window);
    m_status = menu->addAction(QString());
    m_status->setEnabled(false);
    menu->addSeparator();
    menu->addAction(tr("&Show Stratus"), window, [window]() {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    m_pause = menu->addAction(QString(), this, [this]() { m_session.setPaused(!m_session.paused()); });
    menu->addSeparator();
    menu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    setContextMenu(menu);
    connect(this, &QSystemTrayIcon::activated, window, [window](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            window->setVisible(!window->isVisible());
    });
    connect(&session, &Session::stateChanged, this, &TrayIcon::update);
    connect(&session, &Session::pausedChanged, this, &TrayIcon::update);
    connect(&importer, &DropImporter::busyChanged, this, &TrayIcon::update);
    connect(&importer, &DropImporter::fileDone, this,
            [this](const QString &name, const QString &, bool ok, const QString &message) {
                m_lastError = ok ? QString() : tr("%1 was not stored: %2").arg(name, message);
                update();
            });
    update();
    show();
}

QString TrayIcon::statusText() const
{
    if (m_session.state() == Session::State::Failed)
        return tr("Error: %1").arg(m_session.stateMessage());
    if (m_session.paused())
        return tr("Paused");
    if (!m_lastError.isEmpty() && !m_importer.busy())
        return tr("Error: %1").arg(m_lastError);
    if (m_session.state() != Session::State::Ready)
        return tr("Connecting…");
    return m_importer.busy() ? tr("Syncing") : tr("Synced");
}

void TrayIcon::update()
{
    const QString text = statusText();
    setToolTip(tr("Stratus: %1").arg(text));
    m_status->setText(text);
    m_pause->setText(m_session.paused() ? tr("&Resume syncing") : tr("&Pause syncing"));
}

} // namespace stratus::ui
