#include "engine/formatting.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace stratus::ui {

QString formatBytes(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat); }

QString formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("Duration", "%n s", nullptr, static_cast<int>(s));
    if (s < 3600)
        return QCoreApplication::translate("Duration", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("Duration", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString formatTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QLocale::ShortFormat);
}

} // namespace stratus::ui
