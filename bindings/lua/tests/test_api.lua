-- SPDX-License-Identifier: MIT
-- Every name of the Lua contract (shared/spec/bindings.md, Lua section) on
-- the Ale pledge, its follow-up and the richer test data: types (integers
-- as integers, sequences as sequences), nil for absent fields, __tostring.
local t = ...
local pledge = require "pledge"

local ALE = t.path("examples/ale-2024.yaml")
local FOLLOW_UP = t.path("examples/ale-2024-follow-up-2025.yaml")
local RICH = t.here .. "/data/rich.yaml"
local RICH_FU = t.here .. "/data/rich-follow-up.yaml"
local STREAM = t.here .. "/data/stream.yaml"

local function ale() return assert(pledge.load(ALE)) end

t.test("require defines no globals and returns the module", function()
  t.eq(type(pledge), "table", "module")
  t.eq(package.loaded.pledge, pledge, "package.loaded.pledge")
  for _, name in ipairs { "pledge", "pledge_core", "core", "swig_type", "swig_equals" } do
    t.eq(rawget(_G, name), nil, "global " .. name)
  end
end)

-- The Lua section of shared/spec/bindings.md, line by line.
t.test("the contract's example", function()
  local doc, err = pledge.load(ALE)                                  -- nil, message, diagnostics on failure
  t.ok(doc, err)
  local docs = pledge.load_all(STREAM)                               -- every document of a stream
  t.eq(#docs, 2, "load_all")
  local diags = pledge.validate(ALE, t.here .. "/data/")             -- files and folders
  t.is_sequence(diags, "validate")
  local d2 = pledge.from_table(doc:to_table())                       -- build from plain tables
  t.eq(d2.id, doc.id, "from_table")
  t.eq(table.concat({ doc.id, doc.title, doc.language }, " "), "ale-2024 Ale – medborgarlöften sv", "fields")
  for _, a in ipairs(doc:activities()) do
    t.eq(type(a.id), "string", "a.id")
    t.eq(type(a.text), "string", "a.text")
    t.is_integer(#a.responsible, "#a.responsible")
  end
  local a = doc:activity("tryggare-trafikmiljo")                     -- nil if absent
  t.eq(a.id, "tryggare-trafikmiljo", "activity")
  t.eq(doc.period.start, "2024-01-01", "period.start")
  t.eq(doc.period["end"], nil, "period.end")
  t.eq(doc.period.start_precision, "year", "start_precision")
  t.eq(type(doc:to_table()), "table", "to_table")
  local fu = assert(pledge.load(FOLLOW_UP))
  t.eq(math.type(doc:progress({ fu }).share_done), "float", "progress share_done")
  t.eq(type(pledge.version), "string", "version")
  -- integers are Lua integers
  local bad = select(3, pledge.load(t.path("examples/invalid/pledge.unknown-reference.yaml")))
  t.is_integer(bad[1].line, "d.line")
  t.is_integer(bad[1].column, "d.column")
  t.is_integer(bad[1].document, "d.document")
end)

t.test("pledge.version", function()
  t.eq(type(pledge.version), "string", "type")
  t.ok(pledge.version:match("^%d+%.%d+%.%d+"), "version looks like x.y.z: " .. pledge.version)
end)

t.test("load: document fields", function()
  local doc, err = pledge.load(ALE)
  t.ok(doc, err)
  t.eq(doc.id, "ale-2024", "id")
  t.eq(doc.title, "Ale – medborgarlöften", "title")
  t.eq(doc.language, "sv", "language")
  t.eq(doc.status, "active", "status (absent means active)")
  t.eq(doc.format, "pledge/1", "format")
  t.eq(doc.file, ALE, "file")
  t.eq(doc.index, 0, "index")
  t.eq(doc.supersedes, nil, "supersedes")
  t.ok(doc.focus:find("^Särskilt fokus"), "focus")
  t.ok(doc.summary:find("treårsperiod"), "summary")
  t.eq(doc:text("title"), doc.title, "text(title)")
  t.eq(doc:text("title", "en"), nil, "text in a language the text lacks")
  t.eq(doc:text("nonexistent"), nil, "text of an absent key")
  t.is_sequence(doc.warnings, "warnings")
  t.eq(tostring(doc), "<Pledge ale-2024>", "tostring")
end)

t.test("period: first day of a partial date, nil end, precision", function()
  local p = ale().period
  t.eq(p.start, "2024-01-01", "start")
  t.eq(p["end"], nil, "end")
  t.eq(p.start_precision, "year", "start_precision")
  t.eq(p.end_precision, nil, "end_precision")
  t.eq(p.planned_years, 3, "planned_years")
  t.eq(p.label, "2024 och tillsvidare", "label")
  local r = assert(pledge.load(RICH)).period
  t.eq(r.start, "2025-03-01", "rich start")
  t.eq(r.start_precision, "month", "rich start_precision")
  t.eq(r["end"], "2027-01-01", "rich end (its first day)")
  t.eq(r.last_day, "2027-12-31", "rich last_day")
  t.eq(r.end_precision, "year", "rich end_precision")
  t.ok(tostring(r):find("2025-03-01", 1, true), "tostring " .. tostring(r))
end)

t.test("activities: a sequence of activity objects", function()
  local doc = ale()
  local acts = doc:activities()
  t.is_sequence(acts, "activities")
  t.eq(#acts, 11, "#activities")
  local a = acts[1]
  t.eq(a.id, "tryggare-trafikmiljo", "first id")
  t.eq(a.text, "Arbeta för tryggare trafikmiljö.", "text")
  t.is_sequence(a.responsible, "responsible")
  t.eq(#a.responsible, 2, "#responsible")
  t.eq(a.responsible[1].id, "kommun", "responsible[1]")
  t.eq(a.responsible[2].name, "Lokalpolisområde Kungälv-Ale", "responsible[2].name")
  t.eq(a.theme.id, "trafiksakerhet-och-trygga-miljoer", "theme")
  t.eq(a.recurrence, nil, "recurrence")
  t.eq(a.target, nil, "target")
  t.eq(a.target_group, nil, "target_group")
  t.is_sequence(a.addresses, "addresses")
  t.eq(#a.addresses, 0, "#addresses")
  t.eq(tostring(a), "<Activity tryggare-trafikmiljo>", "tostring")
  t.eq(acts[10].recurrence, "yearly", "recurrence")
  local n = 0
  for i, x in ipairs(acts) do n = i t.eq(getmetatable(x), getmetatable(a), "class") end
  t.eq(n, 11, "ipairs")
  -- one object per activity, kept by its document
  t.ok(doc:activity("tryggare-trafikmiljo") == a, "activity(id) is the same object")
  t.ok(a.responsible[1] == doc.parties[1], "a party is one object")
  t.eq(a.document, doc, "document")
end)

t.test("activity(id): nil when absent", function()
  local doc = ale()
  t.eq(doc:activity("finns-inte"), nil, "absent")
  t.eq(doc:activity("informera").id, "informera", "present")
  t.eq(doc:party("ingen"), nil, "party")
  t.eq(doc:theme("ingen"), nil, "theme")
  t.eq(doc:goal("ingen"), nil, "goal")
  t.eq(doc:indicator("ingen"), nil, "indicator")
  t.eq(doc:party("polis").kind, "police", "party(id)")
  t.eq(doc:theme("unga").title, "Samverkan i det brottsförebyggande arbetet gentemot unga", "theme(id)")
end)

t.test("parties, themes, goals with indicators", function()
  local doc = ale()
  t.is_sequence(doc.parties, "parties")
  t.eq(#doc.parties, 2, "#parties")
  local kommun = doc.parties[1]
  t.eq(kommun.kind, "municipality", "kind")
  t.eq(kommun.url, nil, "url")
  t.is_sequence(kommun.identifiers, "identifiers")
  t.eq(kommun.identifiers[1].scheme, "scb-kommunkod", "scheme")
  t.eq(kommun.identifiers[1].value, "1440", "value")
  t.eq(#kommun:activities(), 11, "kommun's activities")
  t.eq(#doc.parties[2]:activities(), 5, "polis's activities")
  t.eq(tostring(kommun), "<Party kommun>", "tostring party")
  t.is_sequence(doc.themes, "themes")
  t.eq(#doc.themes, 4, "#themes")
  t.is_sequence(doc.themes[4].activities, "theme activities")
  t.eq(#doc.themes[4].activities, 5, "#theme activities")
  t.eq(doc.themes[1].description, nil, "theme description")
  t.eq(tostring(doc.themes[2]), "<Theme naringsliv>", "tostring theme")
  t.is_sequence(doc.goals, "goals")
  t.eq(#doc.goals, 4, "#goals")
  local g = doc.goals[1]
  t.eq(g.text, "Ökad trygghet bland invånarna.", "goal text")
  t.eq(g.level, nil, "level")
  t.is_sequence(g.indicators, "indicators")
  local ind = g.indicators[1]
  t.eq(ind.id, "andel-trygga", "indicator id")
  t.eq(ind.unit, "percent", "unit")
  t.eq(ind.direction, "increase", "direction")
  t.eq(ind.baseline, nil, "baseline")
  t.eq(ind.target, nil, "target")
  t.eq(ind.source.kind, "safety_survey", "source kind")
  t.eq(ind.source.year, nil, "source year")
  t.eq(ind.goal, g, "goal")
  t.eq(tostring(ind), "<Indicator andel-trygga>", "tostring indicator")
  t.eq(tostring(g), "<Goal okad-trygghet>", "tostring goal")
  t.eq(#doc:indicators(), 4, "indicators()")
  t.eq(#g:activities(), 0, "goal's activities")
end)

t.test("the other parts of a pledge", function()
  local doc = ale()
  t.same(doc.area, { municipality = "Ale kommun", municipality_code = "1440",
                     police_area = "Kungälv-Ale" }, "area")
  t.same(doc.agreement, { name = "Trygg i Ale" }, "agreement")
  local fu = doc.follow_up
  t.same(fu.methods, { "safety_survey", "citizen_dialogue" }, "follow_up.methods")
  t.eq(fu.frequency, "continuous", "frequency")
  local s = doc.situation
  t.ok(s.description:find("^Inom ramen"), "situation description")
  t.eq(#s.sources, 7, "#sources")
  t.eq(#s.problems, 3, "#problems")
  t.eq(s:problem("trafikrelaterade-brott").sources[1].id, "medborgardialoger", "problem sources")
  t.eq(s:source("brottsstatistik").kind, "crime_statistics", "source(id)")
  t.eq(s:source("ingen"), nil, "source absent")
  t.eq(s.problems[2].description, nil, "problem without description")
  t.eq(tostring(s.problems[1]), "<Problem psykiskt-maende>", "tostring problem")
  t.eq(tostring(s), "<Situation ale-2024>", "tostring situation")
  t.eq(#doc.channels, 5, "#channels")
  t.eq(doc.channels[1].url, "https://www.polisen.se/Medborgarloften", "channel url")
  t.eq(doc.channels[1].name, nil, "channel name")
  t.eq(doc.channels[2].owner.id, "polis", "channel owner")
  t.eq(tostring(doc.channels[2]), "<Channel facebook Polisen Kungälv och Ale>", "tostring channel")
  local c = doc.contacts[1]
  t.eq(c.party.id, "polis", "contact party")
  t.eq(c.name, "Jessica Ask", "contact name")
  t.eq(c.phone, "010-565 44 56", "phone")
  t.eq(c.email, nil, "email")
  t.eq(c.role, nil, "role")
  t.eq(tostring(c), "<Contact polis Jessica Ask>", "tostring contact")
end)

t.test("optional fields present: the rich test pledge", function()
  local doc = assert(pledge.load(RICH))
  t.eq(doc.status, "draft", "status")
  t.eq(doc.supersedes, "lerum-2022", "supersedes")
  t.eq(doc.area.region, "Västra Götaland", "region")
  t.eq(doc.agreement.url, "https://example.org/tryggare-lerum", "agreement url")
  t.eq(doc:text("title", "en"), "Lerum – citizen pledges for Gråbo and Sjövik", "title en")
  local a = doc:activity("belysning")
  t.eq(a:localized("text", "en"), "Improve the lighting in the underpasses.", "localized")
  t.eq(a:localized("text"), a.text, "localized default language")
  t.raises("has no text", a.localized, a, "nonexistent")
  t.eq(a.recurrence, "once", "recurrence")
  t.eq(a.target_group, "invånare i Gråbo", "target_group")
  t.same(a.target, { quantity = 12, comparator = "at_least", unit = "gångtunnlar", per = "period" }, "target")
  t.is_integer(a.target.quantity, "quantity")
  t.eq(doc:activity("trygghetsvandringar").target.comparator, nil, "target without comparator")
  t.eq(a.addresses[1].id, "otrygga-platser", "addresses")
  t.eq(a.goals[1].id, "okad-trygghet", "goals")
  t.eq(#doc:goal("okad-trygghet"):activities(), 1, "goal's activities")
  t.eq(a.responsible[2].kind, "housing", "responsible")
  local ind = doc:indicator("andel-trygga")
  t.same(ind.baseline, { value = 71.5, date = "2024-10-31" }, "baseline")
  t.same(ind.target, { value = 76, date = "2027-10-31" }, "target")
  t.is_integer(ind.target.value, "an integer stays an integer")
  t.eq(doc:indicator("upplevelse").direction, nil, "direction of a text indicator")
  t.eq(doc.goals[2].level, "outcome", "level")
  local src = doc.situation.sources[1]
  t.eq(src.year, 2024, "source year")
  t.is_integer(src.year, "source year")
  t.eq(src.url, "https://example.org/tryggmatning-2024", "source url")
  t.eq(doc.situation.sources[2].id, nil, "source without id")
  t.eq(tostring(doc.situation.sources[2]), "<Source crime_statistics>", "tostring source")
  t.eq(doc.parties[2]:localized("name", "en"), "Local police area Lerum-Partille", "party name en")
  t.eq(doc.channels[2]:localized("name", "en"), "Police Lerum", "channel name en")
  t.eq(doc.contacts[1]:localized("role", "en"), "safety coordinator", "contact role en")
  t.eq(doc.contacts[1].email, "asa.oberg@example.org", "email")
  t.eq(doc.contacts[2].name, nil, "contact without name")
  t.eq(doc.period.label, "mars 2025 – 2027", "period label")
  t.eq(doc.follow_up.frequency, "annual", "frequency")
end)

t.test("a follow-up", function()
  local fu = assert(pledge.load(FOLLOW_UP))
  t.eq(fu.format, "follow-up/1", "format")
  t.eq(fu.id, "ale-2024-uppfoljning-2025", "id")
  t.eq(fu.pledge_id, "ale-2024", "pledge_id")
  t.eq(fu.date, "2025-02-14", "date")
  t.eq(fu.language, nil, "language (its pledge's)")
  t.eq(fu.title, nil, "no title")
  t.eq(fu.period.start, "2024-01-01", "period start")
  t.eq(fu.period["end"], "2024-12-31", "period end")
  t.eq(fu.period.start_precision, "day", "precision")
  t.is_sequence(fu.entries, "entries")
  t.eq(#fu.entries, 11, "#entries")
  local e = fu:entry("informera")
  t.eq(e.status, "done", "status")
  t.eq(e.status_label, "genomförd", "status_label")
  t.eq(e.done, 6, "done")
  t.is_integer(e.done, "done")
  t.eq(fu:entry("tryggare-trafikmiljo").done, nil, "done absent")
  t.eq(fu:entry("nope"), nil, "entry absent")
  local ev = fu:entry("informationsmoten-foraldrar").evidence[1]
  t.eq(ev.date, "2024-10-03", "evidence date")
  t.eq(ev.title, "Informationsmöten för föräldrar i årskurs 7", "evidence title")
  t.eq(tostring(e), "<Entry informera done>", "tostring entry")
  t.eq(tostring(ev), "<Evidence https://example.org/trygg-i-ale/foraldramoten-2024>", "tostring evidence")
  local m = fu.measurements[2]
  t.eq(m.indicator_id, "andel-upplever-polisen-tillganglig", "indicator_id")
  t.eq(m.value, 41.5, "value")
  t.eq(m.date, "2024-10-31", "date")
  t.eq(m.source.year, 2024, "source year")
  t.eq(fu.measurements[1].value, 68, "integer value")
  t.eq(tostring(fu.measurements[1]), "<Measurement andel-trygga 2024-10-31 68>", "tostring measurement")
  t.eq(tostring(fu), "<FollowUp ale-2024-uppfoljning-2025>", "tostring")
  t.eq(fu.progress, nil, "no progress() on a follow-up")
  local rich = assert(pledge.load(RICH_FU))
  t.eq(rich.language, "sv", "language")
  t.eq(rich.measurements[2].value, nil, "measurement without value")
  t.eq(rich.entries[1].evidence[2].title, nil, "evidence without title")
  t.eq(rich.entries[1].evidence[2].date, nil, "evidence without date")
  t.eq(rich.entries[1]:localized("comment", "en"), "All twelve underpasses have new lighting.", "comment en")
end)

t.test("progress", function()
  local doc, fu = ale(), assert(pledge.load(FOLLOW_UP))
  local prog = assert(doc:progress({ fu }))
  t.eq(type(prog.share_done), "number", "share_done")
  t.eq(prog.share_done, 2 / 10, "share_done: done / not cancelled")
  t.eq(prog.pledge_id, "ale-2024", "pledge_id")
  t.eq(prog.report_count, 1, "report_count")
  local counts, total = prog.status_counts, 0
  for status, n in pairs(counts) do
    t.is_integer(n, "count of " .. status)
    total = total + n
  end
  t.eq(total, 11, "counts add up to the activities")
  t.eq(counts.done, 2, "done")
  t.eq(counts.in_progress, 4, "in_progress")
  t.eq(counts.not_reported, 0, "not_reported")
  t.eq(prog:activity_status("tryggare-trafikmiljo"), "in_progress", "activity_status")
  t.eq(prog:activity_status("finns-inte"), nil, "activity_status of an unknown id")
  t.eq(prog.activity_statuses.digitala_vanor, nil, "ids are kept as written")
  t.eq(prog.activity_statuses["digitala-vanor"], "cancelled", "activity_statuses")
  t.eq(prog.activity_ids[1], "tryggare-trafikmiljo", "activity_ids")
  local ip = prog:indicator("andel-trygga")
  t.eq(ip.latest.value, 68, "latest value")
  t.eq(ip.latest.date, "2024-10-31", "latest date")
  t.eq(ip.latest.report, 1, "latest report (1-based)")
  t.eq(ip.unit, "percent", "unit")
  t.eq(ip.on_track, nil, "on_track unknown without target")
  t.eq(ip.change, nil, "change without baseline")
  t.eq(#ip.measurements, 1, "#measurements")
  t.eq(prog:indicator("andel-fortroende").latest, nil, "no measurement")
  t.eq(prog:indicator("finns-inte"), nil, "indicator absent")
  t.eq(#prog.indicators, 4, "#indicators")
  t.eq(tostring(prog), "<Progress ale-2024: 20% done>", "tostring")
  t.eq(tostring(ip), "<IndicatorProgress andel-trygga>", "tostring indicator progress")
  -- a single follow-up, none, and the rich pair with baselines and targets
  t.eq(doc:progress(fu).share_done, prog.share_done, "one follow-up")
  t.eq(doc:progress().status_counts.not_reported, 11, "no follow-up")
  local rich = assert(pledge.load(RICH)):progress({ assert(pledge.load(RICH_FU)) })
  local r = rich:indicator("andel-trygga")
  t.eq(r.change, 73 - 71.5, "change")
  t.eq(r.on_track, true, "on_track")
  t.eq(type(r.expected), "number", "expected")
  t.eq(rich:indicator("anmalda-brott").latest.value, 45.25, "float value")
  t.eq(rich.share_done, 0.5, "share_done")
end)

t.test("to_table: plain nested tables with exactly the source keys", function()
  local tbl = ale():to_table()
  t.eq(getmetatable(tbl), nil, "no metatable")
  t.eq(tbl.format, "pledge/1", "format")
  t.eq(tbl.period.start, 2024, "a year written as a number stays one")
  t.is_integer(tbl.period.start, "period.start")
  t.eq(tbl.period["end"], nil, "no key that the source lacks")
  t.eq(tbl.status, nil, "no default filled in")
  t.is_sequence(tbl.themes, "themes")
  t.same(tbl.themes[1].activities[1].responsible, { "kommun", "polis" }, "responsible")
  local keys = {}
  for k in pairs(tbl) do keys[#keys + 1] = k end
  table.sort(keys)
  t.eq(table.concat(keys, " "), "agreement area channels contacts focus follow_up format goals id "
       .. "language parties period situation summary themes title", "top-level keys")
end)

t.test("to_table of the rich pledge: every kind of value", function()
  local x = assert(pledge.load(RICH)):to_table()["x-extension"]
  t.eq(x.nothing, pledge.null, "null")
  t.same(x["yes-and-no"], { true, false }, "booleans")
  t.eq(x.ratio, 0.125, "float")
  t.eq(math.type(x.huge), "float", "beyond int64: the nearest float")
  t.eq(x.negative, -42, "negative integer")
  t.eq(getmetatable(x["empty-list"]), pledge.array_mt, "an empty list is marked")
  t.eq(next(x["empty-list"]), nil, "empty list")
  t.eq(getmetatable(x["empty-map"]), nil, "an empty map is not")
  t.eq(x.nested[2].a[2].c, "d", "nested")
  t.eq(x.nul, "före\0efter", "a NUL byte is kept")
  t.eq(#x.nul, 11, "length with the NUL")
end)

t.test("to_json and to_yaml round-trip", function()
  local doc = assert(pledge.load(RICH))
  local text = assert(doc:to_json())
  t.ok(text:sub(1, 1) == "{", "JSON text")
  t.ok(assert(doc:to_json(true)):find("\n  ", 1, true), "pretty JSON is indented")
  local again = assert(pledge.load_string(text, "rich.json"))
  t.ok(again == doc, "load_string(to_json()) == doc")
  local yaml = assert(doc:to_yaml())
  t.ok(assert(pledge.load_string(yaml)) == doc, "load_string(to_yaml()) == doc")
  t.ok(ale() ~= doc, "different documents differ")
  t.ok(ale() == ale(), "equal documents are ==")
end)

t.test("from_table: validated like a file", function()
  local doc = ale()
  local copy, err = pledge.from_table(doc:to_table())
  t.ok(copy, err)
  t.ok(copy == doc, "from_table(to_table()) == doc")
  t.eq(copy.file, "<table>", "file")
  -- every kind of value round-trips but an integer beyond int64, which
  -- Lua holds as the nearest float
  local rich = assert(pledge.load(RICH))
  t.ok(assert(pledge.from_table(rich:to_table())) ~= rich, "the big integer is a float now")
  rich = assert(pledge.load_string((t.read(RICH):gsub("\n  huge: %d+", ""))))
  local rcopy = assert(pledge.from_table(rich:to_table()))
  t.ok(rcopy == rich, "every other kind of value round-trips")
  t.eq(getmetatable(rcopy:to_table()["x-extension"]["empty-list"]), pledge.array_mt, "[] stays []")
  -- built by hand, with a float where an integer is written and a
  -- date-like string key order of no importance
  local tbl = doc:to_table()
  tbl.period = { start = "2024-05", planned_years = 3 }
  local built = assert(pledge.from_table(tbl))
  t.eq(built.period.start, "2024-05-01", "start")
  t.eq(built.period.start_precision, "month", "precision")
  -- invalid: nil, message, diagnostics with line and column 0
  tbl.language = "sv-SE"
  local bad, msg, diags = pledge.from_table(tbl)
  t.eq(bad, nil, "invalid")
  t.ok(msg:find("<table>: invalid data", 1, true), msg)
  t.eq(diags[1].code, "pattern", "code")
  t.eq(diags[1].instance_path, "/language", "instance_path")
  t.eq(diags[1].line, 0, "line")
  t.eq(diags[1].column, 0, "column")
  t.eq(diags[1].file, "<table>", "file")
end)

t.test("load_all: every document of a stream", function()
  local docs, err = pledge.load_all(STREAM)
  t.ok(docs, err)
  t.is_sequence(docs, "docs")
  t.eq(#docs, 2, "#docs")
  t.eq(docs[1].format, "pledge/1", "first")
  t.eq(docs[2].format, "follow-up/1", "second")
  t.eq(docs[2].index, 1, "index")
  t.eq(docs[1]:progress(docs[2]).share_done, 0.5, "progress within the stream")
  t.eq(#assert(pledge.load_all(ALE)), 1, "a single document")
  local none, msg = pledge.load(STREAM)
  t.eq(none, nil, "load of a stream of two")
  t.ok(msg:find("expected exactly one document, found 2 documents", 1, true), msg)
end)

local DIAG_FIELDS = { severity = "string", code = "string", message = "string", file = "string",
                      document = "integer", line = "integer", column = "integer",
                      instance_path = "string", schema_path = "string" }

local function check_diagnostic(d)
  for field, kind in pairs(DIAG_FIELDS) do
    t.eq(math.type(d[field]) or type(d[field]), kind, "diagnostic field " .. field)
  end
end

t.test("validate: files and folders, the fields of --format json", function()
  local diags = pledge.validate(ALE, FOLLOW_UP)
  t.is_sequence(diags, "diagnostics")
  t.eq(#diags, 0, "the examples are valid")
  diags = pledge.validate(t.path("examples/invalid"))
  t.ok(#diags > 20, "one or more per invalid example")
  for _, d in ipairs(diags) do check_diagnostic(d) end
  local d = diags[1]
  t.ok(d.line > 0 and d.column > 0, "positions")
  t.ok(tostring(d):find(string.format("%s:%d:%d: %s: ", d.file, d.line, d.column, d.severity), 1, true),
       "tostring " .. tostring(d))
  -- schema_path for schema errors, "" for the rest
  local seen_schema, seen_plain = false, false
  for _, x in ipairs(diags) do
    if x.code == "required" then seen_schema = x.schema_path:find("/required$") ~= nil end
    if x.code == "pledge.unknown-reference" then seen_plain = x.schema_path == "" end
  end
  t.ok(seen_schema, "schema_path of a schema error")
  t.ok(seen_plain, "empty schema_path of a semantic error")
end)

t.test("validate: the examples' expect lines, as the CLI checks them", function()
  local dir = t.path("examples/invalid")
  local p = assert(io.popen('ls "' .. dir .. '"'))
  local checked = 0
  for name in p:lines() do
    if name:match("%.ya?ml$") then
      local file = dir .. "/" .. name
      local text = t.read(file)
      local resolve = text:find("\n# options:[^\n]*%-%-resolve") ~= nil
      local want = {}
      for line, col, code in text:gmatch("\n# expect: (%d+) (%d+) (%S+)") do
        want[#want + 1] = string.format("%s %s %s", line, col, code)
      end
      local got = {}
      for _, d in ipairs(pledge.validate(file, { resolve = resolve })) do
        got[#got + 1] = string.format("%d %d %s", d.line, d.column, d.code)
      end
      table.sort(want)
      table.sort(got)
      t.eq(table.concat(got, "; "), table.concat(want, "; "), name)
      checked = checked + 1
    end
  end
  p:close()
  t.ok(checked >= 20, "checked " .. checked .. " files")
end)

t.test("validate: cross-document checks, resolve, unreadable paths", function()
  local fu_only = pledge.validate(FOLLOW_UP, { resolve = true })
  t.eq(#fu_only, 1, "one diagnostic")
  t.eq(fu_only[1].code, "follow-up.unknown-pledge", "code with resolve")
  local alone = pledge.validate(FOLLOW_UP)
  t.eq(#alone, 1, "without resolve the check is skipped, and a warning says so")
  t.eq(alone[1].code, "follow-up.unchecked", "code")
  t.eq(alone[1].severity, "warning", "severity")
  local dup = pledge.validate(RICH, STREAM)
  t.eq(dup[#dup].code, "pledge.duplicate-pledge", "across files")
  t.eq(dup[#dup].file, STREAM, "at the later file")
  local missing = pledge.validate(t.path("no/such/file.yaml"))
  t.eq(#missing, 1, "one diagnostic")
  t.eq(missing[1].code, "io.error", "io.error")
  t.eq(missing[1].line, 0, "no line")
  t.eq(tostring(missing[1]):sub(1, #missing[1].file + 9), missing[1].file .. ": error: ", "tostring")
  local twice = pledge.validate(ALE, ALE)
  t.eq(#twice, 0, "a file reached twice is read once (no duplicate pledge)")
end)

t.test("validate agrees with pledge-validate --format json", function()
  local exe = os.getenv("PLEDGE_VALIDATE")
  if not exe then t.skip("PLEDGE_VALIDATE is not set (the CLI is not built)") end
  local json = require "json"
  local dir = t.path("examples/invalid")
  local p = assert(io.popen(string.format('"%s" --format json --quiet "%s" 2>/dev/null', exe, dir)))
  local out = json.decode(p:read("a"))
  p:close()
  local want = {}
  for _, f in ipairs(out.files) do
    for _, d in ipairs(f.diagnostics) do want[#want + 1] = d end
  end
  local got = pledge.validate(dir)
  t.eq(#got, #want, "number of diagnostics")
  -- the CLI groups the cross-document diagnostics under their files,
  -- validate() gives them after the rest: compare in one order
  local function order(a, b)
    for _, f in ipairs { "file", "document", "line", "column", "code", "message" } do
      if a[f] ~= b[f] then return a[f] < b[f] end
    end
    return false
  end
  table.sort(got, order)
  table.sort(want, order)
  for i, d in ipairs(got) do
    for field in pairs(DIAG_FIELDS) do
      t.eq(d[field], want[i][field], string.format("diagnostic %d field %s", i, field))
    end
  end
end)

t.test("Schema: generic JSON Schema", function()
  local schema = t.write(t.tmp_dir .. "/lua-schema.yaml", [[
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [name]
properties:
  name: {type: string}
  count: {type: integer, minimum: 0}
]])
  local s = assert(pledge.Schema.from_file(schema))
  t.eq(tostring(s), "<Schema " .. schema .. ">", "tostring")
  t.eq(#s:validate_string("name: x\ncount: 2\n"), 0, "valid")
  local diags = s:validate_string("count: -1\n", "data.yaml")
  t.eq(#diags, 2, "two problems")
  t.eq(diags[1].file, "data.yaml", "file")
  local data = t.write(t.tmp_dir .. "/lua-schema-data.json", '{"name": 3}')
  t.eq(s:validate_file(data)[1].code, "type", "validate_file")
  local bad, msg, bdiags = pledge.Schema.from_string("type: 12\n", "bad.yaml")
  t.eq(bad, nil, "invalid schema")
  t.ok(msg:find("invalid schema", 1, true), msg)
  t.eq(bdiags[1].code, "schema.invalid", "code")
  local s2 = assert(pledge.Schema.from_string('{"format": "date"}', "f.json", { assert_formats = true }))
  t.eq(#s2:validate_string('"2023-02-29"'), 1, "assert_formats")
end)
