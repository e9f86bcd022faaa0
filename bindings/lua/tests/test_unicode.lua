-- SPDX-License-Identifier: MIT
-- Text is UTF-8 bytes in Lua strings, with their length: å ä ö, other
-- scripts, emoji and NUL bytes come back exactly, in fields, in to_table()
-- and through from_table(); file names may be non-ASCII too.
local t = ...
local pledge = require "pledge"

local ALE = t.path("examples/ale-2024.yaml")
local RICH = t.here .. "/data/rich.yaml"

t.test("å ä ö in the Ale pledge", function()
  local doc = assert(pledge.load(ALE))
  t.eq(doc.title, "Ale – medborgarlöften", "title (an en dash too)")
  t.eq(#doc.title, 24, "bytes of the title")
  t.eq(utf8.len(doc.title), 21, "characters of the title")
  local theme = doc.themes[2]
  t.eq(theme.title, "Samverkan med näringsliv", "ä")
  t.eq(doc:activity("informera").text,
       "Informera om brottsförebyggande och trygghetsskapande åtgärder.", "ö, å")
  t.eq(doc.goals[1].text, "Ökad trygghet bland invånarna.", "Ö")
  t.eq(doc.parties[2].name, "Lokalpolisområde Kungälv-Ale", "å, ä")
  t.ok(utf8.len(doc.summary), "the summary is valid UTF-8")
end)

t.test("non-ASCII, emoji and NUL bytes in the rich pledge", function()
  local doc = assert(pledge.load(RICH))
  t.eq(doc.title, "Lerum – medborgarlöften för Gråbo och Sjövik", "title")
  t.eq(doc:text("title", "en"), "Lerum – citizen pledges for Gråbo and Sjövik", "escaped in YAML")
  t.eq(doc:text("summary", "en"), "A pledge with a NUL\0inside.", "NUL in a field")
  t.eq(#doc:text("summary", "en"), 27, "its length")
  t.eq(doc.contacts[1].name, "Åsa Öberg", "Å Ö")
  t.eq(doc.parties[3].name, "Bostadsbolaget Övre Äng", "Ä")
  local x = doc:to_table()["x-extension"]
  t.eq(x.emoji, "😀 smörgåsbord", "emoji")
  t.eq(x.nul, "före\0efter", "NUL in to_table()")
end)

t.test("from_table keeps every byte", function()
  local tbl = assert(pledge.load(ALE)):to_table()
  local odd = "å\0ä\"ö\\\n\t\1\127 😀 \u{2028}\u{85}"
  tbl["x-odd"] = { list = { odd }, ["nyckel med ä"] = odd }
  tbl.title = "Ale – löften för Nödinge"
  local doc, err = pledge.from_table(tbl)
  t.ok(doc, err)
  t.eq(#doc.warnings, 0, "no warning (line breaks U+2028 and U+0085 are escaped)")
  t.eq(doc.title, "Ale – löften för Nödinge", "title")
  local back = doc:to_table()["x-odd"]
  t.eq(back.list[1], odd, "string")
  t.eq(back["nyckel med ä"], odd, "key")
end)

-- Å is C3 85 in UTF-8: its second byte is that of U+0085 (C2 85), which
-- YAML tools count as a line break. The JSON reader (as from_table() and
-- .json files use it) must look at both bytes.
t.test("Å and Ö in JSON text are not line breaks", function()
  local tbl = assert(pledge.load(ALE)):to_table()
  tbl.title = "Åre – löften för Östersund"
  local doc, err = pledge.from_table(tbl)
  t.ok(doc, err)
  local warnings = {}
  for i, w in ipairs(doc.warnings) do warnings[i] = tostring(w) end
  t.eq(table.concat(warnings, "\n"), "", "warnings")
  local _, _, diags = pledge.load_string('{"title": "Åre",\n "format": 12}', "x.json")
  local at
  for _, d in ipairs(diags) do
    if d.instance_path == "/format" then at = d end
  end
  t.ok(at, "a diagnostic at /format")
  t.eq(at.line, 2, "its line")
end)

t.test("file names with å ä ö", function()
  local path = t.write(t.tmp_dir .. "/medborgarlöfte-åäö.yaml", t.read(ALE))
  local doc = assert(pledge.load(path))
  t.eq(doc.file, path, "file")
  local diags = pledge.validate(t.tmp_dir .. "/saknas-åäö.yaml")
  t.eq(diags[1].file, t.tmp_dir .. "/saknas-åäö.yaml", "file of an io.error")
end)

t.test("invalid UTF-8 is a diagnostic, not garbage", function()
  local text = t.read(ALE):gsub("Ale kommun\n", "Ale \xff\xfe kommun\n", 1)
  local doc, msg, diags = pledge.load_string(text, "bad-utf8.yaml")
  t.eq(doc, nil, "refused")
  t.ok(msg:find("bad-utf8.yaml", 1, true), msg)
  t.eq(diags[1].code, "yaml.invalid-utf8", "code")
end)
