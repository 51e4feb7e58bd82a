# Every dependency comes from Debian 12 packages (see cmake/setup.sh).
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Concurrent Test)
if(STRATUS_BUILD_DESKTOP)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Charts Svg LinguistTools)
endif()
find_package(LibtorrentRasterbar 2.0 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
# The OS keychain (core/client/key_store.h); brings Qt6::DBus on Linux.
find_package(Qt6Keychain REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
pkg_check_modules(BOTAN REQUIRED IMPORTED_TARGET botan-2)
pkg_check_modules(ISAL REQUIRED IMPORTED_TARGET libisal)
