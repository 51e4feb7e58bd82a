#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace stratus::ui {

// The longest time the event loop was kept from running, measured with a
// 5 ms timer (stratus-desktop --report-stall and bench_desktop).
class StallMeter : public QObject {
    Q_OBJECT
public:
    explicit StallMeter(QObject *parent = nullptr);
    qint64 longestMs() const { return m_longest; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
    int m_ticks = 0;
};

} // namespace stratus::ui
