#include "engine/core_words.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace stratus::ui {

QString syncActivityText(const QString &activity)
{
    if (activity == u"idle"_s)
        return QCoreApplication::translate("SyncActivity", "up to date");
    if (activity == u"paused"_s)
        return QCoreApplication::translate("SyncActivity", "paused");
    if (activity == u"starting"_s)
        return QCoreApplication::translate("SyncActivity", "starting");
    if (activity == u"scanning"_s)
        return QCoreApplication::translate("SyncActivity", "scanning");
    static const QRegularExpression counted(u"^(uploading|downloading) (\\d+) files$"_s);
    const QRegularExpressionMatch m = counted.match(activity);
    if (m.hasMatch()) {
        const int n = m.captured(2).toInt();
        return m.captured(1) == u"uploading"_s
                   ? QCoreApplication::translate("SyncActivity", "uploading %n file(s)", nullptr, n)
                   : QCoreApplication::translate("SyncActivity", "downloading %n file(s)", nullptr, n);
    }
    return activity;
}

QString auditKindText(const QString &kind)
{
    if (kind == u"ping"_s)
        return QCoreApplication::translate("AuditKind", "ping");
    if (kind == u"proof"_s)
        return QCoreApplication::translate("AuditKind", "proof of storage");
    if (kind == u"throughput"_s)
        return QCoreApplication::translate("AuditKind", "throughput");
    return kind;
}

} // namespace stratus::ui
