# Tests of core/validator (issue 4); the paper node on a real devnet is
# tests/integration/test_validator.cpp.
stratus_add_test(test_validator_reputation unit/test_validator_reputation.cpp LIBS stratus_validator TIMEOUT 60)
stratus_add_test(test_validator_wire unit/test_validator_wire.cpp LIBS stratus_validator TIMEOUT 60)
