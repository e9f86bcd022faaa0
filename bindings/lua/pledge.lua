-- SPDX-License-Identifier: MIT
--[[
libpledge for Lua 5.4 and 5.3: citizen pledges (medborgarlöften) as validated data.

    local pledge = require "pledge"
    local doc, err = pledge.load("examples/ale-2024.yaml")
    for _, a in ipairs(doc:activities()) do print(a.id, #a.responsible) end

This is the idiomatic layer over the C module pledge.core, which SWIG
generates from bindings/pledge.i (the interface the Python binding shares).
Documents are read-only; every object handed out keeps its document alive,
so nothing needs freeing or closing. Expected failures (invalid data, an
unreadable file) return nil, message, diagnostics; error() is raised only
for misuse (a wrong argument type). See docs/lua.md.
]]

-- The C module, built for one Lua version (5.4 or 5.3). A module of
-- another version is refused by the dynamic linker (undefined lua_*
-- symbols) before its opener can say so; this names both versions.
local function load_core()
  local ok, core = pcall(require, "pledge.core")
  if ok then return core end
  local reason = tostring(core)
  local path = package.searchpath and package.searchpath("pledge.core", package.cpath)
  if path and reason:find("undefined symbol: lua", 1, true) then
    local built_for = "another Lua"
    local f = io.open(path, "rb")
    if f then
      local bytes = f:read("a") or ""
      f:close()
      built_for = bytes:match("pledge%-lua%-built%-for: (Lua [%d.]+)") or built_for
    end
    reason = string.format(
      "pledge.core (%s) was built for %s and cannot be loaded by %s: install the module "
      .. "built for %s (see docs/lua.md)\n%s", path, built_for, _VERSION, _VERSION, reason)
  end
  error(reason, 0)
end

local core
do
  -- SWIG's opener defines the globals swig_type and swig_equals whatever
  -- -nomoduleglobal says; a module must leave the globals as it found them.
  local saved_type, saved_equals = rawget(_G, "swig_type"), rawget(_G, "swig_equals")
  core = load_core()
  rawset(_G, "swig_type", saved_type)
  rawset(_G, "swig_equals", saved_equals)
end

local fmt = string.format
local address = core.lua_address

local pledge = {
  version = core.version(),   -- the library's version, e.g. "0.1.0"
  null = core.null,           -- a YAML/JSON null in to_table() / from_table()
  array_mt = core.array_mt,   -- marks an empty table as [] for from_table()
  -- the key of Progress.status_counts_by_party for the activities with no
  -- responsible party (1.1)
  NO_PARTY = setmetatable({}, { __name = "pledge.NO_PARTY",
                                __tostring = function() return "pledge.NO_PARTY" end }),
}

-- ---- small helpers -------------------------------------------------------------

-- error() for misuse, at the caller of the public function (level: of
-- the error() call, 3 when check is called by the public function itself).
local function check(cond, fname, n, what, value, level)
  if not cond then
    error(fmt("bad argument #%d to '%s' (%s expected, got %s)", n, fname, what,
              math.type(value) or type(value)), level or 3)
  end
end

-- A date of the C layer ({year, month, day, precision}) as the ISO text of
-- its first day: 2024 -> "2024-01-01".
local function first_day(d)
  if d == nil then return nil end
  return fmt("%04d-%02d-%02d", d.year, math.max(d.month, 1), math.max(d.day, 1))
end

local function days_in_month(y, m)
  if m == 2 then
    return ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) and 29 or 28
  end
  return (m == 4 or m == 6 or m == 9 or m == 11) and 30 or 31
end

-- ... and of its last day, as an end means it: 2026 -> "2026-12-31".
local function last_day(d)
  if d == nil then return nil end
  local m = d.month > 0 and d.month or 12
  return fmt("%04d-%02d-%02d", d.year, m, d.day > 0 and d.day or days_in_month(d.year, m))
end

local function positive_or_nil(n) return n > 0 and n or nil end

local PRECISION = { [1] = "year", [2] = "month", [3] = "day" }

-- A partial date (1.1) of the C layer as {date = first day, precision = "year"...}.
local function partial(d)
  if d == nil then return nil end
  return { date = first_day(d), precision = PRECISION[d.precision] or d.precision }
end

-- ... and from its plain value (2018, "2018-02", "2018-02-10").
local function partial_of_value(v)
  local t = tostring(v)
  if #t == 4 then return { date = t .. "-01-01", precision = "year" } end
  if #t == 7 then return { date = t .. "-01", precision = "month" } end
  return { date = t, precision = "day" }
end

-- A text value (a string, or a table by language) in lang (nil: the
-- document's language; a plain string as is).
local function text_of(value, lang, doc)
  if value == nil or value == core.null then return nil end
  if type(value) == "string" then
    if lang == nil or lang == (doc.language or lang) then return value end
    return nil
  end
  if type(value) == "table" then
    local want = lang or doc.language
    if want == nil then return (next(value)) and value[next(value)] or nil end
    local found = value[want]
    return type(found) == "string" and found or nil
  end
  return nil
end

-- ---- classes ------------------------------------------------------------------

local function read_only(self, key)
  error(fmt("cannot set %s of %s: pledge objects are read-only", tostring(key), tostring(self)), 2)
end

-- A metatable whose fields are computed on access (get[key](self)), with
-- methods (methods[key]) and __tostring "<Name label>".
local function class(name, get, methods, label)
  local mt = { __name = "pledge." .. name, __newindex = read_only }
  mt.__index = function(self, key)
    local g = get[key]
    if g then return g(self) end
    return methods[key]
  end
  mt.__tostring = function(self)
    local l = label and label(self)
    return l and fmt("<%s %s>", name, l) or fmt("<%s>", name)
  end
  return mt
end

-- The object of class mt for the borrowed pointer p of doc: one Lua object
-- per C object (so == compares them), kept by the document, keeping it.
local function wrap(doc, mt, p)
  if p == nil then return nil end
  local objects = doc._objects
  local of_class = objects[mt]
  if not of_class then
    of_class = {}
    objects[mt] = of_class
  end
  local key = address(p)
  local obj = of_class[key]
  if obj == nil then
    obj = setmetatable({ _doc = doc, _p = p }, mt)
    of_class[key] = obj
  end
  return obj
end

-- A sequence of objects of a C list: count(p) elements at(p, i), 0-based.
local function list(doc, mt, p, count, at)
  local out = {}
  for i = 0, count(p) - 1 do
    out[i + 1] = wrap(doc, mt, at(p, i))
  end
  return out
end

-- The fields and methods every object of a document has: document, and
-- localized(key, lang) for its texts (the fields in another language). An
-- object with a node function (its mapping as plain tables) also has data,
-- and localized reads any text key of it: generic access by key (1.1).
local function element(name, texts, get, methods, label, node, keys)
  get.document = function(s) return s._doc end
  for key, read in pairs(texts) do
    if not key:find(".", 1, true) and get[key] == nil then
      get[key] = function(s) return read(s._p, nil) end
    end
  end
  if node then
    get.data = function(s) return node(s._p) end
    for key in pairs(keys or {}) do
      get[key] = get[key] or function(s) return text_of(node(s._p)[key], nil, s._doc) end
    end
  end
  methods.localized = function(self, key, lang)
    check(lang == nil or type(lang) == "string", "localized", 2, "string or nil", lang)
    local read = texts[key]
    if read then return read(self._p, lang) end
    local data = node and node(self._p)
    if not data or (data[key] == nil and not (keys and keys[key])) then
      error(fmt("%s has no text %q", tostring(self), tostring(key)), 2)
    end
    return text_of(data[key], lang, self._doc)
  end
  return class(name, get, methods, label)
end

local Party, Source, Problem, Situation, Theme, Activity, Goal, Indicator
local Channel, Contact, Entry, Evidence, Measurement, Place

Party = element("Party", { name = core.party_name }, {
  id = function(s) return core.party_id(s._p) end,
  -- "pledging" (also when absent) or "partner" (1.1)
  role = function(s) return core.party_role_name(core.party_role_of(s._p)) end,
  kind = function(s) return core.party_kind_name(core.party_kind_of(s._p)) end,
  url = function(s) return core.party_url(s._p) end,
  identifiers = function(s)
    local p, out = s._p, {}
    for i = 0, core.party_identifier_count(p) - 1 do
      out[i + 1] = { scheme = core.party_identifier_scheme(p, i),
                     value = core.party_identifier_value(p, i) }
    end
    return out
  end,
}, {
  -- The activities this party is responsible for, in document order.
  activities = function(self)
    local out = {}
    for _, a in ipairs(self._doc:activities()) do
      for _, q in ipairs(a.responsible) do
        if q == self then out[#out + 1] = a break end
      end
    end
    return out
  end,
}, function(s) return s.id end, core.party_node)

Place = element("Place", { name = core.place_name }, {
  id = function(s) return core.place_id(s._p) end,
  kind = function(s) return core.place_kind_name(core.place_kind_of(s._p)) end,
}, {
  -- The activities that name this place.
  activities = function(self)
    local out = {}
    for _, a in ipairs(self._doc:activities()) do
      for _, q in ipairs(a.places) do
        if q == self then out[#out + 1] = a break end
      end
    end
    return out
  end,
}, function(s) return s.id end, core.place_node, { description = true })

Source = element("Source", { title = core.source_title }, {
  id = function(s) return core.source_id(s._p) end,
  kind = function(s) return core.source_kind_name(core.source_kind_of(s._p)) end,
  year = function(s) return positive_or_nil(core.source_year(s._p)) end,
  url = function(s) return core.source_url(s._p) end,
}, {}, function(s) return s.id or s.kind end)

Problem = element("Problem", { title = core.problem_title, description = core.problem_description }, {
  id = function(s) return core.problem_id(s._p) end,
  sources = function(s)
    return list(s._doc, Source, s._p, core.problem_source_count, core.problem_source_at)
  end,
}, {}, function(s) return s.id end)

Theme = element("Theme", { title = core.theme_title, description = core.theme_description }, {
  id = function(s) return core.theme_id(s._p) end,
  activities = function(s)
    return list(s._doc, Activity, s._p, core.theme_activity_count, core.theme_activity_at)
  end,
}, {}, function(s) return s.id end)

Activity = element("Activity", {
  text = core.activity_text, target_group = core.activity_target_group,
  ["target.unit"] = core.activity_target_unit,
}, {
  id = function(s) return core.activity_id(s._p) end,
  -- nil for an activity of the flat "activities" list (1.1)
  theme = function(s) return wrap(s._doc, Theme, core.activity_theme(s._p)) end,
  partners = function(s)
    return list(s._doc, Party, s._p, core.activity_partner_count, core.activity_partner_at)
  end,
  places = function(s)
    return list(s._doc, Place, s._p, core.activity_place_count, core.activity_place_at)
  end,
  responsible = function(s)
    return list(s._doc, Party, s._p, core.activity_responsible_count, core.activity_responsible_at)
  end,
  addresses = function(s)
    return list(s._doc, Problem, s._p, core.activity_problem_count, core.activity_problem_at)
  end,
  goals = function(s)
    return list(s._doc, Goal, s._p, core.activity_goal_count, core.activity_goal_at)
  end,
  recurrence = function(s) return core.recurrence_name(core.activity_recurrence(s._p)) end,
  target = function(s)
    local p = s._p
    if core.activity_has_target(p) == 0 then return nil end
    local quantity = core.activity_target_quantity(p)
    return {
      quantity = quantity >= 0 and quantity or nil,
      comparator = core.comparator_name(core.activity_target_comparator(p)),
      unit = core.activity_target_unit(p, nil),
      per = core.per_name(core.activity_target_per(p)),
    }
  end,
}, {}, function(s) return s.id end, core.activity_node, { when = true, condition = true })

Goal = element("Goal", { text = core.goal_text }, {
  id = function(s) return core.goal_id(s._p) end,
  level = function(s) return core.goal_level_name(core.goal_level_of(s._p)) end,
  indicators = function(s)
    return list(s._doc, Indicator, s._p, core.goal_indicator_count, core.goal_indicator_at)
  end,
}, {
  -- The activities that name this goal in their "goals".
  activities = function(self)
    local out = {}
    for _, a in ipairs(self._doc:activities()) do
      for _, g in ipairs(a.goals) do
        if g == self then out[#out + 1] = a break end
      end
    end
    return out
  end,
}, function(s) return s.id end)

-- A baseline or target: {value = number as written, date = "YYYY-MM-DD"}.
local function indicator_value(p, has, value, date)
  if has(p) == 0 then return nil end
  return { value = value(p), date = first_day(date(p)) }
end

Indicator = element("Indicator", { text = core.indicator_text }, {
  id = function(s) return core.indicator_id(s._p) end,
  unit = function(s) return core.unit_name(core.indicator_unit(s._p)) end,
  direction = function(s) return core.direction_name(core.indicator_direction(s._p)) end,
  source = function(s) return wrap(s._doc, Source, core.indicator_source(s._p)) end,
  goal = function(s) return wrap(s._doc, Goal, core.indicator_goal(s._p)) end,
  baseline = function(s)
    return indicator_value(s._p, core.indicator_has_baseline, core.indicator_baseline_value,
                           core.indicator_baseline_date)
  end,
  target = function(s)
    return indicator_value(s._p, core.indicator_has_target, core.indicator_target_value,
                           core.indicator_target_date)
  end,
}, {}, function(s) return s.id end)

Channel = element("Channel", { name = core.channel_name }, {
  kind = function(s) return core.channel_kind_name(core.channel_kind_of(s._p)) end,
  url = function(s) return core.channel_url(s._p) end,
  owner = function(s) return wrap(s._doc, Party, core.channel_owner(s._p)) end,
}, {}, function(s) return s.kind .. " " .. (s.url or s.name or "") end)

Contact = element("Contact", { role = core.contact_role, note = core.contact_note }, {
  party = function(s) return wrap(s._doc, Party, core.contact_party(s._p)) end,
  name = function(s) return core.contact_name(s._p) end,
  phone = function(s) return core.contact_phone(s._p) end,
  email = function(s) return core.contact_email(s._p) end,
}, {}, function(s)
  local party = s.party
  return (party and party.id or "?") .. (s.name and " " .. s.name or "")
end)

Evidence = element("Evidence", { title = core.evidence_title }, {
  url = function(s) return core.evidence_url(s._p) end,
  date = function(s) return first_day(core.evidence_date(s._p)) end,
}, {}, function(s) return s.url end)

-- A follow-up's output (1.1): {value, unit, qualifier, per, label}.
local function output(o)
  return { value = core.output_value(o), unit = core.output_unit(o, nil),
           qualifier = core.qualifier_name(core.output_qualifier(o)),
           per = core.per_name(core.output_per(o)), label = core.output_label(o, nil) }
end

-- Dated lines (1.1): {date = {date, precision}, text}.
local function events(doc, items)
  local out = {}
  for i, e in ipairs(items or {}) do
    out[i] = { date = partial_of_value(e.date), text = text_of(e.text, nil, doc) }
  end
  return out
end

Entry = element("Entry", { comment = core.entry_comment }, {
  activity_id = function(s) return core.entry_activity_id(s._p) end,
  status = function(s) return core.status_name(core.entry_status(s._p)) end,
  status_label = function(s) return core.status_label_sv(core.entry_status(s._p)) end,
  done = function(s)
    local done = core.entry_done(s._p)
    return done >= 0 and done or nil
  end,
  evidence = function(s)
    return list(s._doc, Evidence, s._p, core.entry_evidence_count, core.entry_evidence_at)
  end,
  outputs = function(s)
    local out = {}
    for i = 0, core.entry_output_count(s._p) - 1 do
      out[i + 1] = output(core.entry_output_at(s._p, i))
    end
    return out
  end,
  events = function(s) return events(s._doc, core.entry_node(s._p).events) end,
}, {}, function(s) return s.activity_id .. " " .. s.status end, core.entry_node)

Measurement = element("Measurement", { comment = core.measurement_comment }, {
  indicator_id = function(s) return core.measurement_indicator_id(s._p) end,
  value = function(s)
    if core.measurement_has_value(s._p) == 0 then return nil end
    return core.measurement_value(s._p)
  end,
  date = function(s) return first_day(core.measurement_date(s._p)) end,
  source = function(s) return wrap(s._doc, Source, core.measurement_source(s._p)) end,
}, {}, function(s)
  local value = s.value
  return s.indicator_id .. " " .. s.date .. (value and " " .. tostring(value) or "")
end)

-- The lägesbild: not a C object but a view of the document.
Situation = class("Situation", {
  document = function(s) return s._doc end,
  description = function(s) return core.doc_situation(s._doc._h, nil) end,
  sources = function(s)
    return list(s._doc, Source, s._doc._h, core.doc_source_count, core.doc_source_at)
  end,
  problems = function(s)
    return list(s._doc, Problem, s._doc._h, core.doc_problem_count, core.doc_problem_at)
  end,
}, {
  source = function(self, id)
    check(type(id) == "string", "source", 1, "string", id)
    return wrap(self._doc, Source, core.doc_source(self._doc._h, id))
  end,
  problem = function(self, id)
    check(type(id) == "string", "problem", 1, "string", id)
    return wrap(self._doc, Problem, core.doc_problem(self._doc._h, id))
  end,
}, function(s) return s._doc.id end)

local Period = {
  __name = "pledge.Period",
  __tostring = function(p)
    if p["end"] then return fmt("<Period %s to %s>", p.start, p.last_day) end
    return fmt("<Period from %s, open-ended>", p.start)
  end,
}

-- ---- progress -------------------------------------------------------------------

-- An observation: {date = "YYYY-MM-DD", value = number or nil, report = n},
-- report being the 1-based position of its follow-up in the list given
-- to progress().
local function observation(o)
  if o == nil then return nil end
  return { date = first_day(o.date), value = o.value, report = o.report + 1 }
end

local TRACK = { [1] = true, [2] = false }

local IndicatorProgress = class("IndicatorProgress", {
  id = function(s) return core.indicator_progress_id(s._p) end,
  unit = function(s) return core.unit_name(core.indicator_progress_unit(s._p)) end,
  measurements = function(s)
    local out = {}
    for i = 0, core.indicator_progress_measurement_count(s._p) - 1 do
      out[i + 1] = observation(core.indicator_progress_measurement_at(s._p, i))
    end
    return out
  end,
  latest = function(s) return observation(core.indicator_progress_latest(s._p)) end,
  change = function(s) return core.indicator_progress_change(s._p) end,
  expected = function(s) return core.indicator_progress_expected(s._p) end,
  on_track = function(s) return TRACK[core.indicator_progress_on_track(s._p)] end,
}, {}, function(s) return s.id end)

local Progress = class("Progress", {
  pledge_id = function(s) return core.progress_pledge_id(s._h) end,
  report_count = function(s) return core.progress_report_count(s._h) end,
  share_done = function(s) return core.progress_share_done(s._h) end,
  status_counts = function(s)
    local out = {}
    for status = 0, core.PLEDGE_STATUS_COUNT - 1 do
      out[core.status_name(status)] = core.progress_status_count(s._h, status)
    end
    return out
  end,
  -- 1.1: {[party id] = {status = n}}, and under pledge.NO_PARTY the counts
  -- of the activities with no responsible party.
  status_counts_by_party = function(s)
    local h, out = s._h, {}
    local n = core.progress_party_count(h)
    for i = 0, n do
      local counts = {}
      for status = 0, core.PLEDGE_STATUS_COUNT - 1 do
        counts[core.status_name(status)] = core.progress_party_status_count(h, i, status)
      end
      out[i < n and core.progress_party_id(h, i) or pledge.NO_PARTY] = counts
    end
    return out
  end,
  -- 1.1: {[activity id] = true, false or nil (unknown)}
  target_met = function(s)
    local h, out = s._h, {}
    for i = 0, core.progress_activity_count(h) - 1 do
      local met = core.progress_activity_target_met(h, i)
      if met == core.PLEDGE_TARGET_MET then out[core.progress_activity_id(h, i)] = true
      elseif met == core.PLEDGE_TARGET_NOT_MET then out[core.progress_activity_id(h, i)] = false end
    end
    return out
  end,
  -- 1.1: {[activity id] = done of the latest report that gives one}
  done_counts = function(s)
    local h, out = s._h, {}
    for i = 0, core.progress_activity_count(h) - 1 do
      local done = core.progress_activity_done(h, i)
      if done >= 0 then out[core.progress_activity_id(h, i)] = done end
    end
    return out
  end,
  -- {id = status} of every activity; activity_ids gives their order.
  activity_statuses = function(s)
    local h, out = s._h, {}
    for i = 0, core.progress_activity_count(h) - 1 do
      out[core.progress_activity_id(h, i)] = core.status_name(core.progress_activity_status_at(h, i))
    end
    return out
  end,
  activity_ids = function(s)
    local h, out = s._h, {}
    for i = 0, core.progress_activity_count(h) - 1 do
      out[i + 1] = core.progress_activity_id(h, i)
    end
    return out
  end,
  indicators = function(s)
    local out = {}
    for i = 0, core.progress_indicator_count(s._h) - 1 do
      out[i + 1] = setmetatable({ _progress = s, _p = core.progress_indicator_at(s._h, i) },
                                IndicatorProgress)
    end
    return out
  end,
}, {
  -- The latest status of an activity ("not_reported" when no follow-up
  -- mentions it), nil when the pledge has no such activity.
  activity_status = function(self, id)
    check(type(id) == "string", "activity_status", 1, "string", id)
    local status = core.progress_activity_status(self._h, id)
    return status >= 0 and core.status_name(status) or nil
  end,
  indicator = function(self, id)
    check(type(id) == "string", "indicator", 1, "string", id)
    local p = core.progress_indicator(self._h, id)
    return p and setmetatable({ _progress = self, _p = p }, IndicatorProgress)
  end,
}, function(s) return fmt("%s: %.0f%% done", s.pledge_id, 100 * s.share_done) end)

-- ---- documents -------------------------------------------------------------------

local Pledge, FollowUp

local document_get = {
  format = function(s) return core.doc_kind_name(core.doc_kind_of(s._h)) end,
  file = function(s) return core.doc_file(s._h) end,
  index = function(s) return core.doc_index(s._h) end,
  id = function(s) return core.doc_id(s._h) end,
  language = function(s) return core.doc_language(s._h) end,
  summary = function(s) return core.doc_summary(s._h, nil) end,
  warnings = function(s) return table.move(s._warnings, 1, #s._warnings, 1, {}) end,
  period = function(s)
    local h = s._h
    local start, stop = core.doc_period_start(h), core.doc_period_end(h)
    return setmetatable({
      start = first_day(start),
      ["end"] = first_day(stop),
      start_precision = start and start.precision,
      end_precision = stop and stop.precision,
      last_day = last_day(stop),
      planned_years = positive_or_nil(core.doc_period_planned_years(h)),
      label = text_of(core.doc_get(h, "/period/label"), nil, s),
    }, Period)
  end,
}

local function write(self, flags)
  local res, msg, diags = core.sup_write(self._h, flags)
  if not res then return nil, msg, diags end
  return res.text
end

local document_methods = {
  -- The top-level text key ("title", "focus", "summary") in lang (nil: the
  -- document's language), or nil.
  text = function(self, key, lang)
    check(type(key) == "string", "text", 1, "string", key)
    check(lang == nil or type(lang) == "string", "text", 2, "string or nil", lang)
    if key:sub(1, 1) == "/" then return text_of(core.doc_get(self._h, key), lang, self) end
    return core.doc_text(self._h, key, lang)
  end,
  -- The plain data at a JSON Pointer ("/signing/place"), nil when absent:
  -- generic access to any key (1.1).
  get = function(self, pointer)
    check(type(pointer) == "string", "get", 1, "string", pointer)
    return core.doc_get(self._h, pointer)
  end,
  -- Plain nested tables with exactly the keys of the source.
  to_table = function(self) return core.doc_root(self._h) end,
  to_json = function(self, pretty)
    return write(self, core.PLEDGE_SUP_JSON | (pretty and core.PLEDGE_SUP_PRETTY or 0))
  end,
  to_yaml = function(self) return write(self, 0) end,
}

local function document_class(name, get, methods)
  for k, v in pairs(document_get) do get[k] = get[k] or v end
  for k, v in pairs(document_methods) do methods[k] = methods[k] or v end
  local mt = class(name, get, methods, function(s) return s.id end)
  -- Equal data, positions and key order aside.
  mt.__eq = function(a, b)
    local ma, mb = getmetatable(a), getmetatable(b)
    return (ma == Pledge or ma == FollowUp) and ma == mb and core.doc_equal(a._h, b._h) == 1
  end
  return mt
end

local function has(self, pointer) return core.sup_doc_has(self._h, pointer) == 1 end

local function lookup(mt, fname, count_list)
  return function(self, id)
    check(type(id) == "string", fname, 1, "string", id)
    return wrap(self, mt, count_list(self._h, id))
  end
end

Pledge = document_class("Pledge", {
  title = function(s) return core.doc_title(s._h, nil) end,
  status = function(s) return core.doc_status_name(core.doc_status_of(s._h)) end,
  supersedes = function(s) return core.doc_supersedes(s._h) end,
  focus = function(s) return core.doc_focus(s._h, nil) end,
  area = function(s)
    if not has(s, "/area") then return nil end
    local h = s._h
    -- 1.1: nil when absent, so a 1.0 area reads as before
    local municipalities, districts
    for i, m in ipairs(core.doc_get(h, "/area/municipalities") or {}) do
      municipalities = municipalities or {}
      municipalities[i] = { name = m.name, code = m.code }
    end
    for i, d in ipairs(core.doc_get(h, "/area/districts") or {}) do
      districts = districts or {}
      districts[i] = text_of(d, nil, s)
    end
    return { municipality = core.doc_municipality(h), municipality_code = core.doc_municipality_code(h),
             police_area = core.doc_police_area(h), region = core.doc_region(h),
             municipalities = municipalities, districts = districts }
  end,
  published = function(s) return partial(core.doc_published(s._h)) end,
  signing = function(s)
    local h = s._h
    local data = core.doc_get(h, "/signing")
    if data == nil then return nil end
    local signatories = {}
    for i, g in ipairs(data.signatories or {}) do
      signatories[i] = { name = g.name, role = text_of(g.role, nil, s),
                         party = wrap(s, Party, core.doc_signatory_party(h, i - 1)) }
    end
    return { date = partial(core.doc_signing_date(h)), place = data.place,
             signatories = signatories }
  end,
  places = function(s) return list(s, Place, s._h, core.doc_place_count, core.doc_place_at) end,
  agreement = function(s)
    if not has(s, "/agreement") then return nil end
    return { name = core.doc_agreement_name(s._h, nil), url = core.doc_agreement_url(s._h) }
  end,
  parties = function(s) return list(s, Party, s._h, core.doc_party_count, core.doc_party_at) end,
  situation = function(s)
    if not has(s, "/situation") then return nil end
    local situation = s._objects[Situation]
    if not situation then
      situation = setmetatable({ _doc = s }, Situation)
      s._objects[Situation] = situation
    end
    return situation
  end,
  themes = function(s) return list(s, Theme, s._h, core.doc_theme_count, core.doc_theme_at) end,
  goals = function(s) return list(s, Goal, s._h, core.doc_goal_count, core.doc_goal_at) end,
  follow_up = function(s)
    if not has(s, "/follow_up") then return nil end
    local h, methods = s._h, {}
    for i = 0, core.doc_follow_up_method_count(h) - 1 do
      methods[i + 1] = core.source_kind_name(core.doc_follow_up_method_at(h, i))
    end
    return { methods = methods,
             frequency = core.frequency_name(core.doc_follow_up_frequency(h)),
             description = core.doc_follow_up_description(h, nil) }
  end,
  channels = function(s) return list(s, Channel, s._h, core.doc_channel_count, core.doc_channel_at) end,
  contacts = function(s) return list(s, Contact, s._h, core.doc_contact_count, core.doc_contact_at) end,
}, {
  party = lookup(Party, "party", core.doc_party),
  place = lookup(Place, "place", core.doc_place),
  theme = lookup(Theme, "theme", core.doc_theme),
  activity = lookup(Activity, "activity", core.doc_activity),
  goal = lookup(Goal, "goal", core.doc_goal),
  indicator = lookup(Indicator, "indicator", core.doc_indicator),
  -- Every activity of every theme, in document order.
  activities = function(self)
    return list(self, Activity, self._h, core.doc_activity_count, core.doc_activity_at)
  end,
  -- Every indicator of every goal, in document order.
  indicators = function(self)
    return list(self, Indicator, self._h, core.doc_indicator_count, core.doc_indicator_at)
  end,
  -- The progress by follow-ups (one, or a sequence in publication or load
  -- order: it breaks ties); nil, message, diagnostics when one reports on
  -- another pledge.
  progress = function(self, follow_ups)
    local handles = {}
    if getmetatable(follow_ups) == FollowUp then
      handles[1] = follow_ups._h
    elseif follow_ups ~= nil then
      check(type(follow_ups) == "table", "progress", 1, "follow-up or sequence of follow-ups", follow_ups)
      for i, f in ipairs(follow_ups) do
        if getmetatable(f) ~= FollowUp then
          error(fmt("bad argument #1 to 'progress' (item %d is not a follow-up: %s)", i, tostring(f)), 2)
        end
        handles[i] = f._h
      end
    end
    local res, msg, diags = core.sup_progress(self._h, handles)
    if not res then return nil, msg, diags end
    return setmetatable({ _h = res.progress }, Progress)
  end,
})

FollowUp = document_class("FollowUp", {
  pledge_id = function(s) return core.doc_pledge_id(s._h) end,
  date = function(s) return first_day(core.doc_date(s._h)) end,
  -- "year", "month" or "day" as the date was written (1.1); nil without one
  date_precision = function(s)
    local d = core.doc_date(s._h)
    return d and (PRECISION[d.precision] or d.precision)
  end,
  reported_by = function(s)
    local out = {}
    for i = 0, core.doc_reported_by_count(s._h) - 1 do
      out[i + 1] = core.doc_reported_by_at(s._h, i)
    end
    return out
  end,
  author = function(s) return core.doc_get(s._h, "/author") end,
  other_work = function(s)
    local h, out = s._h, {}
    for i, w in ipairs(core.doc_get(h, "/other_work") or {}) do
      local outputs = {}
      for j = 0, core.doc_other_work_output_count(h, i - 1) - 1 do
        outputs[j + 1] = output(core.doc_other_work_output_at(h, i - 1, j))
      end
      out[i] = { text = text_of(w.text, nil, s), outputs = outputs,
                 events = events(s, w.events), comment = text_of(w.comment, nil, s) }
    end
    return out
  end,
  entries = function(s) return list(s, Entry, s._h, core.doc_entry_count, core.doc_entry_at) end,
  measurements = function(s)
    return list(s, Measurement, s._h, core.doc_measurement_count, core.doc_measurement_at)
  end,
}, {
  entry = lookup(Entry, "entry", core.doc_entry),
})

-- ---- loading -------------------------------------------------------------------------

-- "FILE: invalid data (N errors)" and the first few errors, one a line.
local function summary(diagnostics, what)
  local errors = {}
  for _, d in ipairs(diagnostics) do
    if d.severity == "error" then errors[#errors + 1] = d end
  end
  if #errors == 0 then return what end
  local file = errors[1].file
  for _, d in ipairs(errors) do
    if d.file ~= file then file = nil break end
  end
  local lines = { fmt("%s%s (%d %s)", file and file .. ": " or "", what, #errors,
                      #errors == 1 and "error" or "errors") }
  for i = 1, math.min(#errors, 5) do lines[#lines + 1] = "  " .. tostring(errors[i]) end
  if #errors > 5 then lines[#lines + 1] = fmt("  … and %d more", #errors - 5) end
  return table.concat(lines, "\n")
end

-- A pledge or follow-up over the handle h, with the warnings of
-- diagnostics (those of its stream) that are its own.
local function document(h, diagnostics)
  local index, warnings = core.doc_index(h), {}
  for _, d in ipairs(diagnostics) do
    if d.document == index then warnings[#warnings + 1] = d end
  end
  local mt = core.doc_kind_of(h) == core.PLEDGE_DOC_PLEDGE and Pledge or FollowUp
  return setmetatable({ _h = h, _objects = {}, _warnings = warnings }, mt)
end

-- The result of a load into documents, or nil, message, diagnostics.
local function documents(res, msg, diags, status)
  if res == nil then
    if status == core.PLEDGE_EINVALID then msg = summary(diags, "invalid data") end
    return nil, msg, diags
  end
  local docs = {}
  for i, h in ipairs(res.docs) do docs[i] = document(h, res.diagnostics) end
  return docs, res.diagnostics
end

local function one(source, docs, msg, diags)
  if docs == nil then return nil, msg, diags end
  if #docs ~= 1 then
    return nil, fmt("%s: expected exactly one document, found %s (pledge.load_all reads streams)",
                    source, #docs == 0 and "no document" or #docs .. " documents"), msg
  end
  return docs[1]
end

--- The one document of the YAML (or .json) file at path; nil, message,
-- diagnostics when it is invalid, unreadable, or holds not one document.
function pledge.load(path)
  check(type(path) == "string", "load", 1, "string", path)
  return one(path, documents(core.sup_load_file(path, 0)))
end

--- Every document of the stream in the file at path (checked together: a
-- follow-up against a pledge of the same stream); nil, message, diagnostics
-- when any is invalid.
function pledge.load_all(path)
  check(type(path) == "string", "load_all", 1, "string", path)
  local docs, msg, diags = documents(core.sup_load_file(path, 0))
  if docs == nil then return nil, msg, diags end
  return docs
end

--- As load(), from YAML (or JSON) text named name in diagnostics.
function pledge.load_string(text, name)
  check(type(text) == "string", "load_string", 1, "string", text)
  check(name == nil or type(name) == "string", "load_string", 2, "string or nil", name)
  name = name or "<string>"
  return one(name, documents(core.sup_load_buffer(name, text, 0)))
end

-- ---- from_table: plain tables to JSON text -----------------------------------------

local JSON_ESCAPES = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
  -- the characters YAML tools count as line breaks, as the library writes them
  ["\xC2\x85"] = "\\u0085", ["\xE2\x80\xA8"] = "\\u2028", ["\xE2\x80\xA9"] = "\\u2029",
}

local function json_string(s)
  s = s:gsub('[%c"\\]', function(c) return JSON_ESCAPES[c] or fmt("\\u%04x", c:byte()) end)
       :gsub("\xC2\x85", JSON_ESCAPES):gsub("\xE2\x80[\xA8\xA9]", JSON_ESCAPES)
  return '"' .. s .. '"'
end

local function pointer_token(k)
  return (tostring(k):gsub("~", "~0"):gsub("/", "~1"))
end

local function json_number(v, path)
  if math.type(v) == "integer" then return fmt("%d", v) end
  if v ~= v or v == math.huge or v == -math.huge then
    error(fmt("value at %q is %s, which pledge data cannot hold", path, tostring(v)), 0)
  end
  -- the shortest form that reads back equal; a float keeps a point
  for _, f in ipairs { "%.15g", "%.16g", "%.17g" } do
    local s = fmt(f, v)
    if tonumber(s) == v then return s:find("[.eE]") and s or s .. ".0" end
  end
end

-- A sequence: marked with pledge.array_mt, or non-empty with exactly the
-- keys 1..n. An empty unmarked table is an object (as lua-cjson does).
local function is_array(t)
  if getmetatable(t) == pledge.array_mt then return true end
  local n = rawlen(t)
  if n == 0 then return false end
  local count = 0
  for k in next, t do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
    count = count + 1
  end
  return count == n
end

local function encode(v, out, path, open)
  local t = type(v)
  if v == pledge.null then
    out[#out + 1] = "null"
  elseif t == "string" then
    out[#out + 1] = json_string(v)
  elseif t == "number" then
    out[#out + 1] = json_number(v, path)
  elseif t == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif t == "table" then
    if open[v] then error(fmt("the table at %q contains itself", path), 0) end
    open[v] = true
    if is_array(v) then
      out[#out + 1] = "["
      for i = 1, rawlen(v) do
        if i > 1 then out[#out + 1] = "," end
        encode(rawget(v, i), out, path .. "/" .. (i - 1), open)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in next, v do
        if type(k) ~= "string" then
          error(fmt("the table at %q has a %s key (%s): a mapping's keys are strings",
                    path, math.type(k) or type(k), tostring(k)), 0)
        end
        keys[#keys + 1] = k
      end
      table.sort(keys) -- a stable order, so diagnostics come in a stable order
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = json_string(k)
        out[#out + 1] = ":"
        encode(rawget(v, k), out, path .. "/" .. pointer_token(k), open)
      end
      out[#out + 1] = "}"
    end
    open[v] = nil
  else
    error(fmt("the value at %q is a %s, which pledge data cannot hold", path, t), 0)
  end
end

--- A document built from plain tables (strings, numbers, booleans,
-- pledge.null, tables), validated as a file would be; its diagnostics have
-- line and column 0. nil, message, diagnostics when it is invalid.
function pledge.from_table(t)
  check(type(t) == "table", "from_table", 1, "table", t)
  local out = {}
  local ok, err = pcall(encode, t, out, "", {})
  if not ok then error("bad argument #1 to 'from_table' (" .. tostring(err) .. ")", 2) end
  local flags = core.PLEDGE_SUP_JSON | core.PLEDGE_SUP_NO_POSITIONS
  return one("<table>", documents(core.sup_load_buffer("<table>", table.concat(out), flags)))
end

-- ---- validate ------------------------------------------------------------------------

-- The paths of validate(...) / read(...), and the flags of a last options table.
local function paths_and_flags(fname, ...)
  local n, paths, options = select("#", ...), {}, {}
  for i = 1, n do
    local v = select(i, ...)
    if type(v) == "table" and i == n and i > 1 then
      options = v
    else
      check(type(v) == "string", fname, i, "string", v, 4)
      paths[#paths + 1] = v
    end
  end
  check(#paths > 0, fname, 1, "path", nil, 4)
  return paths, options.resolve and core.PLEDGE_SUP_RESOLVE or 0
end

--- Validate files and folders as pledge-validate takes them (folders: every
-- *.yaml / *.yml below, sorted; .json files as JSON; "-" for standard input),
-- with the cross-document checks; a last table argument gives options
-- ({resolve = true}: a follow-up whose pledge is not among them is an
-- error). Returns every diagnostic: invalid data and unreadable files are
-- diagnostics (io.error), never failures.
function pledge.validate(...)
  local res, msg, diags = core.sup_validate(paths_and_flags("validate", ...))
  if not res then return nil, msg, diags end
  return res.diagnostics
end

--- Validate as validate() does, with one validation session, and hand back
-- each file in load order: a sequence of tables {path =, diagnostics =,
-- documents =}, the diagnostics in reading order, the documents in stream
-- order, each a pledge or follow-up when valid and false when invalid (so
-- a stream with one invalid document still gives the others, and # counts
-- them all). Each file is read and parsed once. A path that yields no file
-- is a file with an io.error diagnostic and no documents: as in validate(),
-- bad data and unreadable files are diagnostics, never failures.
function pledge.read(...)
  local res, msg, diags = core.sup_read(paths_and_flags("read", ...))
  if not res then return nil, msg, diags end
  local files, at_doc, at_diag = {}, 0, 0
  for i, f in ipairs(res.files) do
    local own = table.move(res.diagnostics, at_diag + 1, at_diag + f.diagnostics, 1, {})
    local docs = {}
    for k = 1, f.documents do
      local h = res.docs[at_doc + k]
      docs[k] = h and document(h, own) or false
    end
    files[i] = { path = f.name, diagnostics = own, documents = docs }
    at_doc, at_diag = at_doc + f.documents, at_diag + f.diagnostics
  end
  return files
end

-- ---- generic JSON Schema ------------------------------------------------------------------

local Schema = class("Schema", {
  name = function(s) return s._name end,
}, {
  --- Every problem of every document of the file (reading problems, an
  -- unreadable file included, are diagnostics too).
  validate_file = function(self, path)
    check(type(path) == "string", "validate_file", 1, "string", path)
    local res, msg, diags = core.sup_schema_validate_file(self._h, path, 0)
    if not res then return nil, msg, diags end
    return res.diagnostics
  end,
  --- Every problem of every document of YAML or JSON text.
  validate_string = function(self, text, name)
    check(type(text) == "string", "validate_string", 1, "string", text)
    check(name == nil or type(name) == "string", "validate_string", 2, "string or nil", name)
    local res, msg, diags = core.sup_schema_validate_buffer(self._h, name or "<string>", text, 0)
    if not res then return nil, msg, diags end
    return res.diagnostics
  end,
}, function(s) return s._name end)

local function schema_options(fname, options)
  check(options == nil or type(options) == "table", fname, 2, "table or nil", options)
  options = options or {}
  local flags = options.assert_formats and core.PLEDGE_SUP_ASSERT_FORMATS or 0
  local prefixes, pairs_list = {}, {}
  for prefix in pairs(options.ref_dirs or {}) do prefixes[#prefixes + 1] = prefix end
  table.sort(prefixes)
  for _, prefix in ipairs(prefixes) do
    pairs_list[#pairs_list + 1] = prefix
    pairs_list[#pairs_list + 1] = options.ref_dirs[prefix]
  end
  return flags, pairs_list
end

local function schema(name, res, msg, diags, status)
  if not res then
    if status == core.PLEDGE_EINVALID then msg = summary(diags, "invalid schema") end
    return nil, msg, diags
  end
  return setmetatable({ _h = res.schema, _name = name }, Schema)
end

--- A compiled JSON Schema (draft 2020-12) for data of any format.
-- options: {assert_formats = true, ref_dirs = {[uri_prefix] = folder}}.
pledge.Schema = {
  from_file = function(path, options)
    check(type(path) == "string", "from_file", 1, "string", path)
    local flags, dirs = schema_options("from_file", options)
    return schema(path, core.sup_schema_file(path, flags, dirs))
  end,
  from_string = function(text, name, options)
    check(type(text) == "string", "from_string", 1, "string", text)
    check(name == nil or type(name) == "string", "from_string", 2, "string or nil", name)
    local flags, dirs = schema_options("from_string", options)
    name = name or "<string>"
    return schema(name, core.sup_schema_buffer(name, text, flags, dirs))
  end,
}

return pledge
