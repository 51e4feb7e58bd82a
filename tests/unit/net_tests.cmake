# Tests of core/net.
stratus_add_test(test_net_frame unit/test_net_frame.cpp LIBS stratus_net TIMEOUT 60)
stratus_add_test(test_net_message unit/test_net_message.cpp LIBS stratus_net TIMEOUT 60)
stratus_add_test(test_net_control unit/test_net_control.cpp LIBS stratus_net TIMEOUT 60)
stratus_add_test(test_net_hostile unit/test_net_hostile.cpp LIBS stratus_net TIMEOUT 60)
