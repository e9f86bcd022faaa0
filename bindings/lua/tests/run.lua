-- SPDX-License-Identifier: MIT
-- The Lua tests' runner: lua5.4 run.lua test_x.lua. The test file adds its
-- tests with testlib's test(); each runs in a protected call, and the last
-- line printed is "N passed, N failed" (the exit status fails if any did).
-- ctest sets LUA_PATH / LUA_CPATH to the build tree's staged modules; this
-- folder is added for the helpers (testlib, json).
local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/?.lua;" .. package.path

local t = require "testlib"
t.here = here
local file = assert(arg[1], "usage: lua5.4 run.lua TEST_FILE")
local chunk = assert(loadfile(file))
chunk(t)
os.exit(t.run(), true)
