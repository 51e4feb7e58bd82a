# Tests of core/sync (issue 6): the sync engine's foundation.
stratus_add_test(test_sync_ignore unit/test_sync_ignore.cpp LIBS stratus_sync TIMEOUT 60)
stratus_add_test(test_sync_conflict unit/test_sync_conflict.cpp LIBS stratus_sync TIMEOUT 60)
stratus_add_test(test_sync_version_vector unit/test_sync_version_vector.cpp LIBS stratus_sync TIMEOUT 60)
stratus_add_test(test_sync_local_index unit/test_sync_local_index.cpp LIBS stratus_sync TIMEOUT 120)
stratus_add_test(test_sync_scanner unit/test_sync_scanner.cpp LIBS stratus_sync TIMEOUT 120)
stratus_add_test(test_sync_account_log unit/test_sync_account_log.cpp LIBS stratus_sync TIMEOUT 60)
stratus_add_test(test_sync_apply_batch unit/test_sync_apply_batch.cpp LIBS stratus_sync TIMEOUT 300)
stratus_add_test(test_sync_versioner unit/test_sync_versioner.cpp LIBS stratus_sync TIMEOUT 60)

# The engine end to end: a devnet and two devices of one account (issue 6).
stratus_add_test(test_sync integration/test_sync.cpp LABEL integration TIMEOUT 600)
add_dependencies(test_sync stratus)
# Automatic repair in the long-running sync process (issue 3): a devnet, a
# stopped holder, shards rebuilt without `stratus repair`.
stratus_add_test(test_sync_repair integration/test_sync_repair.cpp LABEL integration TIMEOUT 180)
add_dependencies(test_sync_repair stratus)
# Compaction in the sync process (issue 6): expired versions, a segment
# repacked and deleted, a device restored after the move.
stratus_add_test(test_sync_compact integration/test_sync_compact.cpp LABEL integration TIMEOUT 240)
add_dependencies(test_sync_compact stratus)

# The sync engine's wire objects and signed pointers, decoded strictly.
stratus_add_test(test_sync_wire unit/test_sync_wire.cpp LIBS stratus_syncservice TIMEOUT 120)

# Large files read directly from the device that changed them: two real
# device channels on loopback, hostile offers and reads.
stratus_add_test(test_device_channel unit/test_device_channel.cpp LIBS stratus_syncservice stratus_net TIMEOUT 120)
