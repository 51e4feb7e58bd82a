#include "output.h"

#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace stratus::cli {

void printLine(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printError(const QString &text)
{
    std::fputs(("stratus: "_L1 + text).toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void printJson(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

void printJson(const QJsonArray &array)
{
    std::fputs(QJsonDocument(array).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

ProgressLine::ProgressLine(QString label) : m_label(std::move(label)), m_enabled(::isatty(STDERR_FILENO) == 1) {}

ProgressLine::~ProgressLine()
{
    if (m_enabled && m_lastPercent >= 0)
        std::fputs("\r\033[K", stderr);
}

void ProgressLine::update(qint64 done, qint64 total)
{
    if (!m_enabled || total <= 0)
        return;
    const qint64 percent = done * 100 / total;
    if (percent == m_lastPercent)
        return;
    m_lastPercent = percent;
    const QString line = u"\r%1 %2% (%3 of %4)"_s.arg(m_label).arg(percent).arg(humanBytes(done), humanBytes(total));
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

QString humanBytes(qint64 bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? u"%1 B"_s.arg(bytes) : u"%1 %2"_s.arg(v, 0, 'f', 1).arg(QLatin1StringView(units[u]));
}

} // namespace stratus::cli
