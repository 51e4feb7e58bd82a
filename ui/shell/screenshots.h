#pragma once

#include <QStringList>

class QWidget;

namespace stratus::ui {

class FirstRunWizard;
class MainWindow;

// Saves a PNG of each page of `window` into `dir` (files.png, storage.png,
// paper.png, settings.png) with QWidget::grab(), which works offscreen too.
// Returns the files written.
QStringList grabPages(MainWindow &window, const QString &dir);
// One more PNG of any widget.
bool grabWidget(QWidget &widget, const QString &path);
// Every page of the first-run wizard (wizard-account.png, wizard-secret.png,
// wizard-confirm.png, wizard-restore.png, wizard-folder.png,
// wizard-network.png, wizard-contribute.png), each shown on its own; nothing
// is created. Returns the files written.
QStringList grabWizardPages(FirstRunWizard &wizard, const QString &dir);

} // namespace stratus::ui
