#pragma once

#include <QtGlobal>

namespace stratus::test {

// Deadlines for waits on real sockets and timers, stretched by
// STRATUS_TEST_TIME_SCALE (set for sanitizer builds, which run several times
// slower) so that a slow build does not turn into a failing test.
inline int scaledMs(int ms)
{
    const int scale = qEnvironmentVariableIntValue("STRATUS_TEST_TIME_SCALE");
    return scale > 1 ? ms * scale : ms;
}

} // namespace stratus::test
