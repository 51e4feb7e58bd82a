#pragma once

// The node's storage use over time, kept in the app's data directory so the
// operator console's chart covers the last two weeks, not only this run.
// One line per sample: "<ms since epoch> <used bytes> <capacity bytes>".
// Read and written on a worker lane (file I/O), never the GUI thread.

#include <QList>
#include <QString>

namespace stratus::ui {

struct UsageSample {
    qint64 timeMs = 0;
    qint64 usedBytes = 0;
    qint64 capacityBytes = 0;
};

class UsageLog {
public:
    explicit UsageLog(QString file) : m_file(std::move(file)) {}

    static constexpr qint64 kKeepMs = qint64(14) * 86400 * 1000;
    static constexpr qint64 kEveryMs = 60 * 1000; // one sample a minute is kept

    // Appends `sample` unless one was kept less than kEveryMs before it;
    // drops samples older than kKeepMs now and then.
    void append(const UsageSample &sample);
    // The samples since `sinceMs`, oldest first; lines that do not parse
    // are skipped (a torn last line after a crash).
    QList<UsageSample> read(qint64 sinceMs) const;

private:
    QString m_file;
    qint64 m_lastKeptMs = -1; // -1: not read yet
    int m_appended = 0;
};

} // namespace stratus::ui
