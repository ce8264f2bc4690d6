-- Current-state assessment: maturity per area, current against target, as a
-- radar chart and a table.  Only when the engagement has an assessment.

local fmt = require("_fmt")

local M = {}

local SCALE_MAX = 5

---@param f document.Facts
---@return waymark.Section? # nil without an assessment
function M.section(f)
  local areas = f.eng.assessment or {}
  if #areas == 0 then return nil end
  local axes, current, target, rows = {}, {}, {}, {}
  local any_target, gaps = false, {}
  for i, a in ipairs(areas) do
    local name = fmt.label(a.dimension)
    local cur = fmt.num(a.current)
    local tgt = fmt.finite(a.target) and a.target or nil
    axes[i] = name
    current[i] = cur
    target[i] = tgt or cur -- no target: drawn at the current level (no gap)
    any_target = any_target or tgt ~= nil
    local gap = tgt and (tgt - cur) or nil
    if gap and gap > 0 then gaps[#gaps + 1] = { name = name, gap = gap, i = i } end
    rows[i] = { name, fmt.level(cur), tgt and fmt.level(tgt) or fmt.DASH,
                gap and fmt.level(gap) or fmt.DASH, fmt.text(a.note) }
  end

  local series = { { name = "Current", values = current } }
  if any_target then series[2] = { name = "Target", values = target } end
  -- With fewer than three areas the chart draws the radar as bars itself.
  local chart = waymark.chart { kind = "radar", title = "Maturity: current and target",
                                data = { axes = axes, series = series, max = SCALE_MAX } }

  local intro = "Each area is scored for maturity from 0 to " .. SCALE_MAX .. ", where higher "
    .. "is more mature"
  if any_target then
    intro = intro .. ": where it stands today (Current) and the level this roadmap aims for "
      .. "(Target). The gap is the difference between the two."
  else
    intro = intro .. ", as it stands today. No targets were set."
  end
  -- The largest gap, and every area that shares it, in the engagement's order.
  local largest = 0
  for _, g in ipairs(gaps) do largest = math.max(largest, g.gap) end
  local top = {}
  for _, g in ipairs(gaps) do
    if fmt.level(g.gap) == fmt.level(largest) then top[#top + 1] = g.name end
  end
  if #top == 1 then
    intro = intro .. " The largest gap is in " .. top[1] .. " (" .. fmt.level(largest) .. ")."
  elseif #top > 1 and #top == #areas then
    intro = intro .. " Every area has the same gap (" .. fmt.level(largest) .. ")."
  elseif #top > 1 then
    intro = intro .. " The largest gaps, " .. fmt.level(largest) .. " each, are in "
      .. fmt.join_and(top) .. "."
  end

  return waymark.section {
    id = "assessment", title = "Current-state assessment",
    blocks = {
      waymark.paragraph(intro),
      chart,
      waymark.table {
        columns = { fmt.col("Area"), fmt.col("Current", "right"), fmt.col("Target", "right"),
                    fmt.col("Gap", "right"), fmt.col("Note", "left", 1) },
        rows = rows,
      },
    },
  }
end

return M
