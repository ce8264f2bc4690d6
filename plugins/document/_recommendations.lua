-- Decisions and recommendations: the consultant's own words that the
-- dashboard had no room for (the rest of narrative.summary), then the
-- decisions asked of the board, each with its detail, and beside them the
-- consultant's recommendations (narrative.recommendations).  Only when the
-- engagement has either; the Executive summary then leaves the decisions
-- here, so that it stays one page.

local summary = require("_summary")
local narrative = require("_narrative")

local M = {}

---@param f document.Facts
---@return waymark.Section?
function M.section(f)
  if not f.words_section then return nil end
  local blocks = {}
  if #f.summary_rest > 0 then
    blocks[1] = waymark.heading("Summary, continued", 2)
    for _, b in ipairs(f.summary_rest) do blocks[#blocks + 1] = b end
  end
  for _, b in ipairs(summary.decisions(f)) do blocks[#blocks + 1] = b end
  local recommendations = narrative.recommendations(f)
  if #recommendations > 0 then
    blocks[#blocks + 1] = waymark.heading("Our recommendations", 2)
    blocks[#blocks + 1] = waymark.list(recommendations, true)
  end
  return waymark.section { id = "recommendations", title = "Decisions and recommendations",
                           blocks = blocks }
end

return M
