-- What every section needs to know about the plan, worked out once (a module
-- for require, not a plugin).
--
-- The document stage runs before the host's final check of the plan, so a
-- replacement plugin may have left a field empty: every reading here falls
-- back to something displayable instead of failing, and the host's own
-- check then names the real culprit.

local fmt = require("_fmt")

local M = {}

local function list(t)
  return type(t) == "table" and t or {}
end
M.list = list

-- The plan and context, indexed.  The other modules' M.section(f) take this.
---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return document.Facts

-- Labour, other costs and contingency of `records` (initiatives or
-- by-quarter records) in whole units, rounded on both axes
-- (fmt.round_grid): { cells = rows of three, rows = each row's cost,
-- cols = the three column totals, total = the total cost }.
function M.cost_grid(records)
  local grid = {}
  for i, r in ipairs(records) do
    grid[i] = { fmt.num(r.labour), fmt.num(r.other), fmt.num(r.contingency) }
  end
  local cells, rows, cols, total = fmt.round_grid(grid, 3)
  return { cells = cells, rows = rows, cols = cols, total = total }
end

-- An objective's status by the rule the document prints: at risk when the
-- plan completes it after its deadline, or when an initiative serving it is
-- deferred (with or without a deadline); on track when it completes by its
-- deadline; "open" when it has no deadline and nothing serving it waits;
-- "unknown" when a replacement plugin left at_risk unset.
function M.objective_state(f, o)
  for _, id in ipairs(f.serving[o.id] or {}) do
    local p = f.ini[id]
    if p and not p.start_i then return "at_risk" end
  end
  if o.deadline and o.at_risk == true then return "at_risk" end
  if not o.deadline then return "open" end
  if o.at_risk == false then return "on_track" end
  return "unknown"
end

function M.build(plan, ctx)
  local eng = ctx.engagement
  ---@class document.Facts
  ---@field plan waymark.Plan
  ---@field ctx waymark.Ctx
  ---@field eng waymark.Engagement
  ---@field quarters waymark.Quarter[]
  ---@field team waymark.TeamRole[]
  ---@field totals waymark.Totals
  ---@field inis waymark.PlanInitiative[] # rank order
  ---@field scheduled waymark.PlanInitiative[]
  ---@field deferred waymark.PlanInitiative[]
  ---@field objectives waymark.PlanObjective[]
  ---@field risks waymark.PlanRisk[]
  ---@field plugins waymark.PlanPlugin[]
  ---@field basis { work: number, contingency: number, total: number } # the one basis of figures
  ---@field scheduled_costs table # M.cost_grid of the scheduled initiatives
  local f = { plan = plan, ctx = ctx, eng = eng }

  f.quarters = list(plan.quarters)
  if #f.quarters == 0 then f.quarters = list(ctx.run.quarters) end
  f.qi = {}
  for i, q in ipairs(f.quarters) do f.qi[q] = i end
  f.nq = #f.quarters

  f.team = list(eng.team)
  f.constrained = {}
  for _, role in ipairs(f.team) do
    if fmt.finite(role.capacity) then f.constrained[#f.constrained + 1] = role end
  end
  f.budget_total = fmt.finite(list(plan.totals).budget) and plan.totals.budget
    or list(eng.budget).total
  f.contingency_rate = list(eng.budget).contingency or 0
  f.per_quarter = list(eng.budget).per_quarter
  f.totals = list(plan.totals)

  -- Initiatives: plan records in rank order, engagement records by id.
  f.inis = list(plan.initiatives)
  f.ini, f.eng_ini = {}, {}
  for _, ini in ipairs(list(eng.initiatives)) do f.eng_ini[ini.id] = ini end
  f.scheduled, f.deferred = {}, {}
  for _, p in ipairs(f.inis) do
    f.ini[p.id] = p
    local s, e = f.qi[p.start], f.qi[p["end"]]
    if p.status == "scheduled" and s and e then
      p.start_i, p.end_i = s, e
      f.scheduled[#f.scheduled + 1] = p
      if not f.first_i or s < f.first_i then f.first_i = s end
      if not f.last_i or e > f.last_i then f.last_i = e end
    else
      f.deferred[#f.deferred + 1] = p
    end
  end

  -- Scheduled costs as Costs and budget displays them (its table by
  -- initiative, rounded on both axes), worked out once so that every table
  -- shows the same figure.
  f.scheduled_costs = M.cost_grid(f.scheduled)
  f.cost_shown = {}
  for i, p in ipairs(f.scheduled) do f.cost_shown[p.id] = f.scheduled_costs.rows[i] end

  -- The cost figures on one basis: the work itself (labour and other
  -- costs), its contingency, and the two together, the budgeted total.
  local cost, cont = fmt.num(list(plan.totals).cost), fmt.num(list(plan.totals).contingency)
  f.basis = { work = cost - cont, contingency = cont, total = cost }

  -- Objectives: the plan's forecast with the engagement's measures.
  f.eng_obj = {}
  for _, o in ipairs(list(eng.objectives)) do f.eng_obj[o.id] = o end
  f.objectives = list(plan.objectives)
  f.serving = {} -- objective id -> ids of the initiatives serving it, file order
  for _, ini in ipairs(list(eng.initiatives)) do
    for _, oid in ipairs(list(ini.objectives)) do
      f.serving[oid] = f.serving[oid] or {}
      table.insert(f.serving[oid], ini.id)
    end
  end
  f.at_risk = {}
  for _, o in ipairs(f.objectives) do
    if M.objective_state(f, o) == "at_risk" then f.at_risk[#f.at_risk + 1] = o end
  end

  f.risks = list(plan.risks)

  -- Plugins: the host fills plan.plugins after the last stage, so it may be
  -- empty here; `ran` then answers nil (unknown).
  f.plugins = list(plan.plugins)
  f.ran = nil
  if #f.plugins > 0 then
    f.ran = {}
    for _, p in ipairs(f.plugins) do
      if type(p) == "table" and p.name then f.ran[p.name] = true end
    end
  end
  return f
end

-- When an initiative is worked on, for a table cell: a quarter and its
-- year are joined by a no-break space, so that "Q1–Q2 2027" never wraps
-- inside itself (a narrow column breaks only at " – ").
function M.when(p)
  if p.start_i then
    return (fmt.quarters(p.start, p["end"]):gsub("(Q[1-4]) (%d%d%d%d)", "%1\u{A0}%2"))
  end
  return "Deferred"
end

-- The span of the scheduled work: "Q1 2027 – Q4 2028 (8 quarters)".
function M.duration(f)
  if not f.first_i then return "Nothing is scheduled" end
  local n = f.last_i - f.first_i + 1
  return fmt.quarters(f.quarters[f.first_i], f.quarters[f.last_i]) .. " ("
    .. fmt.plural(n, "quarter") .. ")"
end

-- The horizon: "Q1–Q4 2027 (4 quarters)".
function M.horizon(f)
  if f.nq == 0 then return fmt.DASH end
  return fmt.quarters(f.quarters[1], f.quarters[f.nq]) .. " (" .. fmt.plural(f.nq, "quarter")
    .. ")"
end

-- The same for running text: "Q1 2027 to Q4 2028 (8 quarters)".
function M.horizon_words(f)
  if f.nq == 0 then return fmt.DASH end
  return fmt.quarters_words(f.quarters[1], f.quarters[f.nq]) .. " ("
    .. fmt.plural(f.nq, "quarter") .. ")"
end

-- What a deferred initiative's state is, for "which is ...": "Won't have",
-- "deferred for lack of Platform capacity", ...
local function deferred_state(p)
  local kind = p.reason_kind
  if kind == "wont" then return "Won't have" end
  if kind == "capacity" or kind == "budget" or kind == "horizon" then
    return "deferred: " .. M.reason(p):gsub("^%u", string.lower)
  end
  return "deferred"
end

-- Why an initiative is deferred, in words for a sentence or a cell beside
-- its title: a dependency names the deferred work it waits for and why that
-- is deferred ("waits for I0, which is Won't have"; "waits for I3, which
-- waits for I0, which is Won't have"), other reasons as M.reason words them.
function M.deferral(f, p)
  if p.reason_kind == "dependency" then
    local dep = type(p.reason) == "string" and p.reason:match("^depends on deferred (.+)$")
    local d = dep and f.ini[dep]
    if d then
      -- Follow the chain to the first initiative deferred for its own
      -- reason (a cycle, which the loader refuses, would stop at a repeat).
      local root, seen = d, { [p.id] = true }
      while root.reason_kind == "dependency" and not seen[root.id] do
        seen[root.id] = true
        local next_id = type(root.reason) == "string"
          and root.reason:match("^depends on deferred (.+)$")
        if not (next_id and f.ini[next_id]) then break end
        root = f.ini[next_id]
      end
      if root == d then return "waits for " .. d.id .. ", which is " .. deferred_state(d) end
      return "waits for " .. d.id .. ", which waits for " .. root.id .. ", which is "
        .. deferred_state(root)
    end
  end
  return (M.reason(p):gsub("^%u", string.lower))
end

-- ---- the cut line (method.md, "The cut line") ----

local CUT_NAMED = 8 -- ids named in a sentence; the rest are counted

-- "TEN-03, TEN-04 and 3 more": ids as a list in words.
local function id_list(ids)
  local names = {}
  for k = 1, math.min(#ids, CUT_NAMED) do names[k] = fmt.text(ids[k]) end
  if #ids > CUT_NAMED then
    names[#names + 1] = fmt.count(#ids - CUT_NAMED) .. " more"
  end
  return fmt.join_and(names)
end

-- What a cut line asks, as a sentence for `target` ("the £1,250,000 budget",
-- "the cap in Q2 2027"); nil without a line.  The ids already deferred
-- (`held`) are named apart: they are kept deferred, not deferred anew.
function M.cut_sentence(line, target)
  if type(line) ~= "table" then return nil end
  local ids, held = list(line.ids), {}
  for _, id in ipairs(list(line.held)) do held[id] = true end
  local cut, keep = {}, {}
  for _, id in ipairs(ids) do
    if held[id] then keep[#keep + 1] = id else cut[#cut + 1] = id end
  end
  if not line.fits then
    return "No set of deferrals fits " .. target .. ": even deferring "
      .. (#cut == 1 and "the one initiative" or ("all " .. fmt.words(#cut) .. " initiatives"))
      .. " that could go (" .. id_list(cut) .. ") leaves " .. fmt.money(line.cost)
      .. ", as other work takes the room they leave."
  end
  local s = "To fit " .. target .. ", defer " .. id_list(cut) .. " (" .. fmt.money(line.saves)
    .. ")"
  if #keep > 0 then
    s = s .. " and keep " .. id_list(keep) .. " deferred, or " .. (#keep == 1 and "it" or "they")
      .. " would take the room"
  end
  return s .. "."
end

-- Why an initiative is deferred, in plain words: the default scheduler's
-- reasons rephrased, any other plugin's as it wrote them.
function M.reason(p)
  local r = p.reason
  if type(r) ~= "string" or r == "" then return fmt.DASH end
  if p.reason_kind == "capacity" then
    -- "capacity of engineer, data" -> "Capacity of Engineer and Data"
    local roles = r:match("^capacity of (.+)$")
    if roles then
      local names = {}
      for name in roles:gmatch("[^,]+") do
        names[#names + 1] = fmt.label(name:match("^%s*(.-)%s*$"))
      end
      return "Not enough " .. fmt.join_and(names) .. " capacity within the horizon"
    end
  elseif p.reason_kind == "wont" then
    return "Won't have in this horizon (MoSCoW)"
  elseif p.reason_kind == "budget" then
    return "Does not fit within the per-quarter budget"
  elseif p.reason_kind == "horizon" then
    local dep = r:match("^dependency (.+) ends in the last quarter$")
    if dep then return "Its prerequisite " .. dep .. " ends in the last quarter of the horizon" end
    local q = r:match("^earliest (%d%d%d%d%-Q[1-4]) is beyond the horizon$")
    if q then return "Cannot start before " .. fmt.quarter(q) .. ", after the horizon" end
  elseif p.reason_kind == "dependency" then
    local dep = r:match("^depends on deferred (.+)$")
    if dep then return "Depends on " .. dep .. ", which is deferred" end
  end
  -- "earliest 2030-Q1 is beyond the horizon": quarters as the document writes them.
  r = r:gsub("(%d%d%d%d%-Q[1-4])", fmt.quarter)
  return fmt.capital(r)
end

-- ---- the prioritisation method ----

local SCORE_NAMES = {
  business_value = "business value", time_criticality = "time criticality",
  risk_reduction = "risk reduction", reach = "reach", impact = "impact",
  confidence = "confidence",
}
local WEIGHT_ORDER = { "business_value", "time_criticality", "risk_reduction", "reach", "impact",
                       "confidence" }

local function weight_text(w)
  if w == math.floor(w) then return fmt.number(w, 0) end
  return (fmt.number(w, 2):gsub("0$", ""))
end

-- "business value + 2 × time criticality + risk reduction"
local function weighted_sum(terms)
  local parts = {}
  for _, t in ipairs(terms) do
    if t.w ~= 0 then
      parts[#parts + 1] = (t.w == 1 and "" or weight_text(t.w) .. " × ") .. SCORE_NAMES[t.name]
    end
  end
  if #parts == 0 then return "0, as every weight is 0" end
  return table.concat(parts, " + ")
end

-- The method of the ranking, as the plan records it: the one method all
-- initiatives share, or nil when they differ or none is recorded.
function M.method(f)
  local m
  for _, p in ipairs(f.inis) do
    if type(p.method) ~= "string" then return nil end
    if m and p.method ~= m then return nil end
    m = p.method
  end
  return m
end

-- Person-days in a person-month under RICE, from the recorded inputs.
local function days_per_month(f)
  for _, p in ipairs(f.inis) do
    local si = list(p.score_inputs)
    if fmt.finite(si.effort_days) and fmt.finite(si.effort_months) and si.effort_months > 0 then
      return si.effort_days / si.effort_months
    end
  end
  return nil
end

-- One or two sentences on how the scores were worked out.
function M.method_text(f)
  local m = M.method(f)
  local weights = list(list(f.eng.prioritisation).weights)
  if m == "wsjf" then
    local terms = {}
    for _, name in ipairs({ "business_value", "time_criticality", "risk_reduction" }) do
      terms[#terms + 1] = { name = name, w = fmt.finite(weights[name]) and weights[name] or 1 }
    end
    return "Initiatives are scored by weighted shortest job first (WSJF): the cost of delay ("
      .. weighted_sum(terms) .. ", each scored out of 10) divided by the effort in "
      .. "person-days. A higher score means more value for each day of work."
  elseif m == "rice" then
    local dpm = days_per_month(f)
    local months = dpm and (" (" .. fmt.number(dpm, dpm == math.floor(dpm) and 0 or 1)
      .. " person-days to the month)") or ""
    return "Initiatives are scored by RICE: reach × impact × confidence, divided by the effort "
      .. "in person-months" .. months .. ". A higher score means more reach for each month of "
      .. "work."
  elseif m == "weighted" then
    local terms = {}
    for _, name in ipairs(WEIGHT_ORDER) do
      if fmt.finite(weights[name]) then terms[#terms + 1] = { name = name, w = weights[name] } end
    end
    if #terms == 0 then
      terms = { { name = "business_value", w = 1 }, { name = "time_criticality", w = 1 },
                { name = "risk_reduction", w = 1 } }
    end
    return "Initiatives are scored by a weighted sum of their scores: " .. weighted_sum(terms)
      .. ". A higher score means more value; effort does not count."
  elseif m then
    return "Initiatives are scored by the ‘" .. m .. "’ method of a prioritisation plugin."
  end
  return "Initiatives are scored by more than one method; the plan data records each one's."
end

-- The heading of the score column.
function M.score_title(f)
  local titles = { wsjf = "WSJF score", rice = "RICE score", weighted = "Weighted score" }
  return titles[M.method(f)] or "Score"
end

M.TIER_RULE = "Each initiative sits in a MoSCoW tier: Must have, Should have, Could have or "
  .. "Won't have this time. Initiatives are ranked tier by tier, and by score within a tier, "
  .. "highest first; equal scores are ranked by ID."

return M
