# Real widgets, offscreen (QT_QPA_PLATFORM=offscreen from stratus_add_test).
# test_desktop_widgets: the pages' pieces on their own, no network.
# test_desktop: the app against a real local network (one devnet for the
# binary, stopped in cleanupTestCase).
stratus_add_test(test_desktop_widgets gui/test_desktop_widgets.cpp LABEL gui LIBS stratus_ui)
stratus_add_test(test_desktop gui/test_desktop.cpp LABEL gui TIMEOUT 900 LIBS stratus_ui)
add_dependencies(test_desktop stratus)
# Alone: it measures the longest event-loop stall during a 256 MiB upload
# (< 50 ms), which a test running beside it on two cores would measure too.
set_tests_properties(test_desktop PROPERTIES RESOURCE_LOCK devnet RUN_SERIAL TRUE)

# Every string in ui/ has a German and a French translation (lupdate on copies).
add_test(NAME translations_check
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DLUPDATE=$<TARGET_FILE:Qt6::lupdate>
          -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/translations_check -P ${CMAKE_CURRENT_SOURCE_DIR}/gui/translations_check.cmake)
set_tests_properties(translations_check PROPERTIES LABELS gui)
