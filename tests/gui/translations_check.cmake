# Fails if a visible string of the desktop app has no German or French
# translation: lupdate reads ui/ into copies of the .ts files (the real ones
# stay as they are), and every message it finds new or unfinished is listed.
# (test_desktop_widgets checks the entries the files already hold.)
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(language de fr en)
  set(copy "${WORK_DIR}/stratus_${language}.ts")
  file(COPY_FILE "${SOURCE_DIR}/translations/stratus_${language}.ts" "${copy}")
  execute_process(COMMAND "${LUPDATE}" "${SOURCE_DIR}/ui" -extensions cpp,h -no-obsolete -locations none -silent
                          -ts "${copy}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed: ${err}")
  endif()
  file(READ "${copy}" ts)
  if(language STREQUAL "en")
    # English is the source: only its plural forms are translated.
    string(REGEX MATCHALL "<message numerus=\"yes\">[ \t\r\n]*<source>[^<]*</source>[ \t\r\n]*(<oldsource>[^<]*</oldsource>[ \t\r\n]*)?<translation type=\"unfinished\"" missing "${ts}")
  else()
  string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*(<oldsource>[^<]*</oldsource>[ \t\r\n]*)?<translation type=\"unfinished\"" missing "${ts}")
  endif()
  list(LENGTH missing count)
  if(count GREATER 0)
    string(REPLACE "<translation type=\"unfinished\"" "" missing "${missing}")
    message(FATAL_ERROR "${count} string(s) have no ${language} translation; run `cmake --build build --target "
                        "update_translations` and translate them in translations/stratus_${language}.ts:\n${missing}")
  endif()
  message(STATUS "${language}: every string translated")
endforeach()
