# The Debian package: `cpack -G DEB` in a build directory makes concord_<version>_<arch>.deb
# with concord, concord-cli, the libraries and their headers, the CMake package, the
# desktop entry, the icons and the AppStream metainfo. scripts/package-check.sh builds it
# and checks it the way a user would meet it.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME concord)
set(CPACK_PACKAGE_VENDOR "Concord maintainers")
set(CPACK_PACKAGE_CONTACT "Concord maintainers <maintainers@users.noreply.r-seed-ad6da0b4.example>")
# Debian wants the summary under 80 columns; PROJECT_DESCRIPTION is longer.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Optimistic locking for Qt SQL, with a desktop table editor")
# Debian wants the long description in lines under 80 columns; CPack indents each.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Every versioned row carries a version, and every save succeeds only against the"
    "version that was loaded, so nobody's change is silently lost."
    "Includes the desktop editor (concord), the headless concord-cli, and the"
    "Concord::Models and Concord::Views libraries with their headers and CMake"
    "package (find_package(Concord)).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# RelWithDebInfo builds carry their debug info; the package does not need it.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The Qt libraries come from dpkg-shlibdeps. It runs in the staging directory, and our
# own libraries are found there, not in any installed package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "usr/${CMAKE_INSTALL_LIBDIR}")
# A shlibs file for the shared libraries, and the ldconfig trigger that goes with it.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
# Qt loads its SQL drivers as plugins, which no linker sees: the demo and every SQLite
# file need the SQLite one; the server ones only matter to those who use the servers.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, libqt6sql6-mysql")
# Building against the installed library (find_package(Concord)) needs Qt's headers.
# A static Concord::Models also hands its SQLite link on (see ConcordConfig.cmake.in).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qt6-base-dev")
if(CONCORD_MODELS_TYPE STREQUAL "STATIC_LIBRARY")
    string(APPEND CPACK_DEBIAN_PACKAGE_SUGGESTS ", libsqlite3-dev")
endif()

include(CPack)
