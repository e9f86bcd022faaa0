# SPDX-License-Identifier: MIT
# A documented program's output is the one its tutorial shows: runs
# PROGRAM with ARGS (a ;-list) in WORKDIR and compares its standard output,
# byte for byte, with the fenced block after the line MARKER in DOC.
# cmake -DPROGRAM=... "-DARGS=a;b" -DWORKDIR=... -DDOC=docs/c.md "-DMARKER=<!-- output: activities -->" -P check_output.cmake
file(READ "${DOC}" doc)
string(FIND "${doc}" "${MARKER}" at)
if(at LESS 0)
  message(FATAL_ERROR "${DOC} has no ${MARKER}")
endif()
string(SUBSTRING "${doc}" ${at} -1 rest)
if(NOT rest MATCHES "```[a-z]*\n([^`]*\n)```")
  message(FATAL_ERROR "no fenced block after ${MARKER} in ${DOC}")
endif()
set(want "${CMAKE_MATCH_1}")
execute_process(COMMAND "${PROGRAM}" ${ARGS} WORKING_DIRECTORY "${WORKDIR}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE got ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed (${rc}):\n${got}${err}")
endif()
if(NOT got STREQUAL want)
  message(FATAL_ERROR "the output differs from ${DOC}:\n--- got\n${got}--- want\n${want}")
endif()
message(STATUS "${PROGRAM}: the output of ${DOC}")
