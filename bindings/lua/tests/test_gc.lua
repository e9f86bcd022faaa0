-- SPDX-License-Identifier: MIT
-- Objects keep their document alive under Lua's garbage collector: every
-- object handed out references its document (the Lua object its owner,
-- the C module's userdata the owner's userdata), and only the owners have
-- a __gc. Each test drops the document and collects while its objects are
-- still in use; a use-after-free would crash the interpreter or garble
-- the text read back.
local t = ...
local pledge = require "pledge"
local core = require "pledge.core"

local ALE = t.path("examples/ale-2024.yaml")
local FOLLOW_UP = t.path("examples/ale-2024-follow-up-2025.yaml")

local want = {}
do
  local doc = assert(pledge.load(ALE))
  for i, a in ipairs(doc:activities()) do
    want[i] = { id = a.id, text = a.text, n = #a.responsible, party = a.responsible[1].name,
                theme = a.theme.title }
  end
end

local function check_activity(i, a)
  local w = want[i]
  t.eq(a.id, w.id, "id")
  t.eq(a.text, w.text, "text")
  t.eq(#a.responsible, w.n, "#responsible")
  t.eq(a.responsible[1].name, w.party, "party name")
  t.eq(a.theme.title, w.theme, "theme title")
end

t.test("collectgarbage() while iterating activities, document never in a variable", function()
  for _ = 1, 100 do
    for i, a in ipairs(assert(pledge.load(ALE)):activities()) do
      collectgarbage()
      check_activity(i, a)
    end
  end
end)

t.test("collectgarbage() while iterating activities, document variable dropped", function()
  for _ = 1, 100 do
    local doc = assert(pledge.load(ALE))
    local acts = doc:activities()
    doc = nil -- luacheck: ignore (the point of the test)
    for i, a in ipairs(acts) do
      collectgarbage()
      collectgarbage()
      check_activity(i, a)
    end
  end
end)

t.test("the same under a collector that never pauses", function()
  -- pause 0: a cycle starts as soon as one ends (Lua 5.3 has no "incremental" option)
  local lua53 = _VERSION == "Lua 5.3"
  if lua53 then collectgarbage("setpause", 0) else collectgarbage("incremental", 0, 100) end
  local ok, err = pcall(function()
    for _ = 1, 50 do
      local acts = assert(pledge.load(ALE)):activities()
      for i, a in ipairs(acts) do
        collectgarbage("step")
        check_activity(i, a)
      end
    end
  end)
  -- Lua's defaults
  if lua53 then collectgarbage("setpause", 200) else collectgarbage("incremental", 200, 100) end
  if not ok then error(err, 0) end
end)

-- Lua 5.4 only: 5.3 has no generational mode.
if _VERSION ~= "Lua 5.3" then t.test("the same in generational mode", function()
  collectgarbage("generational")
  local ok, err = pcall(function()
    for _ = 1, 50 do
      for i, a in ipairs(assert(pledge.load(ALE)):activities()) do
        collectgarbage("step")
        check_activity(i, a)
      end
    end
  end)
  collectgarbage("incremental")
  if not ok then error(err, 0) end
end) end

t.test("objects of objects keep the document alive", function()
  local party = assert(pledge.load(ALE)):activities()[1].responsible[2]
  local source = assert(pledge.load(ALE)).goals[1].indicators[1].source
  local acts = assert(pledge.load(ALE)).themes[4].activities
  local period = assert(pledge.load(ALE)).period
  collectgarbage()
  collectgarbage()
  t.eq(party.name, "Lokalpolisområde Kungälv-Ale", "party")
  t.eq(party:activities()[1].id, "tryggare-trafikmiljo", "the party's document")
  t.eq(source.kind, "safety_survey", "source")
  t.eq(#acts, 5, "theme activities")
  t.eq(acts[5].responsible[1].id, "kommun", "their parties")
  t.eq(period.start, "2024-01-01", "period (plain values)")
end)

t.test("a progress and its indicators outlive the documents", function()
  local ip
  do
    local prog = assert(pledge.load(ALE)):progress({ assert(pledge.load(FOLLOW_UP)) })
    ip = prog:indicator("andel-trygga")
  end
  for _ = 1, 3 do collectgarbage() end
  t.eq(ip.latest.value, 68, "latest value")
  t.eq(ip.id, "andel-trygga", "id")
end)

t.test("the C module's own objects hold their owner (user value)", function()
  local p, ip
  do
    local doc = assert(pledge.load(ALE))
    p = core.doc_activity_at(doc._h, 0)
    local res = core.sup_progress(doc._h, {})
    ip = core.progress_indicator_at(res.progress, 0)
  end
  for _ = 1, 3 do collectgarbage() end
  t.eq(core.activity_id(p), "tryggare-trafikmiljo", "activity")
  t.eq(core.party_id(core.activity_responsible_at(p, 1)), "polis", "party of the activity")
  t.eq(core.indicator_progress_id(ip), "andel-trygga", "indicator progress")
end)

t.test("documents are collected once nothing references them", function()
  local weak = setmetatable({}, { __mode = "v" })
  local kept
  do
    local doc = assert(pledge.load(ALE))
    weak.doc, weak.handle = doc, doc._h
    kept = doc:activity("informera")
    local other = assert(pledge.load(ALE))
    weak.other, weak.other_handle = other, other._h
    other:activities() -- objects cached by the document: a cycle, still collectable
  end
  collectgarbage()
  collectgarbage()
  t.ok(weak.doc ~= nil and weak.handle ~= nil, "a referenced activity keeps its document")
  t.eq(weak.other, nil, "an unreferenced document is collected")
  t.eq(weak.other_handle, nil, "and its C object with it")
  kept = nil -- luacheck: ignore
  collectgarbage()
  collectgarbage()
  t.eq(weak.doc, nil, "collected after its last object")
  t.eq(weak.handle, nil, "C object collected too")
end)

t.test("many documents loaded and dropped", function()
  local before
  for round = 1, 300 do
    local doc = assert(pledge.load(ALE))
    local _ = doc:to_table(), doc:activities(), doc.parties
    if round == 50 then
      collectgarbage()
      before = collectgarbage("count")
    end
  end
  collectgarbage()
  -- Lua's own heap does not grow with the number of documents dropped
  t.ok(collectgarbage("count") < before * 1.5 + 64,
       string.format("Lua heap %.0f KiB after, %.0f KiB before", collectgarbage("count"), before))
end)
