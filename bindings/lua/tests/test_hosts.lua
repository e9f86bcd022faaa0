-- SPDX-License-Identifier: MIT
-- The module runs in the Lua it was built for, and says which that is.
local t = ...

t.test("the C module was built for the running Lua", function()
  local pledge = require "pledge"
  local core = package.loaded["pledge.core"]
  t.eq(core.built_for, _VERSION, "pledge.core built_for")
  local path = package.searchpath("pledge.core", package.cpath)
  local want = _VERSION:match("%d+%.%d+")
  t.ok(path:find("/" .. want .. "/", 1, true), "module of the staged " .. want .. " tree: " .. path)
  local doc = assert(pledge.load(t.path("examples/ale-2024.yaml")))
  t.eq(#doc:activities(), 11, "activities of the Ale pledge")
  t.is_integer(doc.index, "doc.index")
end)

t.test("the module leaves the globals as it found them", function()
  t.eq(rawget(_G, "swig_type"), nil, "swig_type")
  t.eq(rawget(_G, "swig_equals"), nil, "swig_equals")
  t.eq(rawget(_G, "pledge_core"), nil, "pledge_core")
end)

t.test("the opener refuses a Lua whose version is not the module's", function()
  require "pledge"
  local path = package.searchpath("pledge.core", package.cpath)
  local open = assert(package.loadlib(path, "luaopen_pledge_core"))
  local saved = _VERSION
  _VERSION = "Lua 9.9" -- what another Lua's _VERSION would say
  local ok, err = pcall(open)
  _VERSION = saved
  t.ok(not ok, "the opener fails")
  t.ok(tostring(err):find("built for " .. saved .. " and cannot be loaded by Lua 9.9", 1, true),
       "names both versions: " .. tostring(err))
end)
