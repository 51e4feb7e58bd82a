# Tests of core/ledger (issue 5): the formula by hand, statements and their
# verification; the devnet run is tests/integration/test_earnings.cpp.
stratus_add_test(test_ledger_reward unit/test_ledger_reward.cpp LIBS stratus_ledger TIMEOUT 60)
stratus_add_test(test_ledger_credits unit/test_ledger_credits.cpp LIBS stratus_ledger TIMEOUT 60)
stratus_add_test(test_ledger_statement unit/test_ledger_statement.cpp LIBS stratus_ledger stratus_validator TIMEOUT 60)
stratus_add_test(test_earnings integration/test_earnings.cpp LABEL integration TIMEOUT 600
  LIBS stratus_ledger stratus_client stratus_nodeservice stratus_node stratus_discovery stratus_crypto)
add_dependencies(test_earnings stratus)
