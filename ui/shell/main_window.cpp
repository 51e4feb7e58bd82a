#include "shell/main_window.h"

#include "console/storage_page.h"
#include "engine/app_settings.h"
#include "engine/session.h"
#include "files/drop_importer.h"
#include "files/drop_zone.h"
#include "files/files_page.h"
#include "paper/paper_page.h"
#include "settings/settings_page.h"
#include "shell/tray_icon.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace stratus::ui {

MainWindow::MainWindow(Session &session, QWidget *parent) : QMainWindow(parent), m_session(session)
{
    setWindowTitle(tr("Stratus"));
    setWindowIcon(QIcon(u":/icons/stratus.svg"_s));
    setAcceptDrops(true);
    m_files = new FilesPage(session, this);
    m_storage = new StoragePage(session, this);
    m_paper = new PaperPage(session, this);
    m_settings = new SettingsPage(session, this);

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(u"sidebar"_s);
    m_sidebar->setAccessibleName(tr("Pages"));
    m_sidebar->setIconSize(QSize(28, 28));
    m_sidebar->setFixedWidth(180);
    m_sidebar->setSpacing(2);
    m_stack = new QStackedWidget(this);
    const QStringList icons{u"files"_s, u"storage"_s, u"paper"_s, u"settings"_s};
    const QList<QWidget *> pages{m_files, m_storage, m_paper, m_settings};
    for (int i = 0; i < PageCount; ++i) {
        auto *item = new QListWidgetItem(QIcon(u":/icons/%1.svg"_s.arg(icons[i])), pageName(Page(i)));
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(pageName(Page(i))).arg(i + 1));
        m_sidebar->addItem(item);
        m_stack->addWidget(pages[i]);
        auto *shortcut = new QShortcut(QKeySequence(u"Ctrl+%1"_s.arg(i + 1)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i]() { showPage(Page(i)); });
    }
    connect(m_settings, &SettingsPage::languageChanged, this, &MainWindow::languageChangeRequested);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int i) {
        if (i == Storage)
            m_storage->refresh();
    });
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    setTabOrder(m_sidebar, m_stack);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    connect(&session, &Session::stateChanged, this, &MainWindow::updateStatus);
    connect(&session, &Session::pausedChanged, this, &MainWindow::updateStatus);
    connect(m_files->importer(), &DropImporter::busyChanged, this, &MainWindow::updateStatus);

    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray = new TrayIcon(session, *m_files->importer(), this);

    if (!restoreGeometry(session.settings().geometry()))
        resize(1100, 720);
    m_sidebar->setCurrentRow(Files);
    updateStatus();
}

QString MainWindow::pageName(Page page)
{
    switch (page) {
    case Files:
        return tr("Files");
    case Storage:
        return tr("Storage node");
    case Paper:
        return tr("Paper node");
    case Settings:
        return tr("Settings");
    case PageCount:
        break;
    }
    return {};
}

void MainWindow::showPage(Page page) { m_sidebar->setCurrentRow(page); }

MainWindow::Page MainWindow::currentPage() const { return Page(m_stack->currentIndex()); }

QWidget *MainWindow::page(Page page) const { return m_stack->widget(page); }

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!DropZone::localUrls(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = DropZone::localUrls(event->mimeData());
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    showPage(Files);
    m_files->importUrls(urls);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_session.settings().setGeometry(saveGeometry());
    m_session.settings().sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::updateStatus()
{
    QString text = m_session.stateMessage();
    if (m_session.paused())
        text += tr(" · paused");
    else if (m_files->importer()->busy())
        text += tr(" · syncing");
    m_status->setText(text);
}

} // namespace stratus::ui
