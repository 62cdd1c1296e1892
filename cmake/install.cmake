# Installation as a Debian system expects it, included from CMakeLists.txt
# after the target pacta:
#
#   bin/pacta
#   share/man/man1/pacta.1                     built from docs/pacta.1.scd by scdoc
#   share/bash-completion/completions/pacta    dist/pacta.bash
#   share/pacta/sample.json                    the sample registry (also in the binary)
#   share/doc/pacta/                           README.md, docs/*.md
#   PACTA_SYSTEMD_UNITDIR/pacta.service        dist/pacta.service, ExecStart= pointing at bin/pacta
#
#   cmake -S . -B build && cmake --build build
#   cmake --install build --prefix /usr                        # on this machine
#   DESTDIR=/tmp/root cmake --install build --prefix /usr      # a staging tree for a package
#
# Without scdoc (Debian package scdoc) the man page is left out, with a warning.
#
# The same file, run as 'cmake -DSCDOC=... -DIN=... -DOUT=... -DVERSION=... -P install.cmake',
# is the build step of the man page.

if(CMAKE_SCRIPT_MODE_FILE)
  # The man page: the version put in, then scdoc (which reads standard input).
  file(READ "${IN}" text)
  string(REPLACE "@PACTA_VERSION@" "${VERSION}" text "${text}")
  file(WRITE "${OUT}.scd" "${text}")
  execute_process(COMMAND "${SCDOC}" INPUT_FILE "${OUT}.scd" OUTPUT_FILE "${OUT}.tmp"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  file(REMOVE "${OUT}.scd")
  if(NOT rc EQUAL 0)
    file(REMOVE "${OUT}.tmp")
    message(FATAL_ERROR "scdoc failed on ${IN}:\n${err}")
  endif()
  file(RENAME "${OUT}.tmp" "${OUT}")
  return()
endif()

include(GNUInstallDirs)

install(TARGETS pacta RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The man page, built with the binary.
find_program(SCDOC scdoc)
if(SCDOC)
  set(PACTA_MAN ${CMAKE_BINARY_DIR}/pacta.1)
  add_custom_command(
    OUTPUT ${PACTA_MAN}
    COMMAND ${CMAKE_COMMAND} -DSCDOC=${SCDOC} -DIN=${CMAKE_SOURCE_DIR}/docs/pacta.1.scd
            -DOUT=${PACTA_MAN} -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_LIST_FILE}
    DEPENDS ${CMAKE_SOURCE_DIR}/docs/pacta.1.scd ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "Building the man page pacta.1"
    VERBATIM)
  add_custom_target(pacta_man ALL DEPENDS ${PACTA_MAN})
  install(FILES ${PACTA_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "scdoc not found: the man page pacta.1 is not built (apt-get install scdoc)")
endif()

install(FILES ${CMAKE_SOURCE_DIR}/dist/pacta.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME pacta)
install(FILES ${CMAKE_SOURCE_DIR}/sample/sample.json DESTINATION ${CMAKE_INSTALL_DATADIR}/pacta)
file(GLOB PACTA_DOCS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${PACTA_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The systemd unit. Its directory is systemd's own (pkg-config systemd), which is
# /lib/systemd/system on Debian 12 and /usr/lib/systemd/system on Debian 13, when
# installing to /usr; under any other prefix, PREFIX/lib/systemd/system (systemd
# also reads /usr/local/lib/systemd/system). -DPACTA_SYSTEMD_UNITDIR=DIR overrides.
set(PACTA_SYSTEMD_UNITDIR "" CACHE PATH
    "Where to install pacta.service (empty: systemd's own directory; see cmake/install.cmake)")
set(pacta_systemd_default /lib/systemd/system)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_get_variable(pacta_systemd_pc systemd systemdsystemunitdir)
  if(pacta_systemd_pc)
    set(pacta_systemd_default ${pacta_systemd_pc})
  endif()
endif()
# The unit names the installed binary, so it is written at install time, when
# the prefix (cmake --install --prefix) is known.
install(CODE "
  set(pacta_unitdir \"${PACTA_SYSTEMD_UNITDIR}\")
  if(NOT pacta_unitdir)
    if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
      set(pacta_unitdir \"${pacta_systemd_default}\")
    else()
      set(pacta_unitdir \"\${CMAKE_INSTALL_PREFIX}/lib/systemd/system\")
    endif()
  endif()
  set(pacta_bindir \"${CMAKE_INSTALL_BINDIR}\")
  if(NOT IS_ABSOLUTE \"\${pacta_bindir}\")
    set(pacta_bindir \"\${CMAKE_INSTALL_PREFIX}/\${pacta_bindir}\")
  endif()
  file(READ \"${CMAKE_SOURCE_DIR}/dist/pacta.service\" pacta_unit)
  string(REPLACE \"ExecStart=/usr/bin/pacta \" \"ExecStart=\${pacta_bindir}/pacta \"
         pacta_unit \"\${pacta_unit}\")
  file(WRITE \"${CMAKE_BINARY_DIR}/dist/pacta.service\" \"\${pacta_unit}\")
  file(INSTALL DESTINATION \"\${pacta_unitdir}\" TYPE FILE
       FILES \"${CMAKE_BINARY_DIR}/dist/pacta.service\")
")
