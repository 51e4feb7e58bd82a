#pragma once

namespace stratus::api {

// For a program's main, before it moves large files: freed buffers are kept
// for reuse instead of being handed back to the kernel and faulted in again
// for every segment (about 15% of a 1 GiB put or get on this machine's two
// cores). The sync engine hands free memory back once a transfer is over, a
// node once its swarm has been quiet for a few seconds.
void keepFreedMemoryForTransfers();

} // namespace stratus::api
