# Real widgets, offscreen (QT_QPA_PLATFORM=offscreen from stratus_add_test).
# test_desktop_widgets: the pages' pieces on their own, no network.
# test_desktop: the app against a real local network (one devnet for the
# binary, stopped in cleanupTestCase).
stratus_add_test(test_desktop_widgets gui/test_desktop_widgets.cpp LABEL gui LIBS stratus_ui)
stratus_add_test(test_desktop gui/test_desktop.cpp LABEL gui TIMEOUT 900 LIBS stratus_ui)
add_dependencies(test_desktop stratus)
set_tests_properties(test_desktop PROPERTIES RESOURCE_LOCK devnet)
