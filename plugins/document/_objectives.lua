-- Objectives and measures: each objective with its measures of success, its
-- deadline, when the plan completes it, and whether that is on time.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

-- When the plan completes an objective, or why it does not.
local function forecast(f, o)
  if o.completes then return fmt.quarter(o.completes) end
  local serving = f.serving[o.id] or {}
  if #serving == 0 then return "No initiative serves it" end
  local deferred = {}
  for _, id in ipairs(serving) do
    local p = f.ini[id]
    if p and not p.start_i then deferred[#deferred + 1] = id end
  end
  if #deferred == 1 then return "Not in this plan: " .. deferred[1] .. " is deferred" end
  if #deferred > 1 then
    return "Not in this plan: " .. fmt.words(#deferred) .. " of its initiatives are deferred"
  end
  return "Not in this plan"
end

local STATUS = {
  at_risk = { waymark.bold("At risk") }, on_track = "On track", open = "No deadline",
  unknown = fmt.DASH,
}

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local with_measures = false
  for _, o in ipairs(f.objectives) do
    local e = f.eng_obj[o.id]
    if e and #(e.measures or {}) > 0 then with_measures = true end
  end
  local columns = { fmt.col("ID"), fmt.col("Objective", "left", 3) }
  if with_measures then columns[#columns + 1] = fmt.col("Measures of success", "left", 3) end
  columns[#columns + 1] = fmt.col("Deadline")
  columns[#columns + 1] = fmt.col("Forecast completion", "left", 1)
  columns[#columns + 1] = fmt.col("Status")

  local rows, on_track, at_risk, open = {}, 0, 0, 0
  for _, o in ipairs(f.objectives) do
    local e = f.eng_obj[o.id] or {}
    local title = fmt.text(o.title or e.title)
    if type(e.description) == "string" and e.description ~= "" then
      title = { waymark.bold(title), "\n" .. fmt.text(e.description) }
    end
    local row = { fmt.text(o.id), title }
    if with_measures then
      local m = e.measures or {}
      row[#row + 1] = #m > 0 and table.concat(m, "; ") or fmt.DASH
    end
    row[#row + 1] = o.deadline and fmt.quarter(o.deadline) or "None"
    row[#row + 1] = forecast(f, o)
    local st = facts.objective_state(f, o)
    row[#row + 1] = STATUS[st]
    rows[#rows + 1] = row
    if st == "open" then
      open = open + 1
    elseif st == "at_risk" then
      at_risk = at_risk + 1
    else
      on_track = on_track + 1
    end
  end

  local counts = {}
  local num = fmt.counter({ on_track, at_risk, open })
  local function is(n) return num(n) .. (n == 1 and " is " or " are ") end
  if on_track > 0 then counts[#counts + 1] = is(on_track) .. "on track" end
  if at_risk > 0 then counts[#counts + 1] = is(at_risk) .. "at risk" end
  if open > 0 then
    counts[#counts + 1] = num(open) .. (open == 1 and " has" or " have") .. " no deadline"
  end
  local intro = "An objective completes when the last initiative serving it ends. It is on "
    .. "track when that is no later than its deadline, and at risk when it is later or when an "
    .. "initiative serving it is deferred."
  local n = #f.objectives
  if #counts == 1 then -- all alike: "Both objectives are at risk."
    local rest = counts[1]:gsub("^%S+ ", "")
    if n ~= 1 then rest = rest:gsub("^is ", "are "):gsub("^has ", "have ") end
    intro = intro .. " " .. fmt.all_of(n, "objective") .. " " .. rest .. "."
  elseif #counts > 1 then
    intro = intro .. " Of the " .. fmt.nplural(n, "objective") .. ", " .. fmt.join_and(counts)
      .. "."
  end
  return waymark.section {
    id = "objectives", title = "Objectives and measures",
    blocks = {
      waymark.paragraph(intro),
      waymark.table { columns = columns, rows = rows },
    },
  }
end

return M
