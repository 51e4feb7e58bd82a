# Tests of core/simulator (issue 5) and of `stratus simulate`.
stratus_add_test(test_simulator unit/test_simulator.cpp LIBS stratus_simulator TIMEOUT 180)
add_dependencies(test_simulator stratus)
if(STRATUS_BUILD_DESKTOP)
  target_compile_definitions(test_simulator PRIVATE STRATUS_HAVE_CHARTS) # stratus simulate draws PNGs
endif()
