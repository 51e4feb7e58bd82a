#include "common/freed_memory.h"

// Any C library header defines __GLIBC__ (through <features.h>); without
// one, the test below would always be false and both functions empty.
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stratus {

void keepFreedMemory()
{
#if defined(__GLIBC__)
    // Blocks up to 32 MiB (glibc's largest threshold; a shard of a full
    // segment is 16 MiB) come from the heap instead of a fresh mapping each,
    // and a free heap top is kept up to 1 GiB. Larger blocks (a whole coded
    // segment) are always mapped afresh: the ingest pipeline reuses those
    // itself.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

void returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace stratus
