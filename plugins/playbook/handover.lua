-- playbook/handover: the client's handover playbook, filled from a template
-- (docs/playbooks.md).
--
-- The host has already loaded the engagement's template, applied its
-- `extra` and `omit`, and checked every reference and placeholder, so this
-- plugin only fills it in for the client, in three steps:
--
--   1. people: each template role becomes a *who* (the mapped person, else
--      the person of its fallback, else "Title (to be named)", "the title (to be
--      named)" inside a sentence);
--   2. repetition: entries with `for_each` are repeated once per selected
--      record (scheduled initiatives in rank order, objective measures in
--      file order, risks in register order), in place;
--   3. text: every {{placeholder}} is replaced.
--
-- It returns { playbook = ... } in the shape docs/playbooks.md, "The filled
-- playbook", describes; the document plugin turns that into pages.

local NULL = waymark.null

local SECTION_TITLES = {
  roles = "Roles and owners",
  rituals = "Delivery rituals",
  measures = "Velocity and flow measures",
  quality_gates = "Quality gates",
  controls = "Risk, security, privacy and continuity controls",
  raci = "Responsibilities (RACI)",
  vendors = "Vendor management",
  documentation = "Documentation index",
  plan_30_60_90 = "30/60/90-day plan",
}

local CONTROL_GROUPS = {
  { id = "risk", title = "Risk controls" },
  { id = "security", title = "Security controls" },
  { id = "privacy", title = "Privacy controls" },
  { id = "continuity", title = "Continuity controls" },
}

local BAND_RANK = { low = 1, medium = 2, high = 3, critical = 4 }
local BAND_TEXT = { low = "Low", medium = "Medium", high = "High", critical = "Critical" }

local function by_id(list)
  local map = {}
  for _, x in ipairs(list or {}) do map[x.id] = x end
  return map
end

local function opt(x)
  if x == nil then return NULL end
  return x
end

local function nonblank(s)
  return type(s) == "string" and s:find("%S") ~= nil
end

-- "2027-Q2" -> "Q2 2027", the one way the document writes a quarter.
local function quarter(q)
  local y, n = tostring(q):match("^(%d%d%d%d)%-Q([1-4])$")
  return y and ("Q" .. n .. " " .. y) or q
end

-- A role title inside a sentence: "Quality lead" -> "quality lead"; an
-- acronym stays ("ICT lead").
local function lower_title(t)
  return (t:gsub("^(%u)(%l)", function(a, b) return a:lower() .. b end))
end

-- Whether byte `at` of `text` opens a sentence.
local function opens_sentence(text, at)
  local before = text:sub(1, at - 1)
  return before:find("^%s*$") ~= nil or before:find("[.!?]%s+$") ~= nil
end

-- ---- people -------------------------------------------------------------

-- who(role key) and free(owner text) make a person record (waymark.Who).
---@param pb waymark.PlaybookContext
---@return fun(key: string): waymark.Who who
---@return fun(text: string?): waymark.Who free
---@return table<string, waymark.TemplateRole> roles
local function people(pb)
  local roles = {}
  for _, r in ipairs(pb.template.roles) do roles[r.key] = r end
  local owners = pb.owners or {}

  local function who(key)
    local r = roles[key]
    if not r then
      waymark.fail { message = "the template has no role '" .. tostring(key) .. "'",
                     path = "playbook" }
    end
    local person, via = owners[key], nil
    local seen, f = { [key] = true }, r.fallback
    while not person and f and not seen[f] do
      seen[f] = true
      if owners[f] then person, via = owners[f], f end
      f = roles[f] and roles[f].fallback
    end
    return { role = key, title = r.title, person = opt(person), via = opt(via),
             name = person or (r.title .. " (to be named)") }
  end

  -- An initiative's owner is free text from the engagement, not a role.
  local function free(text)
    local named = nonblank(text)
    return { role = NULL, title = NULL, person = named and text or NULL, via = NULL,
             name = named and text or "To be named" }
  end

  return who, free, roles
end

-- ---- records for `for_each` ---------------------------------------------

---@param plan waymark.Plan
---@param ctx waymark.Ctx
local function records(plan, ctx)
  local eng_inis = by_id(ctx.engagement.initiatives)
  local quarter_index = {}
  for i, q in ipairs(plan.quarters or {}) do quarter_index[q] = i end

  local scheduled = {}
  for _, p in ipairs(plan.initiatives) do
    if p.status == "scheduled" then
      local e = eng_inis[p.id] or {}
      scheduled[#scheduled + 1] = {
        id = p.id, title = p.title or e.title, owner = e.owner, start = p.start,
        ["end"] = p["end"], objectives = e.objectives or {},
        start_index = quarter_index[p.start] or math.maxinteger,
      }
    end
  end
  -- The earliest start quarter, and the earliest after it.
  local first, next_q
  for _, r in ipairs(scheduled) do
    if not first or r.start_index < first then first = r.start_index end
  end
  for _, r in ipairs(scheduled) do
    if r.start_index > (first or 0) and (not next_q or r.start_index < next_q) then
      next_q = r.start_index
    end
  end

  local measures = {}
  for _, o in ipairs(ctx.engagement.objectives) do
    local list = o.measures or {}
    if #list == 0 then list = { false } end
    for k, m in ipairs(list) do
      measures[#measures + 1] = { id = o.id .. "." .. k, objective = o, measure = m or nil }
    end
  end

  local eng_risks = by_id(ctx.engagement.risks)
  local risks = {}
  for _, p in ipairs(plan.risks) do
    local e = eng_risks[p.id] or {}
    risks[#risks + 1] = { id = p.id, title = p.title or e.title, owner = e.owner,
                          mitigation = e.mitigation, band = p.band, score = p.score }
  end

  local function select_initiatives(sel)
    sel = sel or {}
    local out = {}
    for _, r in ipairs(scheduled) do
      local want = sel.starts == nil or (sel.starts == "first" and r.start_index == first)
        or (sel.starts == "next" and r.start_index == next_q)
      if want then out[#out + 1] = r end
      if sel.limit and #out >= sel.limit then break end
    end
    return out
  end

  local function select_risks(sel)
    sel = sel or {}
    local out = {}
    local min = BAND_RANK[sel.min_band] or 1
    for _, r in ipairs(risks) do
      if (BAND_RANK[r.band] or 0) >= min then out[#out + 1] = r end
      if sel.limit and #out >= sel.limit then break end
    end
    return out
  end

  return {
    initiative = select_initiatives,
    objective_measure = function() return measures end,
    risk = select_risks,
  }
end

-- ---- placeholders ----------------------------------------------------------

---@param pb waymark.PlaybookContext
---@param ctx waymark.Ctx
---@param who fun(key: string): waymark.Who
local function filler(pb, ctx, who)
  local client = ctx.engagement.client or {}
  local prepared = (ctx.engagement.engagement or {}).prepared_by
  local globals = {
    ["client.name"] = client.name,
    ["client.short_name"] = nonblank(client.short_name) and client.short_name or client.name,
    ["engagement.prepared_by"] = prepared and nonblank(prepared.name) and prepared.name
      or "the outgoing fractional CTO",
  }

  -- "kind.field" split once per placeholder name (templates repeat them).
  local split = setmetatable({}, { __index = function(t, name)
    local kind, field = name:match("^(%a+)%.([%a_]+)$")
    local v = kind and { kind, field } or false
    t[name] = v
    return v
  end })

  local function scoped(name, scope)
    local parts = split[name]
    if not parts then return nil end
    local kind, field = parts[1], parts[2]
    local r = scope and scope[kind]
    if not r then return nil end
    if kind == "initiative" then
      if field == "id" or field == "title" then
        return r[field]
      elseif field == "start" or field == "end" then
        return quarter(r[field])
      elseif field == "owner" then
        return nonblank(r.owner) and r.owner or "the initiative's owner (to be named)"
      elseif field == "objectives" then
        return #r.objectives > 0 and table.concat(r.objectives, ", ") or "no objective"
      end
    elseif kind == "objective" then
      local o = r.objective
      if field == "id" or field == "title" then return o[field]
      elseif field == "deadline" then
        return o.deadline and quarter(o.deadline) or "the end of the roadmap"
      elseif field == "measure" then return r.measure or "measure to be agreed"
      end
    elseif kind == "risk" then
      if field == "id" or field == "title" then return r[field]
      elseif field == "owner" or field == "mitigation" then
        return nonblank(r[field]) and r[field] or "to be agreed"
      elseif field == "band" then return BAND_TEXT[r.band] or r.band
      elseif field == "score" then return string.format("%d", math.floor(r.score + 0.5))
      end
    end
    return nil
  end

  local function resolve(name, scope)
    local g = globals[name]
    if g then return g end
    local role = name:match("^owner:([%w_]+)$")
    if role then
      local w = who(role)
      -- Nobody holds it: named inside the sentence, not as a label.
      if w.person == NULL then return "the " .. lower_title(w.title) .. " (to be named)" end
      return w.name
    end
    local key = name:match("^location:([%w_]+)$")
    if key then return pb.locations[key] end
    return scoped(name, scope)
  end

  -- The loader has checked every placeholder against its scope; a miss here
  -- is a bug in this plugin or a template the host did not check, and is
  -- never printed as blank text.
  return function(text, scope, path)
    if text == nil then return nil end
    local out = text:gsub("(){{(.-)}}", function(at, name)
      local v = resolve(name, scope)
      if v == nil then
        waymark.fail { message = "placeholder {{" .. name .. "}} does not resolve here",
                       path = path }
      end
      if opens_sentence(text, at) then v = v:gsub("^the ", "The ", 1) end
      return v
    end)
    -- "planned Q1 2027 to Q1 2027" says one quarter once.
    return (out:gsub("(Q[1-4] %d%d%d%d) to %1", "%1"))
  end
end

-- ---- the sections ------------------------------------------------------

local function fill_list(fill, list, scope, path)
  local out = {}
  for i, s in ipairs(list or {}) do out[i] = fill(s, scope, path .. "[" .. i .. "]") end
  return out
end

-- Each entry of `list` once, or once per selected record for a `for_each`
-- entry: make(entry, scope, id, record) builds the output item.
local function expand(list, recs, make)
  local out = {}
  for _, entry in ipairs(list or {}) do
    if entry.for_each then
      for _, r in ipairs(recs[entry.for_each](entry.select)) do
        local item = make(entry, { [entry.for_each == "objective_measure" and "objective"
                                    or entry.for_each] = r },
                          (entry.id and (entry.id .. "." .. r.id)) or nil, r)
        out[#out + 1] = item
      end
    else
      out[#out + 1] = make(entry, nil, entry.id, nil)
    end
  end
  return out
end

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result? # nil without a playbook block
local function handover(plan, ctx)
  local pb = ctx.playbook
  if not pb then return nil end
  local t = pb.template
  local who, free = people(pb)
  local fill = filler(pb, ctx, who)
  local recs = records(plan, ctx)
  local rituals = by_id(t.rituals)

  local function whos(keys)
    local out = {}
    for i, k in ipairs(keys or {}) do out[i] = who(k) end
    return out
  end

  local sections = {}
  local function section(id, fields)
    fields.id, fields.title = id, SECTION_TITLES[id]
    sections[#sections + 1] = fields
  end

  -- Roles and owners.
  -- A role the template wants independent of others lists those held by
  -- its own person in `conflicts` (validate warns about the same).
  local roles = {}
  for i, r in ipairs(t.roles) do
    local w, conflicts = who(r.key), {}
    for _, other in ipairs(r.independent_of or {}) do
      if other ~= r.key and w.person ~= NULL and who(other).person == w.person then
        conflicts[#conflicts + 1] = other
      end
    end
    roles[i] = { role = r.key, title = r.title, description = r.description,
                 required = r.required == true, who = w,
                 independent_of = r.independent_of or {}, conflicts = conflicts }
  end
  section("roles", { items = roles })

  -- Rituals.
  local items = {}
  for i, r in ipairs(t.rituals) do
    local p = "playbook.rituals[" .. i .. "]"
    items[i] = {
      id = r.id, name = fill(r.name, nil, p), cadence = fill(r.cadence, nil, p),
      chair = r.chair and who(r.chair) or NULL, attendees = whos(r.attendees),
      others = fill_list(fill, r.others, nil, p .. ".others"),
      purpose = fill(r.purpose, nil, p),
      inputs = fill_list(fill, r.inputs, nil, p .. ".inputs"),
      outputs = fill_list(fill, r.outputs, nil, p .. ".outputs"),
    }
  end
  section("rituals", { items = items })

  -- Measures: DORA's four, flow measures, and one per objective measure.
  section("measures", { items = expand(t.measures, recs, function(m, scope, id, r)
    local p = "playbook.measures." .. id
    local ritual = m.reviewed_in and rituals[m.reviewed_in]
    return {
      id = id, template_id = m.id, kind = m.kind, name = fill(m.name, scope, p),
      definition = fill(m.definition, scope, p),
      baseline = m.baseline and fill(m.baseline, scope, p) or NULL,
      target = fill(m.target, scope, p), how_measured = fill(m.how_measured, scope, p),
      owner = who(m.owner),
      reviewed_in = ritual and { id = ritual.id, name = fill(ritual.name, nil, p) } or NULL,
      objective = r and r.objective.id or NULL,
    }
  end) })

  -- Quality gates, one per scheduled initiative for `for_each: initiative`.
  section("quality_gates", { items = expand(t.quality_gates, recs, function(g, scope, id, r)
    local p = "playbook.quality_gates." .. id
    return {
      id = id, template_id = g.id, stage = fill(g.stage, scope, p),
      criteria = fill_list(fill, g.criteria, scope, p .. ".criteria"),
      sign_off = who(g.sign_off), initiative = r and r.id or NULL,
    }
  end) })

  -- Controls by group; `for_each: risk` carries the register's owners and
  -- mitigations in.
  local groups = {}
  for _, g in ipairs(CONTROL_GROUPS) do
    groups[#groups + 1] = { id = g.id, title = g.title,
      items = expand(t.controls[g.id], recs, function(c, scope, id, r)
        local p = "playbook.controls." .. g.id .. "." .. id
        return {
          id = id, template_id = c.id, name = fill(c.name, scope, p),
          detail = c.detail and fill(c.detail, scope, p) or NULL,
          frequency = fill(c.frequency, scope, p), owner = who(c.owner),
          evidence = fill(c.evidence, scope, p), risk = r and r.id or NULL,
        }
      end) }
  end
  section("controls", { groups = groups })

  -- RACI.
  local activities = {}
  for i, a in ipairs(t.raci.activities) do
    local assign = {}
    for _, k in ipairs(t.raci.roles) do assign[k] = a.assign[k] end
    activities[i] = { id = a.id, activity = fill(a.activity, nil, "playbook.raci." .. a.id),
                      assign = assign }
  end
  section("raci", { roles = whos(t.raci.roles), items = activities,
                    note = t.raci.note and fill(t.raci.note, nil, "playbook.raci.note") or NULL })

  -- Vendors.
  local practices = {}
  for i, v in ipairs(t.vendors.practices) do
    local p = "playbook.vendors." .. v.id
    practices[i] = { id = v.id, name = fill(v.name, nil, p),
                     detail = v.detail and fill(v.detail, nil, p) or NULL,
                     cadence = fill(v.cadence, nil, p), owner = who(v.owner) }
  end
  section("vendors", {
    owner = who(t.vendors.owner),
    summary = t.vendors.summary and fill(t.vendors.summary, nil, "playbook.vendors") or NULL,
    items = practices,
  })

  -- Documentation index.
  local docs = {}
  for i, d in ipairs(t.documentation) do
    local p = "playbook.documentation." .. d.id
    docs[i] = { id = d.id, document = fill(d.document, nil, p),
                location = fill(d.location, nil, p), owner = who(d.owner),
                review = fill(d.review, nil, p) }
  end
  section("documentation", { items = docs })

  -- 30/60/90 days after handover, naming the first initiatives and owners.
  -- A period with no initiative to start is the product owner's to fill
  -- (the role that keeps the roadmap ranked), else the first required role's.
  local fallback_role
  for _, r in ipairs(t.roles) do
    if r.key == "product_owner" then fallback_role = r.key; break end
    if r.required and not fallback_role then fallback_role = r.key end
  end
  fallback_role = fallback_role or t.roles[1].key
  local periods = {}
  for i, period in ipairs(t.plan_30_60_90.periods) do
    local p = "playbook.plan_30_60_90." .. period.id
    local repeated, kept = false, 0
    local period_items = expand(period.items, recs, function(it, scope, _, r)
      local owner
      if it.owner == "{{initiative.owner}}" then
        owner = free(r and r.owner)
      else
        owner = who(it.owner)
      end
      if r then kept = kept + 1 end
      return { text = fill(it.text, scope, p), owner = owner, initiative = r and r.id or NULL }
    end)
    for _, it in ipairs(period.items) do repeated = repeated or it.for_each ~= nil end
    if repeated and kept == 0 then
      period_items[#period_items + 1] = {
        text = "No roadmap initiative is scheduled to start yet: name the first one, with "
          .. "its owner, at the next roadmap review",
        owner = who(fallback_role), initiative = NULL,
      }
    end
    periods[i] = {
      id = period.id, from = period.from, to = period.to,
      theme = fill(period.theme, nil, p), covers = fill(period.covers, nil, p),
      items = period_items,
      exit_criteria = fill_list(fill, period.exit_criteria, nil, p .. ".exit_criteria"),
    }
  end
  section("plan_30_60_90", {
    summary = t.plan_30_60_90.summary
      and fill(t.plan_30_60_90.summary, nil, "playbook.plan_30_60_90") or NULL,
    periods = periods,
  })

  return { playbook = {
    template = pb.name, title = fill(t.title, nil, "playbook.title"),
    summary = fill(t.summary, nil, "playbook.summary"), sections = sections,
  } }
end

---@type waymark.Plugin
local plugin = {
  name = "playbook/handover",
  version = "1.0.0",
  api_version = 1,
  description = "The handover playbook: a template from playbooks/ filled with the client's "
    .. "people, roadmap and risks",
  hooks = { playbook = handover },
}

return plugin
