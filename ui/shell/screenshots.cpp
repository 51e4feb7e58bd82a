#include "shell/screenshots.h"

#include "console/storage_page.h"
#include "shell/main_window.h"
#include "wizard/first_run_wizard.h"

#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace stratus::ui {

bool grabWidget(QWidget &widget, const QString &path) { return widget.grab().save(path, "PNG"); }

QStringList grabWizardPages(FirstRunWizard &wizard, const QString &dir)
{
    QStringList written;
    QDir().mkpath(dir);
    const std::pair<FirstRunWizard::PageId, QString> pages[] = {
        {FirstRunWizard::ChoicePage, u"account"_s},         {FirstRunWizard::SecretPage, u"secret"_s},
        {FirstRunWizard::ConfirmPage, u"confirm"_s},        {FirstRunWizard::RestorePage, u"restore"_s},
        {FirstRunWizard::FolderPage, u"folder"_s},          {FirstRunWizard::NetworkPage, u"network"_s},
        {FirstRunWizard::ContributionPage, u"contribute"_s}};
    for (const auto &[id, name] : pages) {
        wizard.setStartId(id);
        wizard.restart();
        QEventLoop wait; // layout and paint
        QTimer::singleShot(300, &wait, &QEventLoop::quit);
        wait.exec();
        const QString path = QDir(dir).filePath(u"wizard-%1.png"_s.arg(name));
        if (grabWidget(wizard, path))
            written.append(path);
    }
    wizard.setStartId(FirstRunWizard::ChoicePage);
    return written;
}

QStringList grabPages(MainWindow &window, const QString &dir)
{
    QStringList written;
    QDir().mkpath(dir);
    const auto settle = []() {
        // A page refreshes when shown: give its answers time to arrive.
        QEventLoop wait;
        QTimer::singleShot(3000, &wait, &QEventLoop::quit);
        wait.exec();
    };
    const QStringList names{u"files"_s, u"storage"_s, u"paper"_s, u"settings"_s};
    for (int i = 0; i < MainWindow::PageCount; ++i) {
        window.showPage(MainWindow::Page(i));
        settle();
        const QString path = QDir(dir).filePath(names[i] + u".png"_s);
        if (grabWidget(window, path))
            written.append(path);
    }
    window.showPage(MainWindow::Storage);
    window.storagePage()->showEarnings(true);
    settle();
    if (grabWidget(window, QDir(dir).filePath(u"earnings.png"_s)))
        written.append(QDir(dir).filePath(u"earnings.png"_s));
    window.storagePage()->showEarnings(false);
    window.showPage(MainWindow::Files);
    return written;
}

} // namespace stratus::ui
