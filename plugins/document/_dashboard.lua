-- At a glance: the board's one page, first after the contents.  Headline
-- figures as tiles (on the one basis the summary states), the objectives
-- red, amber or green by a rule printed on the page, a timeline of the
-- highest-ranked Must initiatives, the top risks with their mitigations, and
-- the decisions the engagement asks of the board.  Every list is capped, so
-- the page holds at 1 initiative and at 600; each says how many more there
-- are and where they are.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

-- The caps that keep the page one page on A4 and US Letter, with every
-- list full and every title at its longest.
local MAX_OBJECTIVES, MAX_MUSTS, MAX_RISKS, MAX_DECISIONS = 4, 4, 3, 3
local TEXT_MAX = 50 -- characters of a title or mitigation on this page

-- With a baseline (the plan's `changes`, docs/diff.md): the change in a
-- total since the last version, "+£42,300 since the last version"; nil
-- when it did not change or there is no baseline.
local function since(f, field)
  local ch = f.plan.changes
  if type(ch) ~= "table" or type(ch.totals) ~= "table" then return nil end
  for _, c in ipairs(ch.totals) do
    if c.field == field and type(c.delta) == "number" then
      local shown = waymark.round(c.delta)
      if shown == 0 then return nil end
      return (shown < 0 and "−" or "+") .. fmt.money(math.abs(c.delta)) .. " since the last version"
    end
  end
  return nil
end

local function tiles(f)
  local t = f.totals
  local b = f.basis
  local list = {}
  if #f.scheduled == 0 then
    list[1] = { label = "Budgeted total", value = fmt.money(0), note = "nothing is scheduled",
                tone = "bad" }
  else
    list[1] = { label = "Budgeted total", value = fmt.money(b.total),
                note = since(f, "cost") or ("the work " .. fmt.money(b.work) .. " and contingency "
                  .. fmt.money(b.contingency)) }
    local p80 = since(f, "p80")
    list[2] = { label = "The work at 80% confidence", value = fmt.money(t.p80),
                note = p80 and ("before contingency; " .. p80) or "before contingency" }
  end
  if fmt.finite(f.budget_total) and #f.scheduled > 0 then
    local variance = fmt.finite(t.variance) and t.variance or f.budget_total - b.total
    local shown = waymark.round(variance)
    local tone = shown >= 0 and "good" or (fmt.num(t.p_within_budget) >= 0.5 and "warn" or "bad")
    list[#list + 1] = {
      label = "Budget fit",
      value = shown == 0 and "On budget" or (fmt.money(math.abs(variance))
        .. (shown < 0 and " over" or " under")),
      note = "budget " .. fmt.money(f.budget_total) .. "; the work alone fits in "
        .. fmt.pct(t.p_within_budget) .. " of outcomes",
      tone = tone,
    }
  elseif #f.scheduled > 0 then
    list[#list + 1] = { label = "Budget fit", value = "No budget", note = "not assessed" }
  end
  if f.first_i then
    local n = f.last_i - f.first_i + 1
    list[#list + 1] = { label = "Duration", value = fmt.plural(n, "quarter"),
                        note = fmt.quarters(f.quarters[f.first_i], f.quarters[f.last_i]) }
  end
  local musts_deferred = 0
  for _, p in ipairs(f.deferred) do
    if p.tier == "must" then musts_deferred = musts_deferred + 1 end
  end
  list[#list + 1] = {
    label = "Initiatives", value = fmt.count(#f.scheduled) .. " of " .. fmt.count(#f.inis),
    note = #f.deferred == 0 and "all scheduled"
      or (fmt.count(#f.deferred) .. " deferred" .. (musts_deferred > 0
        and (", " .. fmt.count(musts_deferred) .. " of them Must") or "")),
    tone = musts_deferred > 0 and "warn" or (#f.deferred == 0 and "good" or nil),
  }
  if #f.objectives > 0 then
    local on, late = 0, 0
    for _, o in ipairs(f.objectives) do
      local st = facts.objective_state(f, o)
      if st == "on_track" then on = on + 1 elseif st == "at_risk" then late = late + 1 end
    end
    local ch = type(f.plan.changes) == "table" and f.plan.changes.counts or {}
    local newly = type(ch) == "table" and tonumber(ch.now_at_risk) or 0
    list[#list + 1] = {
      label = "Objectives", value = fmt.count(on) .. " of " .. fmt.count(#f.objectives),
      note = "on track" .. (late > 0 and ("; " .. fmt.count(late) .. " at risk") or "")
        .. (newly > 0 and (" (" .. fmt.count(newly) .. " newly)") or ""),
      tone = late > 0 and "bad" or "good",
    }
  end
  return waymark.chart { kind = "tiles", data = { tiles = list } }
end

-- Red, amber or green, by the rule the page prints.
local RAG = {
  at_risk = "Red", late_quarter = "Amber", on_track = "Green", open = "No deadline",
  unknown = fmt.DASH,
}
local RAG_ORDER = { Red = 1, Amber = 2, Green = 3, ["No deadline"] = 4 }

local function rag(f, o)
  local st = facts.objective_state(f, o)
  if st == "on_track" and o.completes and o.completes == o.deadline then return "Amber" end
  return RAG[st]
end

local function objectives(f)
  local blocks = { waymark.heading("Objectives", 2) }
  if #f.objectives == 0 then
    blocks[2] = waymark.paragraph("The engagement sets no objectives.")
    return blocks
  end
  local list = {}
  for i, o in ipairs(f.objectives) do list[i] = { o = o, rag = rag(f, o), i = i } end
  table.sort(list, function(a, b)
    local ra, rb = RAG_ORDER[a.rag] or 5, RAG_ORDER[b.rag] or 5
    if ra ~= rb then return ra < rb end
    return a.i < b.i
  end)
  local rows = {}
  for k = 1, math.min(MAX_OBJECTIVES, #list) do
    local o = list[k].o
    local status = list[k].rag
    rows[k] = { fmt.text(o.id), fmt.short(o.title, TEXT_MAX),
                (status == "Red" or status == "Amber") and { waymark.bold(status) } or status,
                o.deadline and fmt.quarter(o.deadline) or "None",
                o.completes and fmt.quarter(o.completes) or "Not in this plan" }
  end
  local rule = "Red: late, or waiting on deferred work. Amber: done in its deadline's quarter. "
    .. "Green: earlier."
  if #list > MAX_OBJECTIVES then
    rule = rule .. " The first " .. fmt.words(MAX_OBJECTIVES) .. " of " .. fmt.count(#list)
      .. "; all are in Objectives and measures."
  end
  blocks[#blocks + 1] = waymark.paragraph(rule)
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("ID"), fmt.col("Objective", "left", 1), fmt.col("Status"),
                fmt.col("Deadline"), fmt.col("Completes") },
    rows = rows,
  }
  return blocks
end

-- The highest-ranked scheduled Must initiatives, on the quarters they span.
local function musts(f)
  local picked, total = {}, 0
  for _, p in ipairs(f.scheduled) do
    if p.tier == "must" then
      total = total + 1
      if #picked < MAX_MUSTS then picked[#picked + 1] = p end
    end
  end
  if #picked == 0 then return {} end
  local first, last
  for _, p in ipairs(picked) do
    if not first or p.start_i < first then first = p.start_i end
    if not last or p.end_i > last then last = p.end_i end
  end
  while last - first + 1 < 4 and (last < f.nq or first > 1) do
    if last < f.nq then last = last + 1 else first = first - 1 end
  end
  local quarters, rows = {}, {}
  for i = first, last do quarters[#quarters + 1] = f.quarters[i] end
  for _, p in ipairs(picked) do
    rows[#rows + 1] = { id = p.id, label = fmt.text(p.id) .. " " .. fmt.short(p.title, 40),
                        start = p.start, ["end"] = p["end"], tier = "must" }
  end
  local title = total > #picked
    and ("The first " .. fmt.words(#picked) .. " of " .. fmt.nplural(total, "Must initiative")
      .. ", by rank")
    or (fmt.all_of(total, "Must initiative") .. ", by rank")
  return {
    waymark.heading("Must-have initiatives", 2),
    waymark.chart { kind = "gantt", title = title, data = { quarters = quarters, rows = rows } },
  }
end

local function risks(f)
  if #f.risks == 0 then return {} end
  local rows = {}
  for i = 1, math.min(MAX_RISKS, #f.risks) do
    local r = f.risks[i]
    rows[i] = { fmt.text(r.id), fmt.short(r.title, TEXT_MAX), fmt.count(r.score),
                fmt.short(r.mitigation, TEXT_MAX) }
  end
  return {
    waymark.heading("Top risks", 2),
    waymark.table {
      columns = { fmt.col("ID"), fmt.col("Risk", "left", 1), fmt.col("Score", "right"),
                  fmt.col("Mitigation", "left", 1) },
      rows = rows,
    },
  }
end

-- The decisions the engagement asks of the board (engagement.decisions).
local function decisions(f)
  local list = facts.list(f.eng.decisions)
  if #list == 0 then return {} end
  local items = {}
  for i = 1, math.min(MAX_DECISIONS, #list) do
    local d = list[i]
    local s = fmt.short(d.title, 80)
    local extra = {}
    if d.needed_by then extra[#extra + 1] = "by " .. fmt.quarter(d.needed_by) end
    if d.owner then extra[#extra + 1] = fmt.text(d.owner) end
    if #extra > 0 then s = s .. " (" .. table.concat(extra, ", ") .. ")" end
    items[i] = s
  end
  local title = "Decisions for the board"
  if #list > MAX_DECISIONS then
    title = title .. " (the first " .. fmt.words(MAX_DECISIONS) .. " of " .. fmt.count(#list)
      .. "; all are in the executive summary)"
  end
  return { waymark.heading(title, 2), waymark.list(items, true) }
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local blocks = { tiles(f) }
  local function add(list)
    for _, b in ipairs(list) do blocks[#blocks + 1] = b end
  end
  add(decisions(f))
  add(objectives(f))
  add(musts(f))
  add(risks(f))
  return waymark.section { id = "dashboard", title = "At a glance", blocks = blocks }
end

return M
