#include "net/token_bucket.h"

#include <algorithm>

namespace stratus::net {

TokenBucket::TokenBucket(double rate, double burst)
    : m_rate(std::max(rate, 0.0)), m_burst(std::max(burst, 1.0)), m_tokens(m_burst)
{
    m_clock.start();
}

bool TokenBucket::take()
{
    const qint64 now = m_clock.nsecsElapsed();
    m_tokens = std::min(m_burst, m_tokens + static_cast<double>(now - m_lastNs) * 1e-9 * m_rate);
    m_lastNs = now;
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

} // namespace stratus::net
