-- Prioritised initiatives: how they are scored and ranked, then every
-- initiative in rank order.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local rows, unscored = {}, false
  for i, p in ipairs(f.inis) do
    if not fmt.finite(p.score) then unscored = true end
    rows[i] = {
      fmt.count(p.rank or i), fmt.text(p.id), fmt.text(p.title), fmt.tier(p.tier),
      fmt.score(p.score), fmt.days(p.effort_days), fmt.money(f.cost_shown[p.id] or p.cost),
      facts.when(p),
    }
  end
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
      waymark.table {
        columns = {
          fmt.col("Rank", "right"), fmt.col("ID"), fmt.col("Initiative", "left", 1),
          fmt.col("Tier"), fmt.col(facts.score_title(f), "right"),
          fmt.col("Effort (days)", "right"), fmt.col("Cost", "right"), fmt.col("When"),
        },
        rows = rows,
      },
      waymark.paragraph(notes),
    },
  }
end

return M
