#pragma once

#include <QStringList>

class QWidget;

namespace stratus::ui {

class MainWindow;

// Saves a PNG of each page of `window` into `dir` (files.png, storage.png,
// paper.png, settings.png) with QWidget::grab(), which works offscreen too.
// Returns the files written.
QStringList grabPages(MainWindow &window, const QString &dir);
// One more PNG of any widget (the wizard).
bool grabWidget(QWidget &widget, const QString &path);

} // namespace stratus::ui
