#pragma once

// Transfer rates from running byte totals, averaged over a few seconds so a
// total that is sampled once a second (the sync engine's) does not make the
// rate jump between zero and twice its value.

#include <QElapsedTimer>

#include <algorithm>

#include <deque>

namespace stratus::ui {

class RateMeter {
public:
    struct Rates {
        qint64 up = 0;   // bytes per second
        qint64 down = 0; // bytes per second
    };

    explicit RateMeter(qint64 windowMs = 3000) : m_windowMs(windowMs) { m_clock.start(); }

    // Records the totals now and returns the rates over the window.
    Rates add(qint64 upTotal, qint64 downTotal)
    {
        const qint64 now = m_clock.elapsed();
        m_samples.push_back(Sample{now, upTotal, downTotal});
        while (m_samples.size() > 2 && now - m_samples[1].ms >= m_windowMs)
            m_samples.pop_front();
        const Sample &first = m_samples.front();
        const qint64 ms = now - first.ms;
        if (ms <= 0)
            return {};
        // A total that went down (a restarted engine) counts as no traffic.
        return Rates{std::max<qint64>(0, upTotal - first.up) * 1000 / ms,
                     std::max<qint64>(0, downTotal - first.down) * 1000 / ms};
    }

private:
    struct Sample {
        qint64 ms;
        qint64 up;
        qint64 down;
    };
    qint64 m_windowMs;
    QElapsedTimer m_clock;
    std::deque<Sample> m_samples;
};

} // namespace stratus::ui
