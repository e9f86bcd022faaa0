-- SPDX-License-Identifier: MIT
-- pledge.read(): one validation session hands back each file in load order
-- with its diagnostics and its documents (false for invalid ones), as
-- Python's pledge.read (bindings/python/tests/test_read.py) does.
local t = ...
local pledge = require "pledge"

local ALE = t.path("examples/ale-2024.yaml")
local FOLLOW_UP = t.path("examples/ale-2024-follow-up-2025.yaml")
local BAD = "---\nformat: follow-up/1\n"

-- A fresh folder below the test's temporary folder.
local serial = 0
local function fresh_dir()
  serial = serial + 1
  local dir = string.format("%s/read-%d-%d", t.tmp_dir, serial, os.time())
  assert(os.execute(string.format('rm -rf "%s" && mkdir -p "%s"', dir, dir)))
  return dir
end

local function write(dir, name, text)
  local sub = name:match("^(.*)/[^/]*$")
  if sub then assert(os.execute(string.format('mkdir -p "%s/%s"', dir, sub))) end
  return t.write(dir .. "/" .. name, text)
end

local function codes(diags)
  local set = {}
  for _, d in ipairs(diags) do set[d.code] = true end
  return set
end

local function kinds(docs)
  local out = {}
  for i, d in ipairs(docs) do
    out[i] = d == false and "false" or getmetatable(d) and tostring(d):match("^<(%a+)") or "?"
  end
  return table.concat(out, ",")
end

t.test("read: valid and invalid documents of one stream", function()
  local dir = fresh_dir()
  -- pledge, invalid, follow-up, and the pledge again (a duplicate id)
  local path = write(dir, "stream.yaml",
                     t.read(ALE) .. BAD .. "---\n" .. t.read(FOLLOW_UP) .. "---\n" .. t.read(ALE))
  local files = pledge.read(path)
  t.is_sequence(files, "files")
  t.eq(#files, 1, "one file")
  local f = files[1]
  t.eq(f.path, path, "path as given")
  t.is_sequence(f.documents, "documents")
  t.is_sequence(f.diagnostics, "diagnostics")
  t.eq(#f.documents, 4, "every document, invalid ones as false")
  local p, bad, fu, dup = table.unpack(f.documents)
  t.eq(p.id, assert(pledge.load(ALE)).id, "the pledge")
  t.eq(tostring(p):match("^<(%a+)"), "Pledge", "a pledge")
  t.eq(bad, false, "invalid alone")
  t.eq(fu.pledge_id, p.id, "the follow-up")
  t.eq(dup, false, "valid alone, invalid by the cross-document check")
  -- the same diagnostics as validate(), in the same order
  local want = pledge.validate(path)
  t.eq(#f.diagnostics, #want, "as many diagnostics as validate()")
  for i, d in ipairs(want) do t.same(f.diagnostics[i], d, "diagnostic " .. i) end
  local errors = {}
  for _, d in ipairs(f.diagnostics) do
    if d.severity == "error" then errors[d.document] = true end
  end
  t.same(errors, { [1] = true, [3] = true }, "documents with errors")
  t.ok(codes(f.diagnostics)["pledge.duplicate-pledge"], "duplicate-pledge")
  t.eq(tostring(f.diagnostics[1]), tostring(want[1]), "diagnostics print as validate()'s do")
  -- a document's warnings are its own
  for i, doc in ipairs(f.documents) do
    if doc then
      local own = {}
      for _, d in ipairs(f.diagnostics) do
        if d.document == i - 1 then own[#own + 1] = d end
      end
      t.same(doc.warnings, own, "warnings of document " .. (i - 1))
    end
  end
end)

t.test("read: files in load order, folders, a file reached twice once", function()
  local dir = fresh_dir()
  write(dir, "b/2.yaml", t.read(FOLLOW_UP))
  write(dir, "b/1.yml", t.read(ALE))
  write(dir, "b/.hidden.yaml", BAD)
  write(dir, "b/notes.txt", "not read")
  local single = write(dir, "a.yaml", t.read(FOLLOW_UP))
  local files = pledge.read(single, dir .. "/b", single)
  local names, docs, diags = {}, {}, {}
  for i, f in ipairs(files) do
    names[i] = f.path:match("[^/]*$")
    docs[i] = kinds(f.documents)
    table.move(f.diagnostics, 1, #f.diagnostics, #diags + 1, diags)
  end
  t.eq(table.concat(names, " "), "a.yaml 1.yml 2.yaml", "load order")
  t.eq(table.concat(docs, " "), "FollowUp Pledge FollowUp", "documents")
  t.same(diags, pledge.validate(single, dir .. "/b", single), "diagnostics as validate()")
end)

t.test("read: resolve", function()
  local dir = fresh_dir()
  local fu = write(dir, "fu.yaml", t.read(FOLLOW_UP))
  local f = pledge.read(fu)[1]
  t.eq(kinds(f.documents), "FollowUp", "without resolve")
  f = pledge.read(fu, { resolve = true })[1]
  t.eq(kinds(f.documents), "false", "with resolve")
  t.ok(codes(f.diagnostics)["follow-up.unknown-pledge"], "unknown-pledge")
  -- with its pledge among the files it is valid, and progress works on both
  local files = pledge.read(ALE, fu, { resolve = true })
  local p, u = files[1].documents[1], files[2].documents[1]
  t.eq(kinds({ p, u }), "Pledge,FollowUp", "both valid")
  t.eq(p:progress({ u }).share_done, assert(pledge.load(ALE)):progress({ assert(pledge.load(FOLLOW_UP)) }).share_done,
       "progress as from load()")
end)

t.test("read: documents outlive the call and the file tables", function()
  local dir = fresh_dir()
  local path = write(dir, "p.yaml", t.read(ALE))
  local doc = pledge.read(path)[1].documents[1]
  collectgarbage()
  collectgarbage()
  t.same(doc:to_table(), assert(pledge.load(ALE)):to_table(), "to_table")
  t.eq(#doc:activities(), 11, "activities")
end)

t.test("read: unreadable and missing paths are diagnostics", function()
  local dir = fresh_dir()
  local missing = dir .. "/missing.yaml"
  local files = pledge.read(missing)
  t.eq(#files, 1, "one file")
  t.eq(files[1].path, missing, "path")
  t.is_sequence(files[1].documents, "documents")
  t.eq(#files[1].documents, 0, "no documents")
  t.eq(#files[1].diagnostics, 1, "one diagnostic")
  t.eq(files[1].diagnostics[1].code, "io.error", "io.error")
  assert(os.execute(string.format('mkdir -p "%s/empty"', dir)))
  files = pledge.read(dir .. "/empty")
  t.eq(#files, 1, "one entry for an empty folder")
  t.eq(files[1].diagnostics[1].code, "io.error", "io.error for a folder without files")
end)

t.test("read: misuse raises", function()
  t.raises("bad argument #1 to 'read' (path expected", pledge.read)
  t.raises("bad argument #2 to 'read' (string expected, got integer)", pledge.read, ALE, 3)
  -- the error names the caller's line, not pledge.lua
  local err = t.raises("read", pledge.read)
  t.ok(not tostring(err):find("pledge.lua", 1, true), "blamed on the caller: " .. tostring(err))
end)
