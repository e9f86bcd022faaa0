-- SPDX-License-Identifier: MIT
-- A small JSON reader (RFC 8259) for the tests: an independent reading of
-- what Python's json.dumps and pledge-validate --format json print.
-- decode(text, options): options.null is the value for null (default: a
-- unique table json.null); options.array_mt, when given, is set on every
-- array, so that an empty array can be told from an empty object.
-- Integers are Lua integers when they fit, floats otherwise.
local json = { null = setmetatable({}, { __name = "json.null" }) }

local function decoder(text, options)
  local pos = 1
  local null = options.null == nil and json.null or options.null

  local function fail(what)
    error(string.format("JSON: %s at byte %d", what, pos), 0)
  end

  local function skip()
    pos = text:find("[^ \t\r\n]", pos) or #text + 1
  end

  local function utf8_of(code)
    return utf8.char(code)
  end

  local ESC = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f",
                n = "\n", r = "\r", t = "\t" }

  local function string_value()
    local out = {}
    pos = pos + 1 -- the opening quote
    while true do
      local s, e = text:find('["\\]', pos)
      if not s then fail("unterminated string") end
      out[#out + 1] = text:sub(pos, s - 1)
      pos = e + 1
      if text:sub(s, s) == '"' then break end
      local c = text:sub(pos, pos)
      if c == "u" then
        local code = tonumber(text:sub(pos + 1, pos + 4), 16) or fail("bad \\u escape")
        pos = pos + 5
        if code >= 0xD800 and code <= 0xDBFF and text:sub(pos, pos + 1) == "\\u" then
          local low = tonumber(text:sub(pos + 2, pos + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then
            code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
            pos = pos + 6
          end
        end
        out[#out + 1] = utf8_of(code)
      else
        out[#out + 1] = ESC[c] or fail("bad escape")
        pos = pos + 1
      end
    end
    return table.concat(out)
  end

  local value

  local function number_value()
    local s, e = text:find("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not s then fail("bad number") end
    local literal = text:sub(s, e)
    pos = e + 1
    if not literal:find("[.eE]") then
      local i = math.tointeger(tonumber(literal))
      -- beyond int64 tonumber gives a float: keep it, as the binding does
      if i then return i end
    end
    return tonumber(literal) + 0.0
  end

  function value()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      local obj = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1 return obj end
      while true do
        skip()
        if text:sub(pos, pos) ~= '"' then fail("expected a key") end
        local k = string_value()
        skip()
        if text:sub(pos, pos) ~= ":" then fail("expected ':'") end
        pos = pos + 1
        obj[k] = value()
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return obj end
        if d ~= "," then fail("expected ',' or '}'") end
      end
    elseif c == "[" then
      local arr = {}
      if options.array_mt then setmetatable(arr, options.array_mt) end
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1 return arr end
      while true do
        arr[#arr + 1] = value()
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return arr end
        if d ~= "," then fail("expected ',' or ']'") end
      end
    elseif c == '"' then
      return string_value()
    elseif text:find("^true", pos) then
      pos = pos + 4
      return true
    elseif text:find("^false", pos) then
      pos = pos + 5
      return false
    elseif text:find("^null", pos) then
      pos = pos + 4
      return null
    else
      return number_value()
    end
  end

  return function()
    local v = value()
    skip()
    if pos <= #text then fail("trailing text") end
    return v
  end
end

function json.decode(text, options)
  return decoder(text, options or {})()
end

return json
