-- Costs and budget: cost by quarter (chart and table), cost by initiative,
-- the confidence range against the budget, and capacity use per role.
--
-- Every table with a total row is rounded on both axes (fmt.round_grid,
-- method.md's "Display"): the displayed figures add up across every row
-- and down every column to the displayed totals.

local fmt = require("_fmt")
local facts = require("_facts")
local summary = require("_summary")

local M = {}

local ROLES_PER_TABLE = 5 -- capacity columns per table, so that cells stay readable
local FULL = 1e-9         -- method.md's tolerance: remaining capacity below this is none

-- The cells of a cost grid (facts.cost_grid) as money: rows of labour,
-- other costs, contingency and cost, and the total row's four cells.  Each
-- row adds up across and each column down.
local function money_columns(g)
  local rows = {}
  for i, c in ipairs(g.cells) do
    rows[i] = { fmt.money(c[1]), fmt.money(c[2]), fmt.money(c[3]), fmt.money(g.rows[i]) }
  end
  return rows, { fmt.money(g.cols[1]), fmt.money(g.cols[2]), fmt.money(g.cols[3]),
                 fmt.money(g.total) }
end

-- by_quarter records by quarter (the plan lists them in horizon order, but
-- a replacement plugin might not).
local function quarter_records(f)
  local by_q = {}
  for _, r in ipairs(facts.list(f.plan.by_quarter)) do
    if type(r) == "table" and r.quarter then by_q[r.quarter] = r end
  end
  local out = {}
  for i, q in ipairs(f.quarters) do out[i] = by_q[q] or { quarter = q } end
  return out
end

local function role_value(rec, role, field)
  local roles = facts.list(rec.roles)
  local r = roles[role]
  return type(r) == "table" and fmt.num(r[field]) or 0
end

local function intro(f)
  local s = "Costs cover the scheduled initiatives only. Labour is each role's expected "
    .. "person-days times its day rate. Other costs are one-off costs, counted in the quarter an "
    .. "initiative starts, and running costs, counted in every quarter after it ends until the "
    .. "end of the horizon."
  if f.contingency_rate > 0 then
    s = s .. " Contingency adds " .. fmt.rate(f.contingency_rate) .. " to labour and other costs."
  else
    s = s .. " There is no contingency allowance."
  end
  return s
end

local function quarter_chart(f, recs)
  local categories, series = {}, {}
  for i, q in ipairs(f.quarters) do categories[i] = fmt.quarter(q) end
  local function add(name, values)
    for _, v in ipairs(values) do
      if v > 0 then
        series[#series + 1] = { name = name, values = values }
        return
      end
    end
  end
  for _, role in ipairs(f.team) do
    local values = {}
    for i, rec in ipairs(recs) do values[i] = role_value(rec, role.name, "cost") end
    add(fmt.label(role.name), values)
  end
  local other, contingency = {}, {}
  for i, rec in ipairs(recs) do
    other[i], contingency[i] = fmt.num(rec.other), fmt.num(rec.contingency)
  end
  add("Other costs", other)
  add("Contingency", contingency)
  if #series == 0 then return nil end
  return waymark.chart {
    kind = "stacked_bar", title = "Labour by role, other costs and contingency",
    data = { categories = categories, series = series, format = "money" },
  }
end

-- What the per-quarter budget caps in each quarter (method.md: labour and
-- one-off costs, counted in the quarter an initiative starts).
local function capped(f, recs)
  local once = {}
  for _, p in ipairs(f.scheduled) do
    local e = f.eng_ini[p.id] or {}
    for _, c in ipairs(facts.list(e.costs)) do
      if type(c) == "table" and (c.recurring or "once") == "once" and fmt.finite(c.amount) then
        once[p.start_i] = (once[p.start_i] or 0) + c.amount
      end
    end
  end
  local out = {}
  for i, rec in ipairs(recs) do out[i] = fmt.num(rec.labour) + (once[i] or 0) end
  return out
end

local MAX_QUARTER_CUTS = 4 -- quarters whose cut line the note spells out

-- The quarters whose cost is above the per-quarter budget, and a note that
-- says what the cap counts; nil without a per-quarter budget.
local function cap_note(f, recs)
  local cap = f.per_quarter
  if not fmt.finite(cap) then return nil, {} end
  local over, names, counted = {}, {}, capped(f, recs)
  local worst = 0
  for i, rec in ipairs(recs) do
    if waymark.round(fmt.num(rec.cost)) > waymark.round(cap) then
      over[i] = true
      names[#names + 1] = fmt.quarter(f.quarters[i])
    end
    worst = math.max(worst, counted[i])
  end
  local s = "The per-quarter budget of " .. fmt.money(cap) .. " caps each quarter's labour and "
    .. "one-off costs; the schedule keeps them within it (at most " .. fmt.money(worst)
    .. " in a quarter). Running costs and contingency come on top of it"
  if #names == 0 then
    return s .. ", and no quarter's cost goes above it.", over
  end
  local n = #names
  s = s .. ", so the cost of " .. (n == #recs and fmt.all_of(n, "quarter"):gsub("^%u", string.lower)
    or (fmt.words(n) .. " of the " .. fmt.nplural(#recs, "quarter"))) .. " is above it: "
  if n > 6 then
    s = s .. table.concat(names, ", ", 1, 6) .. " and " .. fmt.words(n - 6) .. " more"
  else
    s = s .. fmt.join_and(names)
  end
  s = s .. " (in bold)."
  -- Each broken quarter's cut line (method.md), the first MAX_QUARTER_CUTS.
  local lines = facts.list(f.plan.quarter_cut_lines)
  for k = 1, math.min(#lines, MAX_QUARTER_CUTS) do
    local line = lines[k]
    local cut = facts.cut_sentence(line, "the cap in " .. fmt.quarter(line.quarter))
    if cut then s = s .. " " .. cut end
  end
  if #lines > MAX_QUARTER_CUTS then
    s = s .. " The plan's data names what to defer for the other "
      .. fmt.nplural(#lines - MAX_QUARTER_CUTS, "quarter") .. "."
  end
  return s, over
end

local function quarter_table(f, recs, over)
  local money, totals = money_columns(facts.cost_grid(recs))
  local rows = {}
  for i, q in ipairs(f.quarters) do
    local m = money[i]
    rows[i] = { fmt.quarter(q), m[1], m[2], m[3], over[i] and { waymark.bold(m[4]) } or m[4] }
  end
  return waymark.table {
    columns = { fmt.col("Quarter"), fmt.col("Labour", "right"), fmt.col("Other costs", "right"),
                fmt.col("Contingency", "right"), fmt.col("Cost", "right") },
    rows = rows,
    total = { "Total", totals[1], totals[2], totals[3], totals[4] },
  }
end

local function initiative_table(f)
  local money, totals = money_columns(f.scheduled_costs)
  local rows = {}
  for i, p in ipairs(f.scheduled) do
    local m = money[i]
    rows[i] = { fmt.text(p.id), fmt.text(p.title), m[1], m[2], m[3], m[4] }
  end
  return waymark.table {
    columns = { fmt.col("ID"), fmt.col("Initiative", "left", 1), fmt.col("Labour", "right"),
                fmt.col("Other costs", "right"), fmt.col("Contingency", "right"),
                fmt.col("Cost", "right") },
    rows = rows,
    total = { "", "Total", totals[1], totals[2], totals[3], totals[4] },
  }
end

local function confidence(f)
  local t = f.totals
  local b = f.basis
  local items = {
    { "The work, expected", fmt.money(b.work) },
    { "The work, P50 (median)", fmt.money(t.p50) },
    { "The work, P80", fmt.money(t.p80) },
    { "The work, P90", fmt.money(t.p90) },
    { "Contingency", fmt.money(b.contingency) .. ", covering " .. fmt.pct(t.contingency_confidence)
      .. " of simulated outcomes" },
    { "Budgeted total", fmt.money(b.total) .. ": the work and its contingency" },
  }
  if fmt.finite(f.budget_total) then
    local variance = fmt.finite(t.variance) and t.variance or f.budget_total - b.total
    items[#items + 1] = { "Budget", fmt.money(f.budget_total) .. ": the budgeted total is "
      .. summary.budget_fit(variance, f.budget_total) }
    items[#items + 1] = { "Chance the work fits the budget", fmt.pct(t.p_within_budget)
      .. " of simulated outcomes" }
  else
    items[#items + 1] = { "Budget", "None given" }
  end
  return {
    waymark.heading("Confidence", 2),
    waymark.paragraph("The first four figures are for the work itself: labour and other "
      .. "costs, before contingency. The simulation draws every scheduled initiative's "
      .. "effort at random within its three-point estimate, many times over, and adds the other "
      .. "costs. P50, P80 and P90 are the costs that 50%, 80% and 90% of the simulated outcomes "
      .. "do not exceed. Contingency is the allowance for that same uncertainty, so it is left "
      .. "out of the simulation and shown on its own."),
    waymark.kv(items),
  }
end

-- Quarters in which a role's capacity is fully booked.
local function full_quarters(recs, role)
  local n = 0
  for _, rec in ipairs(recs) do
    local cap = role.capacity
    if cap > 0 and role_value(rec, role.name, "days") >= cap - FULL then n = n + 1 end
  end
  return n
end

local function capacity_cell(used, cap)
  if cap <= 0 then
    return used > 0 and (fmt.days(used) .. " / 0") or "No capacity"
  end
  return fmt.days(used) .. " / " .. fmt.capacity(cap) .. " (" .. fmt.pct(used / cap) .. ")"
end

local function capacity(f, recs)
  local blocks = { waymark.heading("Capacity use", 2) }
  local unconstrained = {}
  for _, role in ipairs(f.team) do
    if not fmt.finite(role.capacity) then
      unconstrained[#unconstrained + 1] = fmt.label(role.name)
    end
  end
  local free_note = ""
  if #unconstrained > 0 then
    free_note = " " .. fmt.join_and(unconstrained) .. (#unconstrained == 1 and " has" or " have")
      .. " no capacity limit and " .. (#unconstrained == 1 and "is" or "are") .. " not shown."
  end
  local roles = f.constrained
  if #roles == 0 then
    blocks[#blocks + 1] = waymark.paragraph("No role has a capacity limit, so capacity does not "
      .. "limit the schedule.")
    return blocks
  end
  local full, ns = {}, {}
  for k, role in ipairs(roles) do ns[k] = full_quarters(recs, role) end
  local num = fmt.counter(ns)
  for k, role in ipairs(roles) do
    if ns[k] > 0 then
      full[#full + 1] = (f.nq > 1 and num(ns[k]) .. " for " or "") .. fmt.label(role.name)
    end
  end
  local s = "Each cell shows the person-days booked against a role's capacity in the quarter, "
    .. "and the share of it used." .. free_note
  if #full > 0 then
    if f.nq > 1 then
      s = s .. " Of the " .. fmt.nplural(f.nq, "quarter") .. ", capacity is fully booked in "
    else
      s = s .. " Capacity is fully booked for "
    end
    s = s .. fmt.join_and(full) .. ". Fully booked roles are what push lower-ranked work later "
      .. "or out of the plan."
  else
    s = s .. " No role is fully booked in any quarter."
  end
  blocks[#blocks + 1] = waymark.paragraph(s)

  -- Quarters as rows, so that 40 quarters stay readable; roles in groups.
  local n_tables = math.ceil(#roles / ROLES_PER_TABLE)
  local per = math.ceil(#roles / n_tables)
  for first = 1, #roles, per do
    local group = {}
    for k = first, math.min(first + per - 1, #roles) do group[#group + 1] = roles[k] end
    local columns = { fmt.col("Quarter") }
    for _, role in ipairs(group) do
      columns[#columns + 1] = fmt.col(fmt.label(role.name), "right")
    end
    local rows = {}
    for i, q in ipairs(f.quarters) do
      local row = { fmt.quarter(q) }
      for _, role in ipairs(group) do
        row[#row + 1] = capacity_cell(role_value(recs[i], role.name, "days"), role.capacity)
      end
      rows[i] = row
    end
    blocks[#blocks + 1] = waymark.table { columns = columns, rows = rows }
  end
  return blocks
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local blocks = { waymark.paragraph(intro(f)) }
  local function add(list)
    for _, b in ipairs(list) do blocks[#blocks + 1] = b end
  end
  local recs = quarter_records(f)
  if #f.scheduled == 0 then
    blocks[#blocks + 1] = waymark.paragraph("Nothing is scheduled, so the plan has no costs.")
    if fmt.finite(f.budget_total) then
      blocks[#blocks + 1] = waymark.kv { { "Budget", fmt.money(f.budget_total) .. ", unused" } }
    end
    return waymark.section { id = "costs", title = "Costs and budget", blocks = blocks }
  end
  local chart = quarter_chart(f, recs)
  blocks[#blocks + 1] = waymark.heading("Cost by quarter", 2)
  if chart then blocks[#blocks + 1] = chart end
  if f.nq > 1 then -- with one quarter, the table by initiative says it all
    local note, over = cap_note(f, recs)
    blocks[#blocks + 1] = quarter_table(f, recs, over)
    if note then blocks[#blocks + 1] = waymark.paragraph(note) end
  end
  blocks[#blocks + 1] = waymark.heading("Cost by initiative", 2)
  blocks[#blocks + 1] = waymark.paragraph("Scheduled initiatives in rank order. Deferred "
    .. "initiatives cost nothing in this plan.")
  blocks[#blocks + 1] = initiative_table(f)
  add(confidence(f))
  add(capacity(f, recs))
  return waymark.section { id = "costs", title = "Costs and budget", blocks = blocks }
end

return M
