-- SPDX-License-Identifier: MIT
-- Format 1.1 in Lua: the real pledges of examples/ and every new key,
-- through fields and through generic access by key.
local t = ...
local pledge = require "pledge"

local function load_all(name)
  local docs, err = pledge.load_all(t.path("examples/" .. name .. ".yaml"))
  assert(docs, err)
  return docs
end

t.test("the real pledges validate with their follow-ups", function()
  for _, name in ipairs({ "lulea-2018", "stenungsund-orust-tjorn-2023", "mala-2024",
                          "vingaker-2017", "goteborg-centrum-2018" }) do
    local errors = 0
    for _, d in ipairs(pledge.validate(t.path("examples/" .. name .. ".yaml"), { resolve = true })) do
      if d.severity == "error" then errors = errors + 1 end
    end
    t.eq(errors, 0, name .. ": errors")
  end
end)

t.test("partners, signing, outputs, events, partial dates", function()
  local docs = load_all("lulea-2018")
  local p, f1, f3 = docs[1], docs[2], docs[4]
  local a = p:activity("informationskampanj-langning")
  t.eq(#a.partners, 4, "#partners")
  t.eq(a.partners[1].id, "systembolaget", "first partner")
  t.eq(a.partners[1].role, "partner", "role")
  t.eq(p:party("kommun").role, "pledging", "default role")
  local signing = p.signing
  t.eq(signing.date.date, "2018-04-13", "signing date")
  t.eq(signing.date.precision, "day", "signing precision")
  t.eq(#signing.signatories, 3, "#signatories")
  t.eq(signing.signatories[1].party, p:party("polis"), "signatory party")
  t.eq(signing.signatories[2].name, "Lenita Ericson", "signatory name")
  t.eq(p:activity("trafikkontroll-varje-dygn").target.per, "day", "per day")
  t.eq(f1.date, "2018-08-01", "a month as date")
  t.eq(f1.date_precision, "month", "date precision")
  t.eq(f1.reported_by[1], "polis", "reported_by")
  t.eq(f1.period.label, "maj-juli 2018", "period label")
  local outputs = f1:entry("trafikkontroll-varje-dygn").outputs
  t.eq(outputs[2].value, 0.78, "output value")
  t.eq(outputs[2].per, "day", "output per")
  t.eq(outputs[2].qualifier, "exactly", "default qualifier")
  t.eq(math.type(outputs[1].value), "integer", "integer output")
  local ev = f1:entry("dialog-ensamkommande").events[1]
  t.eq(ev.date.date, "2018-02-01", "event date")
  t.eq(ev.date.precision, "month", "event precision")
  t.eq(f3.date, nil, "no date")
  t.eq(f3.period.start_precision, "year", "a year as period")
end)

t.test("no responsible party, conditions, flat lists, places, other work", function()
  local m = load_all("mala-2024")[1]
  for _, a in ipairs(m:activities()) do t.eq(#a.responsible, 0, a.id .. ": never guessed") end
  t.eq(m:activity("grannsamverkan-vid-onskemal").condition, "Om det uppkommer önskemål", "condition")
  t.eq(m:activities()[1].condition, nil, "no condition")
  local v = load_all("vingaker-2017")
  local p, fu = v[1], v[2]
  t.eq(#p.themes, 0, "no themes")
  t.eq(#p:activities(), 5, "flat activities")
  t.eq(p:activities()[1].theme, nil, "no theme")
  local place = p:place("vingaker-tatort")
  t.eq(place.kind, "town", "place kind")
  t.eq(place.name, "tätorten Vingåker", "place name")
  t.eq(p:activities()[1].places[1], place, "activity place")
  t.eq(place:activities()[1], p:activities()[1], "place activities")
  local out = fu:entry("trafikkontroller").outputs[1]
  t.eq(out.qualifier, "more_than", "drygt")
  t.eq(out.label, "drygt femtio", "label")
  t.eq(fu:entry("trafikkontroller").done, nil, "no done")
  t.eq(fu.other_work[1].outputs[1].value, 2, "other work output")
  t.eq(fu.other_work[1].events[1].date.precision, "month", "other work event")
end)

t.test("area and generic access by key", function()
  local s = load_all("stenungsund-orust-tjorn-2023")[1]
  t.eq(s.area.municipality, nil, "no single municipality")
  t.eq(#s.area.municipalities, 3, "#municipalities")
  t.eq(s.area.municipalities[2].name, "Tjörns kommun", "municipality name")
  t.eq(s:get("/signing/signatories/3/name"), "Susanne Arvidsson", "get")
  t.eq(s:text("/signing/signatories/3/role"), "lokalpolisområdeschef", "text by pointer")
  t.eq(s:get("/no/such/key"), nil, "absent")
  local g = load_all("goteborg-centrum-2018")[1]
  local a = g:activity("hog-polisiar-narvaro")
  t.eq(a.when, "alla fredags- och lördagskvällar", "when")
  t.eq(a:localized("when"), a.when, "localized when")
  t.eq(a.data.when, a.when, "data")
  t.ok(not pcall(a.localized, a, "no_such_key"), "unknown key is misuse")
end)

t.test("progress per party, target met", function()
  local g = load_all("goteborg-centrum-2018")
  local prog = g[1]:progress(g[2])
  t.eq(prog.target_met.narkotikainsatser, true, "met")
  t.eq(prog.target_met["hog-polisiar-narvaro"], nil, "unknown")
  t.eq(prog.done_counts.narkotikainsatser, 11, "done")
  t.eq(prog.status_counts_by_party.polis.done, 3, "per party")
  t.eq(prog.status_counts_by_party[pledge.NO_PARTY].done, 0, "no party")
  t.eq(prog.status_counts.not_done, 0, "not_done counted")
  local m = load_all("mala-2024")[1]
  local by_party = m:progress().status_counts_by_party
  t.eq(by_party[pledge.NO_PARTY].not_reported, 6, "never spread over the parties")
  t.eq(by_party.polis.not_reported, 0, "polis")
end)
