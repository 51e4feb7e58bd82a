#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace stratus::cli {

// Plain text for people on stdout, errors on stderr, JSON for scripts.
void printLine(const QString &text);
void printError(const QString &text);
void printJson(const QJsonObject &object);
void printJson(const QJsonArray &array);

// A progress line on stderr that redraws itself, only when stderr is a
// terminal (never in logs or pipes).
class ProgressLine {
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();
    void update(qint64 done, qint64 total);

private:
    QString m_label;
    bool m_enabled = false;
    qint64 m_lastPercent = -1;
};

QString humanBytes(qint64 bytes);

} // namespace stratus::cli
