-- The executive summary: one page a board reads first.  Key figures as
-- key-value lines, a short lead paragraph, warnings as callouts, the top
-- five priorities and the top three risks.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

local TOP_PRIORITIES, TOP_RISKS, NAMED_AT_RISK = 5, 3, 3
local TITLE_MAX = 90 -- characters of a title on this page (longer ones are shortened)

-- "2 for lack of capacity, 1 beyond the horizon"
local KIND_ORDER = { "capacity", "budget", "blocked", "horizon", "dependency", "wont" }
local KIND_WORDS = {
  capacity = "for lack of capacity", budget = "by the per-quarter budget",
  blocked = "by blocked quarters",
  horizon = "beyond the horizon", dependency = "waiting on deferred work",
  wont = "marked won't have",
}
-- " for lack of capacity" when every deferral has one reason, otherwise
-- " (two for lack of capacity, one beyond the horizon)".
local function deferral_breakdown(f)
  local count, other = {}, 0
  for _, p in ipairs(f.deferred) do
    if KIND_WORDS[p.reason_kind] then
      count[p.reason_kind] = (count[p.reason_kind] or 0) + 1
    else
      other = other + 1
    end
  end
  local ns = { other }
  for _, k in ipairs(KIND_ORDER) do ns[#ns + 1] = count[k] end
  local num = fmt.counter(ns)
  local parts, only = {}, nil
  for _, k in ipairs(KIND_ORDER) do
    if count[k] then
      parts[#parts + 1] = num(count[k]) .. " " .. KIND_WORDS[k]
      only = count[k] == #f.deferred and KIND_WORDS[k] or nil
    end
  end
  if only then return " " .. only end
  if other > 0 then parts[#parts + 1] = num(other) .. " for other reasons" end
  return " (" .. table.concat(parts, ", ") .. ")"
end

local function lead(f)
  local n, ns, nd = #f.inis, #f.scheduled, #f.deferred
  local t = f.totals
  local s
  if ns == 0 then
    return "None of the " .. fmt.nplural(n, "initiative") .. " could be scheduled within the "
      .. "horizon, " .. facts.horizon_words(f) .. ". The appendix gives the reason for each."
  end
  local which
  if ns == n then
    which = fmt.all_of(n, "initiative"):gsub("^%u", string.lower)
  else
    which = fmt.words(ns) .. " of " .. fmt.nplural(n, "initiative")
  end
  local first, last = f.quarters[f.first_i], f.quarters[f.last_i]
  local span = first == last and ("in " .. fmt.quarter(first))
    or ("from " .. fmt.quarters_words(first, last))
  local b = f.basis
  s = "This roadmap schedules " .. which .. " " .. span .. ". The work is expected to cost "
    .. fmt.money(b.work) .. " (" .. fmt.money(t.p80) .. " at 80% confidence)"
  if f.contingency_rate > 0 then
    s = s .. "; with a " .. fmt.rate(f.contingency_rate) .. " contingency of "
      .. fmt.money(b.contingency) .. ", the budgeted total is " .. fmt.money(b.total)
  end
  s = s .. "."
  if nd > 0 then
    s = s .. " The other " .. (nd == 1 and "one is" or fmt.words(nd) .. " are") .. " deferred"
      .. deferral_breakdown(f) .. "; the appendix gives the "
      .. (nd == 1 and "reason." or "reasons.")
  end
  return s
end

-- The work's cost side by side: expected, P50, P80, P90.
local function estimate_table(f)
  local t = f.totals
  return waymark.table {
    columns = { fmt.col("Cost of the work, before contingency", "left", 1),
                fmt.col("Expected", "right"), fmt.col("P50", "right"), fmt.col("P80", "right"),
                fmt.col("P90", "right") },
    rows = { { "Labour and other costs of the scheduled initiatives", fmt.money(f.basis.work),
               fmt.money(t.p50), fmt.money(t.p80), fmt.money(t.p90) } },
  }
end

-- How the budgeted total stands against the budget, to follow "the
-- budgeted total is": "£18,762 over it (2% of the budget)", "£400,000 under
-- it, leaving 32% of the budget unused", "exactly on it".
function M.budget_fit(variance, budget)
  local shown = waymark.round(variance)
  if shown == 0 then return "exactly on it" end
  if shown < 0 then
    local s = fmt.money(-variance) .. " over it"
    if budget > 0 then s = s .. " (" .. fmt.pct(-variance / budget) .. " of the budget)" end
    return s
  end
  local s = fmt.money(variance) .. " under it"
  if budget > 0 then
    s = s .. ", leaving " .. fmt.pct(variance / budget) .. " of the budget unused"
  end
  return s
end

local function key_figures(f)
  local t = f.totals
  local items = {}
  if #f.scheduled == 0 then
    items[1] = { "Budgeted total", fmt.money(0) .. ": nothing is scheduled" }
    items[2] = { "Duration", facts.duration(f) }
    items[3] = { "Initiatives", "0 scheduled, " .. fmt.count(#f.deferred) .. " deferred" }
    items[4] = { "Budget", fmt.finite(f.budget_total) and (fmt.money(f.budget_total) .. ", unused")
      or "None given" }
    return { waymark.kv(items) }
  end
  local b = f.basis
  if f.contingency_rate > 0 then
    items[#items + 1] = { "Contingency", fmt.money(b.contingency) .. " ("
      .. fmt.rate(f.contingency_rate) .. " of the work); it covers "
      .. fmt.pct(t.contingency_confidence) .. " of simulated outcomes" }
    items[#items + 1] = { "Budgeted total", fmt.money(b.total) .. ": the work and its contingency" }
  else
    items[#items + 1] = { "Contingency", "None; the expected cost of the work covers "
      .. fmt.pct(t.contingency_confidence) .. " of simulated outcomes" }
    items[#items + 1] = { "Budgeted total", fmt.money(b.total)
      .. ": the work, with no contingency" }
  end
  if fmt.finite(f.budget_total) then
    local variance = fmt.finite(t.variance) and t.variance or f.budget_total - b.total
    items[#items + 1] = { "Budget", fmt.money(f.budget_total) .. ": the budgeted total is "
      .. M.budget_fit(variance, f.budget_total) }
    items[#items + 1] = { "Chance the work fits the budget", fmt.pct(t.p_within_budget)
      .. " of simulated outcomes, before contingency" }
  else
    items[#items + 1] = { "Budget", "None given: budget fit is not assessed" }
  end
  items[#items + 1] = { "Duration", facts.duration(f) }
  items[#items + 1] = { "Initiatives", fmt.count(#f.scheduled) .. " scheduled, "
    .. fmt.count(#f.deferred) .. " deferred" }
  return { estimate_table(f), waymark.kv(items) }
end

local function budget_callout(f)
  local t = f.totals
  if not fmt.finite(f.budget_total) then
    return waymark.callout("info", "The engagement gives no total budget, so this report does "
      .. "not assess budget fit. The costs and their confidence range are in Costs and budget.",
      "No budget given")
  end
  local b = f.basis
  local variance = fmt.finite(t.variance) and t.variance or f.budget_total - b.total
  if waymark.round(variance) >= 0 or #f.scheduled == 0 then return nil end
  local body = "The budgeted total of " .. fmt.money(b.total)
    .. ", the work and its contingency, is " .. fmt.money(-variance) .. " over the "
    .. fmt.money(f.budget_total) .. " budget. "
  if b.work <= f.budget_total and b.contingency > 0 then
    body = body .. "The work alone fits within it (" .. fmt.pct(t.p_within_budget)
      .. " of simulated outcomes); the contingency allowance does not. "
  elseif fmt.pct(t.p_within_budget) == "0%" then
    body = body .. "The estimates exceed it even before contingency, and none of the simulated "
      .. "outcomes stays within it. "
  else
    body = body .. "The estimates exceed it even before contingency: only "
      .. fmt.pct(t.p_within_budget) .. " of simulated outcomes stay within it. "
  end
  local cut = facts.cut_sentence(f.plan.cut_line, "the " .. fmt.money(f.budget_total)
    .. " budget")
  body = body
    .. (cut or "The gap closes if the budget is raised or lower-priority work is deferred.")
  return waymark.callout("warn", body, "Over budget")
end

local function objectives_callout(f)
  local n = #f.at_risk
  if n == 0 then return nil end
  local named = {}
  for i = 1, math.min(n, NAMED_AT_RISK) do
    local o = f.at_risk[i]
    local forecast = o.completes and ("forecast " .. fmt.quarter(o.completes))
      or "not completed in this plan"
    local deadline = o.deadline and ("deadline " .. fmt.quarter(o.deadline)) or "no deadline"
    named[i] = fmt.text(o.id) .. " " .. fmt.short(o.title, 60) .. " (" .. deadline .. ", "
      .. forecast .. ")"
  end
  local total = #f.objectives
  local who = n == total and fmt.all_of(n, "objective")
    or ("Of the " .. fmt.nplural(total, "objective") .. ", " .. fmt.words(n))
  local body = who .. (n == 1 and " is" or " are") .. " at risk: " .. table.concat(named, "; ")
  if n > NAMED_AT_RISK then
    body = body .. "; and " .. fmt.words(n - NAMED_AT_RISK) .. " more"
  end
  body = body .. ". An objective is at risk when the plan completes it after its deadline, or "
    .. "when an initiative serving it is deferred. See Objectives and measures."
  return waymark.callout("warn", body, n == 1 and "Objective at risk" or "Objectives at risk")
end

local function priorities(f)
  local rows = {}
  for i = 1, math.min(TOP_PRIORITIES, #f.inis) do
    local p = f.inis[i]
    local title = fmt.short(p.title, TITLE_MAX)
    if not p.start_i then
      title = { title, waymark.italic("\nDeferred: " .. facts.deferral(f, p)) }
    end
    rows[i] = { fmt.count(p.rank or i), fmt.text(p.id), title, fmt.tier(p.tier), facts.when(p) }
  end
  return waymark.table {
    columns = { fmt.col("Rank", "right"), fmt.col("ID"), fmt.col("Initiative", "left", 1),
                fmt.col("Tier"), fmt.col("When") },
    rows = rows,
  }
end

local function risks(f)
  local rows = {}
  for i = 1, math.min(TOP_RISKS, #f.risks) do
    local r = f.risks[i]
    rows[i] = { fmt.text(r.id), fmt.short(r.title, TITLE_MAX), fmt.count(r.score),
                fmt.band(r.band), fmt.short(r.owner, 30) }
  end
  return waymark.table {
    columns = { fmt.col("ID"), fmt.col("Risk", "left", 1), fmt.col("Score", "right"),
                fmt.col("Band"), fmt.col("Owner") },
    rows = rows,
  }
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local blocks = { waymark.paragraph(lead(f)) }
  for _, k in ipairs(key_figures(f)) do blocks[#blocks + 1] = k end
  local b = budget_callout(f)
  if b then blocks[#blocks + 1] = b end
  local o = objectives_callout(f)
  if o then blocks[#blocks + 1] = o end
  local decisions = facts.list(f.eng.decisions)
  if #decisions > 0 then
    blocks[#blocks + 1] = waymark.heading("Decisions for the board", 2)
    local items = {}
    for i, d in ipairs(decisions) do
      local s = { waymark.bold(fmt.text(d.title)) }
      local extra = {}
      if d.needed_by then extra[#extra + 1] = "needed by " .. fmt.quarter(d.needed_by) end
      if d.owner then extra[#extra + 1] = "decided by " .. fmt.text(d.owner) end
      if #extra > 0 then s[#s + 1] = " (" .. table.concat(extra, ", ") .. ")" end
      if d.detail then s[#s + 1] = ". " .. fmt.text(d.detail) end
      items[i] = s
    end
    blocks[#blocks + 1] = waymark.list(items, true)
  end
  blocks[#blocks + 1] = waymark.heading("Top priorities", 2)
  blocks[#blocks + 1] = priorities(f)
  blocks[#blocks + 1] = waymark.heading("Top risks", 2)
  if #f.risks > 0 then
    blocks[#blocks + 1] = risks(f)
  else
    blocks[#blocks + 1] = waymark.paragraph("The engagement records no risks.")
  end
  return waymark.section { id = "summary", title = "Executive summary", blocks = blocks }
end

return M
