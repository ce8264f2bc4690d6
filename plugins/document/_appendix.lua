-- Appendix: the method and its assumptions (team rates and capacities
-- included), the deferred initiatives with their reasons, the plugins that
-- ran, and the checksum of the engagement file.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

local MONTHS = { "January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December" }

-- "2026-11-24" -> "24 November 2026"
local function date(s)
  if type(s) ~= "string" then return fmt.DASH end
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y or not MONTHS[tonumber(m)] then return s end
  return tostring(tonumber(d)) .. " " .. MONTHS[tonumber(m)] .. " " .. y
end

-- Whether a default plugin made the plan: true, false, or true when the
-- host has not said (plan.plugins is filled after the last stage).
local function default_ran(f, name)
  return f.ran == nil or f.ran[name] == true
end

local function item(title, text)
  return { waymark.bold(title .. ". "), text }
end

local function replaced(title, what)
  return item(title, "Worked out by a plugin that replaces Waymark's default " .. what
    .. "; see Plugins below.")
end

local function method_items(f)
  local items = {}
  if default_ran(f, "estimate/pert") then
    items[#items + 1] = item("Estimates", "Each initiative's effort is estimated per role in "
      .. "person-days, as optimistic, most likely and pessimistic figures. The expected effort is "
      .. "the PERT mean, (optimistic + 4 × most likely + pessimistic) ÷ 6, and its spread the "
      .. "PERT standard deviation, (pessimistic – optimistic) ÷ 6.")
    local c = f.contingency_rate > 0
      and ("Contingency is " .. fmt.rate(f.contingency_rate) .. " of labour and other costs.")
      or "There is no contingency allowance."
    items[#items + 1] = item("Costs", "Labour is the expected effort times the role's day rate. "
      .. "One-off costs fall in the quarter an initiative starts; monthly and yearly running "
      .. "costs fall in each quarter after it ends, to the end of the horizon. " .. c)
    items[#items + 1] = item("Confidence", "A Monte Carlo simulation draws every scheduled "
      .. "initiative's effort, role by role, from a Beta-PERT distribution over its three-point "
      .. "range, many times over, and prices each outcome at the day rates plus the other "
      .. "costs. P50, P80 and P90 are the 50th, 80th and 90th percentiles of those outcomes. The "
      .. "simulation uses a fixed seed, so the same engagement always gives the same figures.")
  else
    items[#items + 1] = replaced("Estimates and costs", "estimates, costs and simulation")
  end
  local prio = facts.method_text(f) .. " " .. facts.TIER_RULE
  local m = facts.method(f)
  if m == "wsjf" or m == "weighted" then
    prio = prio .. " Where an initiative has no business value score, it takes the highest value "
      .. "among the objectives it serves."
  end
  items[#items + 1] = item("Prioritisation", prio)
  if default_ran(f, "schedule/capacity") then
    local s = "Initiatives are scheduled in rank order, each one's prerequisites first. A role's "
      .. "effort fills that role's capacity quarter by quarter, from the first quarter the "
      .. "initiative may start (after its prerequisites end, and not before any earliest start "
      .. "it has); roles without a capacity limit are spread evenly over the same quarters. "
      .. "Won't-have initiatives are deferred at once; so is anything that does not fit within "
      .. "the horizon, and anything that depends on deferred work."
    if fmt.finite(f.per_quarter) then
      s = s .. " Labour and one-off costs placed in any quarter stay within the per-quarter "
        .. "budget of " .. fmt.money(f.per_quarter) .. "."
    end
    s = s .. " The total budget is not a limit: the plan reports the variance against it."
    items[#items + 1] = item("Scheduling", s)
  else
    items[#items + 1] = replaced("Scheduling", "scheduler")
  end
  items[#items + 1] = item("Objectives", "An objective completes when the last initiative "
    .. "serving it ends, and is at risk when that is after its deadline or when an initiative "
    .. "serving it is deferred.")
  if default_ran(f, "risks/register") then
    items[#items + 1] = item("Risks", "A risk's score is likelihood × impact, each from 1 to 5; "
      .. "scores 1–4 are low, 5–9 medium, 10–16 high and 17–25 critical.")
  else
    items[#items + 1] = replaced("Risks", "risk scoring")
  end
  items[#items + 1] = item("Horizon", facts.horizon(f) .. ".")
  items[#items + 1] = item("Rounding", "Amounts are shown in whole units of the engagement's "
    .. "currency (" .. fmt.text(f.plan.currency or f.ctx.run.currency) .. "), rounded half away "
    .. "from zero, and days to one decimal. Where a table shows a total, its rounded parts are "
    .. "adjusted by largest remainder so that they add up to the total shown.")
  return items
end

local function team_table(f)
  local rows = {}
  for i, role in ipairs(f.team) do
    rows[i] = { fmt.label(role.name), fmt.money(role.rate),
                fmt.finite(role.capacity) and fmt.capacity(role.capacity) or "No limit" }
  end
  return waymark.table {
    columns = { fmt.col("Role"), fmt.col("Day rate", "right"),
                fmt.col("Capacity per quarter (days)", "right") },
    rows = rows,
  }
end

local function deferred(f)
  local blocks = { waymark.heading("Deferred initiatives", 2) }
  if #f.deferred == 0 then
    blocks[2] = waymark.paragraph("No initiative is deferred: everything fits within the horizon.")
    return blocks
  end
  local rows = {}
  for i, p in ipairs(f.deferred) do
    rows[i] = { fmt.count(p.rank), fmt.text(p.id), fmt.text(p.title), fmt.tier(p.tier),
                facts.reason(p), fmt.money(p.cost) }
  end
  blocks[2] = waymark.paragraph("These initiatives are not in the plan or its totals. The cost "
    .. "is what each would cost if scheduled, without running costs.")
  blocks[3] = waymark.table {
    columns = { fmt.col("Rank", "right"), fmt.col("ID"), fmt.col("Initiative", "left", 2),
                fmt.col("Tier"), fmt.col("Reason", "left", 2), fmt.col("Cost", "right") },
    rows = rows,
  }
  return blocks
end

local ORIGINS = { ["built-in"] = "Built in", ["local"] = "Engagement folder",
                  user = "User folder", option = "Command line" }

local function plugins(f)
  local blocks = { waymark.heading("Plugins", 2) }
  if #f.plugins == 0 then
    blocks[2] = waymark.paragraph("The plugins that made this plan, with their versions and "
      .. "checksums, are recorded in the plan's data (its plugins list).")
    return blocks
  end
  local rows = {}
  for _, p in ipairs(f.plugins) do
    if type(p) == "table" then
      rows[#rows + 1] = { fmt.text(p.name), fmt.text(p.version),
                          ORIGINS[p.origin] or fmt.text(p.origin), fmt.hex(p.sha256) }
    end
  end
  blocks[2] = waymark.paragraph("Each step of the method is a plugin. These ran, in this order; "
    .. "the checksum is the SHA-256 of the plugin's main file.")
  blocks[3] = waymark.table {
    columns = { fmt.col("Plugin"), fmt.col("Version"), fmt.col("Source"),
                fmt.col("SHA-256", "left", 1) },
    rows = rows,
  }
  return blocks
end

local function input(f)
  local run = f.ctx.run or {}
  return {
    waymark.heading("Input", 2),
    waymark.kv {
      { "Engagement file SHA-256", fmt.hex(f.eng.input_sha256) },
      { "Prepared with", "Waymark " .. fmt.text(run.tool_version) },
      { "Date", date(run.date) },
    },
  }
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local blocks = {
    waymark.heading("Method and assumptions", 2),
    waymark.list(method_items(f), false),
    waymark.heading("Team rates and capacity", 3),
    team_table(f),
  }
  local function add(list)
    for _, b in ipairs(list) do blocks[#blocks + 1] = b end
  end
  add(deferred(f))
  add(plugins(f))
  add(input(f))
  return waymark.section { id = "appendix", title = "Appendix", blocks = blocks }
end

return M
