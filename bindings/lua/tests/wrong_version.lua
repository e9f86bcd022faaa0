-- SPDX-License-Identifier: MIT
-- lua5.x wrong_version.lua OTHER: with LUA_CPATH pointing at the module
-- built for Lua OTHER, require "pledge" fails with a message that names
-- both versions and the way out. Prints "N passed, N failed".
local other = assert(arg[1], "usage: wrong_version.lua OTHER_VERSION")
local passed, failed = 0, 0
local function check(cond, what)
  if cond then passed = passed + 1 else failed = failed + 1; print("FAIL: " .. what) end
end

local ok, err = pcall(require, "pledge")
err = tostring(err)
print(err)
check(not ok, "require must fail")
check(err:find("built for Lua " .. other, 1, true), "names the version it was built for")
check(err:find("cannot be loaded by " .. _VERSION, 1, true), "names the running Lua")
check(err:find("docs/lua.md", 1, true), "points at docs/lua.md")
check(not err:find("circular", 1, true), "no misleading message")
print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0, true)
