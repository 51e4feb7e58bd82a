#pragma once

namespace stratus {

// Large transfers allocate and free tens of MiB per segment. With the C
// library's defaults those blocks go back to the kernel at once (mmap, heap
// trimming) and every segment faults its memory in and zeroes it again.
//
// keepFreedMemory() makes this process keep freed memory for reuse (the
// allocator's thresholds: process-wide, so only a program's main calls it);
// returnFreedMemory() hands what is free back to the kernel, for a
// long-running process once a transfer is over. Both do nothing where the
// C library has no such controls.
void keepFreedMemory();
void returnFreedMemory();

} // namespace stratus
