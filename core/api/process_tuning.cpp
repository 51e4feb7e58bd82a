#include "api/process_tuning.h"

#include "common/freed_memory.h"

namespace stratus::api {

void keepFreedMemoryForTransfers() { keepFreedMemory(); }

} // namespace stratus::api
