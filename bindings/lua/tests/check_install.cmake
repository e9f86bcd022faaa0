# SPDX-License-Identifier: MIT
# cmake --install of the Lua component into a staged DESTDIR, then
# require "pledge" with Lua's paths pointing into that tree only.
# Variables: BUILD_DIR DESTDIR PREFIX CMOD LMOD LUA SOURCE_DIR, FILES (how many
# files the component installs: two per Lua version built)
file(REMOVE_RECURSE "${DESTDIR}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env "DESTDIR=${DESTDIR}"
          "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --component lua
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${out}${err}")
endif()
# CMOD/LMOD are relative to the prefix (an absolute cache value also works).
foreach(v CMOD LMOD)
  if(IS_ABSOLUTE "${${v}}")
    set(${v}_DIR "${DESTDIR}${${v}}")
  else()
    set(${v}_DIR "${DESTDIR}${PREFIX}/${${v}}")
  endif()
endforeach()
foreach(f "${CMOD_DIR}/pledge/core.so" "${LMOD_DIR}/pledge.lua")
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "not installed: ${f}\n${out}")
  endif()
endforeach()
file(GLOB_RECURSE installed RELATIVE "${DESTDIR}" "${DESTDIR}/*")
list(LENGTH installed n)
if(NOT FILES)
  set(FILES 2)
endif()
if(NOT n EQUAL FILES)
  message(FATAL_ERROR "the lua component should install ${FILES} files, not:\n${installed}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E env
          "LUA_PATH=${LMOD_DIR}/?.lua" "LUA_CPATH=${CMOD_DIR}/?.so" "LUA_INIT="
          "${LUA}" -e "local pledge = require 'pledge'
local doc = assert(pledge.load('${SOURCE_DIR}/examples/ale-2024.yaml'))
assert(#doc:activities() == 11)
assert(package.searchpath('pledge.core', package.cpath):find('${DESTDIR}', 1, true))
print(pledge.version, doc.id)"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "require \"pledge\" from the installed tree failed:\n${out}${err}")
endif()
message(STATUS "installed and loaded: ${out}")
