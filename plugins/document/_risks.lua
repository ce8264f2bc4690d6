-- Risk register: a heat map of the risks by likelihood and impact, and the
-- register in the plan's order (score, highest first, then id).

local fmt = require("_fmt")

local M = {}

local function whole_1_to_5(x)
  return math.type(x) == "integer" and x >= 1 and x <= 5
    or (type(x) == "number" and x == math.floor(x) and x >= 1 and x <= 5)
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local risks = f.risks
  if #risks == 0 then
    return waymark.section { id = "risks", title = "Risk register", blocks = {
      waymark.paragraph("The engagement records no risks."),
    } }
  end
  local cells, rows, counts = {}, {}, {}
  for i, r in ipairs(risks) do
    if whole_1_to_5(r.likelihood) and whole_1_to_5(r.impact) then
      cells[#cells + 1] = { likelihood = math.tointeger(r.likelihood),
                            impact = math.tointeger(r.impact), label = fmt.text(r.id) }
    end
    local linked = type(r.initiatives) == "table" and #r.initiatives > 0
      and table.concat(r.initiatives, ", ") or fmt.DASH
    rows[i] = { fmt.text(r.id), fmt.text(r.title), fmt.count(r.likelihood), fmt.count(r.impact),
                fmt.count(r.score), fmt.band(r.band), fmt.text(r.owner), fmt.text(r.mitigation),
                linked }
    if type(r.band) == "string" then counts[r.band] = (counts[r.band] or 0) + 1 end
  end
  local by_band, only = {}, nil
  local num = fmt.counter({ counts.critical or 0, counts.high or 0, counts.medium or 0,
                            counts.low or 0 })
  for _, b in ipairs({ "critical", "high", "medium", "low" }) do
    if counts[b] then
      by_band[#by_band + 1] = num(counts[b]) .. " " .. b
      if counts[b] == #risks then only = b end
    end
  end
  local intro = "Each risk is scored as likelihood (L) × impact (I), each from 1 (lowest) to 5 "
    .. "(highest), and banded: 1–4 low, 5–9 medium, 10–16 high, 17–25 critical. The register "
    .. "lists " .. fmt.nplural(#risks, "risk")
  if only then
    intro = intro .. " (" .. (#risks == 1 and "" or "all ") .. only .. ")"
  elseif #by_band > 0 then
    intro = intro .. " (" .. fmt.join_and(by_band) .. ")"
  end
  intro = intro .. (#risks > 1 and ", highest score first." or ".")
    .. " Linked initiatives are the ones that mitigate the risk."
  return waymark.section {
    id = "risks", title = "Risk register",
    blocks = {
      waymark.paragraph(intro),
      waymark.chart { kind = "heatmap", title = "Risks by likelihood and impact",
                      data = { cells = cells } },
      waymark.table {
        columns = { fmt.col("ID"), fmt.col("Risk", "left", 3), fmt.col("L", "right"),
                    fmt.col("I", "right"), fmt.col("Score", "right"), fmt.col("Band"),
                    fmt.col("Owner", "left", 1), fmt.col("Mitigation", "left", 3),
                    fmt.col("Linked initiatives", "left", 1) },
        rows = rows,
      },
    },
  }
end

return M
