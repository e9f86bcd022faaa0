-- SPDX-License-Identifier: MIT
-- Expected failures return nil, message, diagnostics (as io.open returns
-- nil, message, code); error() is raised only for misuse.
local t = ...
local pledge = require "pledge"
local core = require "pledge.core"

local ALE = t.path("examples/ale-2024.yaml")
local FOLLOW_UP = t.path("examples/ale-2024-follow-up-2025.yaml")
local INVALID = t.path("examples/invalid/required.activity-without-text.yaml")

local function fails(what, value, msg, diags)
  t.eq(value, nil, what .. ": first value")
  t.eq(type(msg), "string", what .. ": message")
  t.is_sequence(diags, what .. ": diagnostics")
  return msg, diags
end

t.test("load of a missing file: nil, message, diagnostics", function()
  local path = t.path("examples/no-such-pledge.yaml")
  local msg, diags = fails("missing", pledge.load(path))
  t.eq(msg, path .. ": No such file or directory", "message as io.open words it")
  t.eq(#diags, 1, "one diagnostic")
  t.eq(diags[1].code, "io.error", "code")
  t.eq(diags[1].severity, "error", "severity")
  t.eq(diags[1].file, path, "file")
  t.eq(diags[1].line, 0, "line")
  t.eq(diags[1].column, 0, "column")
  t.is_integer(diags[1].line, "line")
  fails("load_all", pledge.load_all(path))
end)

t.test("load of a folder", function()
  local msg, diags = fails("folder", pledge.load(t.path("examples")))
  t.ok(msg:find("^" .. t.path("examples"):gsub("%p", "%%%0") .. ": "), msg)
  t.eq(diags[1].code, "io.error", "code")
end)

t.test("load of an invalid file", function()
  local msg, diags = fails("invalid", pledge.load(INVALID))
  t.ok(msg:find(INVALID .. ": invalid data (1 error)", 1, true), msg)
  t.ok(msg:find(':32:9: error: missing required property "text" [required]', 1, true), msg)
  t.eq(#diags, 1, "one diagnostic")
  local d = diags[1]
  t.eq(d.code, "required", "code")
  t.eq(d.line, 32, "line")
  t.eq(d.column, 9, "column")
  t.eq(d.document, 0, "document")
  t.eq(d.instance_path, "/themes/0/activities/1", "instance_path")
  t.ok(d.schema_path:find("required$"), "schema_path " .. d.schema_path)
  t.eq(tostring(d), INVALID .. ':32:9: error: missing required property "text" '
       .. "[required] at /themes/0/activities/1", "tostring")
end)

t.test("many errors: the message lists the first five", function()
  local text = t.read(ALE):gsub("responsible: %[[^%]]*%]", "responsible: polis")
  local msg, diags = fails("many", pledge.load_string(text, "many.yaml"))
  local errors = 0
  for _, d in ipairs(diags) do
    if d.severity == "error" then errors = errors + 1 end
  end
  t.ok(errors > 5, "more than five errors")
  t.ok(msg:find("many.yaml: invalid data (" .. errors .. " errors)", 1, true), msg)
  t.ok(msg:find("… and " .. (errors - 5) .. " more", 1, true), msg)
  t.eq(select(2, msg:gsub("\n", "\n")), 6, "a line for what, five for errors, one for the rest")
end)

t.test("syntax errors, empty text, streams", function()
  local msg, diags = fails("syntax", pledge.load_string("a: [1, 2", "broken.yaml"))
  t.eq(diags[1].code, "yaml.syntax", "code")
  t.ok(msg:find("broken.yaml", 1, true), msg)
  msg = fails("empty", pledge.load_string("", "empty.yaml"))
  t.eq(msg, "empty.yaml: expected exactly one document, found no document (pledge.load_all reads streams)",
       "message")
  local docs = pledge.load_all(t.write(t.tmp_dir .. "/lua-empty.yaml", ""))
  t.is_sequence(docs, "an empty stream has no documents")
  t.eq(#docs, 0, "#docs")
  local stream = t.read(ALE) .. "\n---\n" .. t.read(INVALID)
  local path = t.write(t.tmp_dir .. "/lua-stream-invalid.yaml", stream)
  msg, diags = fails("stream", pledge.load_all(path))
  t.eq(diags[1].document, 1, "the second document")
  msg, diags = fails("json", pledge.load_string("{\"format\": ", "x.json"))
  t.ok(diags[1].code:find("syntax"), "a syntax code: " .. diags[1].code)
end)

t.test("unknown format", function()
  local _, diags = fails("format", pledge.load_string("format: other/9\nid: x\n", "f.yaml"))
  t.eq(diags[1].code, "pledge.unknown-format", "code")
end)

t.test("progress with a follow-up of another pledge", function()
  local other = assert(pledge.load(t.here .. "/data/rich.yaml"))
  local msg, diags = fails("progress", other:progress({ assert(pledge.load(FOLLOW_UP)) }))
  t.eq(diags[1].code, "follow-up.unknown-pledge", "code")
  t.ok(#msg > 0, "message")
end)

t.test("to_json of a value JSON cannot hold", function()
  local doc = assert(pledge.load_string(t.read(ALE) .. "x-infinity: .inf\n"))
  local text, msg = doc:to_json()
  t.eq(text, nil, "no text")
  t.eq(type(msg), "string", "message")
  t.ok(doc:to_yaml():find("x-infinity: .inf", 1, true), "YAML can hold it")
end)

t.test("misuse raises errors", function()
  local doc = assert(pledge.load(ALE))
  t.raises("bad argument #1 to 'load' (string expected, got integer)", pledge.load, 42)
  t.raises("bad argument #1 to 'load' (string expected, got nil)", pledge.load)
  t.raises("bad argument #1 to 'load_all'", pledge.load_all, {})
  t.raises("bad argument #1 to 'load_string'", pledge.load_string, nil)
  t.raises("bad argument #2 to 'load_string'", pledge.load_string, "", 3)
  t.raises("bad argument #1 to 'from_table' (table expected, got string)", pledge.from_table, "x")
  t.raises("is a function", pledge.from_table, { format = print })
  t.raises("contains itself", function()
    local loop = {}
    loop.self = loop
    return pledge.from_table(loop)
  end)
  t.raises("which pledge data cannot hold", pledge.from_table, { x = 0 / 0 })
  t.raises("which pledge data cannot hold", pledge.from_table, { x = math.huge })
  t.raises("a mapping's keys are strings", pledge.from_table, { [true] = 1 })
  t.raises("a mapping's keys are strings", pledge.from_table, { 1, 2, x = 3 })
  t.raises("bad argument #1 to 'validate' (path expected", pledge.validate)
  t.raises("bad argument #1 to 'validate' (string expected, got table)", pledge.validate, {})
  t.raises("bad argument #2 to 'validate'", pledge.validate, ALE, 7)
  t.raises("bad argument #1 to 'activity'", doc.activity, doc, 1)
  t.raises("bad argument #1 to 'text'", doc.text, doc)
  t.raises("bad argument #1 to 'progress'", doc.progress, doc, "x")
  t.raises("item 1 is not a follow-up", doc.progress, doc, { doc })
  t.raises("read-only", function() doc.id = "x" end)
  t.raises("read-only", function() doc:activities()[1].text = "x" end)
  t.raises("NUL", pledge.load, "examples/ale\0.yaml")
  t.raises("NUL", pledge.validate, "a\0b")
  -- the C module checks its arguments too
  t.raises("integer", core.doc_activity_at, doc._h, 1.5)
  t.raises("out of range", core.doc_activity_at, doc._h, -1)
  t.raises("doc_id", core.doc_id, "not a document")
  t.raises("string expected", core.sup_load_file, 12, 0)
end)
