-- SPDX-License-Identifier: MIT
-- docs/lua.md's example as a pandoc Lua filter, in Debian's pandoc (which
-- embeds Lua 5.3): the blocks it makes are exactly those of the Markdown
-- shown as its output in docs/lua.md (compared as pandoc's native AST, so
-- that pandoc's own Markdown style does not matter).
local t = ...
local pandoc_bin = assert(os.getenv("PLEDGE_PANDOC"), "PLEDGE_PANDOC: the pandoc to run")

local function block(doc, marker)
  local at = doc:find(marker, 1, true)
  t.ok(at, "docs/lua.md has " .. marker)
  local body = doc:match("```%w*\n(.-\n)```", at)
  t.ok(body, "a fenced block after " .. marker)
  return body
end

local function run(cmd)
  local p = assert(io.popen(cmd .. " 2>&1"))
  local out = p:read("a")
  local ok, how, status = p:close()
  t.ok(ok, string.format("%s failed (%s %s):\n%s", cmd, how, status, out))
  return out
end

t.test("pandoc --lua-filter activities.lua gives the list of docs/lua.md", function()
  local doc = t.read(t.path("docs/lua.md"))
  local dir = t.tmp_dir
  local filter = t.write(dir .. "/activities.lua", block(doc, "<!-- example: activities.lua -->"))
  local want_md = t.write(dir .. "/want.md", block(doc, "<!-- output: activities.lua -->"))
  local empty = t.write(dir .. "/empty.md", "")
  local got = run(string.format('"%s" --lua-filter "%s" -M pledge="%s" -f markdown -t native "%s"',
                                pandoc_bin, filter, t.path("examples/ale-2024.yaml"), empty))
  local want = run(string.format('"%s" -f markdown -t native "%s"', pandoc_bin, want_md))
  t.ok(#want > 1000, "the expected document is not empty")
  t.eq(got, want, "pandoc's native document")
end)

t.test("a filter that loads an invalid pledge fails with the diagnostics", function()
  local filter = t.write(t.tmp_dir .. "/bad.lua",
    'local pledge = require "pledge"\n'
    .. 'local doc, err = pledge.load("examples/invalid/required.activity-without-text.yaml")\n'
    .. 'assert(doc == nil)\nio.stderr:write(err, "\\n")\nreturn {}\n')
  local out = run(string.format('"%s" --lua-filter "%s" -t plain "%s"', pandoc_bin, filter,
                                t.write(t.tmp_dir .. "/empty.md", "")))
  t.ok(out:find("[required]", 1, true), "the diagnostic's code in:\n" .. out)
end)
