-- SPDX-License-Identifier: MIT
-- doc:to_table() against the Python binding's doc.to_dict() for the same
-- files, field by field: both bindings read the same examples through the
-- same pledge.i, and must hand out the same data. Python dumps its dicts
-- as JSON (tests/json.lua reads them independently of libpledge); types
-- must agree too: an integer in Python is an integer in Lua, a float a
-- float, None is pledge.null, [] an empty sequence marked pledge.array_mt.
local t = ...
local pledge = require "pledge"
local json = require "json"

local FILES = {
  t.path("examples/ale-2024.yaml"),
  t.path("examples/ale-2024-follow-up-2025.yaml"),
  t.here .. "/data/rich.yaml",
  t.here .. "/data/rich-follow-up.yaml",
  t.here .. "/data/stream.yaml",
}

local DUMP = [==[
import json, sys
import pledge
docs = [[d.to_dict() for d in pledge.load_all(path)] for path in sys.argv[1:]]
json.dump(docs, sys.stdout, ensure_ascii=False, allow_nan=False)
]==]

local function python_dicts()
  local python, pythonpath = os.getenv("PLEDGE_PYTHON"), os.getenv("PLEDGE_PYTHONPATH")
  if not python or not pythonpath then
    t.skip("the Python binding is not built (PLEDGE_PYTHON / PLEDGE_PYTHONPATH unset): nothing to compare with")
  end
  local script = t.write(t.tmp_dir .. "/dump_to_dict.py", DUMP)
  local args = {}
  for i, f in ipairs(FILES) do args[i] = string.format('"%s"', f) end
  local cmd = string.format('PYTHONPATH="%s" PYTHONDONTWRITEBYTECODE=1 "%s" "%s" %s',
                            pythonpath, python, script, table.concat(args, " "))
  local p = assert(io.popen(cmd))
  local out = p:read("a")
  local ok, how, status = p:close()
  t.ok(ok, string.format("%s failed (%s %s)", cmd, how, status))
  return json.decode(out, { null = pledge.null, array_mt = json })
end

-- Compare one value of Python's JSON (py) with to_table()'s (lua);
-- counts the scalars compared.
local function compare(py, lua, path, count)
  if type(py) == "table" and getmetatable(py) == json then -- a JSON array
    t.is_sequence(lua, path)
    t.eq(#lua, #py, path .. " length")
    if #py == 0 then t.eq(getmetatable(lua), pledge.array_mt, path .. " marks []") end
    for i = 1, #py do compare(py[i], lua[i], path .. "/" .. (i - 1), count) end
  elseif type(py) == "table" then -- a JSON object
    t.eq(type(lua), "table", path)
    t.eq(getmetatable(lua), nil, path .. " is a plain table")
    for k, v in pairs(py) do
      if lua[k] == nil then error(string.format("%s/%s: only Python has it", path, k), 0) end
      compare(v, lua[k], path .. "/" .. k, count)
    end
    for k in pairs(lua) do
      if py[k] == nil then error(string.format("%s/%s: only Lua has it", path, tostring(k)), 0) end
    end
  else
    t.eq(lua, py, path)
    count[1] = count[1] + 1
  end
end

t.test("to_table() equals Python's to_dict(), field by field", function()
  local dicts = python_dicts()
  t.eq(#dicts, #FILES, "files dumped")
  local count = { 0 }
  for i, file in ipairs(FILES) do
    local docs = assert(pledge.load_all(file))
    t.eq(#docs, #dicts[i], file .. ": documents")
    for j, doc in ipairs(docs) do
      compare(dicts[i][j], doc:to_table(), file:match("[^/]*$") .. "#" .. (j - 1), count)
    end
  end
  t.ok(count[1] > 500, "compared " .. count[1] .. " values")
end)

t.test("the kinds of value that differ most between languages", function()
  local dicts = python_dicts()
  local x = dicts[3][1]["x-extension"]
  local lx = assert(pledge.load(FILES[3])):to_table()["x-extension"]
  t.eq(x.nothing, pledge.null, "Python None")
  t.eq(lx.nothing, pledge.null, "Lua pledge.null")
  t.eq(math.type(lx.negative), "integer", "integer")
  t.eq(math.type(lx.ratio), "float", "float")
  t.eq(lx.huge, x.huge, "an integer beyond int64: the same nearest float")
  t.eq(lx.nul, x.nul, "a NUL byte")
  t.eq(lx.emoji, x.emoji, "emoji")
end)
