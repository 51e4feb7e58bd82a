// The desktop app's pieces on their own (no network): the wizard's secret
// checks, the remote tree, the copy into the synced folder, standing
// warnings, start at login, the window's geometry, the CSV export and the
// German and French translations.

#include "api/desktop_account.h"
#include "console/earnings_panel.h"
#include "console/standing_warnings.h"
#include "console/usage_chart.h"
#include "console/usage_log.h"
#include "engine/app_paths.h"
#include "engine/app_settings.h"
#include "engine/core_words.h"
#include "engine/session.h"
#include "files/drop_importer.h"
#include "files/files_page.h"
#include "files/folder_copy.h"
#include "files/import_progress.h"
#include "files/remote_tree_model.h"
#include "files/sync_folders_box.h"
#include "settings/autostart.h"
#include "settings/settings_page.h"
#include "shell/main_window.h"
#include "shell/stall_meter.h"
#include "shell/translations.h"
#include "shell/tray_icon.h"
#include "shell/window_host.h"
#include "wizard/confirm_secret_page.h"
#include "wizard/first_run_wizard.h"
#include "wizard/restore_page.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace stratus;
using namespace stratus::ui;
using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestDesktopWidgets : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void restorePageNamesTheGroupOfATypo()
    {
        RestoreSecretPage page;
        auto *text = page.findChild<QPlainTextEdit *>(u"restoreSecret"_s);
        QVERIFY(text);
        const QString secret = api::generateRecoverySecret();
        text->setPlainText(secret.toLower());
        QVERIFY(page.isComplete());
        QVERIFY(api::checkRecoverySecret(page.secret()).ok());
        // One character of group 4 changed.
        QString typo = secret;
        const qsizetype at = 3 * 6 + 1;
        typo[at] = typo[at] == u'A' ? u'B' : u'A';
        text->setPlainText(typo);
        QVERIFY(!page.isComplete());
        QVERIFY2(page.problem().contains(u"Group 4"_s), qPrintable(page.problem()));
        text->setPlainText(secret.left(20));
        QVERIFY2(page.problem().contains(u"but 17 were typed"_s), qPrintable(page.problem()));
    }

    void wizardRestoresAnAccountOnTheLocalNetwork()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"restore-app"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        FirstRunWizard wizard(paths, settings);
        wizard.show();
        const QString secret = api::generateRecoverySecret();
        wizard.currentPage()->findChildren<QRadioButton *>().at(1)->setChecked(true); // restore
        wizard.next();
        QCOMPARE(wizard.currentId(), int(FirstRunWizard::RestorePage));
        QAbstractButton *next = wizard.button(QWizard::NextButton);
        auto *text = wizard.currentPage()->findChild<QPlainTextEdit *>(u"restoreSecret"_s);
        text->setPlainText(secret.left(30));
        QVERIFY(!next->isEnabled());
        text->setPlainText(secret);
        QVERIFY(next->isEnabled());
        wizard.next();
        wizard.currentPage()->findChild<QLineEdit *>(u"syncFolder"_s)->setText(m_tmp.filePath(u"Restored"_s));
        wizard.next();
        QCOMPARE(wizard.currentId(), int(FirstRunWizard::NetworkPage)); // the local network by default
        wizard.next();
        wizard.button(QWizard::FinishButton)->click();
        QCOMPARE(wizard.result(), int(QDialog::Accepted));
        QCOMPARE(readFile(paths.accountDir + u"/account.secret"_s).trimmed(), secret.toLatin1());
        QVERIFY(settings.configured());
        QVERIFY(settings.networkFile().isEmpty());
        QCOMPARE(settings.syncFolder(), m_tmp.filePath(u"Restored"_s));
    }

    void confirmPageWantsTheRightGroups()
    {
        const QString secret = api::generateRecoverySecret();
        const QStringList groups = secret.split(u'-');
        ConfirmSecretPage page(secret);
        QCOMPARE(page.groups().size(), 3);
        QVERIFY(!page.isComplete());
        for (int i = 0; i < 3; ++i)
            page.answer(i)->setText(groups[(page.groups()[i]) % groups.size()]); // the wrong groups
        QVERIFY(!page.isComplete());
        for (int i = 0; i < 3; ++i)
            page.answer(i)->setText(groups[page.groups()[i] - 1].toLower());
        QVERIFY(page.isComplete());
    }

    void restoreAccountWritesTheSecret()
    {
        const QString dir = m_tmp.filePath(u"restored"_s);
        const QString secret = api::generateRecoverySecret();
        QVERIFY(!api::hasAccount(dir));
        QVERIFY(api::restoreAccount(dir, secret).ok());
        QVERIFY(api::hasAccount(dir));
        QCOMPARE(readFile(dir + u"/account.secret"_s).trimmed(), secret.toLatin1());
        QVERIFY(!api::restoreAccount(dir, secret).ok()); // never over an existing account
    }

    void remoteTreeGroupsFolders()
    {
        RemoteTreeModel model;
        model.setFiles({api::RemoteFileInfo{u"/Stratus/a.txt"_s, 1, 10, 0, 1, 6, 6},
                        api::RemoteFileInfo{u"/Stratus/sub/b.txt"_s, 2, 20, 0, 1, 6, 5},
                        api::RemoteFileInfo{u"/c.bin"_s, 1, 30, 0, 1, 6, -1}});
        QCOMPARE(model.rowCount(), 2); // Stratus/ and c.bin
        const QModelIndex stratus = model.index(0, 0);
        QCOMPARE(model.data(stratus).toString(), u"Stratus"_s);
        QCOMPARE(model.rowCount(stratus), 2); // a.txt and sub/
        QCOMPARE(model.data(model.index(0, RemoteTreeModel::Health, stratus)).toString(), u"6 of 6 shards reachable"_s);
        const QModelIndex sub = model.index(1, 0, stratus);
        QCOMPARE(model.data(sub).toString(), u"sub"_s);
        QVERIFY(model.data(model.index(0, RemoteTreeModel::Health, sub)).toString().contains(u"repair pending"_s));
        QCOMPARE(model.data(model.index(1, RemoteTreeModel::Health)).toString(), u"unknown"_s);
        // Listed again without health: the last health seen stays, unless the version changed.
        model.setFiles({api::RemoteFileInfo{u"/Stratus/a.txt"_s, 1, 10, 0, 1, 6, -1},
                        api::RemoteFileInfo{u"/Stratus/sub/b.txt"_s, 3, 20, 0, 1, 6, -1}});
        QCOMPARE(model.files()[0].healthyShards, 6);
        QCOMPARE(model.files()[1].healthyShards, -1);
    }

    // Each file of the account against this device's synced folders.
    void remoteTreeTellsWhatIsOnThisDevice()
    {
        using State = RemoteTreeModel::LocalState;
        const QString docs = m_tmp.filePath(u"here/Docs"_s);
        QVERIFY(QDir().mkpath(docs + u"/sub"_s));
        QVERIFY(writeFile(docs + u"/same.txt"_s, "12345"));
        QVERIFY(writeFile(docs + u"/sub/edited.txt"_s, "longer than before"));
        const qint64 mtime = QFileInfo(docs + u"/same.txt"_s).lastModified().toMSecsSinceEpoch();
        api::RemoteFileInfo same{u"/Docs/same.txt"_s, 1, 5, mtime, 1, 6, -1};
        api::RemoteFileInfo edited{u"/Docs/sub/edited.txt"_s, 1, 5, mtime, 1, 6, -1};
        api::RemoteFileInfo gone{u"/Docs/gone.txt"_s, 1, 5, mtime, 1, 6, -1};
        api::RemoteFileInfo elsewhere{u"/Music/song.ogg"_s, 1, 5, mtime, 1, 6, -1};
        const auto states = RemoteTreeModel::localStates({same, edited, gone, elsewhere}, {{u"Docs"_s, docs}});
        QCOMPARE(states.value(same.path), State::Synced);
        QCOMPARE(states.value(edited.path), State::Changed);
        QCOMPARE(states.value(gone.path), State::Missing);
        QCOMPARE(states.value(elsewhere.path), State::NotSyncedHere);
        RemoteTreeModel model;
        model.setFiles({same, elsewhere}, states);
        const QModelIndex docsRow = model.index(0, 0);
        QCOMPARE(model.data(docsRow, RemoteTreeModel::FolderRole).toString(), u"/Docs"_s);
        QCOMPARE(model.data(model.index(0, RemoteTreeModel::Here, docsRow)).toString(), u"synced"_s);
        QCOMPARE(model.data(model.index(0, RemoteTreeModel::Here, model.index(1, 0))).toString(),
                 u"only on the network"_s);
    }

    // A drop of a folder of thousands of files: copied off the GUI thread,
    // taken in by slices, announced once; the event loop keeps turning.
    void aHugeDropDoesNotFreezeTheWindow()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"huge-app"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        Session session(paths, settings);
        DropImporter importer(session);
        const QString src = m_tmp.filePath(u"huge/many"_s);
        constexpr int kFiles = 4000;
        for (int d = 0; d < 40; ++d) {
            QVERIFY(QDir().mkpath(src + u"/d%1"_s.arg(d)));
            for (int i = 0; i < kFiles / 40; ++i)
                QVERIFY(writeFile(src + u"/d%1/f%2.txt"_s.arg(d).arg(i), QByteArray::number(i)));
        }
        QSignalSpy each(&importer, &DropImporter::fileQueued);
        QSignalSpy batch(&importer, &DropImporter::batchQueued);
        StallMeter meter;
        importer.import({QUrl::fromLocalFile(src)}, m_tmp.filePath(u"huge/Stratus"_s));
        QTRY_COMPARE_WITH_TIMEOUT(importer.queued(), kFiles, 60000);
        QCOMPARE(each.size(), 0);
        QCOMPARE(batch.size(), 1);
        QCOMPARE(batch.first().at(0).toInt(), kFiles);
        QVERIFY(importer.busy()); // nothing stored: no engine here
        qInfo("longest stall %lld ms", meter.longestMs());
        QVERIFY2(meter.longestMs() < 250, qPrintable(u"the event loop stalled %1 ms"_s.arg(meter.longestMs())));
    }

    // Utilization history survives a restart: one sample a minute is kept,
    // a torn line is skipped, the chart draws node and network.
    void usageHistoryIsKeptAcrossRuns()
    {
        const QString file = m_tmp.filePath(u"usage.log"_s);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600000;
        {
            UsageLog log(file);
            log.append({t0, 10, 100});
            log.append({t0 + 1000, 11, 100}); // within the minute: not kept
            log.append({t0 + 60000, 20, 100});
        }
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::Append));
            f.write("123 45"); // torn by a crash
        }
        UsageLog again(file);
        again.append({t0 + 90000, 25, 100}); // 30 s after the last kept one: not kept
        again.append({t0 + 130000, 30, 100});
        const QList<UsageSample> samples = again.read(0);
        QCOMPARE(samples.size(), 3);
        QCOMPARE(samples[0].usedBytes, 10);
        QCOMPARE(samples[1].usedBytes, 20);
        QCOMPARE(samples[2].usedBytes, 30);
        QCOMPARE(again.read(t0 + 30000).size(), 2);

        UsageChart chart;
        chart.setHistory(samples);
        chart.addSample(t0 + 200000, 50, 100);
        QCOMPARE(chart.samples(), 4);
        chart.setNetworkUtilization({{t0, 0.25}, {t0 + 100000, 0.3}});
        QCOMPARE(chart.networkPoints(), 2);
    }

    void copyIntoFolderKeepsTheTree()
    {
        const QString src = m_tmp.filePath(u"src"_s);
        QVERIFY(QDir().mkpath(src + u"/photos/2026"_s));
        QVERIFY(writeFile(src + u"/notes.txt"_s, "notes"));
        QVERIFY(writeFile(src + u"/photos/2026/x.jpg"_s, QByteArray(3 << 20, 'x')));
        const QString folder = m_tmp.filePath(u"Stratus"_s);
        ImportProgress progress;
        const CopyOutcome out =
            copyIntoFolder({QUrl::fromLocalFile(src + u"/notes.txt"_s), QUrl::fromLocalFile(src + u"/photos"_s)},
                           folder, {}, progress);
        QVERIFY2(out.errors.isEmpty(), qPrintable(out.errors.join(u'\n')));
        QCOMPARE(out.files.size(), 2);
        QCOMPARE(readFile(folder + u"/notes.txt"_s), QByteArray("notes"));
        QCOMPARE(readFile(folder + u"/photos/2026/x.jpg"_s).size(), 3 << 20);
        QCOMPARE(out.files[0].remoteDir, u"/Stratus"_s);
        QCOMPARE(out.files[1].remoteDir, u"/Stratus/photos/2026"_s);
        QCOMPARE(out.files[1].name, u"photos/2026/x.jpg"_s);
        QCOMPARE(progress.done.load(), qint64(3 << 20));
        // Dropping a file that is already in the folder does not copy it onto itself.
        const CopyOutcome again = copyIntoFolder({QUrl::fromLocalFile(folder + u"/notes.txt"_s)}, folder, {}, progress);
        QVERIFY(again.errors.isEmpty());
        QCOMPARE(readFile(folder + u"/notes.txt"_s), QByteArray("notes"));
    }

    void syncFoldersAddAndRemove()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"folders"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        QCOMPARE(settings.syncFolders(), QStringList{QDir::homePath() + u"/Stratus"_s});
        const QString a = m_tmp.filePath(u"A"_s), b = m_tmp.filePath(u"B"_s), c = m_tmp.filePath(u"C"_s);
        settings.setSyncFolder(a);
        QCOMPARE(settings.syncFolders(), QStringList{a});
        Session session(paths, settings);
        SyncFoldersBox box(session);
        QCOMPARE(box.currentFolder(), a);
        QVERIFY(!box.removeFolder(a)); // one folder always stays
        QVERIFY(box.addFolder(b));
        QVERIFY(!box.addFolder(b));
        QVERIFY(QFileInfo(b).isDir());
        QCOMPARE(box.currentFolder(), b);
        QCOMPARE(settings.syncFolders(), (QStringList{a, b}));
        settings.setSyncFolder(c); // the wizard's choice replaces the primary one
        QCOMPARE(settings.syncFolders(), (QStringList{c, b}));
        settings.setSyncFolders({a, b});
        QVERIFY(box.removeFolder(a));
        QCOMPARE(settings.syncFolders(), QStringList{b});
        QCOMPARE(box.list()->count(), 1);
        box.setBusyFolder(b, u"syncing"_s);
        QVERIFY(box.list()->item(0)->text().endsWith(u"syncing"_s));
    }

    void standingWarningsNameTheCause()
    {
        api::NodeStanding good;
        good.validators = 2;
        good.online = good.vetted = good.eligible = true;
        good.auditScore = good.uptime = 1;
        good.latencyP95Ms = 40;
        QVERIFY(standingWarnings(good).isEmpty());
        api::NodeStanding failing = good;
        failing.auditScore = 0.93; // above the threshold, below the warning
        failing.auditsFailed = 3;
        const QStringList w = standingWarnings(failing);
        QCOMPARE(w.size(), 1);
        QVERIFY(w.first().contains(u"proofs of storage failed"_s));
        api::NodeStanding slow = good;
        slow.latencyP95Ms = 900;
        slow.uptime = 0.9;
        QCOMPARE(standingWarnings(slow).size(), 2);

        // One paper node that sees the node worse than the median does is
        // named, with what it sees.
        api::NodeStanding split = good;
        api::ValidatorScoreInfo fine{u"paper1"_s, u"id1"_s, 1, 1, 0.9, 30, 0, true, true};
        api::ValidatorScoreInfo far{u"paper2"_s, u"id2"_s, 0.92, 0.5, 0.9, 30, 4, false, false};
        split.byValidator = {fine, far};
        const QStringList named = standingWarnings(split);
        QCOMPARE(named.size(), 3);
        QVERIFY(named.at(0).contains(u"paper2 cannot reach it"_s));
        QVERIFY(named.at(1).contains(u"paper2"_s) && named.at(1).contains(u"0.920"_s) &&
                named.at(1).contains(u"4 failed"_s));
        QVERIFY(named.at(2).contains(u"online score of 0.500"_s));
        split.byValidator = {fine, fine};
        QVERIFY(standingWarnings(split).isEmpty());
    }

    void autostartWritesAndRemovesItsFile()
    {
        qputenv("XDG_CONFIG_HOME", m_tmp.filePath(u"config"_s).toUtf8());
        QCOMPARE(autostartFile(), m_tmp.filePath(u"config/autostart/stratus-desktop.desktop"_s));
        QVERIFY(!autostartEnabled());
        QCOMPARE(setAutostart(true, u"/opt/stratus/bin/stratus-desktop"_s), QString());
        QVERIFY(autostartEnabled());
        QVERIFY(readFile(autostartFile()).contains("Exec=\"/opt/stratus/bin/stratus-desktop\""));
        QCOMPARE(setAutostart(false, {}), QString());
        QVERIFY(!autostartEnabled());
        // macOS's LaunchAgent (written there): the program, escaped, run at load.
        const QString plist = launchAgentPlist(u"/Applications/A&B.app/Contents/MacOS/stratus-desktop"_s);
        QVERIFY(plist.contains(u"<string>/Applications/A&amp;B.app/Contents/MacOS/stratus-desktop</string>"_s));
        QVERIFY(plist.contains(u"<key>RunAtLoad</key>\n  <true/>"_s));
        QXmlStreamReader xml(plist);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }

    void windowRemembersItsGeometry()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"app"_s));
        QDir().mkpath(paths.dataDir);
        {
            AppSettings settings(paths.settingsFile);
            Session session(paths, settings);
            MainWindow w(session);
            w.show();
            w.resize(777, 555);
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.close();
        }
        AppSettings settings(paths.settingsFile);
        QVERIFY(!settings.geometry().isEmpty());
        Session session(paths, settings);
        MainWindow w(session);
        QCOMPARE(w.size(), QSize(777, 555));
        // Ctrl+2 .. Ctrl+4 switch pages.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::keyClick(&w, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), MainWindow::Paper);
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), MainWindow::Files);
    }

    void missingNetworkFileIsReportedWithRetry()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"missing-network"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        settings.setNetworkFile(m_tmp.filePath(u"nowhere/network.json"_s));
        Session session(paths, settings);
        MainWindow w(session);
        w.show();
        session.start();
        QTRY_COMPARE(session.state(), Session::State::Failed);
        QVERIFY(session.stateMessage().contains(u"nowhere/network.json"_s));
        bool found = false;
        for (QPushButton *b : w.filesPage()->findChildren<QPushButton *>())
            found = found || (b->isVisible() && b->text() == u"&Try again"_s);
        QVERIFY(found); // the Files page offers to try again
        // Another network chosen meanwhile is for the next start.
        settings.setNetworkFile({});
        QVERIFY(!session.usesLocalNetwork());
        QCOMPARE(session.networkFile(), m_tmp.filePath(u"nowhere/network.json"_s));
    }

    void trayTellsTheStatus()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"tray"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        Session session(paths, settings);
        MainWindow w(session);
        TrayIcon tray(session, *w.filesPage()->importer(), &w);
        QCOMPARE(tray.statusText(), u"Connecting…"_s);
        session.setPaused(true);
        QCOMPARE(tray.statusText(), u"Paused"_s);
        QVERIFY(tray.toolTip().contains(u"Paused"_s));
        session.setPaused(false);
        QVERIFY(settings.folderPaused() == false);
        // A file that could not be stored shows as an error until one is stored.
        DropImporter *importer = w.filesPage()->importer();
        Q_EMIT importer->fileDone(u"a.txt"_s, {}, false, u"no credits"_s);
        QCOMPARE(tray.statusText(), u"Error: a.txt was not stored: no credits"_s);
        Q_EMIT importer->fileDone(u"b.txt"_s, u"/Stratus/b.txt"_s, true, {});
        QCOMPARE(tray.statusText(), u"Connecting…"_s);
    }

    // The sync engine's own work and problems show in the tray too (edits
    // made in the folder, not only drops), with a badge on the icon.
    void trayFollowsTheSyncEngine()
    {
        using Kind = TrayStatus::Kind;
        TrayInputs in;
        in.ready = true;
        api::SyncFolderStatus docs;
        docs.label = u"Docs"_s;
        docs.activity = u"idle"_s;
        in.folders = {docs};
        QCOMPARE(trayStatus(in).kind, Kind::Synced);
        in.folders[0].activity = u"uploading 3 files"_s;
        QCOMPARE(trayStatus(in).kind, Kind::Syncing);
        QCOMPARE(trayStatus(in).text, u"Syncing Docs"_s);
        in.folders[0].activity = u"idle"_s;
        in.folders[0].problems = {u"secret.txt: cannot read it (permission denied)"_s};
        QCOMPARE(trayStatus(in).kind, Kind::Error);
        QVERIFY(trayStatus(in).text.contains(u"cannot sync (Docs/secret.txt: cannot read it"_s));
        in.folders[0].activity = u"paused"_s; // a paused folder is not busy; its problems stay
        QCOMPARE(trayStatus(in).kind, Kind::Error);
        in.paused = true;
        QCOMPARE(trayStatus(in).kind, Kind::Paused);
        in.paused = false;
        in.failed = true;
        in.stateMessage = u"no network"_s;
        QCOMPARE(trayStatus(in).text, u"Error: no network"_s);
        // Every state but synced has its badge: the icons differ.
        const QImage synced = TrayIcon::iconFor(Kind::Synced).pixmap(32, 32).toImage();
        const QImage error = TrayIcon::iconFor(Kind::Error).pixmap(32, 32).toImage();
        const QImage paused = TrayIcon::iconFor(Kind::Paused).pixmap(32, 32).toImage();
        QVERIFY(!synced.isNull() && synced != error && error != paused && synced != paused);
        QCOMPARE(error.size(), QSize(32, 32));
    }

    void earningsCsvHasEveryEpoch()
    {
        api::NodeEarnings n;
        n.id = u"ID"_s;
        n.name = u"node1"_s;
        api::EpochEarningsInfo e;
        e.epoch = 7;
        e.base = 100;
        e.storagePaid = 20;
        e.egressPaid = 3;
        e.penalty = 1;
        e.total = 122;
        e.statementHash = u"ab"_s;
        n.epochs = {e, e};
        n.epochs[1].epoch = 6;
        const QStringList lines = EarningsPanel::toCsv(n).trimmed().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].startsWith(u"ID,node1,7,"_s));
        QVERIFY(lines[1].endsWith(u",100,20,3,0,1,122,ab"_s));
    }

    void languageSwitchesWithoutRestart()
    {
        const AppPaths paths = AppPaths::under(m_tmp.filePath(u"language"_s));
        QDir().mkpath(paths.dataDir);
        AppSettings settings(paths.settingsFile);
        Session session(paths, settings);
        WindowHost host(session);
        host.window()->show();
        host.window()->showPage(MainWindow::Settings);
        auto sidebarText = [&host]() {
            return host.window()->findChild<QListWidget *>(u"sidebar"_s)->item(MainWindow::Files)->text();
        };
        QCOMPARE(sidebarText(), u"Files"_s);
        QComboBox *language = host.window()->settingsPage()->languageBox();
        language->setCurrentIndex(language->findData(u"de"_s));
        host.window()->settingsPage()->save();
        QTRY_COMPARE(sidebarText(), u"Dateien"_s);
        QCOMPARE(host.window()->currentPage(), MainWindow::Settings); // the same page, rebuilt
        QCOMPARE(settings.language(), u"de"_s);
        QVERIFY(host.switchLanguage(u"en"_s));
        QCOMPARE(sidebarText(), u"Files"_s);
    }

    void germanAndFrenchAreComplete()
    {
        for (const auto &[code, files, settings] : {std::tuple{u"de"_s, u"Dateien"_s, u"Einstellungen"_s},
                                                    std::tuple{u"fr"_s, u"Fichiers"_s, u"Paramètres"_s}}) {
            QTranslator t;
            QVERIFY2(t.load(u":/i18n/stratus_%1.qm"_s.arg(code)), qPrintable(code));
            QCOMPARE(t.translate("stratus::ui::MainWindow", "Files"), files);
            QCOMPARE(t.translate("stratus::ui::MainWindow", "Settings"), settings);
            QVERIFY(!t.translate("stratus::ui::NetworkChoicePage", "A &local network on this computer").isEmpty());
        }
        // Every source string has a finished translation in both files.
        for (const QString &code : {u"de"_s, u"fr"_s}) {
            QFile ts(QStringLiteral(QT_TESTCASE_SOURCEDIR) + u"/../translations/stratus_%1.ts"_s.arg(code));
            QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
            QXmlStreamReader xml(&ts);
            int messages = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != u"translation"_s)
                    continue;
                ++messages;
                QVERIFY2(xml.attributes().value(u"type"_s).isEmpty(), qPrintable(code));
                QVERIFY2(!xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed().isEmpty(),
                         qPrintable(code));
            }
            QVERIFY(!xml.hasError());
            QVERIFY(messages > 200);
        }
        QCOMPARE(installTranslations(*qApp, u"fr"_s), u"fr"_s);
        QCOMPARE(MainWindow::pageName(MainWindow::Paper), u"Nœud papier"_s);
        // English plural forms (the source says "file(s)").
        QCOMPARE(installTranslations(*qApp, u"en"_s), u"en"_s);
        QCOMPARE(QCoreApplication::translate("stratus::ui::SyncFoldersBox", "%n file(s)", nullptr, 1), u"1 file"_s);
        QCOMPARE(QCoreApplication::translate("stratus::ui::SyncFoldersBox", "%n file(s)", nullptr, 3), u"3 files"_s);
        QCOMPARE(syncActivityText(u"uploading 2 files"_s), u"uploading 2 files"_s);
        QCOMPARE(syncActivityText(u"downloading 1 files"_s), u"downloading 1 file"_s);
    }
};

QTEST_MAIN(TestDesktopWidgets)
#include "test_desktop_widgets.moc"
