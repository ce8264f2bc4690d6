-- The executive summary: one page a board reads first.  Key figures as
-- key-value lines, a short lead paragraph, warnings as callouts, the top
-- five priorities and the top three risks.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

local TOP_PRIORITIES, TOP_RISKS, NAMED_AT_RISK = 5, 3, 3
local TITLE_MAX = 90 -- characters of a title on this page (longer ones are shortened)

-- "2 for lack of capacity, 1 beyond the horizon"
local KIND_ORDER = { "capacity", "budget", "horizon", "dependency", "wont" }
local KIND_WORDS = {
  capacity = "for lack of capacity", budget = "by the per-quarter budget",
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
  s = "This roadmap schedules " .. which .. " " .. span .. " at an expected cost of "
    .. fmt.money(fmt.num(t.cost))
  if f.contingency_rate > 0 then
    s = s .. ", including a " .. fmt.rate(f.contingency_rate) .. " contingency"
  end
  s = s .. "."
  if nd > 0 then
    s = s .. " The other " .. (nd == 1 and "one is" or fmt.words(nd) .. " are") .. " deferred"
      .. deferral_breakdown(f) .. "; the appendix gives the "
      .. (nd == 1 and "reason." or "reasons.")
  end
  return s
end

local function key_figures(f)
  local t = f.totals
  local items = {}
  if #f.scheduled == 0 then
    items[1] = { "Expected cost", fmt.money(0) .. ": nothing is scheduled" }
    items[2] = { "Duration", facts.duration(f) }
    items[3] = { "Initiatives", "0 scheduled, " .. fmt.count(#f.deferred) .. " deferred" }
    items[4] = { "Budget", fmt.finite(f.budget_total) and (fmt.money(f.budget_total) .. ", unused")
      or "None given" }
    return waymark.kv(items)
  end
  local cost = fmt.money(fmt.num(t.cost))
  if f.contingency_rate > 0 then
    items[#items + 1] = { "Expected cost", cost .. ", including "
      .. fmt.money(fmt.num(t.contingency)) .. " contingency" }
  else
    items[#items + 1] = { "Expected cost", cost .. ", with no contingency allowance" }
  end
  items[#items + 1] = { "Cost at 80% confidence (P80)", fmt.money(t.p80) .. ", before contingency" }
  if f.contingency_rate > 0 then
    items[#items + 1] = { "Contingency cover", "The " .. fmt.rate(f.contingency_rate)
      .. " contingency covers " .. fmt.pct(t.contingency_confidence) .. " of simulated outcomes" }
  else
    items[#items + 1] = { "Contingency cover", "No contingency; the expected cost covers "
      .. fmt.pct(t.contingency_confidence) .. " of simulated outcomes" }
  end
  items[#items + 1] = { "Duration", facts.duration(f) }
  items[#items + 1] = { "Initiatives", fmt.count(#f.scheduled) .. " scheduled, "
    .. fmt.count(#f.deferred) .. " deferred" }
  if fmt.finite(f.budget_total) then
    local variance = fmt.finite(t.variance) and t.variance or f.budget_total - fmt.num(t.cost)
    local shown = waymark.round(variance)
    local fit
    if shown < 0 then
      fit = fmt.money(-variance) .. " over budget"
    elseif shown > 0 then
      fit = fmt.money(variance) .. " under budget"
    else
      fit = "on budget"
    end
    if shown ~= 0 and f.budget_total > 0 then
      fit = fit .. " (" .. fmt.pct(math.abs(variance) / f.budget_total) .. " of the budget)"
    end
    items[#items + 1] = { "Budget", fmt.money(f.budget_total) .. ": " .. fit }
    items[#items + 1] = { "Chance of staying within budget", fmt.pct(t.p_within_budget)
      .. " of simulated outcomes, before contingency" }
  else
    items[#items + 1] = { "Budget", "None given: budget fit is not assessed" }
  end
  return waymark.kv(items)
end

local function budget_callout(f)
  local t = f.totals
  if not fmt.finite(f.budget_total) then
    return waymark.callout("info", "The engagement gives no total budget, so this report does "
      .. "not assess budget fit. The costs and their confidence range are in Costs and budget.",
      "No budget given")
  end
  local variance = fmt.finite(t.variance) and t.variance or f.budget_total - fmt.num(t.cost)
  if waymark.round(variance) >= 0 or #f.scheduled == 0 then return nil end
  local body = "Including contingency, the expected cost of " .. fmt.money(fmt.num(t.cost))
    .. " is " .. fmt.money(-variance) .. " over the " .. fmt.money(f.budget_total) .. " budget. "
  if fmt.num(t.cost) - fmt.num(t.contingency) <= f.budget_total and fmt.num(t.contingency) > 0 then
    body = body .. "The estimates alone fit within it; the contingency allowance does not. "
      .. "Before contingency, " .. fmt.pct(t.p_within_budget)
      .. " of simulated outcomes stay within budget. "
  elseif fmt.pct(t.p_within_budget) == "0%" then
    body = body .. "The estimates exceed it even before contingency, and none of the simulated "
      .. "outcomes stays within it. "
  else
    body = body .. "The estimates exceed it even before contingency: only "
      .. fmt.pct(t.p_within_budget) .. " of simulated outcomes stay within it. "
  end
  body = body .. "The gap closes if the budget is raised or lower-priority work is deferred."
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
    named[i] = fmt.text(o.id) .. " " .. fmt.short(o.title, 60) .. " (deadline "
      .. fmt.quarter(o.deadline)
      .. ", " .. forecast .. ")"
  end
  local total = #f.objectives
  local who = n == total and fmt.all_of(n, "objective")
    or ("Of the " .. fmt.nplural(total, "objective") .. ", " .. fmt.words(n))
  local body = who .. (n == 1 and " is" or " are") .. " at risk of missing "
    .. (n == 1 and "its" or "their") .. " deadline: " .. table.concat(named, "; ")
  if n > NAMED_AT_RISK then
    body = body .. "; and " .. fmt.words(n - NAMED_AT_RISK) .. " more"
  end
  body = body .. ". See Objectives and measures."
  return waymark.callout("warn", body, n == 1 and "Objective at risk" or "Objectives at risk")
end

local function priorities(f)
  local rows = {}
  for i = 1, math.min(TOP_PRIORITIES, #f.inis) do
    local p = f.inis[i]
    rows[i] = { fmt.count(p.rank or i), fmt.text(p.id), fmt.short(p.title, TITLE_MAX),
                fmt.tier(p.tier), facts.when(p) }
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
  local blocks = { waymark.paragraph(lead(f)), key_figures(f) }
  local b = budget_callout(f)
  if b then blocks[#blocks + 1] = b end
  local o = objectives_callout(f)
  if o then blocks[#blocks + 1] = o end
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
