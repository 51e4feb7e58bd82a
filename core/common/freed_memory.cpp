#include "common/freed_memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace stratus {

void keepFreedMemory()
{
#if defined(__GLIBC__)
    // Blocks up to 256 MiB come from the heap (a segment is 64 MiB), and a
    // free heap top is kept up to 1 GiB.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
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
