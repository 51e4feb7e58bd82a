#include "shell/stall_meter.h"

namespace stratus::ui {

StallMeter::StallMeter(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(5);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        m_longest = std::max(m_longest, m_clock.restart());
        ++m_ticks;
    });
    m_clock.start();
    m_timer.start();
}

} // namespace stratus::ui
