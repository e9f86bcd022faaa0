-- SPDX-License-Identifier: MIT
-- A small test library for the binding's tests (no framework beyond
-- Lua 5.4 itself): test(name, fn), skip(reason), checks that say what
-- differed, and run().
local t = { tests = {} }

local SKIP = {}

-- The repository (for examples/) and a scratch folder, from ctest's
-- environment; "." and /tmp when run by hand from the repository root.
t.source_dir = os.getenv("PLEDGE_SOURCE_DIR") or "."
t.tmp_dir = os.getenv("PLEDGE_TEST_TMP") or "/tmp"

function t.test(name, fn)
  t.tests[#t.tests + 1] = { name = name, fn = fn }
end

-- End the current test as skipped, saying why.
function t.skip(reason)
  error(setmetatable({ reason = reason }, SKIP), 0)
end

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  if math.type(v) then return string.format("%s (%s)", tostring(v), math.type(v)) end
  return tostring(v)
end
t.show = show

function t.ok(cond, what)
  if not cond then error(what or "check failed", 2) end
  return cond
end

-- Equal values of the same type (integer 1 and float 1.0 differ).
function t.eq(got, want, what)
  if got ~= want or math.type(got) ~= math.type(want) then
    error(string.format("%s: got %s, want %s", what or "value", show(got), show(want)), 2)
  end
end

function t.is_integer(v, what)
  if math.type(v) ~= "integer" then
    error(string.format("%s: want an integer, got %s", what or "value", show(v)), 2)
  end
end

-- A proper sequence: exactly the keys 1..#s, so # and ipairs agree.
function t.is_sequence(s, what)
  if type(s) ~= "table" then error((what or "value") .. ": not a table: " .. show(s), 2) end
  local n = 0
  for k in pairs(s) do
    if math.type(k) ~= "integer" or k < 1 or k > #s then
      error(string.format("%s: key %s is not in 1..%d", what or "sequence", show(k), #s), 2)
    end
    n = n + 1
  end
  if n ~= #s then error((what or "sequence") .. ": has holes", 2) end
  local m = 0
  for _ in ipairs(s) do m = m + 1 end
  if m ~= #s then error((what or "sequence") .. ": ipairs and # disagree", 2) end
end

-- fn(...) must raise an error whose message contains pattern (plain text).
function t.raises(pattern, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error containing " .. show(pattern), 2) end
  if not tostring(err):find(pattern, 1, true) then
    error(string.format("error %s does not contain %s", show(tostring(err)), show(pattern)), 2)
  end
  return err
end

-- Deep comparison of plain data; returns nil or the JSON Pointer and a
-- description of the first difference.
function t.diff(a, b, path)
  path = path or ""
  if type(a) ~= "table" or type(b) ~= "table" then
    if a == b and math.type(a) == math.type(b) then return nil end
    if a ~= a and b ~= b then return nil end -- NaN
    return path, string.format("%s ~= %s", show(a), show(b))
  end
  for k, v in pairs(a) do
    local where, what = t.diff(v, b[k], path .. "/" .. tostring(k))
    if where then return where, what end
  end
  for k, v in pairs(b) do
    if a[k] == nil then return path .. "/" .. tostring(k), "missing: " .. show(v) end
  end
  return nil
end

function t.same(got, want, what)
  local where, how = t.diff(got, want)
  if where then error(string.format("%s differ at %q: %s", what or "values", where, how), 2) end
end

function t.path(rel) return t.source_dir .. "/" .. rel end

function t.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function t.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

function t.run()
  local passed, failed, skipped = 0, 0, 0
  for _, case in ipairs(t.tests) do
    local ok, err = xpcall(case.fn, function(e)
      if getmetatable(e) == SKIP then return e end
      return debug.traceback(tostring(e), 2)
    end)
    if ok then
      passed = passed + 1
      print("ok      " .. case.name)
    elseif getmetatable(err) == SKIP then
      skipped = skipped + 1
      print("SKIPPED " .. case.name .. ": " .. err.reason)
    else
      failed = failed + 1
      print("FAIL    " .. case.name .. "\n" .. err:gsub("\n", "\n    "))
    end
  end
  if skipped > 0 then print(skipped .. " skipped") end
  print(string.format("%d passed, %d failed", passed, failed))
  return failed == 0
end

return t
