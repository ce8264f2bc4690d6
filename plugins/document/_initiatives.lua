-- Prioritised initiatives: how they are scored and ranked, then every
-- initiative in rank order.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

-- The parts of each method's score, shown beside it so that the score reads
-- at one precision: the plan's score_inputs under these keys.
local PARTS = {
  wsjf = { { "business_value", "Value" }, { "time_criticality", "Urgency" },
           { "risk_reduction", "Risk" } },
  rice = { { "reach", "Reach" }, { "impact", "Impact" }, { "confidence", "Confidence" } },
}
local DECIMALS = { wsjf = 2, rice = 0, weighted = 1 } -- the score, in every row alike

-- The initiative's cell: its title, its summary under it, and for a
-- deferred one why.
function M.cell(f, p, eng)
  local runs = { fmt.text(p.title) }
  local summary = eng and eng.summary
  if type(summary) == "string" and summary ~= "" then
    runs = { waymark.bold(fmt.text(p.title)), "\n" .. fmt.text(summary) }
  end
  if not p.start_i then
    runs[#runs + 1] = waymark.italic("\nDeferred: " .. facts.deferral(f, p))
  end
  return #runs == 1 and runs[1] or runs
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local method = facts.method(f)
  local parts = PARTS[method] or {}
  local decimals = DECIMALS[method]
  local rows, unscored = {}, false
  for i, p in ipairs(f.inis) do
    if not fmt.finite(p.score) then unscored = true end
    local row = { fmt.count(p.rank or i), fmt.text(p.id), M.cell(f, p, f.eng_ini[p.id]),
                  fmt.tier(p.tier) }
    local inputs = type(p.score_inputs) == "table" and p.score_inputs or {}
    for _, part in ipairs(parts) do
      local x = inputs[part[1]]
      row[#row + 1] = not fmt.finite(x) and fmt.DASH
        or x == math.floor(x) and fmt.number(x, 0) or fmt.score(x)
    end
    row[#row + 1] = fmt.days(p.effort_days)
    row[#row + 1] = (decimals and fmt.finite(p.score)) and fmt.number(p.score, decimals)
      or fmt.score(p.score)
    row[#row + 1] = fmt.money(f.cost_shown[p.id] or p.cost)
    row[#row + 1] = facts.when(p)
    rows[i] = row
  end
  local columns = { fmt.col("Rank", "right"), fmt.col("ID"), fmt.col("Initiative", "left", 1),
                    fmt.col("Tier") }
  for _, part in ipairs(parts) do columns[#columns + 1] = fmt.col(part[2], "right") end
  columns[#columns + 1] = fmt.col("Effort (days)", "right")
  columns[#columns + 1] = fmt.col(facts.score_title(f), "right")
  columns[#columns + 1] = fmt.col("Cost", "right")
  columns[#columns + 1] = fmt.col("When")
  local notes = "Effort is the expected number of person-days across all roles. Cost includes "
    .. "contingency"
  if #f.deferred > 0 then
    notes = notes .. "; for a deferred initiative it is what the work would cost if scheduled, "
      .. "and it is not in the plan's totals"
  end
  notes = notes .. "."
  if unscored then
    notes = notes .. " A dash in the " .. facts.score_title(f) .. " column means no score: the "
      .. "initiative has no estimated effort, and it ranks first in its tier."
  end
  return waymark.section {
    id = "initiatives", title = "Prioritised initiatives",
    blocks = {
      waymark.paragraph(facts.method_text(f) .. " " .. facts.TIER_RULE),
      waymark.table { columns = columns, rows = rows },
      waymark.paragraph(notes),
    },
  }
end

return M
