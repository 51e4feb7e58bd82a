#include "shell/tray_icon.h"

#include "engine/session.h"
#include "files/drop_importer.h"

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
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
    connect(&session, &Session::syncStatusChanged, this, &TrayIcon::update);
    connect(&importer, &DropImporter::busyChanged, this, &TrayIcon::update);
    connect(&importer, &DropImporter::fileDone, this,
            [this](const QString &name, const QString &, bool ok, const QString &message) {
                m_lastError = ok ? QString() : tr("%1 was not stored: %2").arg(name, message);
                update();
            });
    update();
    show();
}

TrayStatus TrayIcon::status() const
{
    TrayInputs in;
    in.failed = m_session.state() == Session::State::Failed;
    in.ready = m_session.state() == Session::State::Ready;
    in.paused = m_session.paused();
    in.stateMessage = m_session.stateMessage();
    in.importing = m_importer.busy();
    in.lastDropError = m_lastError;
    in.folders = m_session.syncStatus();
    return trayStatus(in);
}

QString TrayIcon::statusText() const { return status().text; }

QIcon TrayIcon::iconFor(TrayStatus::Kind kind)
{
    const QIcon base(u":/icons/stratus.svg"_s);
    QString badge;
    switch (kind) {
    case TrayStatus::Kind::Syncing:
        badge = u":/icons/badge-syncing.svg"_s;
        break;
    case TrayStatus::Kind::Error:
        badge = u":/icons/badge-error.svg"_s;
        break;
    case TrayStatus::Kind::Paused:
        badge = u":/icons/badge-paused.svg"_s;
        break;
    case TrayStatus::Kind::Synced:
    case TrayStatus::Kind::Connecting:
        return base;
    }
    // Each size drawn from the SVGs (sharp at any scale): the badge on the
    // lower right, 11/20 of the icon.
    QIcon out;
    const QIcon mark(badge);
    for (const int size : {16, 22, 24, 32, 48, 64, 128}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const int b = size * 11 / 20;
        painter.drawPixmap(size - b, size - b, mark.pixmap(b, b));
        painter.end();
        out.addPixmap(pixmap);
    }
    return out;
}

void TrayIcon::update()
{
    const TrayStatus s = status();
    setToolTip(tr("Stratus: %1").arg(s.text));
    m_status->setText(s.text);
    m_pause->setText(m_session.paused() ? tr("&Resume syncing") : tr("&Pause syncing"));
    if (s.kind != m_shownKind) {
        m_shownKind = s.kind;
        setIcon(iconFor(s.kind));
    }
}

} // namespace stratus::ui
