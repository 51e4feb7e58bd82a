# Tests of core/translog (the paper node's transparency log).
stratus_add_test(test_translog_merkle unit/test_translog_merkle.cpp LIBS stratus_translog TIMEOUT 60)
stratus_add_test(test_translog_head unit/test_translog_head.cpp LIBS stratus_translog TIMEOUT 60)
stratus_add_test(test_translog_store unit/test_translog_store.cpp LIBS stratus_translog TIMEOUT 60)
