# Builds the .deb with CPack from the (already built) build tree into a
# directory of its own and fails unless the package holds what it must: both
# binaries (stratus-desktop when that target exists), the desktop file, the
# icons, the AppStream metainfo, the systemd unit and its options file, the
# maintainer scripts, and a non-empty Depends line from dpkg-shlibdeps. The
# packaged files are then checked themselves: the binary runs, and the desktop
# file and metainfo pass desktop-file-validate / appstreamcli where installed.
#
#   cmake -DBINARY_DIR=... -DCPACK=... -DOUT_DIR=... -DHAVE_DESKTOP=0|1
#         -DICON_SIZES=16,32,... -P installer_check.cmake
foreach(var BINARY_DIR CPACK OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "installer_check: ${var} is not set")
  endif()
endforeach()
find_program(DPKG_DEB dpkg-deb)
if(NOT DPKG_DEB)
  message(FATAL_ERROR "installer_check: dpkg-deb not found")
endif()

string(REPLACE "," ";" ICON_SIZES "${ICON_SIZES}")
file(REMOVE_RECURSE "${OUT_DIR}")
file(MAKE_DIRECTORY "${OUT_DIR}")
execute_process(
  COMMAND "${CPACK}" -G DEB --config "${BINARY_DIR}/CPackConfig.cmake" -B "${OUT_DIR}"
  WORKING_DIRECTORY "${BINARY_DIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installer_check: cpack -G DEB failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs "${OUT_DIR}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "installer_check: expected one .deb in ${OUT_DIR}, found ${count}:\n${out}")
endif()
list(GET debs 0 deb)
message(STATUS "package: ${deb}")

execute_process(COMMAND "${DPKG_DEB}" -c "${deb}" RESULT_VARIABLE rc OUTPUT_VARIABLE contents ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installer_check: dpkg-deb -c failed: ${err}")
endif()
execute_process(COMMAND "${DPKG_DEB}" -I "${deb}" RESULT_VARIABLE rc OUTPUT_VARIABLE info ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installer_check: dpkg-deb -I failed: ${err}")
endif()

set(missing "")
set(expected
  ./usr/bin/stratus
  ./usr/share/applications/stratus.desktop
  ./usr/share/icons/hicolor/scalable/apps/stratus.svg
  ./usr/share/metainfo/org.stratus.Stratus.metainfo.xml
  ./usr/lib/systemd/system/stratus-node.service
  ./etc/default/stratus-node)
if(HAVE_DESKTOP)
  list(APPEND expected ./usr/bin/stratus-desktop)
endif()
foreach(size IN LISTS ICON_SIZES)
  list(APPEND expected ./usr/share/icons/hicolor/${size}x${size}/apps/stratus.png)
endforeach()
foreach(path IN LISTS expected)
  string(REPLACE "." "\\." pattern "${path}")
  if(NOT contents MATCHES " ${pattern}\n")
    list(APPEND missing "file ${path}")
  endif()
endforeach()
# dpkg-deb -I lists the control members, then the control file's fields.
foreach(member control conffiles postinst prerm postrm)
  if(NOT info MATCHES "[0-9]+ bytes, +[0-9]+ lines +\\*? *${member}[ \n]")
    list(APPEND missing "control member ${member}")
  endif()
endforeach()
foreach(field Package Version Architecture Maintainer Section Homepage Description)
  if(NOT info MATCHES "\n ${field}: [^\n]+")
    list(APPEND missing "control field ${field}")
  endif()
endforeach()
if(info MATCHES "\n Depends: ([^\n]*)")
  set(depends "${CMAKE_MATCH_1}")
  string(STRIP "${depends}" depends)
endif()
if(NOT depends)
  list(APPEND missing "a non-empty Depends line")
elseif(NOT depends MATCHES "libqt6core6")
  list(APPEND missing "Depends on libqt6core6 (dpkg-shlibdeps), got: ${depends}")
endif()

if(missing)
  list(JOIN missing "\n  " lines)
  message(FATAL_ERROR "installer_check: the package lacks:\n  ${lines}\n\ncontents:\n${contents}\n${info}")
endif()

# The files themselves: extract and check what can be checked here.
set(root "${OUT_DIR}/root")
execute_process(COMMAND "${DPKG_DEB}" -x "${deb}" "${root}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installer_check: dpkg-deb -x failed: ${err}")
endif()
execute_process(COMMAND "${root}/usr/bin/stratus" --version
  RESULT_VARIABLE rc OUTPUT_VARIABLE version ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "installer_check: the packaged stratus does not run (${rc}): ${err}")
endif()
string(STRIP "${version}" version)
file(STRINGS "${root}/usr/lib/systemd/system/stratus-node.service" exec REGEX "^ExecStart=")
if(NOT exec MATCHES "^ExecStart=stratus node run --data /var/lib/stratus ")
  message(FATAL_ERROR "installer_check: unexpected ExecStart in the unit: ${exec}")
endif()
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
  execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" "${root}/usr/share/applications/stratus.desktop"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR out MATCHES "error")
    message(FATAL_ERROR "installer_check: desktop-file-validate: ${out}${err}")
  endif()
endif()
find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
  execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net
    "${root}/usr/share/metainfo/org.stratus.Stratus.metainfo.xml"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "installer_check: appstreamcli validate: ${out}${err}")
  endif()
endif()
file(REMOVE_RECURSE "${root}")
list(LENGTH expected nfiles)
message(STATUS "package ok: ${nfiles} expected files, Depends: ${depends}; packaged `stratus --version`: ${version}")
