-- SPDX-License-Identifier: MIT
-- docs/lua.md's example runs as written: the code block after the marker
-- "<!-- example: activities.lua -->" is saved and run with this
-- interpreter on the Ale pledge, and its output must be the Markdown block
-- after "<!-- output: activities.lua -->", byte for byte.
local t = ...

local function block(doc, marker)
  local at = doc:find(marker, 1, true)
  t.ok(at, "docs/lua.md has " .. marker)
  local body = doc:match("```%w*\n(.-\n)```", at)
  t.ok(body, "a fenced block after " .. marker)
  return body
end

t.test("the pandoc-filter-style example of docs/lua.md", function()
  local doc = t.read(t.path("docs/lua.md"))
  local code = block(doc, "<!-- example: activities.lua -->")
  local want = block(doc, "<!-- output: activities.lua -->")
  local script = t.write(t.tmp_dir .. "/activities.lua", code)
  -- the interpreter running this test, with the same LUA_PATH / LUA_CPATH
  local lua = arg[-1] or "lua5.4"
  local cmd = string.format('"%s" "%s" "%s" 2>&1', lua, script, t.path("examples/ale-2024.yaml"))
  local p = assert(io.popen(cmd))
  local got = p:read("a")
  local ok, how, status = p:close()
  t.ok(ok, string.format("the example failed (%s %s):\n%s", how, status, got))
  t.eq(got, want, "output")
end)
