# SPDX-License-Identifier: MIT
# Installs the libraries, headers, pkg-config file and CMake package.
include(CMakePackageConfigHelpers)

install(TARGETS pledge pledge_static EXPORT pledgeTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES include/pledge.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/pledge DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES src/schema/metaschemas/LICENSE
  DESTINATION ${CMAKE_INSTALL_DATADIR}/pledge/licenses RENAME json-schema-metaschemas.LICENSE)

# pkg-config: libyaml and PCRE2 are private dependencies (static linking).
# The prefix is relative to the .pc file (${pcfiledir}), so it follows the
# install wherever it lands; that needs relative install directories.
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    message(FATAL_ERROR "CMAKE_INSTALL_${_dir} must be relative to the prefix "
                        "for a relocatable pledge.pc (got ${CMAKE_INSTALL_${_dir}})")
  endif()
endforeach()
string(REGEX REPLACE "[^/]+" ".." PLEDGE_PC_TO_PREFIX "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
configure_file(cmake/pledge.pc.in "${PROJECT_BINARY_DIR}/pledge.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/pledge.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(EXPORT pledgeTargets NAMESPACE pledge::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pledge)
configure_package_config_file(cmake/pledgeConfig.cmake.in
  "${PROJECT_BINARY_DIR}/pledgeConfig.cmake"
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pledge)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/pledgeConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/pledgeConfig.cmake"
  "${PROJECT_BINARY_DIR}/pledgeConfigVersion.cmake"
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pledge)
