#include "simulator/hardware.h"

#include <algorithm>
#include <cmath>

namespace stratus::simulator {

// The top 53 bits as a fraction: exact, and several times cheaper than
// std::uniform_real_distribution, which the simulator calls ~10^8 times.
double uniform(Rng &rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// Measurements spread by a factor between 0.6 and 1.4 around the median (a
// uniform spread: cheaper to draw than a log-normal one, and the validator
// only looks at medians and 95th percentiles).
static double spread(Rng &rng) { return 0.6 + 0.8 * uniform(rng); }

Hardware Hardware::forQuality(double quality)
{
    const double q = std::clamp(quality, 0.0, 1.0);
    const double bad = 1.0 - q;
    Hardware h;
    h.quality = q;
    // Failing proofs come from flaky disks and overloaded machines: rare on
    // good hardware (1 in 1,000), one in twenty on the worst, growing
    // quadratically so that only the bottom of the range gets near the
    // validators' audit threshold (an audit score of 0.9 is ~5% failures).
    h.auditFailRate = 0.001 + 0.05 * bad * bad;
    // Home machines on flaky power and links go down more often.
    h.outagesPerEpoch = 0.005 + 0.03 * bad;
    // 20 ms for a well-connected server, 220 ms for a distant, loaded one.
    h.rttMs = 20.0 + 200.0 * bad;
    // 1 MiB/s (a slow uplink) to 32 MiB/s.
    h.throughput = (1.0 + 31.0 * q) * 1024.0 * 1024.0;
    return h;
}

double Hardware::sampleRtt(Rng &rng) const { return rttMs * spread(rng); }

double Hardware::sampleThroughput(Rng &rng) const { return throughput * spread(rng); }

int Hardware::sampleOutageHours(Rng &rng)
{
    const double hours = std::exponential_distribution<double>(1.0 / kMeanOutageHours)(rng);
    return std::clamp(static_cast<int>(std::ceil(hours)), 1, 72);
}

} // namespace stratus::simulator
