# SPDX-License-Identifier: MIT
# The Lua module leaves Lua to its host: it needs no liblua (Debian's lua5.4
# binary and pandoc carry Lua themselves; a second copy of Lua in the
# process would corrupt the state), leaves the lua_* symbols undefined, and
# exports its opener only.
# cmake -DMODULE=core.so -DOBJDUMP=objdump -P check_module.cmake
if(NOT OBJDUMP)
  set(OBJDUMP objdump)
endif()
execute_process(COMMAND "${OBJDUMP}" -p "${MODULE}" OUTPUT_VARIABLE headers RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -p ${MODULE} failed")
endif()
if(headers MATCHES "NEEDED[ \t]+[^\n]*lua")
  message(FATAL_ERROR "the module links a Lua library:\n${CMAKE_MATCH_0}")
endif()
execute_process(COMMAND "${OBJDUMP}" -T "${MODULE}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -T ${MODULE} failed")
endif()
if(NOT symbols MATCHES "\\*UND\\*[^\n]*lua_pushinteger")
  message(FATAL_ERROR "lua_pushinteger is not left for the host to provide")
endif()
string(REGEX MATCHALL "[^\n]*[ \t]\\.text[^\n]*" exported "${symbols}")
list(LENGTH exported n)
if(NOT n EQUAL 1 OR NOT exported MATCHES "luaopen_pledge_core$")
  message(FATAL_ERROR "the module should export luaopen_pledge_core only:\n${exported}")
endif()
message(STATUS "${MODULE}: no liblua, lua_* undefined, exports luaopen_pledge_core")
