# Tests of core/node (issue 3).
stratus_add_test(test_shard_store unit/test_shard_store.cpp LIBS stratus_node TIMEOUT 60)
stratus_add_test(test_node_proof unit/test_node_proof.cpp LIBS stratus_node TIMEOUT 60)
stratus_add_test(test_node_contracts unit/test_node_contracts.cpp LIBS stratus_node TIMEOUT 60)
stratus_add_test(test_node_database unit/test_node_database.cpp LIBS stratus_node TIMEOUT 60)
stratus_add_test(test_node_gc unit/test_node_gc.cpp LIBS stratus_node TIMEOUT 60)
stratus_add_test(test_node_pointers unit/test_node_pointers.cpp LIBS stratus_node TIMEOUT 120)
stratus_add_test(test_node_pointer_service unit/test_node_pointer_service.cpp LIBS stratus_nodeservice stratus_net
                 TIMEOUT 120)
