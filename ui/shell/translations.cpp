#include "shell/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace stratus::ui {

QString installTranslations(QCoreApplication &app, const QString &code)
{
    // A language chosen again replaces the one before (deleting a
    // translator removes it from the application).
    qDeleteAll(app.findChildren<QTranslator *>(u"stratus"_s, Qt::FindDirectChildrenOnly));
    QString language = code.isEmpty() ? QLocale::system().name().section(u'_', 0, 0) : code;
    if (language != u"de"_s && language != u"fr"_s) {
        // English is the source; its file holds the plural forms only.
        auto *plurals = new QTranslator(&app);
        plurals->setObjectName(u"stratus"_s);
        if (plurals->load(u":/i18n/stratus_en.qm"_s))
            QCoreApplication::installTranslator(plurals);
        else
            delete plurals;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return u"en"_s;
    }
    auto *mine = new QTranslator(&app);
    mine->setObjectName(u"stratus"_s);
    if (!mine->load(u":/i18n/stratus_%1.qm"_s.arg(language))) {
        delete mine;
        return u"en"_s;
    }
    QCoreApplication::installTranslator(mine);
    // Qt's own strings (dialog buttons), when the system has them.
    auto *qt = new QTranslator(&app);
    qt->setObjectName(u"stratus"_s);
    if (qt->load(u"qtbase_%1"_s.arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(QLocale(language));
    return language;
}

} // namespace stratus::ui
