#pragma once

#include <QString>

class QCoreApplication;

namespace stratus::ui {

// Installs the app's translation for `code` ("de", "fr"; "" follows the
// system locale; "en" or an unknown one: the English source). Returns the
// language used.
QString installTranslations(QCoreApplication &app, const QString &code);

} // namespace stratus::ui
