-- Options: the base plan and each scenario of the engagement side by side
-- (engagement.md, "scenarios"; plan.scenarios in plan.md), for a board that
-- chooses between them.  Only when the plan has scenarios.
--
--   * a table, one column per option, the base first: the budgeted total on
--     the summary's basis (_facts.lua's f.basis), the work at P80, budget
--     fit, duration, Must / Should / Could scheduled, objectives met by
--     their deadline and the top risk.  A table holds at most
--     COLUMNS_MAX options; more are split over several tables, each
--     repeating the base column so that every option is read against it;
--   * a small multiple of the timeline: one Gantt chart per option, on one
--     shared axis of quarters, a bar per MoSCoW tier from the first start
--     to the last end of its scheduled work;
--   * a paragraph per scenario: what it buys and what it gives up against
--     the base (initiatives gained and lost, the cost difference,
--     objectives newly met or missed, an earlier or later finish).
--
-- Every figure comes from the option's own plan through facts.build, so
-- each column is worked out exactly as the rest of the document works out
-- the base's.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

local COLUMNS_MAX = 4 -- options in one table, the base included
local NAMED_MAX = 4   -- initiatives or objectives named in a paragraph before "and N more"
local TITLE_MAX = 28  -- characters of the top risk's title in a cell
local TIERS = { "must", "should", "could" }

-- The options, base first: { id, name, summary, f = facts of its plan }.
local function options(plan, ctx)
  local list = { { id = nil, name = "Base plan", f = facts.build(plan, ctx) } }
  for _, s in ipairs(facts.list(plan.scenarios)) do
    list[#list + 1] = { id = s.id, name = s.name, summary = s.summary,
                        f = facts.build(facts.list(s.plan), ctx) }
  end
  return list
end

-- The scheduled initiatives of `f` by tier: { must = n, ... }.
local function scheduled_by_tier(f)
  local n, of = {}, {}
  for _, t in ipairs(TIERS) do n[t], of[t] = 0, 0 end
  for _, p in ipairs(f.inis) do
    if of[p.tier] then
      of[p.tier] = of[p.tier] + 1
      if p.start_i then n[p.tier] = n[p.tier] + 1 end
    end
  end
  return n, of
end

-- The objectives with a deadline, and those the plan completes by it.
local function objectives_met(f)
  local met, due = {}, 0
  for _, o in ipairs(f.objectives) do
    if type(o.deadline) == "string" then
      due = due + 1
      if o.at_risk == false then met[o.id] = true end
    end
  end
  return met, due
end

local function count_keys(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

-- Against the option's own budget (plan.totals.budget): a scenario may
-- change or remove the base's.
local function budget_fit(f)
  local budget = f.totals.budget
  if not fmt.finite(budget) then return "No budget" end
  if #f.scheduled == 0 then return "Nothing scheduled" end
  local variance = fmt.finite(f.totals.variance) and f.totals.variance or budget - f.basis.total
  local shown = waymark.round(variance)
  if shown == 0 then return "On budget" end
  return fmt.money(math.abs(variance)) .. (shown < 0 and " over" or " under")
end

local function duration(f)
  if not f.first_i then return "Nothing scheduled" end
  return fmt.plural(f.last_i - f.first_i + 1, "quarter") .. ", to "
    .. fmt.quarter(f.quarters[f.last_i])
end

local function top_risk(f)
  local r = f.risks[1]
  if not r then return "None" end
  return fmt.text(r.id) .. " " .. fmt.short(r.title, TITLE_MAX)
end

-- The rows of the table, each a label and a function of an option.
local ROWS = {
  { "Budgeted total", function(o) return fmt.money(o.f.basis.total) end },
  { "The work at P80", function(o) return fmt.money(o.f.totals.p80) end },
  { "Budget fit", function(o) return budget_fit(o.f) end },
  { "Duration", function(o) return duration(o.f) end },
  { "Must scheduled", function(o)
      local n, of = scheduled_by_tier(o.f)
      return fmt.count(n.must) .. " of " .. fmt.count(of.must)
    end },
  { "Should scheduled", function(o)
      local n, of = scheduled_by_tier(o.f)
      return fmt.count(n.should) .. " of " .. fmt.count(of.should)
    end },
  { "Could scheduled", function(o)
      local n, of = scheduled_by_tier(o.f)
      return fmt.count(n.could) .. " of " .. fmt.count(of.could)
    end },
  { "Objectives met by their deadline", function(o)
      local met, due = objectives_met(o.f)
      if due == 0 then return "None has a deadline" end
      return fmt.count(count_keys(met)) .. " of " .. fmt.count(due)
    end },
  { "Top risk", function(o) return top_risk(o.f) end },
}

local function heading_of(o)
  return o.id and (fmt.text(o.id) .. " " .. fmt.text(o.name)) or o.name
end

-- One table of the base and up to COLUMNS_MAX - 1 scenarios.
local function table_of(group)
  local columns = { fmt.col("", "left", 1) }
  for _, o in ipairs(group) do columns[#columns + 1] = fmt.col(heading_of(o), "right", 1) end
  local rows = {}
  for i, r in ipairs(ROWS) do
    local row = { r[1] }
    for _, o in ipairs(group) do row[#row + 1] = r[2](o) end
    rows[i] = row
  end
  return waymark.table { columns = columns, rows = rows }
end

local function tables(list)
  local blocks = {}
  local per = COLUMNS_MAX - 1
  local n = #list - 1
  for first = 2, #list, per do
    local group = { list[1] }
    for k = first, math.min(first + per - 1, #list) do group[#group + 1] = list[k] end
    if n > per then
      local last = math.min(first + per - 1, #list)
      blocks[#blocks + 1] = waymark.paragraph("Options " .. fmt.count(first - 1) .. " to "
        .. fmt.count(last - 1) .. " of " .. fmt.count(n) .. ", beside the base plan.")
    end
    blocks[#blocks + 1] = table_of(group)
  end
  return blocks
end

-- ---- the timelines ----

-- Every quarter of every option, in order, each once: the shared axis.
local function axis(list)
  local seen, qs = {}, {}
  for _, o in ipairs(list) do
    for _, q in ipairs(o.f.quarters) do
      if not seen[q] then
        seen[q] = true
        qs[#qs + 1] = q
      end
    end
  end
  table.sort(qs)
  return qs
end

local function timeline(o, quarters)
  local rows = {}
  for _, t in ipairs(TIERS) do
    local first, last, n = nil, nil, 0
    for _, p in ipairs(o.f.scheduled) do
      if p.tier == t then
        n = n + 1
        if not first or p.start < first then first = p.start end
        if not last or p["end"] > last then last = p["end"] end
      end
    end
    local row = { id = t, label = fmt.tier(t) .. " (" .. fmt.count(n) .. ")", tier = t }
    if first then row.start, row["end"] = first, last end
    rows[#rows + 1] = row
  end
  return waymark.chart { kind = "gantt", title = heading_of(o),
                         data = { quarters = quarters, rows = rows } }
end

-- ---- the paragraphs ----

-- "I1, I2, I3 and 4 more"
local function named(ids)
  local shown = {}
  for i = 1, math.min(NAMED_MAX, #ids) do shown[i] = fmt.text(ids[i]) end
  if #ids > NAMED_MAX then shown[#shown + 1] = fmt.count(#ids - NAMED_MAX) .. " more" end
  return fmt.join_and(shown)
end

-- The ids of `a`'s keys that are not `b`'s, in the order of `order`.
local function only_in(a, b, order)
  local ids = {}
  for _, id in ipairs(order) do
    if a[id] and not b[id] then ids[#ids + 1] = id end
  end
  return ids
end

local function scheduled_set(f)
  local set, order = {}, {}
  for _, p in ipairs(f.scheduled) do
    set[p.id] = true
    order[#order + 1] = p.id
  end
  return set, order
end

-- What option `o` buys and gives up against the base `b`: the runs of a
-- paragraph, led by the option's name in bold.
local function compare(o, b)
  local so, order_o = scheduled_set(o.f)
  local sb, order_b = scheduled_set(b.f)
  local gained, lost = only_in(so, sb, order_o), only_in(sb, so, order_b)
  local mo = objectives_met(o.f)
  local mb = objectives_met(b.f)
  local obj_order = {}
  for _, x in ipairs(b.f.objectives) do obj_order[#obj_order + 1] = x.id end
  for _, x in ipairs(o.f.objectives) do
    if not mb[x.id] then obj_order[#obj_order + 1] = x.id end
  end
  local newly_met, newly_missed = only_in(mo, mb, obj_order), only_in(mb, mo, obj_order)

  local buys, gives = {}, {}
  if #gained > 0 then
    buys[#buys + 1] = "schedules " .. named(gained) .. ", which the base plan does not"
  end
  if #newly_met > 0 then
    buys[#buys + 1] = "meets " .. named(newly_met) .. " by "
      .. (#newly_met == 1 and "its deadline" or "their deadlines")
  end
  if #lost > 0 then gives[#gives + 1] = "leaves out " .. named(lost) end
  if #newly_missed > 0 then
    gives[#gives + 1] = "misses the deadline of " .. named(newly_missed)
  end

  local delta = waymark.round(o.f.basis.total - b.f.basis.total)
  local cost
  if delta == 0 then
    cost = "It costs the same as the base plan, " .. fmt.money(o.f.basis.total) .. "."
  else
    cost = "It costs " .. fmt.money(math.abs(o.f.basis.total - b.f.basis.total))
      .. (delta > 0 and " more" or " less") .. " than the base plan ("
      .. fmt.money(o.f.basis.total) .. " budgeted in all)."
  end

  local finish
  local lo, lb = o.f.last_i and o.f.quarters[o.f.last_i], b.f.last_i and b.f.quarters[b.f.last_i]
  if lo and lb and lo ~= lb then
    finish = "It finishes in " .. fmt.quarter(lo) .. ", " .. (lo < lb and "earlier" or "later")
      .. " than the base plan's " .. fmt.quarter(lb) .. "."
  elseif lo and lb then
    finish = "It finishes in " .. fmt.quarter(lo) .. ", as the base plan does."
  end

  local s = (o.summary and (fmt.text(o.summary) .. " ") or "")
  if #buys > 0 then
    s = s .. "Against the base plan it " .. fmt.join_and(buys) .. "."
  else
    s = s .. "It schedules nothing the base plan does not and meets no further deadline."
  end
  if #gives > 0 then
    s = s .. " It " .. fmt.join_and(gives) .. "."
  else
    s = s .. " It gives up nothing the base plan schedules."
  end
  s = s .. " " .. cost
  if finish then s = s .. " " .. finish end
  return { waymark.bold(heading_of(o) .. "."), " " .. s }
end

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Section|nil
function M.section(plan, ctx)
  if #facts.list(plan.scenarios) == 0 then return nil end
  local list = options(plan, ctx)
  local n = #list - 1
  local blocks = {
    waymark.paragraph("The base plan and " .. fmt.nplural(n, "option")
      .. ", each planned by the same method with its changes written into the engagement. "
      .. "Costs are on the summary's basis: the work and its contingency. Objectives count "
      .. "as met when the plan completes them by their deadline."),
  }
  for _, b in ipairs(tables(list)) do blocks[#blocks + 1] = b end
  blocks[#blocks + 1] = waymark.heading("Timelines", 2)
  blocks[#blocks + 1] = waymark.paragraph("Each option's scheduled work by MoSCoW tier, from "
    .. "the first start to the last end of the tier, on the same quarters.")
  local quarters = axis(list)
  for _, o in ipairs(list) do blocks[#blocks + 1] = timeline(o, quarters) end
  blocks[#blocks + 1] = waymark.heading("What each option buys and gives up", 2)
  for k = 2, #list do blocks[#blocks + 1] = waymark.paragraph(compare(list[k], list[1])) end
  return waymark.section { id = "options", title = "Options", blocks = blocks }
end

return M
