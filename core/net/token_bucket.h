#pragma once

#include <QElapsedTimer>

namespace stratus::net {

// Allows `rate` events per second on average and bursts of up to `burst`.
class TokenBucket {
public:
    TokenBucket(double rate, double burst);
    // Takes a token if one is there.
    bool take();

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
};

} // namespace stratus::net
