-- prioritise/wsjf: weighted shortest job first within MoSCoW tiers
-- (method.md, "Prioritise").  Cost of delay = w_bv x business_value +
-- w_tc x time_criticality + w_rr x risk_reduction; WSJF = cost of delay /
-- effort_days; no effort gives no score, which ranks first in its tier.

local inputs = require("_inputs")

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function prioritise(plan, ctx)
  local eng = ctx.engagement
  local w = eng.prioritisation.weights
  local w_bv, w_tc, w_rr = w.business_value or 1, w.time_criticality or 1, w.risk_reduction or 1
  local all, days = inputs.all(eng), inputs.effort_days(plan)
  local scored = {}
  for _, ini in ipairs(eng.initiatives) do
    local x, d = all[ini.id], days[ini.id]
    local cod = w_bv * x.business_value + w_tc * x.time_criticality + w_rr * x.risk_reduction
    scored[#scored + 1] = {
      id = ini.id, tier = ini.moscow,
      score = d > inputs.NO_EFFORT and cod / d or nil,
      inputs = { business_value = x.business_value, time_criticality = x.time_criticality,
                 risk_reduction = x.risk_reduction, cost_of_delay = cod, effort_days = d },
    }
  end
  return inputs.ranked(scored, "wsjf")
end

---@type waymark.Plugin
local plugin = {
  name = "prioritise/wsjf",
  version = "1.0.0",
  api_version = 1,
  description = "Weighted shortest job first (cost of delay / effort), MoSCoW tiers first",
  hooks = { prioritise = prioritise },
}

return plugin
